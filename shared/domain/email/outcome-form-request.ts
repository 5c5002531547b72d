import { formatInstant } from '../pages/format';
import { composeEmail, FOOTER_PERSONAL, para } from './email-frame';
import type { RenderedEmail } from './rendered-email';

export interface OutcomeFormRequestEmailInput {
  interviewerName: string;
  contractorName: string;
  /** `Slot.interviewerLabel`. */
  slotLabel: string;
  formUrl: string;
  deadline: string;
  timeZone: string;
}

/** To the interviewer: record what you saw. Sent with the booking so the form is at hand during the call. */
export function renderOutcomeFormRequestEmail(input: OutcomeFormRequestEmailInput): RenderedEmail {
  const deadline = formatInstant(input.deadline, input.timeZone);
  const lines = [
    `Hello ${input.interviewerName},`,
    `After your video interview with ${input.contractorName} (${input.slotLabel}), please record the outcome by ${deadline}.`,
    'Open the form at the start of the call, on your own screen (do not share it): it shows the document photo and the selfie from intake and the protocol against stand-ins and face swaps (camera on, hand in front of the face, head turned to each side, a phrase to read aloud that the form reveals only when you ask for it, questions about the home city). It also asks about the background, the languages and signs of reading answers. If the contractor does not attend, record a no-show.',
  ];
  return composeEmail({
    subject: `Record the interview outcome: ${input.contractorName}`,
    htmlBlocks: lines.map((l) => para(l)),
    textLines: lines.flatMap((l, i) => (i ? ['', l] : [l])),
    action: { url: input.formUrl, label: 'Record the outcome' },
    footer: FOOTER_PERSONAL,
  });
}
