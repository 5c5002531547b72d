import type { Severity } from '../finding';
import type { CaseRecord, EvidenceRecord } from './case-model';

/**
 * The hold the HRIS is shown while the case is on hold: since when and the status it was held in. An approved
 * contractor held later keeps the reviewers' decision (`approved`) on record; `heldIn: 'approved'` is what says
 * the approval is suspended (an HRIS reading the decision alone would keep paying them).
 */
export function holdView(c: CaseRecord): { since: string; heldIn: CaseRecord['status'] } | undefined {
  return c.status === 'compliance-hold' && c.hold ? { since: c.hold.since, heldIn: c.hold.previousStatus } : undefined;
}

/**
 * What the HRIS sees of a case: status, stage states, decision and a findings summary. No personal data
 * beyond the client's own external id and, after a payout change, the masked account in use: findings are
 * summarised by code and severity, not by content.
 */
export function caseView(c: CaseRecord, evidence: readonly EvidenceRecord[]) {
  const bySeverity: Partial<Record<Severity, number>> = {};
  const codes = new Set<string>();
  for (const e of evidence)
    for (const f of e.findings) {
      bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
      codes.add(f.code);
    }
  return {
    id: c.id,
    externalId: c.externalId,
    status: c.status,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    stages: c.stages,
    risk: c.risk ? { outcome: c.risk.outcome, level: c.risk.level, score: c.risk.score, policyVersion: c.risk.policyVersion } : undefined,
    decision: c.decision ? { outcome: c.decision.outcome, at: c.decision.at } : undefined,
    hold: holdView(c),
    findings: { total: [...Object.values(bySeverity)].reduce((a, b) => a + (b ?? 0), 0), bySeverity, codes: [...codes].sort() },
    failure: c.failure ? { error: c.failure.error, at: c.failure.at } : undefined,
    // After a payout change: the account in use now, masked (the history is on the case page and in the export).
    payoutAccount: c.payout,
  };
}

export function caseListItem(c: CaseRecord) {
  return { id: c.id, externalId: c.externalId, status: c.status, updatedAt: c.updatedAt, riskLevel: c.risk?.level };
}
