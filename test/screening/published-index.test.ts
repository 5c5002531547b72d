import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listsIndexKey, loadLists, prepareIndex } from '../../shared/adapters/sanctions-lists/load-lists';
import { PUBLISHED_INDEX_FILE, peekIndexKey } from '../../shared/adapters/sanctions-lists/index-cache';
import { hashMatcherSources, matcherSourceHash, matcherSources } from '../../shared/adapters/sanctions-lists/matcher-source';
import { bundleColdLoad } from '../bench/cold-load-bundle';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import type { ScreeningQuery } from '../../shared/domain/screening/query';
import { screenPerson } from '../../shared/domain/screening/screen-person';
import { fixtureCopy } from './fixture-dir';
import { buildKoreanVariants } from './korean-variants';
import { buildLabelledSet } from './labelled-set';

// @slow: bundles the list loader with esbuild and runs it in fresh processes, as a new Lambda container would.
const root = resolve(import.meta.dirname, '..', '..');
const NOW = new Date('2026-12-01T00:00:00Z');
const run = promisify(execFile);

const temps: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}
async function listsCopy(): Promise<string> {
  const d = await fixtureCopy();
  temps.push(d);
  return d;
}
afterAll(async () => {
  for (const d of temps.splice(0)) await rm(d, { recursive: true, force: true });
});

/** The cold-load script bundled as a Lambda function is, in a folder of its own. */
async function bundleFor(sourceHash: string): Promise<string> {
  return bundleColdLoad(await tempDir('vetflow-bundle-'), sourceHash);
}

/** One cold load in a fresh process running `bundle`, no temporary-folder cache: where its index came from. */
async function coldLoadIn(bundle: string, lists: string): Promise<string> {
  const { stdout } = await run(process.execPath, [bundle, lists, 'none'], { cwd: dirname(bundle) });
  return (JSON.parse(stdout) as { indexFrom: string }).indexFrom;
}

describe('the matcher source hash', () => {
  it('covers the screening domain, its data and the index code, and is the same for a copy of the files elsewhere', async () => {
    const { files, packages } = matcherSources(root);
    const rel = files.map((f) => relative(root, f));
    expect(rel).toEqual(
      expect.arrayContaining([
        'shared/domain/screening/build-index.ts',
        'shared/domain/screening/confusables-latin.json',
        'shared/adapters/sanctions-lists/index-cache.ts',
        'shared/domain/countries.ts',
      ]),
    );
    expect(packages).toEqual(expect.arrayContaining(['fast-xml-parser', 'i18n-iso-countries']));
    expect(matcherSourceHash()).toBe(hashMatcherSources(root));

    const copy = await tempDir('vetflow-matcher-src-');
    for (const f of rel) await cp(join(root, f), join(copy, f));
    await symlink(join(root, 'node_modules'), join(copy, 'node_modules'));
    expect(hashMatcherSources(copy)).toBe(hashMatcherSources(root));
    // Normalization data: one confusable more.
    const table = join(copy, 'shared/domain/screening/confusables-latin.json');
    const data = JSON.parse(await readFile(table, 'utf8')) as Record<string, string>;
    await writeFile(table, JSON.stringify({ ...data, '1d00': 'a' }));
    const changedData = hashMatcherSources(copy);
    expect(changedData).not.toBe(hashMatcherSources(root));
    // Code: one line of the tokenizer.
    const tokens = join(copy, 'shared/domain/screening/name-tokens.ts');
    await writeFile(tokens, (await readFile(tokens, 'utf8')).replace('TYPO_MIN_LENGTH = 5', 'TYPO_MIN_LENGTH = 4'));
    expect(hashMatcherSources(copy)).not.toBe(changedData);
  });
});

describe('an index published with the lists', () => {
  let sameBuild: string;
  let otherMatcher: string;
  beforeAll(async () => {
    [sameBuild, otherMatcher] = await Promise.all([bundleFor(hashMatcherSources(root)), bundleFor('0'.repeat(64))]);
  }, 120_000);

  it('written under tsx/vitest, is read by a minified esbuild bundle of the same matcher in a fresh process, and refused by another matcher', async () => {
    const lists = await listsCopy();
    const first = await loadLists(lists, NOW, { indexCacheDir: false, publishIndex: true });
    expect(first.indexFrom).toBe('lists');
    expect(first.indexPublished).toBe(true);
    expect(await peekIndexKey(join(lists, PUBLISHED_INDEX_FILE))).toBe(await listsIndexKey(lists));
    expect(await coldLoadIn(sameBuild, lists)).toBe('published');
    expect(await coldLoadIn(otherMatcher, lists)).toBe('lists');
    // The refused file is left alone (a reader never writes beside the lists); this build still reads it.
    expect((await loadLists(lists, NOW, { indexCacheDir: false })).indexFrom).toBe('published');
  }, 60_000);

  it('written by `npm run sanctions:index` in another process, is read by the bundle and under vitest', async () => {
    const lists = await listsCopy();
    await run(process.execPath, ['--import', 'tsx', join(root, 'infra', 'tools', 'publish-index-cli.ts'), '--quiet', '--dir', lists], { cwd: root });
    expect(await coldLoadIn(sameBuild, lists)).toBe('published');
    expect((await loadLists(lists, NOW, { indexCacheDir: false })).indexFrom).toBe('published');
  }, 60_000);

  it('is refused when a byte of it changed, and republished by the next publisher', async () => {
    const lists = await listsCopy();
    await loadLists(lists, NOW, { indexCacheDir: false, publishIndex: true });
    const file = join(lists, PUBLISHED_INDEX_FILE);
    const bytes = await readFile(file);
    bytes[bytes.length - 100]! ^= 0x01;
    await writeFile(file, bytes);
    expect((await loadLists(lists, NOW, { indexCacheDir: false })).indexFrom).toBe('lists');
    const republished = await loadLists(lists, NOW, { indexCacheDir: false, publishIndex: true });
    expect(republished.indexFrom).toBe('lists');
    expect(republished.indexPublished).toBe(true);
    expect((await loadLists(lists, NOW, { indexCacheDir: false })).indexFrom).toBe('published');
    await writeFile(file, bytes.subarray(0, 1000));
    expect((await loadLists(lists, NOW, { indexCacheDir: false })).indexFrom).toBe('lists');
  });

  it('is refused when it belongs to other lists, even under a header forged with this key', async () => {
    const lists = await listsCopy();
    const other = await listsCopy();
    const sdn = join(other, 'ofac', 'sdn.csv');
    await writeFile(sdn, (await readFile(sdn, 'utf8')).replace('KIM, Yong Chol', 'KIM, Yong Chon'));
    await loadLists(other, NOW, { indexCacheDir: false, publishIndex: true });
    const foreign = await readFile(join(other, PUBLISHED_INDEX_FILE));
    const otherKey = (await peekIndexKey(join(other, PUBLISHED_INDEX_FILE)))!;
    const key = await listsIndexKey(lists);
    expect(otherKey).not.toBe(key);
    await writeFile(join(lists, PUBLISHED_INDEX_FILE), foreign);
    expect((await loadLists(lists, NOW, { indexCacheDir: false })).indexFrom).toBe('lists');
    // Same payload (its hash still checks out) under a header that claims this key: the key inside decides.
    const forged = Buffer.from(foreign);
    forged.write(key, forged.indexOf(otherKey, 0, 'latin1'), 'latin1');
    await writeFile(join(lists, PUBLISHED_INDEX_FILE), forged);
    expect(await peekIndexKey(join(lists, PUBLISHED_INDEX_FILE))).toBe(key);
    const loaded = await loadLists(lists, NOW, { indexCacheDir: false });
    expect(loaded.indexFrom).toBe('lists');
    expect(loaded.index.entries.some((e) => e.names.some((n) => n.name === 'KIM, Yong Chol'))).toBe(true);
  });

  it('is made ready at start for a folder that is only read (temporary-folder cache) or owned (published)', async () => {
    const lists = await listsCopy();
    const cache = await tempDir('vetflow-index-cache-');
    expect(await prepareIndex(lists, { publish: false, cacheDir: cache })).toBe('built');
    expect(await prepareIndex(lists, { publish: false, cacheDir: cache })).toBe('ready');
    expect((await loadLists(lists, NOW, { indexCacheDir: cache })).indexFrom).toBe('cache');
    expect(await prepareIndex(lists, { publish: true, cacheDir: cache })).toBe('built');
    expect(await prepareIndex(lists, { publish: true, cacheDir: cache })).toBe('ready');
    expect((await loadLists(lists, NOW, { indexCacheDir: false })).indexFrom).toBe('published');
  });

  it('is stale once a list file changes: the lists are parsed, never screened against the old index', async () => {
    const lists = await listsCopy();
    await loadLists(lists, NOW, { indexCacheDir: false, publishIndex: true });
    const sdn = join(lists, 'ofac', 'sdn.csv');
    await writeFile(sdn, (await readFile(sdn, 'utf8')).replace('KIM, Yong Chol', 'KIM, Yong Chon'));
    const changed = await loadLists(lists, NOW, { indexCacheDir: false });
    expect(changed.indexFrom).toBe('lists');
    expect(changed.index.entries.some((e) => e.names.some((n) => n.name === 'KIM, Yong Chon'))).toBe(true);
  });
});

/** Perturbed listed names, ordinary names and Korean spellings, with every hit in full. */
function screenSample(index: ScreeningIndex, qs: ScreeningQuery[]): string[] {
  return qs.map((q) => JSON.stringify(screenPerson(index, q, undefined, { minScore: 0.3, limit: 50 })));
}

describe.skipIf(!process.env.SANCTIONS_DATA_DIR)('the real lists (SANCTIONS_DATA_DIR): publish, then a cold load in a fresh bundle process', () => {
  it('reads the published index and screens exactly as the lists parsed', async () => {
    const lists = await tempDir('vetflow-real-lists-');
    await cp(process.env.SANCTIONS_DATA_DIR!, lists, { recursive: true });
    await rm(join(lists, PUBLISHED_INDEX_FILE), { force: true });
    const fromFiles = await loadLists(lists, NOW, { indexCacheDir: false, publishIndex: true });
    expect(fromFiles.indexFrom).toBe('lists');
    expect(fromFiles.indexPublished).toBe(true);
    expect(await coldLoadIn(await bundleFor(hashMatcherSources(root)), lists)).toBe('published');
    const published = await loadLists(lists, NOW, { indexCacheDir: false });
    expect(published.indexFrom).toBe('published');
    expect(published.index.listVersion).toEqual(fromFiles.index.listVersion);
    expect(JSON.stringify(published.index.entries)).toBe(JSON.stringify(fromFiles.index.entries));
    const set = buildLabelledSet(fromFiles.index);
    const qs = [...set.positives.slice(0, 400).map((p) => p.query), ...set.negatives.slice(0, 200).map((n) => n.query), ...buildKoreanVariants(fromFiles.index, 100).map((v) => v.query)];
    const expected = screenSample(fromFiles.index, qs);
    expect(screenSample(published.index, qs)).toEqual(expected);
    expect(expected.filter((r) => r.includes('"sourceId"')).length).toBeGreaterThan(300);
  }, 180_000);
});
