import { createHash } from 'node:crypto';
import { open, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { IdentifierRef, IndexedName } from '../../domain/screening/build-index';
import { deletions, tokenizeName } from '../../domain/screening/name-tokens';
import type { OfacParseStats } from '../../domain/screening/ofac-entries';
import { koreanReadingOf } from '../../domain/screening/romanize';
import { matcherSourceHash } from './matcher-source';
import type { ListedEntry, ListSource, NameKind } from '../../domain/screening/types';

/**
 * The prebuilt index: everything a list load derives from the list files (parsed entries, folded and
 * keyed names, postings, typo map, identifiers), so a cold start reads it instead of parsing the CSV/XML
 * and folding every name again (about 4x faster). Two places hold it: beside the lists themselves
 * (PUBLISHED_INDEX_FILE, written by whoever stores a list version: update-lists.ts, the daily refresh into
 * the lists bucket, the bundling of the committed snapshot), and a cache in the machine's temporary folder
 * for lists nobody published an index for.
 *
 * Never trusted blindly. The key covers the stored list files' SHA-256 and the matcher's fingerprint
 * (INDEX_FORMAT, the hash of the matcher's source files, and its output on probe names); the file carries
 * that key inside, and a SHA-256 of its payload that is checked before anything is read: a stale,
 * truncated, corrupt or foreign file is ignored and the index is rebuilt from the lists.
 */

/** Bump when the cached data's shape or its derivation changes in a way the fingerprint cannot see. */
export const INDEX_FORMAT = 4;
/** The published index's name inside a lists folder (and its key in the lists bucket). */
export const PUBLISHED_INDEX_FILE = 'screening-index.v8';
// File layout: MAGIC, the key (KEY_HEX), a space, the payload's SHA-256 (HASH_HEX), a newline, the payload.
// The key in the header only lets a caller see cheaply whose index a file is (peekIndexKey); the key
// inside the hashed payload is the one that decides.
const MAGIC = 'vetflow-screening-index\n';
const KEY_HEX = 32;
const HASH_HEX = 64;
const HEAD = MAGIC.length + KEY_HEX + 1 + HASH_HEX + 1;
/** Files kept in the cache folder: the current lists, the previous ones and a few test fixtures. */
const KEEP_FILES = 8;

/** The default folder: the machine's temporary folder (on Lambda /tmp, the only writable one). */
export const defaultIndexCacheDir = (): string => join(tmpdir(), 'vetflow-screening-index');

/** What a list load derives from the files; the list version (dates, load time) is made fresh each load. */
export interface CachedIndex {
  entries: ListedEntry[];
  ofacStats: OfacParseStats;
  /** Per list file label: SHA-256 and size of the list file itself (decompressed). */
  files: Record<string, { sha256: string; bytes: number }>;
  /** Per source: the publish date stated inside its file (UN dateGenerated), and its entry count. */
  sources: Record<ListSource, { publishDate: string | null; entries: number }>;
  names: IndexedName[];
  postings: Map<string, number[]>;
  deletionMap: Map<string, string | string[]>;
  rawTokens: Set<string>;
  identifiers: Map<string, IdentifierRef[]>;
}

/**
 * On disk the bulk of the index is columns rather than objects: the deserializer's cost is per object, and
 * 40,000 names and 170,000 typo keys rebuilt in plain code from a few strings and typed arrays cost a
 * fraction of it. Entries, postings and identifiers stay as they are.
 */
interface Payload {
  format: number;
  key: string;
  entries: ListedEntry[];
  ofacStats: OfacParseStats;
  files: CachedIndex['files'];
  sources: CachedIndex['sources'];
  postings: Map<string, number[]>;
  identifiers: Map<string, IdentifierRef[]>;
  names: {
    count: number;
    entry: Int32Array;
    /** Listed spelling of each name. */
    text: string[];
    /** Index into NAME_KINDS. */
    kind: Uint8Array;
    /** Tokens of all names, space-separated per name, names separated by a newline (tokens are letters and digits). */
    raw: string;
    keys: string;
    /** Bit i: token i is weak. */
    weak: Int32Array;
  };
  /** Folded listed tokens, in the set's order. */
  rawTokens: string[];
  /** Deletion keys newline-separated, in the map's order, a key repeated once per token it came from. */
  deletionKeys: string;
  /** Per deletion key occurrence: the token (index into rawTokens). */
  deletionTokens: Int32Array;
}

const NAME_KINDS: readonly NameKind[] = ['primary', 'aka', 'fka', 'nka', 'weak-aka', 'original-script'];
const TOKENS = /^[\p{L}\p{N}]+( [\p{L}\p{N}]+)*$/u;

function encode(key: string, d: CachedIndex): Payload | undefined {
  const count = d.names.length;
  const entry = new Int32Array(count);
  const kind = new Uint8Array(count);
  const weak = new Int32Array(count);
  const text: string[] = [];
  const raw: string[] = [];
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = d.names[i]!;
    // Only what buildIndex makes (tokens of letters and digits, at most 12) can be written column-wise;
    // anything else is not cached.
    const k = NAME_KINDS.indexOf(n.kind);
    const r = n.raw.join(' ');
    const ks = n.keys.join(' ');
    if (k < 0 || n.raw.length > 30 || n.keys.length !== n.raw.length || !TOKENS.test(r) || !TOKENS.test(ks)) return undefined;
    let w = 0;
    n.weak.forEach((x, j) => (w |= x ? 1 << j : 0));
    entry[i] = n.entry;
    kind[i] = k;
    weak[i] = w;
    text.push(n.name);
    raw.push(r);
    keys.push(ks);
  }
  const rawTokens = [...d.rawTokens];
  const tokenIndex = new Map(rawTokens.map((t, i) => [t, i]));
  const deletionKeys: string[] = [];
  const deletionTokens: number[] = [];
  for (const [del, v] of d.deletionMap) {
    if (del.includes('\n')) return undefined;
    for (const t of typeof v === 'string' ? [v] : v) {
      const ti = tokenIndex.get(t);
      if (ti === undefined) return undefined;
      deletionKeys.push(del);
      deletionTokens.push(ti);
    }
  }
  return {
    format: INDEX_FORMAT,
    key,
    entries: d.entries,
    ofacStats: d.ofacStats,
    files: d.files,
    sources: d.sources,
    postings: d.postings,
    identifiers: d.identifiers,
    names: { count, entry, text, kind, raw: raw.join('\n'), keys: keys.join('\n'), weak },
    rawTokens,
    deletionKeys: deletionKeys.join('\n'),
    deletionTokens: Int32Array.from(deletionTokens),
  };
}

function decode(p: Payload): CachedIndex | undefined {
  const { count } = p.names;
  const raws = p.names.raw.split('\n');
  const keyss = p.names.keys.split('\n');
  if (raws.length !== count || keyss.length !== count || p.names.text.length !== count) return undefined;
  if (p.names.entry.length !== count || p.names.kind.length !== count || p.names.weak.length !== count) return undefined;
  const names: IndexedName[] = new Array<IndexedName>(count);
  for (let i = 0; i < count; i++) {
    const raw = raws[i]!.split(' ');
    const keys = keyss[i]!.split(' ');
    const w = p.names.weak[i]!;
    const entry = p.names.entry[i]!;
    const kind = NAME_KINDS[p.names.kind[i]!];
    if (keys.length !== raw.length || kind === undefined || entry >= p.entries.length) return undefined;
    const weak = new Array<boolean>(raw.length);
    let strongTokens = 0;
    for (let j = 0; j < raw.length; j++) {
      weak[j] = (w & (1 << j)) !== 0;
      if (!weak[j]) strongTokens++;
    }
    names[i] = { entry, name: p.names.text[i]!, kind, raw, keys, weak, strongTokens };
  }
  const rawTokens = new Set(p.rawTokens);
  const deletionMap = new Map<string, string | string[]>();
  const dels = p.deletionKeys === '' ? [] : p.deletionKeys.split('\n');
  if (dels.length !== p.deletionTokens.length) return undefined;
  for (let i = 0; i < dels.length; i++) {
    const token = p.rawTokens[p.deletionTokens[i]!];
    if (token === undefined) return undefined;
    const d = dels[i]!;
    // As buildIndex adds them: a plain string for one token, an array from the second on.
    const cur = deletionMap.get(d);
    if (cur === undefined) deletionMap.set(d, token);
    else if (typeof cur === 'string') deletionMap.set(d, [cur, token]);
    else cur.push(token);
  }
  return {
    entries: p.entries,
    ofacStats: p.ofacStats,
    files: p.files,
    sources: p.sources,
    names,
    postings: p.postings,
    deletionMap,
    rawTokens,
    identifiers: p.identifiers,
  };
}

// Names that exercise every step of the derivation: folding, look-alikes, invisible characters, Hangul,
// Korean syllables, surname groups, Russian and Chinese keys, weak tokens, typo deletions.
const PROBES = ["KIM, Yоng-Ch'ol\u200b Rhee", 'Ｐａｋ 김영철 Choi', 'Shchukin Yevgeniy Hsu', 'Müller Ødegaard Nguyễn', 'Abu al-Julani LTD'];

let fingerprintMemo: string | undefined;

/**
 * The matcher's fingerprint: INDEX_FORMAT, the hash of the source files that parse the lists and derive
 * the index (matcher-source.ts: the same under tsx, vitest and the esbuild bundles of one checkout), and
 * what the derivation makes of the probe names (which reach the npm packages and tables behind it). A
 * change to any of them changes the key, so an index built by other code is never loaded.
 */
export function matcherFingerprint(): string {
  if (fingerprintMemo) return fingerprintMemo;
  const h = createHash('sha256');
  h.update(`format ${INDEX_FORMAT}\nsource ${matcherSourceHash()}\n`);
  for (const p of PROBES) {
    const t = tokenizeName(p);
    h.update(JSON.stringify([t, t.raw.map((r) => [koreanReadingOf(r)?.key ?? null, deletions(r)])]));
  }
  fingerprintMemo = h.digest('hex');
  return fingerprintMemo;
}

/** The cache key of a set of stored list files (label and SHA-256 of the bytes on disk, compressed or not). */
export function indexCacheKey(stored: readonly { label: string; sha256: string }[]): string {
  const h = createHash('sha256');
  h.update(`${matcherFingerprint()}\n`);
  for (const f of [...stored].sort((a, b) => (a.label < b.label ? -1 : 1))) h.update(`${f.label}:${f.sha256}\n`);
  return h.digest('hex').slice(0, 32);
}

const fileName = (key: string): string => `index-${key}.v8`;

/** The path of the cached index for `key` in the cache folder `dir`. */
export const cachedIndexFile = (dir: string, key: string): string => join(dir, fileName(key));

/** The key stated in an index file's header, without reading the rest; undefined when there is none. */
export async function peekIndexKey(path: string): Promise<string | undefined> {
  try {
    const fh = await open(path, 'r');
    try {
      const head = Buffer.alloc(HEAD);
      const { bytesRead } = await fh.read(head, 0, HEAD, 0);
      if (bytesRead < HEAD || head.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
      return head.toString('latin1', MAGIC.length, MAGIC.length + KEY_HEX);
    } finally {
      await fh.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * The index in the file at `path` if it is the one for `key`, else undefined: none there, or it cannot be
 * trusted (wrong magic, payload hash mismatch, other key or format, wrong shape or inconsistent columns).
 * Never throws.
 */
export async function readIndexFile(path: string, key: string): Promise<CachedIndex | undefined> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch {
    return undefined;
  }
  if (buf.length <= HEAD || buf.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  if (buf.toString('latin1', MAGIC.length, MAGIC.length + KEY_HEX) !== key) return undefined;
  const stated = buf.toString('latin1', MAGIC.length + KEY_HEX + 1, HEAD - 1);
  const payloadBytes = buf.subarray(HEAD);
  if (createHash('sha256').update(payloadBytes).digest('hex') !== stated) return undefined;
  let payload: unknown;
  try {
    payload = deserialize(payloadBytes);
  } catch {
    return undefined;
  }
  // The hash vouches for the bytes, the key for the lists and the code that wrote them; decode() checks the
  // columns agree and throws on anything else, which is treated as no index.
  try {
    const p = payload as Payload;
    return p.format === INDEX_FORMAT && p.key === key ? decode(p) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The cached index for `key` in the cache folder `dir` (readIndexFile). A hit touches the file, so that
 * pruning (newest first by modification time) keeps the indexes in use: a least-recently-used cache, not a
 * least-recently-written one, where a few small indexes written since would push out the one every
 * container reads.
 */
export async function readIndexCache(dir: string, key: string): Promise<CachedIndex | undefined> {
  const path = join(dir, fileName(key));
  const found = await readIndexFile(path, key);
  if (found) {
    const now = new Date();
    await utimes(path, now, now).catch(() => undefined);
  }
  return found;
}

/** Writes an index file atomically (temporary file, then rename); false when it could not (read-only disk). */
export async function writeIndexFile(path: string, key: string, data: CachedIndex): Promise<boolean> {
  try {
    if (key.length !== KEY_HEX) return false;
    const payload = encode(key, data);
    if (!payload) return false;
    const bytes = serialize(payload);
    const hash = createHash('sha256').update(bytes).digest('hex');
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, Buffer.concat([Buffer.from(`${MAGIC}${key} ${hash}\n`, 'latin1'), bytes]));
    await rename(tmp, path);
    return true;
  } catch {
    return false;
  }
}

/** Writes the cached index into the cache folder `dir` and prunes old ones; failures are ignored. */
export async function writeIndexCache(dir: string, key: string, data: CachedIndex): Promise<boolean> {
  if (!(await writeIndexFile(join(dir, fileName(key)), key, data))) return false;
  await prune(dir).catch(() => undefined);
  return true;
}

/**
 * Keeps the KEEP_FILES index files written or read last (every list update makes a new one) and removes temporary files
 * a process ended in the middle of writing (older than ten minutes).
 */
async function prune(dir: string): Promise<void> {
  const files = await Promise.all(
    (await readdir(dir)).map(async (n) => ({
      n,
      t: await stat(join(dir, n)).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    })),
  );
  const indexes = files.filter((f) => f.n.startsWith('index-') && f.n.endsWith('.v8')).sort((a, b) => b.t - a.t);
  const stale = files.filter((f) => f.n.endsWith('.tmp') && f.t < Date.now() - 600_000);
  for (const { n } of [...indexes.slice(KEEP_FILES), ...stale]) await rm(join(dir, n), { force: true });
}
