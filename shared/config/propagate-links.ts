import { propagateLinks, type LaterApplicant, type PropagateDeps } from '../cases/propagate-links';
import type { LinkedCase } from '../cases/linked-applicants';
import { sendEmail } from '../notify/mailer';
import { mailFrom } from './link-services';
import { logger } from './logger';
import { activePolicy } from './policy';
import { auditEvent, repo } from './services';

/**
 * Links both ways, wired for the stages that find links (bank, public records). The hold use case and its
 * Step Functions and EventBridge clients load only when a linked earlier case is to be held: most checks
 * find no link, and those that do rarely hold the earlier case.
 */
function deps(): PropagateDeps {
  return {
    repo,
    policy: activePolicy(),
    hold: async (input) => {
      try {
        return await (await import('./hold')).hold(input);
      } catch (err) {
        // The later applicant's check must not fail for the earlier case's hold: logged loudly, and the
        // re-decision goes on as without a hold (an approved case's compliance pool is then mailed).
        logger.error('holding a linked earlier case failed', { onboardingId: input.caseId, errorName: (err as Error).name, message: (err as Error).message });
        return { kind: 'not-holdable', c: await repo.mustGetCase(input.caseId) };
      }
    },
    mail: async (to, mail) => void (await sendEmail(mailFrom(), to, mail)),
    auditEvent,
    now: () => new Date(),
  };
}

/** The earlier applicants this check linked the case to get the finding too (shared/cases/propagate-links.ts). */
export async function propagateToEarlierApplicants(later: LaterApplicant, linked: readonly LinkedCase[]): Promise<void> {
  if (!linked.length) return;
  const outcomes = await propagateLinks(deps(), later, linked);
  for (const [caseId, outcome] of outcomes) {
    if (outcome === 'compliance-pool-empty')
      logger.error('an approved case is linked to a new applicant and no compliance pool is configured to tell (policy reviewerPools.compliance)', { onboardingId: caseId, laterCase: later.id });
    else logger.info('link propagated to an earlier applicant', { onboardingId: caseId, laterCase: later.id, outcome });
  }
}
