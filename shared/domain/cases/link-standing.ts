/**
 * How the status of the other applicant weighs a link to it: the one owner of that rule for every link
 * finding (shared contacts, document, payout account, document image), at intake and propagated both ways.
 *
 * Held: on compliance hold, or `expired`. A hold that ran out of time ends `expired` (lifecycle `timed-out`):
 * nobody cleared the suspicion, so a link to it weighs as a link to a held case (adversarial pass: it weighed
 * less, and letting a hold time out made a second identity's link to it lighter). A case that expired waiting for
 * an interview or reviewers is read the same way: expired is never approved, and the status alone does not say
 * which it was. The other names (blocked, hold, on-hold) are an HRIS's, as linked applicants were first given.
 */
const HELD: ReadonlySet<string> = new Set(['compliance-hold', 'expired', 'blocked', 'hold', 'on-hold']);
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
