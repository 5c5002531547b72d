import { createHash } from 'node:crypto';
import type { Finding } from '../finding';
import type { CaseRecord, EvidenceRecord } from './case-model';
import { findingsInForce } from './latest-findings';

export type PendingApproval = NonNullable<CaseRecord['pendingApprovals']>[number];

/** One finding as a reviewer saw it: its code and the facts it counts (its basis, else its wording), hashed. */
function seenKey(f: Finding): string {
  return createHash('sha256')
    .update(`${f.code}\n${f.basis ?? f.message}`)
    .digest('base64url')
    .slice(0, 22);
}

/** What a reviewer approving now has seen: every finding in force on the case, each once. Pure. */
export function findingsSeen(c: Pick<CaseRecord, 'clearances'>, evidence: readonly EvidenceRecord[]): string[] {
  return [...new Set(findingsInForce(evidence, c.clearances).map(seenKey))].sort();
}

/**
 * The first approvals of this approval round that still stand (four eyes). An approval covers the findings its
 * giver saw: a finding in force now that was not on the case then (a signal, a linked applicant, a re-screening
 * that came in between the two votes) voids it, so two approvals are always two people who saw the case as it
 * is approved. Approvals recorded before what they saw was kept stand as they were. Pure.
 */
export function standingApprovals(
  c: Pick<CaseRecord, 'pendingApprovals' | 'clearances'>,
  evidence: readonly EvidenceRecord[],
  callbackId: string,
): { standing: PendingApproval[]; voided: PendingApproval[] } {
  const now = findingsSeen(c, evidence);
  const standing: PendingApproval[] = [];
  const voided: PendingApproval[] = [];
  for (const a of c.pendingApprovals ?? []) {
    if (a.callbackId !== callbackId) continue;
    const seen = a.seen === undefined ? undefined : new Set(a.seen);
    (seen === undefined || now.every((k) => seen.has(k)) ? standing : voided).push(a);
  }
  return { standing, voided };
}

/** The findings in force now that the giver of an approval did not see: what voids it (standingApprovals). Pure. */
export function findingsUnseenBy(c: Pick<CaseRecord, 'clearances'>, evidence: readonly EvidenceRecord[], a: Pick<PendingApproval, 'seen'>): Finding[] {
  const seen = new Set(a.seen ?? []);
  return findingsInForce(evidence, c.clearances).filter((f) => !seen.has(seenKey(f)));
}

/**
 * The findings in force now that were not in force when the deciding vote was cast (`votedAt`): recorded between
 * the click and the approval's application, no reviewer saw them. Pure.
 */
export function findingsSinceVote(c: Pick<CaseRecord, 'clearances'>, evidence: readonly EvidenceRecord[], votedAt: string): Finding[] {
  const then = new Set(
    findingsSeen(
      c,
      evidence.filter((e) => e.recordedAt <= votedAt),
    ),
  );
  return findingsInForce(evidence, c.clearances).filter((f) => !then.has(seenKey(f)));
}
