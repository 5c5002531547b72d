import { composeEmail } from './email-frame';
import { reviewEmailParts, type ApprovalRequestEmailInput } from './approval-request';
import type { RenderedEmail } from './rendered-email';

export interface ComplianceReviewEmailInput extends Omit<ApprovalRequestEmailInput, 'approvals'> {
  /** Why the case is held, in the hold's own words (sources: risk decision, signals, re-screening...). */
  reasons: readonly string[];
  hardStop: boolean;
  /** False when no compliance team is named and the hold came to the reviewers the HRIS named: confirm only. */
  mayClear?: boolean;
}

/**
 * To a member of the compliance pool: a case is on compliance hold and needs its owner. The link opens the
 * hold's case page (the listed entry beside the applicant, the evidence, the score), where the reviewer
 * confirms the hold (the case ends rejected) or clears it as a false positive (two different people).
 */
export function renderComplianceReviewEmail(input: ComplianceReviewEmailInput): RenderedEmail {
  return composeEmail(
    reviewEmailParts(input, {
      subject: `Compliance hold: ${input.contractorName} (${input.externalId}) needs a compliance decision`,
      intro:
        input.mayClear === false
          ? `The onboarding of ${input.contractorName} (${input.externalId}) is on compliance hold. No compliance team is named for this deployment, so it comes to you: you can confirm the hold; only a compliance team can clear it.`
          : `The onboarding of ${input.contractorName} (${input.externalId}) is on compliance hold. Please confirm the hold or clear it as a false positive.`,
      extra:
        `${input.hardStop ? 'This is a hard stop. ' : ''}Why: ${input.reasons.join(' ').slice(0, 600)} ` +
        (input.mayClear === false
          ? 'If you believe it is a false positive, tell the operator; until a compliance team clears it, nothing about this onboarding can be approved.'
          : 'Clearing needs two different compliance reviewers, each with a written reason; until then nothing about this onboarding can be approved.'),
    }),
  );
}
