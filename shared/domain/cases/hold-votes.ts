import { samePerson, type PersonIdentityOptions } from '../person-identity';
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

type HoldReasons = NonNullable<CaseRecord['hold']>['sources'];

/**
 * Whether someone who saw the first `seen` reasons of a hold has seen every finding it stands on now: a reason
 * added later that repeats known findings on known facts (the same signals again) changes nothing; one with a new
 * finding (a sanctions hit while the hold is reviewed), or a known finding on new facts (its basis: a second
 * login from DPRK address space), does. Pure.
 */
export function sawEveryFinding(sources: HoldReasons, seen: number): boolean {
  const shown = sources.slice(0, Math.max(0, seen));
  const known = new Set(shown.flatMap((s) => s.findings));
  const knownBases = new Set(shown.flatMap((s) => s.bases ?? []));
  return sources.slice(Math.max(0, seen)).every((s) => s.findings.every((f) => known.has(f)) && (s.bases ?? []).every((b) => knownBases.has(b)));
}

/** A clearance recorded before reasons were counted on the vote covers the reason the hold was raised with. */
const reasonsSeenBy = (v: HoldVote): number => v.reasonsSeen ?? 1;

/** The clearances that still stand: given by someone who saw every finding the hold has now. */
export function standingClearances(votes: readonly HoldVote[], sources: HoldReasons): HoldVote[] {
  return votes.filter((v) => v.outcome === 'clear' && sawEveryFinding(sources, reasonsSeenBy(v)));
}

/**
 * What the votes so far decide, pure: a confirmation decides at once (the safe side), a clearance only once
 * enough different people cleared (compared as the same person across case, Unicode forms and look-alikes),
 * each having seen every finding the hold stands on now (`sources`): a clearance given before a new finding
 * was added to the hold does not count.
 */
export function holdOutcome(votes: readonly HoldVote[], required: number, identity: PersonIdentityOptions, sources: HoldReasons): HoldOutcome | undefined {
  const confirm = votes.find((v) => v.outcome === 'confirm');
  if (confirm) return { outcome: 'confirmed', votes: [{ by: confirm.by, at: confirm.at, reason: confirm.reason }] };
  const distinct: HoldVote[] = [];
  for (const v of standingClearances(votes, sources)) if (!distinct.some((d) => samePerson(d.by, v.by, identity))) distinct.push(v);
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

/**
 * The reviewers who approved a contractor held since (the hold came after the approval), each once, less those
 * who own the hold anyway (they get the review's mail): they are told their approval is suspended. Pure.
 */
export function approversToTell(c: Pick<CaseRecord, 'hold' | 'decision' | 'application'>, owners: readonly { email: string }[], identity: PersonIdentityOptions): { email: string; name: string }[] {
  if (c.hold?.previousStatus !== 'approved' || c.decision?.outcome !== 'approved') return [];
  const out: { email: string; name: string }[] = [];
  for (const email of [...(c.decision.approvals ?? []).map((a) => a.by), c.decision.by]) {
    if (!email.includes('@') || [...owners, ...out].some((o) => samePerson(o.email, email, identity))) continue;
    out.push({ email, name: c.application.reviewers.find((r) => samePerson(r.email, email, identity))?.name ?? email });
  }
  return out;
}
