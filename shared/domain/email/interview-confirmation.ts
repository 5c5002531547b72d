import type { CalendarAttachment } from '../interview/invitation';
import { slotLabel } from '../interview/propose-slots';
import { html, safeUrl } from '../pages/html';
import { composeEmail, para } from './email-frame';
import type { RenderedEmail } from './rendered-email';

export interface InterviewConfirmationEmailInput {
  recipient: 'contractor' | 'interviewer';
  recipientName: string;
  /** Interviewer's name for the contractor; contractor's name for the interviewer. */
  otherPartyName: string;
  slotStart: string;
  slotEnd: string;
  /** The recipient's own zone. */
  timeZone: string;
  meetingUrl: string;
  /** From buildInvitation(); attached so calendars offer "accept". */
  invitation: CalendarAttachment;
  organisationName: string;
  rescheduled?: boolean;
}

export function renderInterviewConfirmationEmail(input: InterviewConfirmationEmailInput): RenderedEmail {
  const when = slotLabel(input.slotStart, input.slotEnd, input.timeZone);
  const meeting = safeUrl(input.meetingUrl);
  const forContractor = input.recipient === 'contractor';
  const what = forContractor
    ? `Your identity video call with ${input.otherPartyName} (${input.organisationName}) is ${input.rescheduled ? 'now ' : ''}booked.`
    : `You are interviewing ${input.otherPartyName} for ${input.organisationName} onboarding${input.rescheduled ? ' (rescheduled)' : ''}.`;
  const guidance = forContractor
    ? [
        'Please join from a quiet, well-lit place, keep your camera on for the whole call, and have your identity document at hand.',
        'The interviewer will ask you to pass a hand slowly in front of your face, to turn your head fully to each side, to read aloud a short phrase and to answer a few questions about the city where you live, and may ask you to turn the camera towards a window. Please use no virtual or blurred background, face filter or voice changer.',
      ]
    : [
        'Open the outcome form (a separate email) at the start of the call, on your own screen only: it shows the document photo and the selfie, and walks you through the protocol against stand-ins and face swaps (camera on, hand in front of the face, head turned to each side, a phrase revealed only when you ask for it, questions about the home city).',
        'Record the outcome on the same form after the call.',
      ];
  return composeEmail({
    subject: forContractor ? `${input.organisationName}: your video call is booked` : `Interview booked: ${input.otherPartyName}`,
    htmlBlocks: [
      para(`Hello ${input.recipientName},`),
      para(what),
      para(html`<strong>When:</strong> ${when}<br><strong>Where:</strong> <a href="${meeting}">${meeting}</a>`),
      ...guidance.map((g) => para(g)),
      para('A calendar invitation is attached.'),
    ],
    textLines: [`Hello ${input.recipientName},`, '', what, '', `When: ${when}`, `Where: ${meeting}`, '', ...guidance, '', 'A calendar invitation is attached.'],
    footer: 'If you cannot attend, reply to this email as early as possible. One reschedule is possible.',
    attachments: [{ filename: input.invitation.filename, contentType: input.invitation.contentType, content: input.invitation.content }],
  });
}
