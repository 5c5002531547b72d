import type { CaseStatus } from './case-model';

/**
 * How the status of the other applicant weighs a link to it: the one owner of that rule for every link
 * finding (shared contacts, document, payout account, document image), at intake and propagated both ways.
 *
 * Held: on compliance hold, or `expired-on-hold` (linkStatus). A hold that ran out of time ends `expired` (lifecycle
 * `timed-out`) and keeps its hold record: nobody cleared the suspicion, so a link to it weighs as a link to a held
 * case (adversarial pass: it weighed less, and letting a hold time out made a second identity's link to it lighter).
 * A case that expired waiting for an interview pick or for reviewers, never held, is an ordinary link: an honest
 * contractor who let an invitation lapse and was onboarded again by their HRIS was a hard stop beside their own
 * earlier attempt (same document). The other names (blocked, hold, on-hold) are an HRIS's, as linked applicants
 * were first given.
 */
const HELD: ReadonlySet<string> = new Set(['compliance-hold', 'expired-on-hold', 'blocked', 'hold', 'on-hold']);
/**
 * Rejected, or ended `info-not-provided`: the applicant did not answer a reviewer's question (lifecycle
 * `information-not-provided`). Never approved, and walking away from the question is the cheap way to end a case
 * under review without a rejection on it: a link to it weighed as one to an applicant in good standing (adversarial
 * pass). Read as a rejection, not a hold: nobody held it, a reviewer only asked.
 */
const REJECTED: ReadonlySet<string> = new Set(['rejected', 'declined', 'terminated', 'info-not-provided']);

/** Held or held until it expired: a link to it is a link to an unresolved suspicion. */
export function isHeldLike(status: string): boolean {
  return HELD.has(status);
}

export function isRejected(status: string): boolean {
  return REJECTED.has(status);
}

/** Rejected or held-like: the link weighs more. */
export function isSevereLink(status: string): boolean {
  return isHeldLike(status) || isRejected(status);
}

/** What the link lookups read of another case (CaseRepository.caseStatuses). */
export interface CaseHead {
  status: CaseStatus;
  clientId: string;
  externalId: string;
  /** It has a hold record: on hold now, or it expired on hold (a cleared hold leaves none). */
  held: boolean;
}

/**
 * The status a link to this case is reported and weighed by: `expired-on-hold` for a case that expired on
 * compliance hold (its hold never cleared), the case's own status otherwise.
 */
export function linkStatus(head: Pick<CaseHead, 'status' | 'held'>): string {
  return head.status === 'expired' && head.held ? 'expired-on-hold' : head.status;
}
