import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, s3Client } from '../../shared/adapters/aws/s3';
import * as z from '../../shared/domain/schemas/zod';
import { logger } from '../../shared/adapters/observability/logger';
import { activePolicy } from '../../shared/config/policy';
import { rescreenDeps } from '../../shared/config/rescreen';
import { publishBucketIndex, sanctionsIndex } from '../../shared/config/sanctions-lists';
import { env } from '../../shared/config/services';
import { rescreenMonitored } from '../../shared/app/monitoring/rescreen-cases';
import { stageTask } from '../../shared/adapters/lambda/stage-task';
import { PUBLISHED_INDEX_FILE } from '../../shared/adapters/sanctions-lists/index-cache';
import { loadLists, OFAC_FILES, UN_FILE } from '../../shared/adapters/sanctions-lists/load-lists';
import { SOURCES_FILE, updateLists } from '../../shared/adapters/sanctions-lists/update-lists';

/**
 * The daily schedule's event, a manual run naming the folder of lists to use, or the operator's
 * `npm run case -- rescreen` (`rescreen: true`: no download, the lists in use; `full`: the full pass).
 */
const refreshEvent = z.looseObject({
  listsDir: z.optional(z.string().check(z.minLength(1))),
  rescreen: z.optional(z.boolean()),
  full: z.optional(z.boolean()),
});

/**
 * Daily: download the official OFAC and UN files, validate them by loading (a broken or truncated file
 * keeps the previous version), publish them to the lists bucket the screening stage reads, then re-screen
 * the monitored applicants: the entries added or changed since the version last screened, here (small);
 * the full pass when the matcher changed, fanned out by the RescreenFullPass state machine on AWS (in this
 * function on the local runtime).
 */
export const handler = stageTask('sanctions-refresh', refreshEvent, async (event) => {
  let dir = event.listsDir ?? env.SANCTIONS_DATA_DIR;
  if (!event.listsDir && !event.rescreen && !env.SANCTIONS_DATA_DIR && env.SANCTIONS_CACHE_DIR) {
    // The local runtime: refresh its cached copy in place (validated, atomic), which screening reads first.
    const update = await updateLists(env.SANCTIONS_CACHE_DIR, { timeoutMs: 120_000 });
    dir = update.dir;
    logger.info('sanctions lists refreshed', { listVersion: update.version.id });
  } else if (!event.listsDir && !event.rescreen && !env.SANCTIONS_DATA_DIR && env.SANCTIONS_BUCKET) {
    dir = mkdtempSync(join(tmpdir(), 'lists-'));
    const update = await updateLists(dir);
    // The prebuilt index last (updateLists built it while validating): a container that downloads in between
    // finds an index for other files, refuses it and parses once.
    for (const key of [...Object.values(OFAC_FILES).map((f) => `ofac/${f}`), `un/${UN_FILE}`, SOURCES_FILE, PUBLISHED_INDEX_FILE])
      if (existsSync(join(dir, key))) await s3Client().send(new PutObjectCommand({ Bucket: env.SANCTIONS_BUCKET, Key: key, Body: readFileSync(join(dir, key)) }));
    logger.info('sanctions lists refreshed', { listVersion: update.version.id, indexPublished: update.indexPublished });
  }
  let index;
  if (dir) index = (await loadLists(dir)).index;
  else if (env.SANCTIONS_BUCKET) {
    const loaded = await sanctionsIndex(env);
    if (!loaded.index) throw new Error(`sanctions lists unavailable: ${loaded.error}`);
    index = loaded.index;
    // A re-screening after a deploy that changed the matcher: its pages must not each parse the lists.
    await publishBucketIndex(env.SANCTIONS_BUCKET).then(
      (published) => published && logger.info('prebuilt index published for the lists in the bucket', { listVersion: loaded.index?.listVersion.id }),
      (err: unknown) => logger.warn('prebuilt index not published', { error: (err as Error).message }),
    );
  } else throw new Error('no sanctions lists: set SANCTIONS_BUCKET (AWS) or SANCTIONS_DATA_DIR (local)');
  const t = activePolicy().sanctions;
  const summary = await rescreenMonitored(rescreenDeps, index, { thresholds: { potential: t.potentialMatch, strong: t.strongMatch }, ...(event.full ? { full: true } : {}) });
  const r = summary.report;
  logger.info('re-screening done', { listVersion: summary.listVersion, mode: summary.mode, changedEntries: summary.changedEntries, screened: r.screened, held: r.held.length });
  // A potential match recorded on a case under review may void a reviewer's first approval: its giver gets a fresh link.
  if (r.potential.length) {
    const { tellVoidedApproversOrLog } = await import('../../shared/config/voided-approvals');
    for (const { caseId } of r.potential) await tellVoidedApproversOrLog(caseId, 'rescreen');
  }
  return summary;
});
