import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { buildIndex, type ScreeningIndex } from './build-index.js';
import { ListLoadError } from './list-load-error.js';
import { buildOfacEntries, type OfacParseStats } from './ofac-entries.js';
import type { ListFileVersion, ListSnapshot, ListVersion, SourceVersion } from './types.js';
import { parseUnXml } from './un-xml.js';

/** Environment variable naming the folder that holds ofac/ and un/ (the official file names). */
export const SANCTIONS_DATA_DIR_ENV = 'SANCTIONS_DATA_DIR';

export const OFAC_FILES = { sdn: 'sdn.csv', alt: 'alt.csv', add: 'add.csv', comments: 'sdn_comments.csv' } as const;
export const UN_FILE = 'consolidated.xml';

export interface LoadedLists {
  index: ScreeningIndex;
  ofacStats: OfacParseStats;
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

interface ReadFileResult {
  path: string;
  text: string;
  version: ListFileVersion;
}

async function readListFile(path: string, label: string): Promise<ReadFileResult> {
  const [stored, st] = await Promise.all([readFile(path), stat(path)]);
  // Hash and size are those of the list file itself, so a compressed copy has the same version id.
  const buf = path.toLowerCase().endsWith('.br') ? brotliDecompressSync(stored) : stored;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    // Older OFAC files were Windows-1252; decode them as such rather than refuse the list.
    text = new TextDecoder('windows-1252').decode(buf);
  }
  return {
    path,
    text,
    version: {
      file: label,
      sha256: createHash('sha256').update(buf).digest('hex'),
      bytes: buf.length,
      modifiedAt: st.mtime.toISOString(),
    },
  };
}

/**
 * Load OFAC SDN (ofac/sdn.csv, alt.csv, add.csv, sdn_comments.csv) and the UN consolidated list
 * (un/consolidated.xml) from `dir` and build a complete index. Either returns a whole new index or throws
 * a ListLoadError naming the file and line: a caller never sees a half-loaded list.
 */
export async function loadLists(dir: string, now: Date = new Date()): Promise<LoadedLists> {
  const ofacDir = join(dir, 'ofac');
  const unDir = join(dir, 'un');
  const sdnPath = await findFile(ofacDir, OFAC_FILES.sdn);
  const unPath = await findFile(unDir, UN_FILE);
  if (!sdnPath) throw new ListLoadError(join(ofacDir, OFAC_FILES.sdn), undefined, 'file not found');
  if (!unPath) throw new ListLoadError(join(unDir, UN_FILE), undefined, 'file not found');
  const optional = async (name: string): Promise<ReadFileResult | undefined> => {
    const p = await findFile(ofacDir, name);
    return p ? readListFile(p, `ofac/${name}`) : undefined;
  };
  const [sdn, alt, add, comments, un] = await Promise.all([
    readListFile(sdnPath, `ofac/${OFAC_FILES.sdn}`),
    optional(OFAC_FILES.alt),
    optional(OFAC_FILES.add),
    optional(OFAC_FILES.comments),
    readListFile(unPath, `un/${UN_FILE}`),
  ]);
  const file = (r: ReadFileResult | undefined): { name: string; text: string } | undefined =>
    r ? { name: r.version.file, text: r.text } : undefined;
  const ofacFiles = { sdn: file(sdn)!, alt: file(alt), add: file(add), comments: file(comments) };
  const { entries: ofacEntries, stats } = buildOfacEntries({
    sdn: ofacFiles.sdn,
    ...(ofacFiles.alt ? { alt: ofacFiles.alt } : {}),
    ...(ofacFiles.add ? { add: ofacFiles.add } : {}),
    ...(ofacFiles.comments ? { comments: ofacFiles.comments } : {}),
  });
  const unList = parseUnXml(un.version.file, un.text);

  const ofacVersion: SourceVersion = {
    source: 'ofac-sdn',
    publishDate: await ofacPublishDate(dir),
    files: [sdn, alt, add, comments].filter((r): r is ReadFileResult => r !== undefined).map((r) => r.version),
    entries: ofacEntries.length,
  };
  const unVersion: SourceVersion = {
    source: 'un',
    publishDate: unList.publishDate,
    files: [un.version],
    entries: unList.entries.length,
  };
  const snapshot = await snapshotOf(dir);
  const listVersion = { ...makeListVersion([ofacVersion, unVersion], now), ...(snapshot ? { snapshot } : {}) };
  return { index: buildIndex([...ofacEntries, ...unList.entries], listVersion), ofacStats: stats };
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
    const t = s.publishDate
      ? Date.parse(s.publishDate)
      : Math.max(...s.files.map((f) => Date.parse(f.modifiedAt)));
    if (Number.isFinite(t)) oldest = Math.min(oldest, t);
  }
  return new Date(Number.isFinite(oldest) ? oldest : 0);
}
