import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, s3Client } from '../../shared/aws/s3';
import * as z from '../../shared/schemas/zod';
import { mailFrom } from '../../shared/config/link-services';
import { logger } from '../../shared/config/logger';
import { deliverStatusChanges } from '../../shared/config/notify';
import { activePolicy } from '../../shared/config/policy';
import { audit, env, repo } from '../../shared/config/services';
import { renderCaseReopenedEmail } from '../../shared/email/case-reopened';
import { rescreenActiveCases } from '../../shared/monitoring/rescreen-cases';
import { sendEmail } from '../../shared/notify/mailer';
import { stageTask } from '../../shared/runtime/stage-task';
import { loadLists, OFAC_FILES, UN_FILE } from '../../shared/screening/load-lists';
import { SOURCES_FILE, updateLists } from '../../shared/screening/update-lists';

/** The daily schedule's event, or a manual run naming the folder of lists to use. */
const refreshEvent = z.looseObject({ listsDir: z.optional(z.string().check(z.minLength(1))) });

/**
 * Daily: download the official OFAC and UN files, validate them by loading (a broken or truncated file
 * keeps the previous version), publish them to the lists bucket the screening stage reads, and re-screen
 * every monitored contractor against the new version.
 */
export const handler = stageTask('sanctions-refresh', refreshEvent, async (event) => {
  let dir = event.listsDir ?? env.SANCTIONS_DATA_DIR;
  if (!event.listsDir && !env.SANCTIONS_DATA_DIR && env.SANCTIONS_CACHE_DIR) {
    // The local runtime: refresh its cached copy in place (validated, atomic), which screening reads first.
    const update = await updateLists(env.SANCTIONS_CACHE_DIR, { timeoutMs: 120_000 });
    dir = update.dir;
    logger.info('sanctions lists refreshed', { listVersion: update.version.id });
  } else if (!event.listsDir && !env.SANCTIONS_DATA_DIR && env.SANCTIONS_BUCKET) {
    dir = mkdtempSync(join(tmpdir(), 'lists-'));
    const update = await updateLists(dir);
    for (const key of [...Object.values(OFAC_FILES).map((f) => `ofac/${f}`), `un/${UN_FILE}`, SOURCES_FILE])
      if (existsSync(join(dir, key))) await s3Client().send(new PutObjectCommand({ Bucket: env.SANCTIONS_BUCKET, Key: key, Body: readFileSync(join(dir, key)) }));
    logger.info('sanctions lists refreshed', { listVersion: update.version.id });
  }
  if (!dir) throw new Error('no sanctions lists: set SANCTIONS_BUCKET (AWS) or SANCTIONS_DATA_DIR (local)');
  const { index } = await loadLists(dir);
  const policy = activePolicy();
  const compliance = policy.reviewerPools.compliance;
  const report = await rescreenActiveCases(
    {
      repo,
      audit,
      alert: async (c, codes) => {
        const to = compliance.length ? [...compliance] : c.application.reviewers.map((r) => r.email);
        await sendEmail(mailFrom(), to, renderCaseReopenedEmail({ externalId: c.externalId, onboardingId: c.id, listVersion: index.listVersion.id, codes }));
        await deliverStatusChanges(c.id);
      },
    },
    index,
    policy,
  );
  logger.info('re-screening done', { listVersion: report.listVersion, screened: report.screened, reopened: report.reopened.length });
  return report;
});
