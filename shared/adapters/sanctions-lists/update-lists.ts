import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { implausibleShrink } from '../../domain/screening/list-shrink';
import { PUBLISHED_INDEX_FILE } from './index-cache';
import { loadLists } from './load-lists';
import type { ListVersion } from '../../domain/screening/types';

/**
 * Download the official OFAC and UN files into the sanctions folder, atomically: everything goes to a
 * staging folder first, is validated by loading it exactly as screening will, and only then renamed into
 * place. A failed download or a damaged file leaves the current lists untouched. The index that validation
 * built is published with the lists (PUBLISHED_INDEX_FILE), so a cold load of this version never parses.
 */

export interface OfficialFile {
  url: string;
  /** Path under the sanctions folder, in the layout the loader reads. */
  path: string;
}

export const OFFICIAL_FILES: readonly OfficialFile[] = [
  { url: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV', path: 'ofac/sdn.csv' },
  { url: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV', path: 'ofac/alt.csv' },
  { url: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV', path: 'ofac/add.csv' },
  { url: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_COMMENTS.CSV', path: 'ofac/sdn_comments.csv' },
  { url: 'https://scsanctions.un.org/resources/xml/en/consolidated.xml', path: 'un/consolidated.xml' },
];

/** Where `npm run sanctions:update` puts the lists when SANCTIONS_DATA_DIR is not set (git-ignored). */
export const DEFAULT_SANCTIONS_DIR = '.vetflow/sanctions';

// The real files are a few MB; anything far larger is not a sanctions list.
const MAX_BYTES = 200 * 1024 * 1024;

export type FetchFn = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

export interface UpdateOptions {
  fetch?: FetchFn;
  files?: readonly OfficialFile[];
  timeoutMs?: number;
  /** Refuse a download with this share fewer entries than the lists in place (default 0.2). */
  maxShrink?: number;
  /** Called as each file arrives (a progress line). */
  onFile?: (file: OfficialFile, bytes: number, done: number, total: number) => void;
}

export interface UpdateResult {
  dir: string;
  version: ListVersion;
  files: { path: string; bytes: number }[];
  /** Whether the prebuilt index was published beside the lists (PUBLISHED_INDEX_FILE). */
  indexPublished: boolean;
}

/** Written next to the lists: OFAC's CSV carries no publish date, the server's Last-Modified does. */
export const SOURCES_FILE = 'sources.json';

interface Downloaded {
  body: Buffer;
  lastModified: string | null;
}

async function download(fetchFn: FetchFn, file: OfficialFile, timeoutMs: number): Promise<Downloaded> {
  let res: Response;
  try {
    res = await fetchFn(file.url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new Error(`download of ${file.url} failed: ${(err as Error).message}`, { cause: err });
  }
  if (!res.ok) throw new Error(`download of ${file.url} failed: HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > MAX_BYTES) throw new Error(`download of ${file.url} refused: ${declared} bytes is too large`);
  const buf = Buffer.from(await res.arrayBuffer());
  if (buf.length === 0) throw new Error(`download of ${file.url} is empty`);
  if (buf.length > MAX_BYTES) throw new Error(`download of ${file.url} refused: ${buf.length} bytes is too large`);
  const lm = res.headers.get('last-modified');
  const lastModified = lm && Number.isFinite(Date.parse(lm)) ? new Date(lm).toISOString() : null;
  return { body: buf, lastModified };
}

export async function updateLists(dir: string, options: UpdateOptions = {}): Promise<UpdateResult> {
  const fetchFn = options.fetch ?? ((url, init) => fetch(url, init));
  const files = options.files ?? OFFICIAL_FILES;
  const target = resolve(dir);
  // Staging inside the target folder: same filesystem, so the final renames are atomic.
  const staging = join(target, `.staging-${randomBytes(6).toString('hex')}`);
  await mkdir(staging, { recursive: true });
  try {
    let done = 0;
    const downloads = await Promise.all(
      files.map(async (f) => {
        const d = await download(fetchFn, f, options.timeoutMs ?? 120_000);
        options.onFile?.(f, d.body.length, ++done, files.length);
        return d;
      }),
    );
    const bodies = downloads.map((d) => d.body);
    for (const [i, f] of files.entries()) {
      const p = join(staging, f.path);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, bodies[i]!);
    }
    const sources = {
      downloadedAt: new Date().toISOString(),
      files: Object.fromEntries(files.map((f, i) => [f.path, { url: f.url, lastModified: downloads[i]!.lastModified }])),
    };
    await writeFile(join(staging, SOURCES_FILE), `${JSON.stringify(sources, null, 2)}\n`);
    // Validate exactly as screening will load it; throws ListLoadError naming file and line. The index it
    // builds is published with the lists (no copy in the temporary folder: the published one serves).
    const { index, indexPublished } = await loadLists(staging, new Date(), { publishIndex: true, indexCacheDir: false });
    const current = await loadLists(target).catch(() => undefined);
    const shrink = current && implausibleShrink(current.index.listVersion, index.listVersion, options.maxShrink);
    if (shrink) throw new Error(`downloaded lists refused: ${shrink}`);
    for (const f of files) {
      await mkdir(dirname(join(target, f.path)), { recursive: true });
      await rename(join(staging, f.path), join(target, f.path));
    }
    await rename(join(staging, SOURCES_FILE), join(target, SOURCES_FILE));
    // Last: until it is in place a load finds the previous version's index, which names other files and is
    // refused (the lists are then parsed once), never used for these.
    if (indexPublished) await rename(join(staging, PUBLISHED_INDEX_FILE), join(target, PUBLISHED_INDEX_FILE));
    else await rm(join(target, PUBLISHED_INDEX_FILE), { force: true });
    return {
      dir: target,
      version: index.listVersion,
      files: files.map((f, i) => ({ path: f.path, bytes: bodies[i]!.length })),
      indexPublished,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
