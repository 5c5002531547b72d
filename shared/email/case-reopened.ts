import { composeEmail, headerSafe, para } from './email-frame';
import type { RenderedEmail } from './rendered-email';

export interface CaseReopenedEmailInput {
  externalId: string;
  onboardingId: string;
  listVersion: string;
  codes: readonly string[];
}

/**
 * To the compliance reviewers: a contractor already screened matched a new list version. The case id and
 * the finding codes only; the reviewer reads the rest on the case file, not in a mailbox.
 */
export function renderCaseReopenedEmail(input: CaseReopenedEmailInput): RenderedEmail {
  const subject = headerSafe(`Sanctions re-screening: case ${input.externalId} reopened on compliance hold`);
  const lines = [
    `Re-screening against sanctions list version ${input.listVersion} found a new match for onboarding ${input.onboardingId} (${input.externalId}).`,
    `Findings: ${input.codes.join(', ')}.`,
    'The case is on compliance hold until compliance clears it. Export the case file with: npm run case -- export ' + input.onboardingId,
  ];
  return composeEmail({ subject, htmlBlocks: lines.map((l) => para(l)), textLines: lines, footer: 'Sent by vetflow ongoing sanctions monitoring.' });
}
