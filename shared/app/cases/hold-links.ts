import type { CaseRecord } from '../../domain/cases/case-model';
import { findLinkedCases } from './linked-applicants';
import { propagateLinks, type PropagateDeps, type PropagationOutcome } from './propagate-links';

/**
 * A held applicant's links weigh more (issue 15 item 4, issue 18): every applicant who shares an identifier
 * with a case just put on hold (a reference, a phone, a payout account, a shipping or IP address) gets the
 * link again, now naming a held case, and its risk is decided again, through the same propagation as
 * links found by a later applicant (shared/app/cases/propagate-links.ts). Whether the other applicant came
 * before or after does not matter: the link found earlier said "in good standing", which is no longer so.
 *
 * One hop: the hold of a case held *because of* a linked applicant does not spread further by itself (a
 * network is still reached one event at a time: each applicant's own next check or signal sees its links).
 * Recorded once per held case (run `hold-<id>`), at most MAX_PROPAGATIONS applicants per identifier.
 */
export async function propagateHold(deps: PropagateDeps, held: Pick<CaseRecord, 'id' | 'clientId' | 'externalId' | 'status' | 'hold'>): Promise<Map<string, PropagationOutcome>> {
  const prints = await deps.repo.fingerprintsOf(held.id);
  if (!prints.length) return new Map();
  const linked = await findLinkedCases(deps.repo, held, prints);
  if (!linked.length) return new Map();
  return propagateLinks(deps, { id: held.id, status: held.status, stage: 'hold', runId: held.hold?.since ?? 'hold' }, linked);
}
