import { composeEmail, headerSafe, para } from './email-frame';
import type { RenderedEmail } from './rendered-email';

export interface InfoRequestEmailInput {
  contractorGivenName: string;
  organisationName: string;
  /** The reviewer's own words: what the contractor must provide. */
  message: string;
}

/** To the contractor: the reviewer asks for more information. Only the reviewer's request, nothing of the case. */
export function renderInfoRequestEmail(input: InfoRequestEmailInput): RenderedEmail {
  const subject = headerSafe(`${input.organisationName}: more information needed for your onboarding`);
  const lines = [
    `Hello ${input.contractorGivenName},`,
    `The team reviewing your onboarding with ${input.organisationName} needs more information before they can decide:`,
    input.message,
    'Please reply to the person who invited you; your onboarding continues once they have it.',
  ];
  return composeEmail({ subject, htmlBlocks: lines.map((l) => para(l)), textLines: lines, footer: 'Sent by vetflow on behalf of the reviewing team.' });
}
