import { propagateLinks, type LaterApplicant } from '../app/cases/propagate-links';
import type { LinkedCase } from '../app/cases/linked-applicants';
import { logger } from '../adapters/observability/logger';

/**
 * The earlier applicants this check linked the case to get the finding too (shared/app/cases/propagate-links.ts).
 * The hold use case (and its Step Functions and EventBridge clients) loads only when a check finds a link:
 * most find none.
 */
export async function propagateToEarlierApplicants(later: LaterApplicant, linked: readonly LinkedCase[]): Promise<void> {
  if (!linked.length) return;
  const outcomes = await propagateLinks((await import('./hold')).propagationDeps(), later, linked);
  for (const [caseId, outcome] of outcomes) {
    if (outcome === 'compliance-pool-empty')
      logger.error('an approved case is linked to a new applicant and no compliance pool is configured to tell (policy reviewerPools.compliance)', { onboardingId: caseId, laterCase: later.id });
    else logger.info('link propagated to an earlier applicant', { onboardingId: caseId, laterCase: later.id, outcome });
  }
}
