import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { buildIndex, type ScreeningIndex } from '../../domain/screening/build-index';
import {
  cachedIndexFile,
  defaultIndexCacheDir,
  indexCacheKey,
  peekIndexKey,
  PUBLISHED_INDEX_FILE,
  readIndexCache,
  readIndexFile,
  writeIndexCache,
  writeIndexFile,
  type CachedIndex,
} from './index-cache';
import { ListLoadError } from '../../domain/screening/list-load-error';
import { buildOfacEntries, type OfacParseStats } from '../../domain/screening/ofac-entries';
import type { ListFileVersion, ListSnapshot, ListVersion, SourceVersion } from '../../domain/screening/types';
import { parseUnXml } from '../../domain/screening/un-xml';

/** Environment variable naming the folder that holds ofac/ and un/ (the official file names). */
export const SANCTIONS_DATA_DIR_ENV = 'SANCTIONS_DATA_DIR';

export const OFAC_FILES = { sdn: 'sdn.csv', alt: 'alt.csv', add: 'add.csv', comments: 'sdn_comments.csv' } as const;
export const UN_FILE = 'consolidated.xml';

export interface LoadedLists {
  index: ScreeningIndex;
  ofacStats: OfacParseStats;
  /**
   * Where the index came from: the prebuilt index published beside these exact files, the one cached in
   * the temporary folder for them, or parsed and built now.
   */
  indexFrom: 'published' | 'cache' | 'lists';
  /** Resolves once the prebuilt index of a fresh build is written (or not: a read-only disk); for tests and the bench. */
  cacheWritten: Promise<boolean>;
  /** With `publishIndex`: whether a valid index is now beside the lists (it was, or was just written). */
  indexPublished: boolean;
}

export interface LoadOptions {
  /**
   * Folder of the cached prebuilt indexes (index-cache.ts), or false for none. Default: a folder in the
   * temporary directory. Whatever is found there is verified (hash, list files, matcher) before use.
   */
  indexCacheDir?: string | false;
  /** False: ignore an index published beside the lists (with `indexCacheDir: false`, always parse and build). */
  publishedIndex?: boolean;
  /**
   * Publish the index with the lists: when the folder holds no valid PUBLISHED_INDEX_FILE for these files
   * and this matcher, write it there (awaited) so every later cold load reads it. For whoever stores a
   * list version (update-lists.ts, the bundling of the snapshot); never for a folder screening only reads.
   */
  publishIndex?: boolean;
}

/**
 * Find a file by name ignoring case (official downloads are SDN.CSV, mirrors use sdn.csv), or its
 * brotli-compressed form `<name>.br` (the snapshot committed in the repository, see sanctions-snapshot.ts).
 */
async function findFile(dir: string, name: string): Promise<string | undefined> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  const hit = names.find((n) => n.toLowerCase() === name.toLowerCase()) ?? names.find((n) => n.toLowerCase() === `${name.toLowerCase()}.br`);
  return hit ? join(dir, hit) : undefined;
}

interface StoredFile {
  path: string;
  label: string;
  /** The bytes on disk (brotli-compressed for the committed snapshot). */
  stored: Buffer;
  storedSha256: string;
  modifiedAt: string;
}

interface ReadFileResult {
  text: string;
  version: ListFileVersion;
}

async function readStored(path: string, label: string): Promise<StoredFile> {
  const [stored, st] = await Promise.all([readFile(path), stat(path)]);
  return { path, label, stored, storedSha256: createHash('sha256').update(stored).digest('hex'), modifiedAt: st.mtime.toISOString() };
}

function decodeListFile(f: StoredFile): ReadFileResult {
  // Hash and size are those of the list file itself, so a compressed copy has the same version id.
  const compressed = f.path.toLowerCase().endsWith('.br');
  const buf = compressed ? brotliDecompressSync(f.stored) : f.stored;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    // Older OFAC files were Windows-1252; decode them as such rather than refuse the list.
    text = new TextDecoder('windows-1252').decode(buf);
  }
  return {
    text,
    version: {
      file: f.label,
      sha256: compressed ? createHash('sha256').update(buf).digest('hex') : f.storedSha256,
      bytes: buf.length,
      modifiedAt: f.modifiedAt,
    },
  };
}

/**
 * Load OFAC SDN (ofac/sdn.csv, alt.csv, add.csv, sdn_comments.csv) and the UN consolidated list
 * (un/consolidated.xml) from `dir` and build a complete index. Either returns a whole new index or throws
 * a ListLoadError naming the file and line: a caller never sees a half-loaded list.
 *
 * The derived index is kept per list content and matcher (index-cache.ts): a load reads the index
 * published beside the lists, else the one cached in the temporary folder, instead of parsing and folding
 * everything again, with the same screening results; either is used only if it is for these exact files
 * and this matcher and its hash checks out.
 */
export async function loadLists(dir: string, now: Date = new Date(), options: LoadOptions = {}): Promise<LoadedLists> {
  const { ofacStored, un, key } = await readStoredLists(dir);
  const cacheDir = options.indexCacheDir === undefined ? defaultIndexCacheDir() : options.indexCacheDir;
  const publishedPath = join(dir, PUBLISHED_INDEX_FILE);
  const published = options.publishedIndex !== false ? await readIndexFile(publishedPath, key) : undefined;
  const cached = published ?? (cacheDir ? await readIndexCache(cacheDir, key) : undefined);
  const [ofacPublish, snapshot] = await Promise.all([ofacPublishDate(dir), snapshotOf(dir)]);

  const derived: CachedIndex = cached ?? deriveIndex(ofacStored, un);
  const fileVersion = (f: StoredFile): ListFileVersion => {
    const v = derived.files[f.label]!;
    return { file: f.label, sha256: v.sha256, bytes: v.bytes, modifiedAt: f.modifiedAt };
  };
  const ofacVersion: SourceVersion = {
    source: 'ofac-sdn',
    publishDate: ofacPublish,
    files: ofacStored.map(fileVersion),
    entries: derived.sources['ofac-sdn'].entries,
  };
  const unVersion: SourceVersion = {
    source: 'un',
    publishDate: derived.sources.un.publishDate,
    files: [fileVersion(un)],
    entries: derived.sources.un.entries,
  };
  const listVersion = { ...makeListVersion([ofacVersion, unVersion], now), ...(snapshot ? { snapshot } : {}) };
  const { entries, names, postings, deletionMap, rawTokens, identifiers } = derived;
  const index: ScreeningIndex = { listVersion, entries, names, postings, deletionMap, rawTokens, identifiers };
  const indexPublished = published !== undefined || (options.publishIndex === true && (await writeIndexFile(publishedPath, key, derived)));
  // A fresh build is cached after the caller has its index (the next turn of the event loop), so the
  // load itself does not wait for serializing it.
  const cacheWritten = cached || !cacheDir ? Promise.resolve(false) : new Promise<boolean>((resolve) => setImmediate(() => void writeIndexCache(cacheDir, key, derived).then(resolve)));
  return { index, ofacStats: derived.ofacStats, indexFrom: published ? 'published' : cached ? 'cache' : 'lists', cacheWritten, indexPublished };
}

/** The list files in `dir` as stored (compressed or not) and the prebuilt index's key for them. Throws ListLoadError. */
async function readStoredLists(dir: string): Promise<{ ofacStored: StoredFile[]; un: StoredFile; key: string }> {
  const ofacDir = join(dir, 'ofac');
  const unDir = join(dir, 'un');
  const sdnPath = await findFile(ofacDir, OFAC_FILES.sdn);
  const unPath = await findFile(unDir, UN_FILE);
  if (!sdnPath) throw new ListLoadError(join(ofacDir, OFAC_FILES.sdn), undefined, 'file not found');
  if (!unPath) throw new ListLoadError(join(unDir, UN_FILE), undefined, 'file not found');
  const optional = async (name: string): Promise<StoredFile | undefined> => {
    const p = await findFile(ofacDir, name);
    return p ? readStored(p, `ofac/${name}`) : undefined;
  };
  const [sdn, alt, add, comments, un] = await Promise.all([
    readStored(sdnPath, `ofac/${OFAC_FILES.sdn}`),
    optional(OFAC_FILES.alt),
    optional(OFAC_FILES.add),
    optional(OFAC_FILES.comments),
    readStored(unPath, `un/${UN_FILE}`),
  ]);
  const ofacStored = [sdn, alt, add, comments].filter((r): r is StoredFile => r !== undefined);
  return { ofacStored, un, key: indexCacheKey([...ofacStored, un].map((f) => ({ label: f.label, sha256: f.storedSha256 }))) };
}

/** The prebuilt index's key for the lists in `dir` (what a published or cached index must state). Throws ListLoadError. */
export async function listsIndexKey(dir: string): Promise<string> {
  return (await readStoredLists(dir)).key;
}

/**
 * Makes sure the next cold load of the lists in `dir` finds a prebuilt index: published beside them
 * (`publish`, for a folder this program stores lists in) or in the temporary folder's cache (a folder it
 * only reads). Cheap when one is there (its header is read, the loader verifies the rest); otherwise the
 * lists are parsed once, now. 'ready': it was there; 'built': written now; 'failed': could not be written.
 */
export async function prepareIndex(dir: string, options: { publish: boolean; cacheDir?: string }): Promise<'ready' | 'built' | 'failed'> {
  const key = await listsIndexKey(dir);
  const cacheDir = options.cacheDir ?? defaultIndexCacheDir();
  if ((await peekIndexKey(join(dir, PUBLISHED_INDEX_FILE))) === key) return 'ready';
  if (!options.publish && (await peekIndexKey(cachedIndexFile(cacheDir, key))) === key) return 'ready';
  const r = await loadLists(dir, new Date(), { indexCacheDir: cacheDir, publishIndex: options.publish });
  const written = options.publish ? r.indexPublished : r.indexFrom === 'cache' || (await r.cacheWritten);
  return written ? 'built' : 'failed';
}

/** Parse the list files and build the index (what the cache saves). Throws ListLoadError. */
function deriveIndex(ofacStored: StoredFile[], unStored: StoredFile): CachedIndex {
  const un = decodeListFile(unStored);
  const byLabel = new Map(ofacStored.map(decodeListFile).map((r) => [r.version.file, r]));
  const file = (name: string): { name: string; text: string } | undefined => {
    const r = byLabel.get(`ofac/${name}`);
    return r ? { name: r.version.file, text: r.text } : undefined;
  };
  const ofacFiles = { sdn: file(OFAC_FILES.sdn)!, alt: file(OFAC_FILES.alt), add: file(OFAC_FILES.add), comments: file(OFAC_FILES.comments) };
  const { entries: ofacEntries, stats } = buildOfacEntries({
    sdn: ofacFiles.sdn,
    ...(ofacFiles.alt ? { alt: ofacFiles.alt } : {}),
    ...(ofacFiles.add ? { add: ofacFiles.add } : {}),
    ...(ofacFiles.comments ? { comments: ofacFiles.comments } : {}),
  });
  const unList = parseUnXml(un.version.file, un.text);
  const entries = [...ofacEntries, ...unList.entries];
  // The list version is made by the caller; buildIndex only carries it.
  const placeholder: ListVersion = { id: '', sources: [], loadedAt: '' };
  const { names, postings, deletionMap, rawTokens, identifiers } = buildIndex(entries, placeholder);
  const files: CachedIndex['files'] = {};
  for (const r of [...byLabel.values(), un]) files[r.version.file] = { sha256: r.version.sha256, bytes: r.version.bytes };
  return {
    entries,
    names,
    postings,
    deletionMap,
    rawTokens,
    identifiers,
    ofacStats: stats,
    files,
    sources: { 'ofac-sdn': { publishDate: null, entries: ofacEntries.length }, un: { publishDate: unList.publishDate, entries: unList.entries.length } },
  };
}

/**
 * OFAC's legacy CSV states no publish date; `npm run sanctions:update` records the server's Last-Modified
 * for sdn.csv in sources.json. Without it (a copied snapshot) the date is unknown and staleness falls back
 * to the files' modification time.
 */
async function ofacPublishDate(dir: string): Promise<string | null> {
  try {
    const raw = JSON.parse(await readFile(join(dir, 'sources.json'), 'utf8')) as {
      files?: Record<string, { lastModified?: string | null }>;
    };
    const lm = raw.files?.['ofac/sdn.csv']?.lastModified;
    return typeof lm === 'string' && Number.isFinite(Date.parse(lm)) ? lm : null;
  } catch {
    return null;
  }
}

/**
 * The snapshot marker in sources.json: present only in the copy committed in the repository, so whatever
 * screens against it can say so (console, evidence, case page).
 */
async function snapshotOf(dir: string): Promise<ListSnapshot | undefined> {
  try {
    const raw = JSON.parse(await readFile(join(dir, 'sources.json'), 'utf8')) as { snapshot?: Partial<ListSnapshot> };
    const s = raw.snapshot;
    if (!s || typeof s.madeOn !== 'string' || typeof s.description !== 'string' || !s.lists || typeof s.lists !== 'object') return undefined;
    return { madeOn: s.madeOn, description: s.description, lists: Object.fromEntries(Object.entries(s.lists).filter(([, v]) => typeof v === 'string')) as Record<string, string> };
  } catch {
    return undefined;
  }
}

export function makeListVersion(sources: SourceVersion[], now: Date): ListVersion {
  const h = createHash('sha256');
  for (const s of sources) for (const f of s.files) h.update(`${f.file}:${f.sha256}\n`);
  return { id: h.digest('hex').slice(0, 16), sources, loadedAt: now.toISOString() };
}

/**
 * The date a list version should be judged stale by: the oldest source's publish date, or for a source
 * without one (OFAC legacy CSV) the newest modification time of its files.
 */
export function listAsOf(version: ListVersion): Date {
  let oldest = Infinity;
  for (const s of version.sources) {
    const t = s.publishDate ? Date.parse(s.publishDate) : Math.max(...s.files.map((f) => Date.parse(f.modifiedAt)));
    if (Number.isFinite(t)) oldest = Math.min(oldest, t);
  }
  return new Date(Number.isFinite(oldest) ? oldest : 0);
}
