import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { loadLists, type LoadedLists } from '../../shared/adapters/sanctions-lists/load-lists';
import type { ScreeningQuery } from '../../shared/domain/screening/query';
import { screenIdentifier, screenPerson } from '../../shared/domain/screening/screen-person';
import { disguise, type Disguise } from './evasion-variants';
import { fixtureCopy } from './fixture-dir';
import { buildKoreanVariants } from './korean-variants';
import { buildLabelledSet, rng } from './labelled-set';

// @slow: parses the committed snapshot of the real lists (tens of thousands of names) and builds the index twice: seconds, not unit feedback.
// The snapshot committed in the repository: the real OFAC and UN lists, always there (no env needed).
const SNAPSHOT_DIR = fileURLToPath(new URL('../../shared/adapters/sanctions-lists/snapshot/', import.meta.url));
const NOW = new Date('2026-12-01T00:00:00Z');

const temps: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}
afterAll(async () => {
  for (const d of temps.splice(0)) await rm(d, { recursive: true, force: true });
});

/** The one index file in a cache folder. */
async function cacheFile(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.v8'));
  expect(files).toHaveLength(1);
  return join(dir, files[0]!);
}

/** A varied set of queries: perturbed listed names, ordinary names, Korean spellings, disguised names. */
function queries(index: ScreeningIndex): ScreeningQuery[] {
  const set = buildLabelledSet(index);
  const r = rng(7);
  const kinds: Disguise['kind'][] = ['look-alike', 'invisible', 'combining', 'none'];
  const disguised = set.positives.slice(0, 150).map((p) => ({
    ...p.query,
    name: disguise(
      p.query.name,
      Array.from({ length: 12 }, () => ({ kind: kinds[Math.floor(r() * kinds.length)]!, pick: Math.floor(r() * 20) })),
      [1, 4, 7],
    ),
  }));
  return [
    ...set.positives.map((p) => p.query),
    ...set.negatives.map((n) => n.query),
    ...buildKoreanVariants(index, 150).map((v) => v.query),
    ...disguised,
    { name: 'Kim Yongchol', dob: '1963', nationality: 'KP', type: 'person' },
    { name: '김영철', otherNames: ['Yong-chol KIM'] },
    { name: 'Muhammad', type: 'person' },
  ];
}

/** Every result in full (scores, reasons, entries), wide open: minScore 0.3 and up to 50 hits. */
function screenAll(index: ScreeningIndex, qs: ScreeningQuery[]): string[] {
  return qs.map((q) => JSON.stringify(screenPerson(index, q, undefined, { minScore: 0.3, limit: 50 })));
}

describe('the prebuilt index on the committed snapshot', () => {
  let scratch: LoadedLists;
  let cached: LoadedLists;
  let cacheDir: string;

  beforeAll(async () => {
    cacheDir = await tempDir('vetflow-index-cache-');
    scratch = await loadLists(SNAPSHOT_DIR, NOW, { indexCacheDir: false, publishedIndex: false });
    const first = await loadLists(SNAPSHOT_DIR, NOW, { indexCacheDir: cacheDir });
    expect(first.indexFrom).toBe('lists');
    expect(await first.cacheWritten).toBe(true);
    cached = await loadLists(SNAPSHOT_DIR, NOW, { indexCacheDir: cacheDir });
  }, 120_000);

  it('is read from the cache on the second load', () => {
    expect(scratch.indexFrom).toBe('lists');
    expect(cached.indexFrom).toBe('cache');
  });

  it('a hit marks the index as used, so that pruning (oldest first) keeps the one in use', async () => {
    const file = await cacheFile(cacheDir);
    const longAgo = new Date('2020-01-01T00:00:00Z');
    await utimes(file, longAgo, longAgo);
    const again = await loadLists(SNAPSHOT_DIR, NOW, { indexCacheDir: cacheDir });
    expect(again.indexFrom).toBe('cache');
    expect((await stat(file)).mtimeMs).toBeGreaterThan(longAgo.getTime());
  });

  it('holds the same lists, list version and index as one built from the files', () => {
    // Compared before any screening: the scorer memoizes joined-pair keys on the listed names.
    expect(cached.index.listVersion).toEqual(scratch.index.listVersion);
    expect(cached.ofacStats).toEqual(scratch.ofacStats);
    expect(cached.index.entries).toEqual(scratch.index.entries);
    // Property order and presence too (entry hashes of the re-screening are taken over the entries).
    expect(JSON.stringify(cached.index.entries)).toBe(JSON.stringify(scratch.index.entries));
    expect(cached.index.names).toEqual(scratch.index.names);
    expect(cached.index.postings).toEqual(scratch.index.postings);
    expect(cached.index.deletionMap).toEqual(scratch.index.deletionMap);
    expect(cached.index.rawTokens).toEqual(scratch.index.rawTokens);
    expect(cached.index.identifiers).toEqual(scratch.index.identifiers);
  });

  it('screens a varied set of queries to exactly the same hits, scores, reasons and entries', () => {
    const qs = queries(scratch.index);
    expect(qs.length).toBeGreaterThan(1500);
    const fromScratch = screenAll(scratch.index, qs);
    const fromCache = screenAll(cached.index, qs);
    expect(fromCache).toEqual(fromScratch);
    // The comparison is not vacuous: most perturbed listed names have hits.
    expect(fromScratch.filter((r) => r.includes('"sourceId"')).length).toBeGreaterThan(700);
  });

  it('finds the same listed identifiers', () => {
    const ids = scratch.index.entries
      .slice(0, 3000)
      .flatMap((e) => [
        ...e.documents.map((d) => ({ kind: 'document' as const, value: d.number })),
        ...e.wallets.map((w) => ({ kind: 'wallet' as const, value: w.address })),
        ...e.bics.map((b) => ({ kind: 'bic' as const, value: b })),
      ]);
    expect(ids.length).toBeGreaterThan(100);
    for (const q of ids) expect(JSON.stringify(screenIdentifier(cached.index, q))).toBe(JSON.stringify(screenIdentifier(scratch.index, q)));
  });
});

describe('a prebuilt index that cannot be trusted', () => {
  async function primed(): Promise<{ lists: string; cache: string; file: string }> {
    const lists = await fixtureCopy();
    temps.push(lists);
    const cache = await tempDir('vetflow-index-cache-');
    const first = await loadLists(lists, NOW, { indexCacheDir: cache });
    expect(first.indexFrom).toBe('lists');
    expect(await first.cacheWritten).toBe(true);
    expect((await loadLists(lists, NOW, { indexCacheDir: cache })).indexFrom).toBe('cache');
    return { lists, cache, file: await cacheFile(cache) };
  }

  it('is ignored when a byte of it changed, and rebuilt', async () => {
    const { lists, cache, file } = await primed();
    const expected = (await loadLists(lists, NOW, { indexCacheDir: false })).index;
    const bytes = await readFile(file);
    bytes[bytes.length - 100]! ^= 0x01;
    await writeFile(file, bytes);
    const again = await loadLists(lists, NOW, { indexCacheDir: cache });
    expect(again.indexFrom).toBe('lists');
    expect(again.index.entries).toEqual(expected.entries);
    expect(await again.cacheWritten).toBe(true);
    expect((await loadLists(lists, NOW, { indexCacheDir: cache })).indexFrom).toBe('cache');
  });

  it('is ignored when truncated or empty', async () => {
    const { lists, cache, file } = await primed();
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const rebuilt = await loadLists(lists, NOW, { indexCacheDir: cache });
    expect(rebuilt.indexFrom).toBe('lists');
    expect(await rebuilt.cacheWritten).toBe(true);
    await writeFile(file, '');
    expect((await loadLists(lists, NOW, { indexCacheDir: cache })).indexFrom).toBe('lists');
  });

  it('is ignored when it was built for other lists, even with a valid hash under this name', async () => {
    const { lists, cache, file } = await primed();
    // Another list version: one entry's name changed. Its index, renamed to the current lists' file name.
    const other = await fixtureCopy();
    temps.push(other);
    const sdn = join(other, 'ofac', 'sdn.csv');
    await writeFile(sdn, (await readFile(sdn, 'utf8')).replace('KIM, Yong Chol', 'KIM, Yong Chon'));
    const otherCache = await tempDir('vetflow-index-cache-');
    const o = await loadLists(other, NOW, { indexCacheDir: otherCache });
    expect(await o.cacheWritten).toBe(true);
    await writeFile(file, await readFile(await cacheFile(otherCache)));
    const again = await loadLists(lists, NOW, { indexCacheDir: cache });
    expect(again.indexFrom).toBe('lists');
    expect(again.index.entries.some((e) => e.names.some((n) => n.name === 'KIM, Yong Chol'))).toBe(true);
  });

  it('is not used for changed list files: the key is their content', async () => {
    const { lists, cache } = await primed();
    const sdn = join(lists, 'ofac', 'sdn.csv');
    await writeFile(sdn, (await readFile(sdn, 'utf8')).replace('KIM, Yong Chol', 'KIM, Yong Chon'));
    const changed = await loadLists(lists, NOW, { indexCacheDir: cache });
    expect(changed.indexFrom).toBe('lists');
    expect(changed.index.entries.some((e) => e.names.some((n) => n.name === 'KIM, Yong Chon'))).toBe(true);
  });
});
