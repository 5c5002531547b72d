import { formatInstant } from '../pages/format';
import { composeEmail, FOOTER_PERSONAL, headerSafe, para } from './email-frame';
import type { RenderedEmail } from './rendered-email';

export interface InfoRequestEmailInput {
  contractorGivenName: string;
  organisationName: string;
  /** The reviewer's own words: what the contractor must provide. */
  message: string;
  /** The secure page where the contractor answers. */
  url: string;
  /** When the link expires; without an answer by then the onboarding is not approved. */
  deadline: string;
  timeZone: string;
}

/** To the contractor: the reviewer asks for more information. Only the reviewer's request, nothing of the case. */
export function renderInfoRequestEmail(input: InfoRequestEmailInput): RenderedEmail {
  const subject = headerSafe(`${input.organisationName}: more information needed for your onboarding`);
  const deadline = `Please answer through the link below by ${formatInstant(input.deadline, input.timeZone)}. Without an answer by then, the onboarding cannot be approved.`;
  const lines = [
    `Hello ${input.contractorGivenName},`,
    `The team reviewing your onboarding with ${input.organisationName} needs more information before they can decide:`,
    input.message,
    deadline,
  ];
  return composeEmail({
    subject,
    htmlBlocks: lines.map((l) => para(l)),
    textLines: lines,
    action: { url: input.url, label: 'Answer the request' },
    footer: FOOTER_PERSONAL,
  });
}
