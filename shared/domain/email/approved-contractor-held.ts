import { composeEmail, para } from './email-frame';
import type { RenderedEmail } from './rendered-email';

export interface ApprovedContractorHeldEmailInput {
  reviewerName: string;
  contractorName: string;
  externalId: string;
  /** When the reviewers' approval was recorded, and when the hold came (ISO times). */
  approvedAt: string;
  heldAt: string;
  /** Why the case is held, in the hold's own words. */
  reasons: readonly string[];
  hardStop: boolean;
}

const day = (iso: string): string => iso.slice(0, 10);

/**
 * To a reviewer who approved a contractor that is held later (a new list entry, a platform signal, a linked
 * applicant): the approval they gave is suspended. Nothing is asked of them and there is no link; the compliance
 * team owns the hold. They are told because they may be the ones giving the contractor access or work.
 */
export function renderApprovedContractorHeldEmail(input: ApprovedContractorHeldEmailInput): RenderedEmail {
  const what = `${input.contractorName} (${input.externalId}), whose onboarding you approved on ${day(input.approvedAt)}, was put on compliance hold on ${day(input.heldAt)}.`;
  const why = `${input.hardStop ? 'This is a hard stop. ' : ''}Why: ${input.reasons.join(' ').slice(0, 600)}`;
  const todo =
    'Your approval is suspended until the compliance team decides: please give this contractor no new access, work or payment on the strength of it. Nothing else is asked of you; the HRIS has been told.';
  return composeEmail({
    subject: `Your approval of ${input.contractorName} (${input.externalId}) is suspended: compliance hold`,
    htmlBlocks: [para(`Hello ${input.reviewerName},`), para(what), para(why), para(todo)],
    textLines: [`Hello ${input.reviewerName},`, '', what, '', why, '', todo],
    footer: 'You get this email because you approved this onboarding. The compliance team owns the hold; there is nothing to click.',
  });
}
