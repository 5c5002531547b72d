import { formatInstant } from '../pages/format';
import { composeEmail, FOOTER_PERSONAL, para } from './email-frame';
import type { RenderedEmail } from './rendered-email';

export interface SlotInvitationEmailInput {
  contractorGivenName: string;
  organisationName: string;
  /** Link-token URL to the slot picker, built from the configured public base URL. */
  pickUrl: string;
  deadline: string;
  /** The contractor's claimed zone: deadline shown there. */
  timeZone: string;
  /** 2 when these are the alternative times after "none of these work". */
  round?: 1 | 2;
}

/** To the contractor: choose an interview time. Nothing about the case or its findings. */
export function renderSlotInvitationEmail(input: SlotInvitationEmailInput): RenderedEmail {
  const again = input.round === 2;
  const deadline = formatInstant(input.deadline, input.timeZone);
  const intro = again
    ? 'Here are other times for your identity video call.'
    : `As part of your onboarding with ${input.organisationName}, we hold a short video call (camera on) to confirm your identity.`;
  return composeEmail({
    subject: again ? `${input.organisationName}: other times for your video call` : `${input.organisationName}: choose a time for your video call`,
    htmlBlocks: [para(`Hello ${input.contractorGivenName},`), para(intro), para(`Please choose a time by ${deadline}. Times are shown in ${input.timeZone}.`)],
    textLines: [`Hello ${input.contractorGivenName},`, '', intro, '', `Please choose a time by ${deadline}. Times are shown in ${input.timeZone}.`],
    action: { url: input.pickUrl, label: 'Choose a time' },
    footer: FOOTER_PERSONAL,
  });
}
