import type { CaseRecord } from '../cases/case-model';
import { holdView } from '../cases/case-view';
import type { CurrentPayout } from '../bank/payout-accounts';

/**
 * What the HRIS is told on each status change: ids and outcomes, no personal data beyond, after a payout
 * change, the masked account now in use (so an approval names the account that was vetted, not the one
 * the HRIS may still hold from intake). Built once, when the
 * status changes, and stored in the outbox item: every retry and every replay sends these exact bytes.
 */
export interface StatusChangeEvent {
  type: 'onboarding.status-changed';
  /** Stable across retries and replays: receivers dedupe at-least-once delivery on it. */
  eventId: string;
  onboardingId: string;
  externalId: string;
  status: string;
  /** The case version the change produced: grows with each change of one case, so receivers can order. */
  sequence: number;
  decision?: { outcome: string; at: string };
  /** On hold: since when and the status held in (`approved`: an approved contractor suspended). */
  hold?: { since: string; heldIn: string };
  risk?: { outcome: string; level: string };
  /** When the onboarding was started (time to decision = decision.at - startedAt). */
  startedAt?: string;
  /** After a payout change: the account in use (masked), since when, and how many changes. */
  payoutAccount?: CurrentPayout;
  at: string;
}

/** The event id of a case's change number `sequence`: derived, so no retry or re-run can mint a second one. */
export function statusEventId(caseId: string, sequence: number): string {
  return `${caseId}.${sequence}`;
}

export function statusChangeOf(c: CaseRecord, sequence: number, at: string): StatusChangeEvent {
  return {
    type: 'onboarding.status-changed',
    eventId: statusEventId(c.id, sequence),
    onboardingId: c.id,
    externalId: c.externalId,
    status: c.status,
    sequence,
    ...(c.decision ? { decision: { outcome: c.decision.outcome, at: c.decision.at } } : {}),
    ...(holdView(c) ? { hold: holdView(c) } : {}),
    ...(c.risk ? { risk: { outcome: c.risk.outcome, level: c.risk.level } } : {}),
    startedAt: c.createdAt,
    ...(c.payout ? { payoutAccount: c.payout } : {}),
    at,
  };
}
