import type { Finding } from '../domain/finding';
import type { Clearance, EvidenceRecord } from './case-model';

/**
 * The evidence in force, by stage: the newest record counts (a re-screening replaces the earlier
 * screening; each signals evaluation covers every signal received so far), except references, where each
 * reference answers separately and every answer counts. The risk decision and the case page both read
 * the case through this, so a reviewer sees what the decision used.
 */
export function evidenceInForce(evidence: readonly EvidenceRecord[]): Map<string, EvidenceRecord[]> {
  const byStage = new Map<string, EvidenceRecord[]>();
  for (const e of evidence) {
    const current = byStage.get(e.stage);
    if (e.stage === 'references') byStage.set(e.stage, [...(current ?? []), e]);
    else if (!current || current[0]!.recordedAt < e.recordedAt) byStage.set(e.stage, [e]);
  }
  return byStage;
}

/** The findings in force (see evidenceInForce). */
export function latestFindings(evidence: readonly EvidenceRecord[]): Finding[] {
  return [...evidenceInForce(evidence).values()].flat().flatMap((e) => e.findings);
}

/**
 * The findings in force less those compliance cleared: a finding whose code a clearance names, in evidence
 * recorded up to the clearance, no longer counts (the same code in newer evidence does).
 */
export function findingsInForce(evidence: readonly EvidenceRecord[], clearances: readonly Clearance[] = []): Finding[] {
  if (!clearances.length) return latestFindings(evidence);
  return [...evidenceInForce(evidence).values()]
    .flat()
    .flatMap((e) => e.findings.filter((f) => !clearances.some((cl) => cl.codes.includes(f.code) && e.recordedAt <= cl.at)));
}
