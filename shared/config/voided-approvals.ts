import { sendEmail } from '../adapters/notify/mailer';
import { logger } from '../adapters/observability/logger';
import { tellVoidedApprovers as tell } from '../app/links/voided-approvals';
import { links, mailFrom, publicBaseUrl, reminderLeadMs } from './link-services';
import { loadKeys } from './secrets';
import { audit, env, repo } from './services';

/**
 * The givers of first approvals that a finding just recorded voided get a fresh link (shared/app/links/voided-approvals.ts),
 * wired to this function's table, keys and mail: the path every reviewer link takes. Called by whatever recorded
 * findings on a case (signals, a linked applicant); idempotent, so a retried caller sends nothing twice.
 */
export async function tellVoidedApprovers(caseId: string): Promise<number> {
  const told = await tell(
    {
      repo,
      links,
      mint: async () => ({ linkKey: (await loadKeys(env.SECRET_ARN)).linkKey, baseUrl: publicBaseUrl(), reminderLeadMs: reminderLeadMs() }),
      send: async (to, mail) => void (await sendEmail(mailFrom(), [to], mail)),
      audit,
    },
    caseId,
    new Date(),
  );
  if (told) logger.info('reviewers whose approval a new finding voided were sent a fresh link', { onboardingId: caseId, told });
  return told;
}

/**
 * The same, for a caller whose own work must not fail for it (a check that found a link to another applicant, the
 * contractor's page, a re-screening page): a failure is logged loudly, and the claim it gave back lets a later
 * finding on the case tell the reviewer then.
 */
export async function tellVoidedApproversOrLog(caseId: string, cause: string): Promise<void> {
  await tellVoidedApprovers(caseId).catch((err: unknown) =>
    logger.error('telling the reviewers whose approval a new finding voided failed', { onboardingId: caseId, cause, errorName: (err as Error).name, message: (err as Error).message }),
  );
}
