import { loadLists } from './shared/screening/load-lists.js';
import { buildLabelledSet } from './test/screening/labelled-set.js';
import { measureQuality, engineSearch } from './test/screening/quality.js';
import { screenPerson } from './shared/screening/screen-person.js';
const { index } = await loadLists('/work/shared/data/sanctions');
const set = buildLabelledSet(index);
const q = measureQuality(engineSearch(index), set);
console.log(q.recallByKind, q.misses);
for (const m of q.misses.slice(0, 6)) { const r = screenPerson(index, { name: m.name, type: 'person' }, undefined, { minScore: 0.5, limit: 3 }); console.log(m.name, r.hits.map(h => `${h.sourceId} ${h.score} ${h.reasons[0]}`)); }
console.log(q.falsePositives);
