import { loadLists } from './shared/screening/load-lists.js';
import { screenPerson } from './shared/screening/screen-person.js';
const { index } = await loadLists('/work/shared/data/sanctions');
for (const name of ['Jose Lopez','Ta Khanh','Cao Dung','Wu Min','Chen Yang','Guo Ping','Han Na','He Li','Xu Gang','Song Li','Hong Ji-yoo','Ahmed Sheikh','Muhammad Abbasi']) {
  const r = screenPerson(index, { name, type: 'person' }, undefined, { limit: 2 });
  console.log(name, r.hits.map(h => `${h.sourceId} ${h.score} ${h.reasons[0]}`));
}
