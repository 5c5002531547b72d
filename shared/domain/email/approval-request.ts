import type { Severity } from '../finding';
import { formatInstant } from '../pages/format';
import { html } from '../pages/html';
import { composeEmail, FOOTER_PERSONAL, para } from './email-frame';
import { RISK_LABEL, topFindings, type FindingSummary } from './finding-summary';
import type { RenderedEmail } from './rendered-email';

export interface ApprovalRequestEmailInput {
  reviewerName: string;
  contractorName: string;
  externalId: string;
  riskLevel: Severity;
  /** All findings may be passed; only the top few messages are shown, identifiers masked. */
  findings: readonly FindingSummary[];
  caseUrl: string;
  deadline: string;
  timeZone?: string;
  approvals?: { required: 1 | 2; given: number };
}

/**
 * To a reviewer: who, how risky, the top findings, and the link. Deliberately no document, account, phone
 * or address data: mailboxes are forwarded, archived and searched; the case page behind the link is not.
 */
export function renderApprovalRequestEmail(input: ApprovalRequestEmailInput): RenderedEmail {
  return composeEmail(
    reviewEmailParts(input, {
      subject: `Approval needed: ${input.contractorName} (${RISK_LABEL[input.riskLevel]} risk)`,
      intro: `Please review the onboarding of ${input.contractorName} (${input.externalId}) and approve, reject or ask for more information.`,
    }),
  );
}

export function reviewEmailParts(input: ApprovalRequestEmailInput, words: { subject: string; intro: string; extra?: string }): Parameters<typeof composeEmail>[0] {
  const tz = input.timeZone ?? 'UTC';
  const top = topFindings(input.findings);
  const risk = `Risk level: ${RISK_LABEL[input.riskLevel]}`;
  const fourEyes = input.approvals && input.approvals.required === 2 ? `Approvals: ${input.approvals.given} of 2 (two different reviewers must approve).` : undefined;
  const deadline = `Please decide by ${formatInstant(input.deadline, tz)}.`;
  return {
    subject: words.subject,
    htmlBlocks: [
      para(`Hello ${input.reviewerName},`),
      para(words.intro),
      ...(words.extra ? [para(words.extra)] : []),
      para(html`<strong>${risk}</strong>${fourEyes ? html`<br>${fourEyes}` : ''}`),
      top.length ? html`<p>Top findings:</p><ul>${top.map((f) => html`<li><strong>${f.severity.toUpperCase()}</strong>: ${f.message}</li>`)}</ul>` : para('No findings above informational level.'),
      para(deadline),
    ],
    textLines: [
      `Hello ${input.reviewerName},`,
      '',
      words.intro,
      ...(words.extra ? ['', words.extra] : []),
      '',
      risk,
      ...(fourEyes ? [fourEyes] : []),
      '',
      ...(top.length ? ['Top findings:', ...top.map((f) => `- ${f.severity.toUpperCase()}: ${f.message}`)] : ['No findings above informational level.']),
      '',
      deadline,
    ],
    action: { url: input.caseUrl, label: 'Open the case' },
    footer: FOOTER_PERSONAL,
  };
}
