import type { CaseRepository } from './case-repository';
import type { Fingerprint } from './fingerprints';

export interface LinkedCase {
  caseId: string;
  status: string;
  kind: Fingerprint['kind'];
}

/**
 * Other onboardings sharing any of these fingerprints, with their status (a rejected one weighs more).
 * One index query per fingerprint, then every linked case in one BatchGetItem rather than a GetItem each.
 */
export async function findLinkedCases(repo: CaseRepository, caseId: string, prints: readonly Fingerprint[]): Promise<LinkedCase[]> {
  const matches: { caseId: string; kind: Fingerprint['kind'] }[] = [];
  for (const p of prints) for (const other of await repo.findCasesByFingerprint(p.kind, p.hmac, caseId)) matches.push({ caseId: other, kind: p.kind });
  if (!matches.length) return [];
  const cases = await repo.getCases(matches.map((m) => m.caseId));
  const out: LinkedCase[] = [];
  for (const m of matches) {
    const found = cases.get(m.caseId);
    if (found) out.push({ caseId: m.caseId, status: found.status, kind: m.kind });
  }
  return out;
}
