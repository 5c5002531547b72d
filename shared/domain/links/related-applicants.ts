import type { EvidenceRecord } from '../cases/case-model';
import type { RelatedApplicantView } from '../pages/case-page';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * The "Links to other applicants" table from the evidence in force: the payout account the bank stage (or
 * a payout change) linked, and the equipment shipping address, found by this case's signals or by a later
 * applicant's (the `links` records naming it). Case ids only: never the other person's data, nor the address.
 */
export function relatedApplicantsOf(inForce: ReadonlyMap<string, readonly EvidenceRecord[]>): RelatedApplicantView[] {
  const shared = new Map<string, Set<string>>();
  const add = (id: string, what: string) => shared.set(id, (shared.get(id) ?? new Set()).add(what));
  for (const id of strings(inForce.get('bank')?.[0]?.data?.linkedCases)) add(id, 'bank account');
  const shipping = inForce.get('signals')?.at(-1)?.data?.shippingLinks;
  if (Array.isArray(shipping)) for (const l of shipping) if (l && typeof (l as { caseId?: unknown }).caseId === 'string') add((l as { caseId: string }).caseId, 'equipment shipping address');
  for (const e of inForce.get('links') ?? [])
    if (e.findings.some((f) => f.code === 'LINK_SHARED_SHIPPING_ADDRESS')) for (const id of strings(e.data?.linkedCases)) add(id, 'equipment shipping address');
  return [...shared].map(([label, what]) => ({ label, sharedAttributes: [...what] }));
}
