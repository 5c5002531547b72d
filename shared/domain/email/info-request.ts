import { formatInstant } from '../pages/format';
import { composeEmail, FOOTER_PERSONAL, headerSafe, para, quotedLines } from './email-frame';
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
  const hello = `Hello ${input.contractorGivenName},`;
  const intro = `The team reviewing your onboarding with ${input.organisationName} needs more information before they can decide:`;
  return composeEmail({
    subject,
    htmlBlocks: [hello, intro, input.message, deadline].map((l) => para(l)),
    textLines: [hello, intro, ...quotedLines(input.message), deadline],
    action: { url: input.url, label: 'Answer the request' },
    footer: FOOTER_PERSONAL,
  });
}
