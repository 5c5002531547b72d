import { finding, type Finding } from '../finding';
import { DOC_CODES as C, FBI_2025 } from './doc-codes';
import { isHeldLike, isRejected } from '../cases/link-standing';

export interface ImageLink {
  /** The other onboarding with the same image. */
  caseId: string;
  status: string;
  /** Set for the same picture saved again or resized: the perceptual hashes' distance (near-duplicate.ts). */
  distance?: number;
}

/**
 * One finding when an uploaded image is an image of other onboardings: byte for byte, or the same picture under
 * other metadata (image-content.ts); and one of its own for the onboardings whose image is the same picture saved
 * again, converted or resized (a perceptual hash within the near-duplicate distance: near-duplicate.ts), with the
 * distance in its evidence. Real people do not share a passport photo or a selfie; a team running several
 * identities reuses its material. Linked to a case on hold or rejected, either is critical, as a shared payout
 * account is (shared/domain/bank/check-bank.ts).
 */
export function sharedImageFindings(linked: readonly ImageLink[]): Finding[] {
  const exact = byCase(linked.filter((l) => l.distance === undefined));
  const near = byCase(linked.filter((l) => l.distance !== undefined && !exact.some((e) => e.caseId === l.caseId)));
  return [
    ...(exact.length
      ? [
          imageFinding(
            C.imageSharedWithOtherApplicant,
            exact,
            (n, worst) =>
              `An uploaded document image is the same picture as one uploaded for ${n}${worst} (byte for byte, or with only its metadata or trailing bytes changed). The same image across applicants is a red flag for a team behind several identities.`,
          ),
        ]
      : []),
    ...(near.length
      ? [
          imageFinding(
            C.imageResavedForOtherApplicant,
            near,
            (n, worst) =>
              `An uploaded document image is the same picture as one uploaded for ${n}${worst}, saved again or resized (another file and another encoding; what it shows matches, by its perceptual hash). The same image across applicants is a red flag for a team behind several identities.`,
          ),
        ]
      : []),
  ];
}

/** One link per other case (the closest picture of a near one), sorted by case. */
function byCase(links: readonly ImageLink[]): ImageLink[] {
  const unique = new Map<string, ImageLink>();
  for (const l of links) if (!unique.has(l.caseId) || (l.distance ?? 0) < (unique.get(l.caseId)!.distance ?? 0)) unique.set(l.caseId, l);
  return [...unique.values()].sort((a, b) => a.caseId.localeCompare(b.caseId));
}

function imageFinding(code: string, links: readonly ImageLink[], message: (others: string, worst: string) => string): Finding {
  const held = links.some((l) => isHeldLike(l.status));
  const rejected = links.some((l) => isRejected(l.status));
  const worst = held ? ', at least one of them on compliance hold' : rejected ? ', at least one of them rejected' : '';
  return finding({
    code,
    stage: 'document',
    severity: held || rejected ? 'critical' : 'high',
    message: message(`${links.length} other applicant${links.length > 1 ? 's' : ''}`, worst),
    evidence: [
      {
        kind: 'link',
        field: 'document.files',
        detail: { linkedCases: links.map((l) => ({ caseId: l.caseId, status: l.status, ...(l.distance === undefined ? {} : { distance: l.distance }) })) },
      },
    ],
    guidance: FBI_2025,
  });
}
