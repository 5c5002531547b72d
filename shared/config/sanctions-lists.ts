import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, s3Client } from '../adapters/aws/s3';
import type { ScreeningIndex } from '../domain/screening/build-index';
import { PUBLISHED_INDEX_FILE } from '../adapters/sanctions-lists/index-cache';
import { ListStore } from '../adapters/sanctions-lists/list-store';
import { loadLists, OFAC_FILES, UN_FILE } from '../adapters/sanctions-lists/load-lists';
import { SOURCES_FILE } from '../adapters/sanctions-lists/update-lists';
import type { Env } from './env';

const store = new ListStore();
let loadedAt = 0;
/** Where the current index came from: a snapshot is replaced as soon as a real copy can be had. */
let loadedFrom: 'configured' | 'cache' | 'bucket' | 'snapshot' | undefined;
/** A warm container re-reads the lists at most this often, so a daily refresh reaches it within the hour. */
const refreshMs = 60 * 60 * 1000;
/**
 * After the bucket could not be read (empty before the first refresh, unreachable), how long the container
 * waits before it tries again. Meanwhile it screens with what it has (the previous lists, else the snapshot)
 * instead of sending seven GETs with every invocation.
 */
export const BUCKET_RETRY_MS = 5 * 60 * 1000;
let bucketFailedAt: number | undefined;
/** The reload in progress: the invocations that arrive meanwhile wait for it instead of starting their own. */
let reloading: Promise<{ index?: ScreeningIndex; error?: string }> | undefined;

/** True when `dir` holds the two files the loader cannot do without. */
function holdsLists(dir: string): boolean {
  return existsSync(join(dir, 'ofac', OFAC_FILES.sdn)) && existsSync(join(dir, 'un', UN_FILE));
}

/**
 * The sanctions index for this execution environment, from the first of:
 * 1. SANCTIONS_DATA_DIR, a folder named explicitly (tests, CI, the bench, an operator's own copy); if it
 *    cannot be loaded the stage is unavailable, never silently screened against something else;
 * 2. SANCTIONS_CACHE_DIR, the local runtime's copy that its daily refresh downloads (.vetflow/sanctions);
 * 3. SANCTIONS_BUCKET, the lists bucket the daily refresh writes (AWS);
 * 4. SANCTIONS_SNAPSHOT_DIR, the snapshot committed in the repository and shipped in the bundle; its list
 *    version carries `snapshot`, so the evidence and the case page say which snapshot was used.
 * Undefined when none can be had: the stage then records "lists unavailable" and never passes silently.
 * `now`: the time of the call (an input, for the refresh and retry intervals).
 */
export async function sanctionsIndex(env: Env, now = Date.now()): Promise<{ index?: ScreeningIndex; error?: string }> {
  if (store.current && now - loadedAt < refreshMs) return { index: store.current };
  reloading ??= resolveLists(env, now).finally(() => (reloading = undefined));
  return reloading;
}

async function resolveLists(env: Env, now: number): Promise<{ index?: ScreeningIndex; error?: string }> {
  if (env.SANCTIONS_DATA_DIR) return load(env.SANCTIONS_DATA_DIR, 'configured', now);
  const errors: string[] = [];
  if (env.SANCTIONS_CACHE_DIR && holdsLists(env.SANCTIONS_CACHE_DIR)) {
    const r = await load(env.SANCTIONS_CACHE_DIR, 'cache', now);
    if (r.loaded) return r;
    errors.push(`cached lists: ${r.error ?? 'not loaded'}`);
  }
  if (env.SANCTIONS_BUCKET && bucketFailedAt !== undefined && now - bucketFailedAt < BUCKET_RETRY_MS) errors.push('lists bucket: not readable at the last attempt');
  else if (env.SANCTIONS_BUCKET) {
    let dir: string | undefined;
    try {
      dir = await download(env.SANCTIONS_BUCKET);
      const r = await load(dir, 'bucket', now);
      if (r.loaded) {
        bucketFailedAt = undefined;
        return r;
      }
      bucketFailedAt = now;
      errors.push(`lists bucket: ${r.error ?? 'not loaded'}`);
    } catch (err) {
      bucketFailedAt = now;
      errors.push(`lists bucket: ${(err as Error).message}`);
    } finally {
      // The index is in memory now (and in the index cache): the downloaded copy is not read again.
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }
  // Lists had from a folder or the bucket are newer than the snapshot: a refresh that fails keeps them (and
  // is tried again at the next call, the bucket after BUCKET_RETRY_MS), never falls back to the snapshot.
  if (store.current && loadedFrom !== 'snapshot') return { index: store.current };
  if (env.SANCTIONS_SNAPSHOT_DIR) {
    // Already on the snapshot: nothing newer came, keep it without reading it again.
    if (store.current && loadedFrom === 'snapshot') {
      loadedAt = now;
      return { index: store.current };
    }
    return load(env.SANCTIONS_SNAPSHOT_DIR, 'snapshot', now);
  }
  if (store.current) return { index: store.current };
  return { error: errors.length ? errors.join('; ') : 'no sanctions lists configured (SANCTIONS_DATA_DIR, SANCTIONS_BUCKET or the bundled snapshot)' };
}

/** `loaded`: the lists in `dir` are the current ones now (else the previous ones, if any, stay). */
async function load(dir: string, from: NonNullable<typeof loadedFrom>, now: number): Promise<{ index?: ScreeningIndex; error?: string; loaded: boolean }> {
  try {
    const index = await store.reload(dir);
    loadedAt = now;
    loadedFrom = from;
    return { index, loaded: true };
  } catch (err) {
    // A failed refresh keeps the previous lists; only with none at all is the stage unavailable.
    if (store.current) return { index: store.current, loaded: false };
    return { error: (err as Error).message, loaded: false };
  }
}

/**
 * The lists bucket's files into a folder of their own under the temporary folder (a new one for each
 * download, so two downloads never write into each other's files), all at once: the lists, their
 * sources.json and the prebuilt index the refresh published with them (the loader uses it only if it is for
 * these files and this matcher).
 */
export async function download(bucket: string, dir = mkdtempSync(join(tmpdir(), 'vetflow-sanctions-'))): Promise<string> {
  mkdirSync(join(dir, 'ofac'), { recursive: true });
  mkdirSync(join(dir, 'un'), { recursive: true });
  const get = async (key: string): Promise<Uint8Array> => {
    const out = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return out.Body!.transformToByteArray();
  };
  const lists = [...Object.values(OFAC_FILES).map((f) => `ofac/${f}`), `un/${UN_FILE}`];
  // The download dates (OFAC's CSV carries no publish date): without them staleness falls back to mtimes.
  const optional = [SOURCES_FILE, PUBLISHED_INDEX_FILE];
  // Every request answered before anything is decided: a missing list leaves no request still running.
  const [settled, extra] = await Promise.all([Promise.allSettled(lists.map(get)), Promise.all(optional.map((k) => get(k).catch(() => undefined)))]);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  const required = settled.map((r) => (r as PromiseFulfilledResult<Uint8Array>).value);
  lists.forEach((key, i) => writeFileSync(join(dir, key), required[i]!));
  optional.forEach((key, i) => {
    const body = extra[i];
    if (body) writeFileSync(join(dir, key), body);
    else rmSync(join(dir, key), { force: true });
  });
  return dir;
}

/**
 * Publishes the prebuilt index of the lists in the bucket when the bucket holds none for them and this
 * matcher: after a deploy that changed the matcher, until the next daily refresh, every new container (and
 * each page of the full re-screening pass) would otherwise parse the lists. For the refresh function, which
 * may write the bucket. True when it uploaded one.
 */
export async function publishBucketIndex(bucket: string, dir = '/tmp/sanctions-publish'): Promise<boolean> {
  const r = await loadLists(await download(bucket, dir), new Date(), { publishIndex: true });
  if (r.indexFrom === 'published' || !r.indexPublished) return false;
  await s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: PUBLISHED_INDEX_FILE, Body: readFileSync(join(dir, PUBLISHED_INDEX_FILE)) }));
  return true;
}
