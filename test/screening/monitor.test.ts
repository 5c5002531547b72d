import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { rescreen, type MonitoredSubject } from '../../shared/domain/screening/monitor';
import { screenPerson } from '../../shared/domain/screening/screen-person';
import { fixtureCopy } from './fixture-dir';

let dir: string;
beforeAll(async () => {
  dir = await fixtureCopy();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rescreen on a new list version', () => {
  it('reports only subjects with a new or raised hit', async () => {
    const v1 = (await loadLists(dir)).index;
    const subjects: MonitoredSubject[] = [
      { id: 'case-1', query: { name: 'Pak Chol Su', dob: '1985-03-15' } },
      { id: 'case-2', query: { name: 'Anna Nowak', dob: '1990-01-01' } },
    ];
    for (const s of subjects) {
      s.previousHits = screenPerson(v1, s.query).hits.map((h) => ({ source: h.source, sourceId: h.sourceId, score: h.score }));
    }
    // Nothing changed: nothing to report.
    expect(rescreen(v1, subjects)).toEqual([]);

    // The new list designates Anna Nowak.
    const p = join(dir, 'ofac', 'sdn.csv');
    const sdn = await readFile(p, 'latin1');
    const row = '1009,"NOWAK, Anna","individual","DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 01 Jan 1990; Gender Female."\r\n';
    await writeFile(p, sdn.replace('\x1a', '') + row + '\x1a', 'latin1');
    const v2 = (await loadLists(dir)).index;
    const changes = rescreen(v2, subjects);
    expect(changes.map((c) => c.id)).toEqual(['case-2']);
    expect(changes[0]!.newHits.map((h) => h.sourceId)).toEqual(['1009']);
    expect(changes[0]!.listVersion).toBe(v2.listVersion.id);
  });
});
