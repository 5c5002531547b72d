import { formatInstant } from '../pages/format';
import { composeEmail, FOOTER_PERSONAL, para } from './email-frame';
import type { RenderedEmail } from './rendered-email';

export type ReminderPurpose = 'pick-slot' | 'interview-outcome' | 'approval' | 'reference' | 'information' | 'micro-deposits' | 'compliance';

export interface DeadlineReminderEmailInput {
  purpose: ReminderPurpose;
  recipientName: string;
  /** Whose case it is, for interviewer/reviewer/referee reminders; omitted for the contractor's own. */
  contractorName?: string;
  url: string;
  deadline: string;
  timeZone: string;
}

const WORDS: Record<ReminderPurpose, { subject: (who?: string) => string; ask: (who?: string) => string; action: string }> = {
  'pick-slot': {
    subject: () => 'Reminder: choose a time for your video call',
    ask: () => 'you have not chosen a time for your identity video call yet.',
    action: 'Choose a time',
  },
  'interview-outcome': {
    subject: (who) => `Reminder: record the interview outcome${who ? ` for ${who}` : ''}`,
    ask: (who) => `the outcome of the interview${who ? ` with ${who}` : ''} has not been recorded yet.`,
    action: 'Record the outcome',
  },
  approval: {
    subject: (who) => `Reminder: approval needed${who ? ` for ${who}` : ''}`,
    ask: (who) => `the onboarding${who ? ` of ${who}` : ''} is still waiting for your decision.`,
    action: 'Open the case',
  },
  information: {
    subject: () => 'Reminder: the reviewers are waiting for your answer',
    ask: () => 'the team reviewing your onboarding is still waiting for the information they asked you for.',
    action: 'Answer the request',
  },
  compliance: {
    subject: (who) => `Reminder: a compliance hold${who ? ` on ${who}` : ''} needs your decision`,
    ask: (who) => `the onboarding${who ? ` of ${who}` : ''} is on compliance hold and still waits for a compliance decision.`,
    action: 'Open the hold',
  },
  'micro-deposits': {
    subject: () => 'Reminder: confirm the two test deposits',
    ask: () => 'you have not yet confirmed the two small test deposits we sent to your payout account.',
    action: 'Confirm the amounts',
  },
  reference: {
    subject: (who) => `Reminder: employment reference${who ? ` for ${who}` : ''}`,
    ask: (who) => `we are still waiting for your confirmation of ${who ? `${who}'s` : 'the'} employment details.`,
    action: 'Confirm the details',
  },
};

/**
 * Sent once before a link's deadline. It carries a fresh link (the first one's token is not stored, only its
 * keyed hash) that expires at the same moment; the first link then stops working.
 */
export function renderDeadlineReminderEmail(input: DeadlineReminderEmailInput): RenderedEmail {
  const w = WORDS[input.purpose];
  const deadline = `The link expires on ${formatInstant(input.deadline, input.timeZone)}. It replaces the link in our earlier email, which no longer works.`;
  const ask = `A reminder: ${w.ask(input.contractorName)}`;
  return composeEmail({
    subject: w.subject(input.contractorName),
    htmlBlocks: [para(`Hello ${input.recipientName},`), para(ask), para(deadline)],
    textLines: [`Hello ${input.recipientName},`, '', ask, '', deadline],
    action: { url: input.url, label: w.action },
    footer: FOOTER_PERSONAL,
  });
}
