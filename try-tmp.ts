import { loadLists } from './shared/screening/load-lists.js';
import { screenPerson } from './shared/screening/screen-person.js';
import { buildLabelledSet } from './test/screening/labelled-set.js';
const { index } = await loadLists('/work/shared/data/sanctions');
const set = buildLabelledSet(index);
const qs = [...set.positives.map((p) => p.query), ...set.negatives.map((n) => n.query)];
for (const q of qs) screenPerson(index, q);
const times: [number, string, number][] = [];
for (const q of qs) { const t = performance.now(); const r = screenPerson(index, q); times.push([performance.now() - t, q.name, r.hits.length]); }
times.sort((a, b) => b[0] - a[0]);
console.log(times.slice(0, 15));
