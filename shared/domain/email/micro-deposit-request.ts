import { composeEmail, para } from './email-frame';
import type { RenderedEmail } from './rendered-email';

export interface MicroDepositRequestEmailInput {
  contractorGivenName: string;
  organisationName: string;
  currency: string;
  url: string;
  deadline: string;
  timeZone?: string;
}

/**
 * The deadline as the other emails write it ("Friday 5 December 2026, 11:00 (Europe/Warsaw)"), with the
 * runtime's Intl rather than luxon: this mail is sent from the bank stage, whose bundle stays small.
 */
function deadlineText(iso: string, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} (${zone})`;
}

/**
 * To the contractor: two small deposits are on their way to the payout account; type them back through the
 * link. The amounts are never in the mail (whoever reads the mailbox must not be able to answer).
 */
export function renderMicroDepositRequestEmail(input: MicroDepositRequestEmailInput): RenderedEmail {
  const lines = [
    `Dear ${input.contractorGivenName},`,
    `To confirm that the bank account you gave ${input.organisationName} for your pay is your own, we are sending two small deposits to it, each less than 1.00 ${input.currency}. They usually show on your statement within one to three working days.`,
    `When you see them, open the link below and enter the two amounts. You have three tries.`,
    `Please confirm by ${deadlineText(input.deadline, input.timeZone ?? 'UTC')}.`,
  ];
  return composeEmail({
    subject: 'Confirm your bank account: two small deposits',
    htmlBlocks: lines.map((l) => para(l)),
    textLines: lines.flatMap((l, i) => (i ? ['', l] : [l])),
    action: { url: input.url, label: 'Enter the two amounts' },
    footer: 'The link is personal and expires. If you did not expect this message, you can ignore it.',
  });
}
