import type { CaseRecord, EvidenceRecord } from '../domain/cases/case-model';
import { recheckLinksBeforeApproval, recordLinksFoundAtReassessment, type RecheckOutcome } from '../app/cases/recheck-links';
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
      logger.error('an approved case is linked to a new applicant and nobody can be told: no compliance or escalation pool in the policy, and no reviewer on the case', {
        onboardingId: caseId,
        laterCase: later.id,
      });
    else logger.info('link propagated to an earlier applicant', { onboardingId: caseId, laterCase: later.id, outcome });
    // A reviewer's first approval on the earlier case that the link voided: its giver gets a fresh link. Never fails
    // the check that found the link (the earlier case is another applicant's): logged loudly instead.
    if (outcome === 're-decided') await (await import('./voided-approvals')).tellVoidedApproversOrLog(caseId, 'linked-applicant');
  }
}

/**
 * The links looked up again when the reviewers' approval is applied (shared/app/cases/recheck-links.ts), wired:
 * links nobody had seen hold the case through the hold use case, and the other applicants are told.
 */
export async function recheckLinksAtApproval(c: CaseRecord, firstVoteAt: string): Promise<RecheckOutcome> {
  const { hold, propagationDeps } = await import('./hold');
  const deps = propagationDeps();
  // This case's own hold is not the lenient one of the propagation (which logs a linked case's failed hold and
  // goes on): if it fails, the approval is not applied and the step is retried.
  const outcome = await recheckLinksBeforeApproval({ repo: deps.repo, policy: deps.policy, hold, propagate: propagateToEarlierApplicants, auditEvent: deps.auditEvent, now: deps.now }, c, firstVoteAt);
  if (outcome.kind !== 'seen') logger.warn('links the reviewers did not see were found when the approval was applied', { onboardingId: c.id, otherCases: outcome.unseen, outcome: outcome.kind });
  return outcome;
}

/**
 * The links looked up again at the reassessment after the interview (shared/app/cases/recheck-links.ts), wired:
 * links no evidence names are recorded on the case before the risk is decided again, and the others are told.
 */
export async function recheckLinksAtReassessment(c: CaseRecord, evidence: readonly EvidenceRecord[], runId: string): Promise<string[]> {
  const { propagationDeps } = await import('./hold');
  const { repo, policy, auditEvent, now } = propagationDeps();
  const found = await recordLinksFoundAtReassessment({ repo, policy, auditEvent, now, propagate: propagateToEarlierApplicants }, c, evidence, runId);
  if (found.length) logger.warn('links no check had found were recorded at the reassessment', { onboardingId: c.id, otherCases: found });
  return found;
}
