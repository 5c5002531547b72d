import { composeEmail } from './email-frame';
import { reviewEmailParts, type ApprovalRequestEmailInput } from './approval-request';
import { RISK_LABEL } from './finding-summary';
import type { RenderedEmail } from './rendered-email';

export interface EscalationEmailInput extends Omit<ApprovalRequestEmailInput, 'reviewerName'> {
  backupReviewerName: string;
  originalReviewerName: string;
}

/** To the backup reviewer after the first reviewer's deadline passed. A fresh link; the old one is expired. */
export function renderEscalationEmail(input: EscalationEmailInput): RenderedEmail {
  return composeEmail(
    reviewEmailParts(
      { ...input, reviewerName: input.backupReviewerName },
      {
        subject: `Escalated: approval needed for ${input.contractorName} (${RISK_LABEL[input.riskLevel]} risk)`,
        intro: `${input.originalReviewerName} did not decide on the onboarding of ${input.contractorName} (${input.externalId}) in time, so it comes to you as backup reviewer.`,
        extra: 'Until someone decides, the onboarding stays on hold; it is never approved automatically.',
      },
    ),
  );
}
