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
