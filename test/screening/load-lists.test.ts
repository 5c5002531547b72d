import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ListLoadError } from '../../shared/domain/screening/list-load-error';
import { ListStore } from '../../shared/adapters/sanctions-lists/list-store';
import { listAsOf, loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { FIXTURE_DIR, fixtureCopy } from './fixture-dir';

const temps: string[] = [];
async function copy(): Promise<string> {
  const d = await fixtureCopy();
  temps.push(d);
  return d;
}
afterEach(async () => {
  for (const d of temps.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('loadLists on the fixtures', () => {
  it('loads OFAC and UN entries and survives the OFAC quirks', async () => {
    const { index, ofacStats } = await loadLists(FIXTURE_DIR);
    expect(ofacStats).toEqual({ entries: 8, orphanAltRows: 1, orphanAddRows: 1, orphanCommentRows: 1 });
    expect(index.entries.filter((e) => e.source === 'un').map((e) => e.sourceId)).toEqual(['KPi.901', 'CDi.901', 'KPe.901']);
    const kim = index.entries.find((e) => e.sourceId === '1001')!;
    // "-0- " columns are empty, not the string "-0-".
    expect(kim.title).toBeUndefined();
    expect(kim.names.map((n) => n.name)).toContain('KIM, Young-Cheol');
    const pak = index.entries.find((e) => e.sourceId === '1002')!;
    expect(pak.programs).toEqual(['DPRK3', 'DPRK4']);
    // The remarks continue in sdn_comments.csv: the passport is only there.
    expect(pak.documents.map((d) => d.number)).toContain('836410050');
    // Orphan alias of ent_num 9999 is not invented into an entry.
    expect(index.names.some((n) => n.name === 'ORPHAN, Alias Only')).toBe(false);
    // XML entities are decoded.
    expect(index.entries.find((e) => e.sourceId === 'KPe.901')!.primaryName).toBe('KOREA EXAMPLE MINING & TRADING CORPORATION');
    const vessel = index.entries.find((e) => e.sourceId === '1006')!;
    expect(vessel.type).toBe('vessel');
  });

  it('records a list version with file hashes and the UN publish date', async () => {
    const { index } = await loadLists(FIXTURE_DIR, new Date('2026-03-01T00:00:00Z'));
    const v = index.listVersion;
    expect(v.id).toMatch(/^[0-9a-f]{16}$/);
    expect(v.loadedAt).toBe('2026-03-01T00:00:00.000Z');
    const un = v.sources.find((s) => s.source === 'un')!;
    expect(un.publishDate).toBe('2026-02-27T00:00:09.554Z');
    const ofac = v.sources.find((s) => s.source === 'ofac-sdn')!;
    expect(ofac.files.map((f) => f.file)).toEqual(['ofac/sdn.csv', 'ofac/alt.csv', 'ofac/add.csv', 'ofac/sdn_comments.csv']);
    for (const f of ofac.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(listAsOf(v).getTime()).toBeLessThanOrEqual(Date.parse('2026-02-27T00:00:09.554Z'));
  });

  it('changes the version id when a file changes', async () => {
    const dir = await copy();
    const before = (await loadLists(dir)).index.listVersion.id;
    const p = join(dir, 'ofac', 'alt.csv');
    const text = await readFile(p, 'utf8');
    await writeFile(p, text.replace('KEXB', 'KEXB2'));
    expect((await loadLists(dir)).index.listVersion.id).not.toBe(before);
  });
});

describe('loadLists refuses damaged files', () => {
  it('reports a truncated sdn.csv with file and line', async () => {
    const dir = await copy();
    const p = join(dir, 'ofac', 'sdn.csv');
    const text = await readFile(p, 'utf8');
    await writeFile(p, text.slice(0, Math.floor(text.length * 0.6)));
    const err = await loadLists(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ListLoadError);
    expect((err as ListLoadError).file).toBe('ofac/sdn.csv');
    expect((err as ListLoadError).line).toBeGreaterThan(0);
  });

  it('reports a row with the wrong number of columns', async () => {
    const dir = await copy();
    const p = join(dir, 'ofac', 'alt.csv');
    const text = await readFile(p, 'utf8');
    await writeFile(p, text.replace('1002,103,"aka","PAK, Cholsu",-0- ', '1002,103,"aka"'));
    const err = (await loadLists(dir).catch((e: unknown) => e)) as ListLoadError;
    expect(err).toBeInstanceOf(ListLoadError);
    expect(err.message).toMatch(/^ofac\/alt\.csv:3: expected 5 columns, found 3/);
  });

  it('reports an unterminated quote', async () => {
    const dir = await copy();
    const p = join(dir, 'ofac', 'add.csv');
    const text = await readFile(p, 'utf8');
    await writeFile(p, text.replace('"Shenyang"', '"Shenyang'));
    const err = (await loadLists(dir).catch((e: unknown) => e)) as ListLoadError;
    expect(err).toBeInstanceOf(ListLoadError);
    expect(err.file).toBe('ofac/add.csv');
  });

  it('reports a truncated consolidated.xml with its line', async () => {
    const dir = await copy();
    const p = join(dir, 'un', 'consolidated.xml');
    const text = await readFile(p, 'utf8');
    await writeFile(p, text.slice(0, Math.floor(text.length / 2)));
    const err = (await loadLists(dir).catch((e: unknown) => e)) as ListLoadError;
    expect(err).toBeInstanceOf(ListLoadError);
    expect(err.file).toBe('un/consolidated.xml');
    expect(err.message).toMatch(/XML error/);
  });

  it('reports a missing folder plainly', async () => {
    const err = (await loadLists('/nonexistent/sanctions').catch((e: unknown) => e)) as ListLoadError;
    expect(err).toBeInstanceOf(ListLoadError);
    expect(err.message).toMatch(/file not found/);
  });
});

describe('ListStore', () => {
  it('refuses a new version that lost most of its entries (a file cut at a line break)', async () => {
    const dir = await copy();
    const store = new ListStore();
    const first = await store.reload(dir);
    const p = join(dir, 'ofac', 'sdn.csv');
    const lines = (await readFile(p, 'utf8')).split('\r\n');
    await writeFile(p, lines.slice(0, 3).join('\r\n') + '\r\n');
    await expect(store.reload(dir)).rejects.toThrow(/ofac-sdn shrank from 8 to 3 entries/);
    expect(store.current).toBe(first);
  });

  it('keeps the previous index when a reload fails, and swaps on success', async () => {
    const dir = await copy();
    const store = new ListStore();
    const first = await store.reload(dir);
    expect(store.current).toBe(first);
    const p = join(dir, 'un', 'consolidated.xml');
    const good = await readFile(p, 'utf8');
    await writeFile(p, good.slice(0, 500));
    await expect(store.reload(dir)).rejects.toBeInstanceOf(ListLoadError);
    expect(store.current).toBe(first);
    expect(store.lastError).toBeInstanceOf(ListLoadError);
    await writeFile(p, good.replace('KPe.901', 'KPe.902'));
    const second = await store.reload(dir);
    expect(store.current).toBe(second);
    expect(second.listVersion.id).not.toBe(first.listVersion.id);
    expect(store.lastError).toBeUndefined();
  });
});
