import type { EvidenceRecord } from './case-model';

/**
 * Every other onboarding the case's evidence names as linked: the link references of its findings (a shared
 * contact, reference, account, document image, IP or shipping address: `otherCases` or `linkedCases`) and the
 * `linkedCases` a stage recorded beside them, whether that stage found the link itself or a later applicant's
 * check told it (stage `links`). What the reviewers could see on the case page, by case id.
 */
export function linkedCaseIds(evidence: readonly EvidenceRecord[]): Set<string> {
  const out = new Set<string>();
  const add = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const x of list) {
      if (typeof x === 'string') out.add(x);
      else if (x && typeof x === 'object' && typeof (x as { caseId?: unknown }).caseId === 'string') out.add((x as { caseId: string }).caseId);
    }
  };
  for (const e of evidence) {
    add(e.data?.linkedCases);
    for (const f of e.findings)
      for (const ref of f.evidence)
        if (ref.kind === 'link') {
          add(ref.detail?.otherCases);
          add(ref.detail?.linkedCases);
        }
  }
  return out;
}
