import type { AuditEventBuilder, CaseRepository } from '../../adapters/dynamodb/case-repository';
import { EvidenceExistsError } from '../../adapters/dynamodb/errors';
import type { CaseRecord, EvidenceRecord } from '../../domain/cases/case-model';
import type { FingerprintKind } from '../../domain/cases/fingerprints';
import { findingBases, findingsInForce } from '../../domain/cases/latest-findings';
import { linkedCaseIds } from '../../domain/cases/linked-evidence';
import { riskSummaryOf } from '../../domain/cases/risk-summary';
import type { Policy } from '../../domain/policy/policy-schema';
import { decideRisk } from '../../domain/risk/decide';
import type { HoldInput, HoldResult } from './hold-case';
import { findLinkedCases, linksByCase, type LinkedCase } from './linked-applicants';
import { backLinkFindings, type LaterApplicant } from './propagate-links';

export interface RecheckDeps {
  repo: CaseRepository;
  policy: Policy;
  /** Holds the case (shared/app/cases/hold-case.ts). */
  hold(input: HoldInput): Promise<HoldResult>;
  /** Tells the other applicants of the link (shared/app/cases/propagate-links.ts, wired). */
  propagate(found: LaterApplicant, linked: readonly LinkedCase[]): Promise<void>;
  auditEvent(caseId: string, actor: string, action: string, data: Record<string, unknown>): AuditEventBuilder;
  now(): Date;
}

export type RecheckOutcome =
  /** Every applicant linked now was on the case when the reviewers voted. */
  | { kind: 'seen' }
  /** Links the reviewers did not see: recorded, told, and the case held for compliance. */
  | { kind: 'held'; unseen: string[] }
  /** Links the reviewers did not see, on a case that can no longer be held (ended meanwhile). */
  | { kind: 'not-holdable'; unseen: string[] };

/**
 * The links again, when the reviewers' approval is applied (functions/finalize). The API looks for other
 * applicants on the fingerprint index right after writing the applicant's own fingerprints, and on AWS that
 * index (a GSI) is only eventually consistent: two applicants submitted at the same moment (a farm script)
 * can each miss the other, and both reach the reviewers looking unrelated. Hours later the index has long
 * caught up.
 *
 * An applicant linked now whom no evidence recorded before the first approving vote names (the reviewers could
 * not have seen the link) gets, on this case, the finding a later applicant's check would have given (stage
 * `links`, one record per other applicant, written once), the other applicant is told the same way
 * (propagateLinks), and the case is held for compliance: the reviewers approved without the link, so the
 * approval does not stand. Compliance confirms the hold, or clears it and the reviewers decide again with the
 * link on the case page (the workflow's HeldDuringApproval).
 *
 * Idempotent: a retried run finds its records (written once, recorded after the vote, so still not seen by the
 * voters) and holds again, which adds nothing to a case held already.
 */
export async function recheckLinksBeforeApproval(deps: RecheckDeps, c: CaseRecord, firstVoteAt: string): Promise<RecheckOutcome> {
  const linked = await findLinkedCases(deps.repo, c, await deps.repo.fingerprintsOf(c.id));
  if (!linked.length) return { kind: 'seen' };
  const { evidence } = await deps.repo.mustGetCaseWithEvidence(c.id);
  // What was on the case when the first reviewer voted; never this recheck's own records of that vote (a retried
  // run), whatever the clocks say.
  const ownRecord = (e: EvidenceRecord) => e.stage === 'links' && e.inputs.foundBy === 'approval-recheck' && e.inputs.firstVoteAt === firstVoteAt;
  const unseen = unseenLinks(
    linked,
    evidence.filter((e) => e.recordedAt <= firstVoteAt && !ownRecord(e)),
  );
  if (!unseen.size) return { kind: 'seen' };

  const records = await recordLinks(deps, c, evidence, unseen, { foundBy: 'approval-recheck', firstVoteAt });
  const ids = [...unseen.keys()].sort();
  // The other applicants learn of this one as of a later applicant's check; its status is the one before the
  // hold below (a hold raised by a link does not spread further by itself: shared/app/cases/hold-links.ts).
  await deps.propagate(
    { id: c.id, status: c.status, stage: 'approval', runId: firstVoteAt },
    linked.filter((l) => unseen.has(l.caseId)),
  );

  const stored = new Set(evidence.map((e) => `${e.stage}\u0000${e.runId}`));
  const all = [...evidence, ...records.filter((r) => !stored.has(`${r.stage}\u0000${r.runId}`))];
  const decision = decideRisk({ findings: findingsInForce(all, c.clearances), policy: deps.policy });
  const risk = riskSummaryOf(decision);
  const newFindings = records.flatMap((r) => r.findings);
  const kinds = (id: string) => [...unseen.get(id)!.kinds].sort().join(', ');
  const held = await deps.hold({
    caseId: c.id,
    source: 'linked-applicant',
    reason: `Linked to other applicants that no check had found when the reviewers approved, found when the approval was applied: ${ids
      .map((id) => `case ${id} (${kinds(id)})`)
      .join('; ')}. The approval does not stand: confirm the hold, or clear it and the reviewers decide again with the link on the case.`.slice(0, 1000),
    findings: [...new Set(newFindings.map((f) => f.code))].sort(),
    bases: findingBases(
      newFindings,
      newFindings.map((f) => f.code),
    ),
    hardStop: newFindings.some((f) => f.hardStop || deps.policy.hardStopCodes.includes(f.code)),
    risk,
  });
  return held.kind === 'not-holdable' ? { kind: 'not-holdable', unseen: ids } : { kind: 'held', unseen: ids };
}

/**
 * The same lookup when the risk is decided again after the interview (functions/risk-decision), before the
 * reviewers get their links: an applicant linked now whom no evidence on the case names is recorded on it (stage
 * `links`, once per applicant) and told of this case, and the reassessment that follows weighs the link, so the
 * reviewers see it on the case page before they vote. Returns the applicants recorded now.
 */
export async function recordLinksFoundAtReassessment(deps: Omit<RecheckDeps, 'hold'>, c: CaseRecord, evidence: readonly EvidenceRecord[], runId: string): Promise<string[]> {
  const linked = await findLinkedCases(deps.repo, c, await deps.repo.fingerprintsOf(c.id));
  const unseen = unseenLinks(linked, evidence);
  if (!unseen.size) return [];
  await recordLinks(deps, c, evidence, unseen, { foundBy: 'reassessment-recheck', run: runId });
  await deps.propagate(
    { id: c.id, status: c.status, stage: 'reassessment', runId },
    linked.filter((l) => unseen.has(l.caseId)),
  );
  return [...unseen.keys()].sort();
}

/** The linked applicants (by case, with every identifier they share) that none of `evidence` names. */
function unseenLinks(linked: readonly LinkedCase[], evidence: readonly EvidenceRecord[]): Map<string, { status: string; kinds: Set<FingerprintKind> }> {
  const seen = linkedCaseIds(evidence);
  return linksByCase(linked, (id) => seen.has(id));
}

/**
 * One `links` record per other applicant on this case, with the finding a later applicant's check would have
 * given and its audit event, written once (`<foundBy>-<other case>`): a retried run gets the stored record back.
 */
async function recordLinks(
  deps: Pick<RecheckDeps, 'repo' | 'policy' | 'auditEvent' | 'now'>,
  c: CaseRecord,
  evidence: readonly EvidenceRecord[],
  unseen: ReadonlyMap<string, { status: string; kinds: Set<FingerprintKind> }>,
  inputs: { foundBy: 'approval-recheck' | 'reassessment-recheck' } & Record<string, unknown>,
): Promise<EvidenceRecord[]> {
  const now = deps.now().toISOString();
  const records: EvidenceRecord[] = [];
  for (const [other, { status, kinds }] of [...unseen].sort(([a], [b]) => a.localeCompare(b))) {
    const shared = [...kinds].sort();
    const record: EvidenceRecord = {
      caseId: c.id,
      stage: 'links',
      runId: `${inputs.foundBy}-${other}`,
      recordedAt: now,
      inputs: { otherCase: other, otherStatus: status, shared, ...inputs },
      findings: backLinkFindings(deps.policy, { id: other, status: status as CaseRecord['status'] }, shared),
      data: { linkedCases: [other] },
    };
    const action = inputs.foundBy === 'approval-recheck' ? 'links.found-at-approval' : 'links.found-at-reassessment';
    try {
      await deps.repo.appendAudit(c.id, deps.auditEvent(c.id, 'system', action, { otherCase: other, shared, findings: record.findings.map((f) => f.code) }), { evidence: record });
      records.push(record);
    } catch (err) {
      // A retried run: the record is there (with its audit event), as it was first written.
      if (!(err instanceof EvidenceExistsError)) throw err;
      records.push(evidence.find((e) => e.stage === 'links' && e.runId === record.runId) ?? record);
    }
  }
  return records;
}
