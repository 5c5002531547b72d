import { logger } from '../../shared/adapters/observability/logger';
import { activePolicy } from '../../shared/config/policy';
import { rescreenDeps } from '../../shared/config/rescreen';
import { sanctionsIndex } from '../../shared/config/sanctions-lists';
import { env } from '../../shared/config/services';
import { MONITOR_PARTITIONS } from '../../shared/adapters/dynamodb/monitor-index';
import { finishFullPass, screenPartition } from '../../shared/app/monitoring/rescreen-cases';
import { stageTask } from '../../shared/adapters/lambda/stage-task';
import * as z from '../../shared/domain/schemas/zod';

// Full passes only: a delta page would need the changed entries to build its small index (README, Scale).
const run = z.object({ mode: z.literal('full'), listVersion: z.string().check(z.regex(/^[0-9a-f]{16}$/)), matcherKey: z.string().check(z.minLength(1), z.maxLength(200)) });
const event = z.discriminatedUnion('action', [
  z.object({ action: z.literal('page'), partition: z.number().check(z.int(), z.gte(0), z.lt(MONITOR_PARTITIONS)), run }),
  z.object({ action: z.literal('finish'), run }),
]);

/**
 * The full pass of the re-screening, one state of the RescreenFullPass state machine: `page` screens every
 * monitored applicant of one partition of the monitor index against the whole lists (one Distributed Map
 * item); `finish` records the pass once every partition is done.
 */
export const handler = stageTask('rescreen-page', event, async (e) => {
  if (e.action === 'finish') {
    const state = await finishFullPass(rescreenDeps, e.run);
    logger.info('re-screening full pass recorded', { listVersion: e.run.listVersion, matcherKey: e.run.matcherKey });
    return { recorded: state.revision };
  }
  const { index, error } = await sanctionsIndex(env);
  if (!index) throw new Error(`sanctions lists unavailable: ${error}`);
  // Every page of one pass screens the same version: a refresh in between fails the page (the pass is started
  // again for the new version by that refresh, whose matcher key still differs from the recorded one).
  if (index.listVersion.id !== e.run.listVersion) throw new Error(`list version ${index.listVersion.id} loaded, the pass is on ${e.run.listVersion}`);
  const t = activePolicy().sanctions;
  const report = await screenPartition(rescreenDeps, index, e.run, { potential: t.potentialMatch, strong: t.strongMatch }, e.partition);
  logger.info('re-screening page done', { partition: e.partition, screened: report.screened, held: report.held.length });
  // A potential match recorded on a case under review may void a reviewer's first approval: its giver gets a fresh link.
  if (report.potential.length) {
    const { tellVoidedApproversOrLog } = await import('../../shared/config/voided-approvals');
    for (const { caseId } of report.potential) await tellVoidedApproversOrLog(caseId, 'rescreen');
  }
  return { partition: e.partition, screened: report.screened, matched: report.matched, held: report.held.length, potential: report.potential.length, removed: report.removed };
});
