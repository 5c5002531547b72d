import { formatInstant } from '../pages/format';
import { composeEmail } from './email-frame';
import { RISK_LABEL } from './finding-summary';
import { reviewEmailParts, type ApprovalRequestEmailInput } from './approval-request';
import type { RenderedEmail } from './rendered-email';

export interface ApprovalVoidedEmailInput extends Omit<ApprovalRequestEmailInput, 'findings'> {
  /** When the reviewer gave the approval that no longer counts. */
  approvedAt: string;
  /** The findings that came in after it (what it did not see); the top few are named. */
  newFindings: ApprovalRequestEmailInput['findings'];
}

/**
 * To a reviewer whose first approval of four eyes no longer counts: findings came in after it, which it did not
 * cover. Their earlier link was used by that approval, so this mail carries a fresh one: the case needs their
 * decision again, or it waits for the escalation with nobody told.
 */
export function renderApprovalVoidedEmail(input: ApprovalVoidedEmailInput): RenderedEmail {
  const tz = input.timeZone ?? 'UTC';
  const parts = reviewEmailParts(
    { ...input, findings: input.newFindings },
    {
      subject: `Your approval no longer counts: ${input.contractorName} (${RISK_LABEL[input.riskLevel]} risk)`,
      intro: `Your approval of the onboarding of ${input.contractorName} (${input.externalId}), given on ${formatInstant(input.approvedAt, tz)}, no longer counts: new findings were added to the case after it (the top ones are listed below).`,
      extra: 'The case needs your decision again: please read the case as it is now and approve, reject or ask for more information. The link in your earlier email no longer works; use this one.',
    },
  );
  return composeEmail(parts);
}
