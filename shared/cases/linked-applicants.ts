import type { CaseRepository } from './case-repository';
import type { Fingerprint } from './fingerprints';

export interface LinkedCase {
  caseId: string;
  status: string;
  kind: Fingerprint['kind'];
}

/**
 * Other onboardings sharing any of these fingerprints, with their status (a rejected one weighs more).
 * One index query per fingerprint, then every linked case's status in one BatchGetItem rather than a
 * GetItem of the whole case each.
 */
export async function findLinkedCases(repo: CaseRepository, caseId: string, prints: readonly Fingerprint[]): Promise<LinkedCase[]> {
  // The index queries at once (results kept in fingerprint order).
  const perPrint = await Promise.all(prints.map((p) => repo.findCasesByFingerprint(p.kind, p.hmac, caseId)));
  const matches = prints.flatMap((p, i) => perPrint[i]!.map((other) => ({ caseId: other, kind: p.kind })));
  if (!matches.length) return [];
  const statuses = await repo.caseStatuses(matches.map((m) => m.caseId));
  const out: LinkedCase[] = [];
  for (const m of matches) {
    const status = statuses.get(m.caseId);
    if (status) out.push({ caseId: m.caseId, status, kind: m.kind });
  }
  return out;
}
