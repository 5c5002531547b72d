import type { Severity } from '../finding';
import { html } from '../pages/html';
import { composeEmail, FOOTER_PERSONAL, para } from './email-frame';
import { RISK_LABEL, topFindings, type FindingSummary } from './finding-summary';
import type { RenderedEmail } from './rendered-email';

export interface ApprovalVoidedEmailInput {
  reviewerName: string;
  contractorName: string;
  externalId: string;
  riskLevel: Severity;
  /** When the reviewer gave the approval that no longer counts. */
  approvedAt: string;
  /** The findings that came in after it (what it did not see); only the top few messages are shown, identifiers masked. */
  newFindings: readonly FindingSummary[];
  caseUrl: string;
  deadline: string;
  approvals: { required: 1 | 2; given: number };
}

/**
 * "Tuesday 4 March 2025, 09:00 (UTC)", as formatInstant writes it, without the date library: this mail is rendered by
 * every function that records findings (the stage checks among them), whose bundles do not carry it.
 */
const utcText = (iso: string): string => {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...options }).format(t);
  return `${part({ weekday: 'long' })} ${part({ day: 'numeric' })} ${part({ month: 'long' })} ${part({ year: 'numeric' })}, ${t.toISOString().slice(11, 16)} (UTC)`;
};

/**
 * To a reviewer whose first approval of four eyes no longer counts: findings came in after it, which it did not
 * cover. Their earlier link was used by that approval, so this mail carries a fresh one: the case needs their
 * decision again. As the approval request: no document, account, phone or address data, only the top findings.
 */
export function renderApprovalVoidedEmail(input: ApprovalVoidedEmailInput): RenderedEmail {
  const top = topFindings(input.newFindings);
  const intro = `Your approval of the onboarding of ${input.contractorName} (${input.externalId}), given on ${utcText(input.approvedAt)}, no longer counts: new findings were added to the case after it.`;
  const ask = 'The case needs your decision again: please read the case as it is now and approve, reject or ask for more information. The link in your earlier email no longer works; use this one.';
  const risk = `Risk level: ${RISK_LABEL[input.riskLevel]}`;
  const approvals = `Approvals: ${input.approvals.given} of ${input.approvals.required}${input.approvals.required === 2 ? ' (two different reviewers must approve)' : ''}.`;
  const deadline = `Please decide by ${utcText(input.deadline)}.`;
  return composeEmail({
    subject: `Your approval no longer counts: ${input.contractorName} (${RISK_LABEL[input.riskLevel]} risk)`,
    htmlBlocks: [
      para(`Hello ${input.reviewerName},`),
      para(intro),
      para(ask),
      para(html`<strong>${risk}</strong><br>${approvals}`),
      top.length ? html`<p>New findings:</p><ul>${top.map((f) => html`<li><strong>${f.severity.toUpperCase()}</strong>: ${f.message}</li>`)}</ul>` : para('No new finding above informational level.'),
      para(deadline),
    ],
    textLines: [
      `Hello ${input.reviewerName},`,
      '',
      intro,
      '',
      ask,
      '',
      risk,
      approvals,
      '',
      ...(top.length ? ['New findings:', ...top.map((f) => `- ${f.severity.toUpperCase()}: ${f.message}`)] : ['No new finding above informational level.']),
      '',
      deadline,
    ],
    action: { url: input.caseUrl, label: 'Open the case' },
    footer: FOOTER_PERSONAL,
  });
}
