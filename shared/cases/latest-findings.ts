import type { Finding } from '../domain/finding';
import type { EvidenceRecord } from './case-model';

/**
 * The findings in force: per stage, the newest evidence record counts (a re-screening replaces the earlier
 * screening; each signals evaluation covers every signal received so far).
 */
export function latestFindings(evidence: readonly EvidenceRecord[]): Finding[] {
  const newest = new Map<string, EvidenceRecord>();
  const out: Finding[] = [];
  for (const e of evidence) {
    // Each reference answers separately: every answer counts.
    if (e.stage === 'references') {
      out.push(...e.findings);
      continue;
    }
    const seen = newest.get(e.stage);
    if (!seen || seen.recordedAt < e.recordedAt) newest.set(e.stage, e);
  }
  for (const e of newest.values()) out.push(...e.findings);
  return out;
}
