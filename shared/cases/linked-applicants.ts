import type { CaseRepository } from './case-repository';
import type { Fingerprint } from './fingerprints';

export interface LinkedCase {
  caseId: string;
  status: string;
  kind: Fingerprint['kind'];
}

/** Other onboardings sharing any of these fingerprints, with their status (a rejected one weighs more). */
export async function findLinkedCases(repo: CaseRepository, caseId: string, prints: readonly Fingerprint[]): Promise<LinkedCase[]> {
  const out: LinkedCase[] = [];
  for (const p of prints) {
    for (const other of await repo.findCasesByFingerprint(p.kind, p.hmac, caseId)) {
      const found = await repo.getCase(other);
      if (found) out.push({ caseId: other, status: found.status, kind: p.kind });
    }
  }
  return out;
}
