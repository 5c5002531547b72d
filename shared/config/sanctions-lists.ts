import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, s3Client } from '../aws/s3';
import type { ScreeningIndex } from '../screening/build-index';
import { ListStore } from '../screening/list-store';
import { OFAC_FILES, UN_FILE } from '../screening/load-lists';
import { SOURCES_FILE } from '../screening/update-lists';
import type { Env } from './env';

const store = new ListStore();
let loadedAt = 0;
/** A warm container re-reads the lists at most this often, so a daily refresh reaches it within the hour. */
const refreshMs = 60 * 60 * 1000;

/**
 * The sanctions index for this execution environment: from SANCTIONS_DATA_DIR (local, tests), or
 * downloaded from the lists bucket the daily refresh writes (AWS). Undefined when no lists can be had:
 * the stage then records "lists unavailable" and never passes silently.
 */
export async function sanctionsIndex(env: Env): Promise<{ index?: ScreeningIndex; error?: string }> {
  if (store.current && Date.now() - loadedAt < refreshMs) return { index: store.current };
  try {
    const dir = env.SANCTIONS_DATA_DIR ?? (env.SANCTIONS_BUCKET ? await download(env.SANCTIONS_BUCKET) : undefined);
    if (!dir) return { error: 'no sanctions lists configured (SANCTIONS_DATA_DIR or SANCTIONS_BUCKET)' };
    const index = await store.reload(dir);
    loadedAt = Date.now();
    return { index };
  } catch (err) {
    // A failed refresh keeps the previous lists; only with none at all is the stage unavailable.
    if (store.current) return { index: store.current };
    return { error: (err as Error).message };
  }
}

async function download(bucket: string): Promise<string> {
  const dir = '/tmp/sanctions';
  mkdirSync(join(dir, 'ofac'), { recursive: true });
  mkdirSync(join(dir, 'un'), { recursive: true });
  const files = [...Object.values(OFAC_FILES).map((f) => `ofac/${f}`), `un/${UN_FILE}`];
  for (const key of files) {
    const out = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    writeFileSync(join(dir, key), await out.Body!.transformToByteArray());
  }
  // The download dates (OFAC's CSV carries no publish date): without them staleness falls back to mtimes.
  const sources = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: SOURCES_FILE })).catch(() => undefined);
  if (sources?.Body) writeFileSync(join(dir, SOURCES_FILE), await sources.Body.transformToByteArray());
  return dir;
}
