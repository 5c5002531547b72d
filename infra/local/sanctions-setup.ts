import * as fs from 'node:fs';
import * as path from 'node:path';
import { SOURCES_FILE, OFFICIAL_FILES, updateLists, type FetchFn } from '../../shared/adapters/sanctions-lists/update-lists';
import { SNAPSHOT_SOURCE_DIR } from '../../shared/adapters/sanctions-lists/sanctions-snapshot';
import { prepareIndex } from '../../shared/adapters/sanctions-lists/load-lists';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

export interface LocalLists {
  /** configured: SANCTIONS_DATA_DIR; cache: .vetflow/sanctions; downloaded: just now into it; snapshot: the committed one. */
  source: 'configured' | 'cache' | 'downloaded' | 'snapshot';
  /** The folder named explicitly (configured only): passed to the functions as SANCTIONS_DATA_DIR. */
  dataDir?: string;
  /** The local cache the functions read (and the daily refresh downloads into): SANCTIONS_CACHE_DIR. */
  cacheDir?: string;
  /** Whether the daily refresh runs on its timer: not offline, not on a folder named explicitly. */
  refresh: boolean;
  /** One line for the console. */
  describe: string;
}

export interface LocalListsOptions {
  /** SANCTIONS_DATA_DIR, when set. */
  configuredDir?: string;
  /** The local state folder (.vetflow): the cache is its sanctions/ folder. */
  dataDir: string;
  /** VETFLOW_OFFLINE=1: no download attempt at all. */
  offline?: boolean;
  fetch?: FetchFn;
  /** How long the first contact with the OFAC server may take before the machine counts as offline. */
  probeTimeoutMs?: number;
  log?: (line: string) => void;
}

function held(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'ofac', 'sdn.csv')) && fs.existsSync(path.join(dir, 'un', 'consolidated.xml'));
}

/** The dates a folder's sources.json records (OFAC Last-Modified), for the console line. */
function datesOf(dir: string): string {
  try {
    const s = JSON.parse(fs.readFileSync(path.join(dir, SOURCES_FILE), 'utf8')) as { downloadedAt?: string; files?: Record<string, { lastModified?: string | null }> };
    const ofac = s.files?.['ofac/sdn.csv']?.lastModified;
    return [ofac ? `OFAC SDN of ${ofac.slice(0, 10)}` : undefined, s.downloadedAt ? `downloaded ${s.downloadedAt.slice(0, 10)}` : undefined].filter(Boolean).join(', ');
  } catch {
    return '';
  }
}

/**
 * The prebuilt screening index of the lists the functions will load, made now when missing (the lists are
 * parsed once at start, not by the first onboarding's screening); a download publishes it itself
 * (update-lists.ts) and the snapshot's is built into the bundle at synth. A failure only costs that parse.
 */
async function indexFor(dir: string, publish: boolean, log: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  const r = await prepareIndex(dir, { publish }).catch(() => 'failed' as const);
  if (r === 'built') log(`prebuilt screening index for ${dir} written (${Math.round(performance.now() - t0)} ms, once per list version)`);
  else if (r === 'failed') log(`prebuilt screening index for ${dir} could not be written: the first screening will parse the lists`);
}

/** The committed snapshot's own description (its sources.json), e.g. "... (OFAC SDN as of 2024-05-03, UN ... as of 2026-02-27) ...". */
export function snapshotDescription(): string {
  const s = JSON.parse(fs.readFileSync(path.join(projectRoot, SNAPSHOT_SOURCE_DIR, SOURCES_FILE), 'utf8')) as { snapshot: { description: string } };
  return s.snapshot.description;
}

/**
 * Which sanctions lists `npm start` screens against, in this order: the folder SANCTIONS_DATA_DIR names; the
 * copy cached under .vetflow/sanctions; a fresh download of the official files into that cache (with a
 * progress line); the snapshot committed in the repository when the download fails (offline). Never a
 * folder found by looking around the file system. The functions then walk the same order themselves
 * (shared/config/sanctions-lists.ts), so a refresh that later fills the cache takes over from the snapshot.
 */
export async function prepareLocalLists(options: LocalListsOptions): Promise<LocalLists> {
  const log = options.log ?? (() => undefined);
  if (options.configuredDir) {
    const dir = path.resolve(options.configuredDir);
    // A folder named explicitly is only read: its index goes to the temporary folder's cache.
    await indexFor(dir, false, log);
    return { source: 'configured', dataDir: dir, refresh: false, describe: `${dir} (SANCTIONS_DATA_DIR; the daily refresh leaves a folder named explicitly alone)` };
  }
  const cacheDir = path.join(options.dataDir, 'sanctions');
  if (held(cacheDir)) {
    // A copy downloaded before the index was published with the lists, or under another matcher.
    await indexFor(cacheDir, true, log);
    const dates = datesOf(cacheDir);
    return { source: 'cache', cacheDir, refresh: !options.offline, describe: `cached copy in ${cacheDir}${dates ? ` (${dates})` : ''}; refreshed daily` };
  }
  const snapshot = (why: string): LocalLists => ({
    source: 'snapshot',
    cacheDir,
    refresh: false,
    describe: `SNAPSHOT IN USE: ${snapshotDescription()}. ${why}; the daily refresh is off while offline. Run npm run sanctions:update when online (or restart npm start).`,
  });
  if (options.offline) return snapshot('VETFLOW_OFFLINE is set');
  const fetchFn = options.fetch ?? ((url, init) => fetch(url, init));
  // One quick request first, so an offline machine falls back in seconds instead of waiting on each file.
  try {
    const probe = await fetchFn(OFFICIAL_FILES[0]!.url, { signal: AbortSignal.timeout(options.probeTimeoutMs ?? 4000) });
    await probe.body?.cancel();
    if (!probe.ok) throw new Error(`HTTP ${probe.status}`);
  } catch (err) {
    return snapshot(`No cached copy and the official lists could not be reached (${(err as Error).message})`);
  }
  log(`downloading the official OFAC and UN sanctions lists into ${cacheDir} ...`);
  try {
    const r = await updateLists(cacheDir, {
      fetch: fetchFn,
      onFile: (f, bytes, done, total) => log(`  [${done}/${total}] ${f.path} ${(bytes / 1e6).toFixed(1)} MB`),
    });
    const dates = r.version.sources.map((s) => `${s.source === 'un' ? 'UN' : 'OFAC SDN'} ${s.publishDate ? `of ${s.publishDate.slice(0, 10)}` : '(no date stated)'}`).join(', ');
    log(`sanctions lists ${r.version.id} installed: ${dates}`);
    return { source: 'downloaded', cacheDir, refresh: true, describe: `downloaded now into ${cacheDir} (${dates}); refreshed daily` };
  } catch (err) {
    return snapshot(`The download failed (${(err as Error).message})`);
  }
}
