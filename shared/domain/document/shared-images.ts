import { finding, type Finding } from '../finding';
import { DOC_CODES as C, FBI_2025 } from './doc-codes';
import { isHeldLike, isRejected } from '../cases/link-standing';

export interface ImageLink {
  /** The other onboarding with the same image. */
  caseId: string;
  status: string;
}

/**
 * One finding when an uploaded image is an image of other onboardings: byte for byte, or the same picture under
 * other metadata (image-content.ts). Real people do not
 * share a passport photo or a selfie; a team running several identities reuses its material. Linked to a
 * case on hold or rejected, it is critical, as a shared payout account is (shared/domain/bank/check-bank.ts).
 */
export function sharedImageFindings(linked: readonly ImageLink[]): Finding[] {
  const unique = [...new Map(linked.map((l) => [l.caseId, l])).values()].sort((a, b) => a.caseId.localeCompare(b.caseId));
  if (!unique.length) return [];
  const held = unique.some((l) => isHeldLike(l.status));
  const rejected = unique.some((l) => isRejected(l.status));
  const worst = held ? ', at least one of them on compliance hold' : rejected ? ', at least one of them rejected' : '';
  return [
    finding({
      code: C.imageSharedWithOtherApplicant,
      stage: 'document',
      severity: held || rejected ? 'critical' : 'high',
      message: `An uploaded document image is the same picture as one uploaded for ${unique.length} other applicant${unique.length > 1 ? 's' : ''}${worst} (byte for byte, or with only its metadata or trailing bytes changed). The same image across applicants is a red flag for a team behind several identities.`,
      evidence: [{ kind: 'link', field: 'document.files', detail: { linkedCases: unique.map((l) => ({ caseId: l.caseId, status: l.status })) } }],
      guidance: FBI_2025,
    }),
  ];
}
