import { samePerson, type PersonIdentityOptions } from '../domain/person-identity';
import type { CaseRecord } from './case-model';

export type HoldVote = NonNullable<NonNullable<CaseRecord['hold']>['votes']>[number];

/** What the compliance review sends back through the task token. */
export interface HoldOutcome {
  outcome: 'confirmed' | 'cleared';
  votes: { by: string; at: string; reason: string }[];
}

/**
 * How many different people must clear this hold: two when the policy says so (fourEyes.onHold, the default)
 * and always two for a hard stop (a DPRK document or IP, a listed wallet, a strong sanctions match). Pure.
 */
export function clearancesRequired(c: Pick<CaseRecord, 'hold'>, onHold: boolean): number {
  return onHold || c.hold?.hardStop ? 2 : 1;
}

/**
 * What the votes so far decide, pure: a confirmation decides at once (the safe side), a clearance only once
 * enough different people cleared (compared as the same person across case, Unicode forms and look-alikes).
 */
export function holdOutcome(votes: readonly HoldVote[], required: number, identity: PersonIdentityOptions): HoldOutcome | undefined {
  const confirm = votes.find((v) => v.outcome === 'confirm');
  if (confirm) return { outcome: 'confirmed', votes: [{ by: confirm.by, at: confirm.at, reason: confirm.reason }] };
  const distinct: HoldVote[] = [];
  for (const v of votes) if (v.outcome === 'clear' && !distinct.some((d) => samePerson(d.by, v.by, identity))) distinct.push(v);
  return distinct.length >= required ? { outcome: 'cleared', votes: distinct.map((v) => ({ by: v.by, at: v.at, reason: v.reason })) } : undefined;
}

/**
 * Who owns a hold: the compliance pool; when the operator left it empty, the escalation pool (the operator's
 * staff too), else the case's reviewers. The last are named by the HRIS in the request itself, so they
 * confirm a hold but cannot clear it (`mayClear`): the addresses are the requester's to choose, and two
 * mailboxes of one person would otherwise make a four-eyes clearance.
 */
export function complianceOwners(
  pools: { compliance: readonly string[]; escalation: readonly string[] },
  reviewers: readonly { email: string; name: string }[],
): { recipients: { email: string; name: string }[]; fallback?: 'escalation-pool' | 'case-reviewers'; mayClear: boolean } {
  if (pools.compliance.length) return { recipients: pools.compliance.map((email) => ({ email, name: email })), mayClear: true };
  if (pools.escalation.length) return { recipients: pools.escalation.map((email) => ({ email, name: email })), fallback: 'escalation-pool', mayClear: true };
  return { recipients: reviewers.map((r) => ({ email: r.email, name: r.name })), fallback: 'case-reviewers', mayClear: false };
}
