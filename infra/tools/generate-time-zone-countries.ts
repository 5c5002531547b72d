/**
 * Dev tool, not shipped: regenerates shared/domain/document/time-zone-countries.json from the system tz database
 * (zone.tab for canonical zones, tzdata.zi "L" lines for aliases such as Asia/Calcutta or
 * Europe/Kiev). Run: npx tsx infra/tools/generate-time-zone-countries.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';

const dir = process.env.ZONEINFO ?? '/usr/share/zoneinfo';
const map = new Map<string, Set<string>>();
const add = (zone: string, cc: string) => map.set(zone, (map.get(zone) ?? new Set()).add(cc));

for (const line of readFileSync(`${dir}/zone.tab`, 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [cc, , zone] = line.split('\t');
  if (cc && zone) add(zone, cc);
}
// zone1970.tab lists every country that uses a shared zone (e.g. Europe/Berlin: DE,DK,NO,SE,SJ).
for (const line of readFileSync(`${dir}/zone1970.tab`, 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [ccs, , zone] = line.split('\t');
  if (ccs && zone) for (const cc of ccs.split(',')) add(zone, cc);
}
for (const line of readFileSync(`${dir}/tzdata.zi`, 'utf8').split('\n')) {
  const m = /^L (\S+) (\S+)$/.exec(line);
  if (!m) continue;
  const [, target, alias] = m as unknown as [string, string, string];
  if (!map.has(alias) && map.has(target)) for (const cc of map.get(target)!) add(alias, cc);
}
const entries = [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
writeFileSync(
  new URL('../../shared/domain/document/time-zone-countries.json', import.meta.url),
  `${JSON.stringify(Object.fromEntries(entries.map(([z, cc]) => [z, [...cc].sort().join(',')])), null, 2)}\n`,
);
console.log(`${entries.length} zones`);
