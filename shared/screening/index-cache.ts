import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import * as buildIndexModule from './build-index.js';
import type { IdentifierRef, IndexedName } from './build-index.js';
import * as hangulModule from './hangul.js';
import * as identifiersModule from './identifiers.js';
import * as koreanModule from './korean.js';
import * as nameTokensModule from './name-tokens.js';
import { deletions, tokenizeName } from './name-tokens.js';
import * as normalizeModule from './normalize-name.js';
import * as ofacCsvModule from './ofac-csv.js';
import * as ofacEntriesModule from './ofac-entries.js';
import type { OfacParseStats } from './ofac-entries.js';
import * as remarksModule from './remarks.js';
import * as romanizeModule from './romanize.js';
import { koreanReadingOf } from './romanize.js';
import * as unicodeFoldModule from './unicode-fold.js';
import * as unXmlModule from './un-xml.js';
import type { ListedEntry, ListSource } from './types.js';

/**
 * The prebuilt index: everything a list load derives from the list files (parsed entries, folded and
 * keyed names, postings, typo map, identifiers), stored once per list version beside nothing else, so a
 * cold start reads it instead of parsing the CSV/XML and folding every name again (about 4x faster).
 *
 * Never trusted blindly. The file is named by a key over the stored list files' SHA-256 and the matcher's
 * fingerprint (INDEX_FORMAT, the source of the parsing and matching functions, and their output on probe
 * names), carries that key inside, and a SHA-256 of its payload that is checked before anything is read:
 * a stale, truncated, corrupt or foreign file is ignored and the index is rebuilt from the lists.
 */

/** Bump when the cached data's shape or its derivation changes in a way the fingerprint cannot see. */
export const INDEX_FORMAT = 1;
const MAGIC = 'vetflow-screening-index\n';
const HASH_HEX = 64;
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

interface Payload extends CachedIndex {
  format: number;
  key: string;
}

// Names that exercise every step of the derivation: folding, look-alikes, invisible characters, Hangul,
// Korean syllables, surname groups, Russian and Chinese keys, weak tokens, typo deletions.
const PROBES = [
  'KIM, Yong Chol', 'Kim Yоng Chоl', 'Ri\u200bYong\u2060Ho', 'Ｐａｋ Ｊｏｎｇ-ｈｏ', '김영철', 'Choe Son-hui', "Ch'oe Ryong-hae",
  'Jeong Eun Hye', 'Yongchol Rhee', 'Shchukin Aleksandr Yevgenievich', 'Zhang Hsu Tsai', 'Müller Çelik Ødegaard',
  'AL-QAIDA ORGANIZATION LTD', 'Abu Muhammad al-Julani', 'O\'Brien Sean', 'Nguyễn Văn Thành', 'Ιωάννης Παπαδόπουλος',
];

let fingerprintMemo: string | undefined;

/**
 * The matcher's fingerprint: the source text of every exported function of the modules that parse the
 * lists and derive the index, and what they make of the probe names. A change to any of them changes the
 * key, so an index built by other code is never loaded.
 */
export function matcherFingerprint(): string {
  if (fingerprintMemo) return fingerprintMemo;
  const h = createHash('sha256');
  h.update(`format ${INDEX_FORMAT}\n`);
  const modules = [
    buildIndexModule, hangulModule, identifiersModule, koreanModule, nameTokensModule, normalizeModule, ofacCsvModule,
    ofacEntriesModule, remarksModule, romanizeModule, unicodeFoldModule, unXmlModule,
  ];
  for (const m of modules) {
    for (const [name, value] of Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1))) {
      h.update(`${name}=${typeof value === 'function' ? value.toString() : JSON.stringify(value instanceof Set ? [...value] : value)}\n`);
    }
  }
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

/**
 * The cached index for `key`, or undefined when there is none or it cannot be trusted (wrong magic,
 * payload hash mismatch, other key or format, wrong shape). Never throws.
 */
export async function readIndexCache(dir: string, key: string): Promise<CachedIndex | undefined> {
  let buf: Buffer;
  try {
    buf = await readFile(join(dir, fileName(key)));
  } catch {
    return undefined;
  }
  const head = MAGIC.length + HASH_HEX + 1;
  if (buf.length <= head || buf.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const stated = buf.toString('latin1', MAGIC.length, MAGIC.length + HASH_HEX);
  const payloadBytes = buf.subarray(head);
  if (createHash('sha256').update(payloadBytes).digest('hex') !== stated) return undefined;
  let payload: unknown;
  try {
    payload = deserialize(payloadBytes);
  } catch {
    return undefined;
  }
  return isPayload(payload, key) ? payload : undefined;
}

/**
 * Shape check of a payload whose bytes the hash has vouched for: the top-level structures and their
 * cross-references. A full schema parse of 16,000 entries would cost what the cache saves; the hash
 * and the key already say these are the bytes this code wrote for these lists.
 */
function isPayload(p: unknown, key: string): p is Payload {
  if (typeof p !== 'object' || p === null) return false;
  const o = p as Record<string, unknown>;
  if (o.format !== INDEX_FORMAT || o.key !== key) return false;
  if (!Array.isArray(o.entries) || !Array.isArray(o.names)) return false;
  if (!(o.postings instanceof Map) || !(o.deletionMap instanceof Map) || !(o.rawTokens instanceof Set) || !(o.identifiers instanceof Map)) return false;
  if (typeof o.files !== 'object' || o.files === null || typeof o.sources !== 'object' || o.sources === null) return false;
  if (typeof o.ofacStats !== 'object' || o.ofacStats === null) return false;
  const names = o.names as unknown[];
  const last = names[names.length - 1] as { entry?: unknown } | undefined;
  if (last !== undefined && !(typeof last.entry === 'number' && last.entry < o.entries.length)) return false;
  return true;
}

/** Writes the cached index atomically (temporary file, then rename); failures are ignored (read-only disk). */
export async function writeIndexCache(dir: string, key: string, data: CachedIndex): Promise<boolean> {
  try {
    const payload: Payload = { format: INDEX_FORMAT, key, ...data };
    const bytes = serialize(payload);
    const hash = createHash('sha256').update(bytes).digest('hex');
    await mkdir(dir, { recursive: true });
    const target = join(dir, fileName(key));
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, Buffer.concat([Buffer.from(`${MAGIC}${hash}\n`, 'latin1'), bytes]));
    await rename(tmp, target);
    await prune(dir);
    return true;
  } catch {
    return false;
  }
}

/** Keeps the newest KEEP_FILES index files: every list update makes a new one. */
async function prune(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((n) => n.startsWith('index-') && n.endsWith('.v8'));
  if (names.length <= KEEP_FILES) return;
  const withTime = await Promise.all(
    names.map(async (n) => ({ n, t: await stat(join(dir, n)).then((s) => s.mtimeMs, () => 0) })),
  );
  withTime.sort((a, b) => b.t - a.t);
  for (const { n } of withTime.slice(KEEP_FILES)) await rm(join(dir, n), { force: true });
}
