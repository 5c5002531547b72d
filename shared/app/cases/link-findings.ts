import { finding, type Finding } from '../../domain/finding';
import { linkFactOf } from '../../domain/risk/facts';
import type { LinkedCase } from './linked-applicants';
import { isSevereLink } from '../../domain/cases/link-standing';

const guidance = '2022 DPRK IT worker advisory: the same contact details, payment account or references across applicants';
// A failed case weighs as one rejected or held here: its checks never cleared it.
const severe = (status: string) => isSevereLink(status) || status === 'failed';
const kindLabel: Record<string, string> = {
  email: 'email address',
  phone: 'phone number',
  address: 'postal address',
  'reference-email': "reference's email",
  'reference-phone': "reference's phone",
  ip: 'IP address',
  'shipping-address': 'equipment shipping address',
  document: 'identity document number',
  'document-image': 'identity-document image',
  'document-image-near': 'identity-document image (the same picture saved again or resized)',
  messaging: 'messaging handle (Telegram, WhatsApp, Skype...)',
};

/**
 * Applicants who share an identifier with another applicant. Stronger when the other was rejected or held.
 * A reference vouching for several applicants is the advisory's "many accounts rated by one client".
 * Bank accounts are the bank stage's (BANK_SHARED_ACCOUNT).
 */
export function linkFindings(linked: readonly LinkedCase[]): Finding[] {
  const byKind = new Map<string, LinkedCase[]>();
  for (const l of linked) if (l.kind !== 'bank-account') byKind.set(l.kind, [...(byKind.get(l.kind) ?? []), l]);
  const out: Finding[] = [];
  for (const [kind, cases] of byKind) {
    const anySevere = cases.some((c) => severe(c.status));
    const isReference = kind.startsWith('reference');
    const many = new Set(cases.map((c) => c.caseId)).size;
    if (kind === 'shipping-address') {
      out.push(shippingLinkFinding(cases, anySevere, many));
      continue;
    }
    out.push(
      finding({
        code: isReference ? 'LINK_SHARED_REFERENCE' : 'LINK_SHARED_CONTACT',
        // Sharing an email and a phone with the same applicant is one link, counted once.
        fact: linkFactOf(cases.map((c) => c.caseId)),
        stage: 'links',
        // One identity document cannot be two people's: high on its own, a hard stop beside a rejected or held
        // case (like a payout account shared with one), whatever the policy weighs links at.
        severity: kind === 'document' ? (anySevere ? 'critical' : 'high') : anySevere ? 'high' : isReference && many >= 2 ? 'high' : 'medium',
        ...(kind === 'document' && anySevere ? { hardStop: true } : {}),
        message: `The ${kindLabel[kind] ?? kind} is also given by ${many} other applicant(s)${anySevere ? ', at least one of them rejected or held (or expired without being cleared)' : ''}.${
          isReference
            ? ` Rule: a reference shared with one applicant in good standing is medium (colleagues do share references); shared with two or more, or with an applicant who was rejected or held, it is high (one person vouching for a team behind several identities).`
            : ''
        }`,
        evidence: [{ kind: 'link', field: kind, detail: { otherCases: [...new Set(cases.map((c) => c.caseId))], statuses: cases.map((c) => c.status) } }],
        guidance,
      }),
    );
  }
  return out;
}

/**
 * Laptops for several applicants to one address: the laptop farm itself (FBI PSAs May 2024, January and July
 * 2025: facilitators receive many company laptops at their home). High on its own; critical, enough for a
 * hold under the default thresholds, when another applicant at that address is held or rejected.
 */
function shippingLinkFinding(cases: readonly LinkedCase[], anySevere: boolean, many: number): Finding {
  return finding({
    code: 'LINK_SHARED_SHIPPING_ADDRESS',
    fact: linkFactOf(cases.map((c) => c.caseId)),
    stage: 'links',
    severity: anySevere ? 'critical' : 'high',
    message: `An equipment shipping address meets ${many} other applicant(s)${anySevere ? ', at least one of them held or rejected' : ''}: where their equipment ships or where they live, or equipment of theirs ships to this applicant's home. Several company laptops sent to one address is the laptop-farm pattern: a facilitator receives them and workers elsewhere connect to them remotely.${anySevere ? ' Shared with a held or rejected applicant, it weighs as a hold.' : ''}`,
    evidence: [{ kind: 'link', field: 'shipping-address', detail: { otherCases: [...new Set(cases.map((c) => c.caseId))], statuses: cases.map((c) => c.status) } }],
    guidance: 'FBI public service announcements on DPRK IT workers: laptop farms (May 2024, January and July 2025)',
  });
}
