import { formatInstant } from '../pages/format';
import { composeEmail, para } from './email-frame';
import type { RenderedEmail } from './rendered-email';

export interface ReferenceRequestEmailInput {
  refereeName: string;
  contractorName: string;
  employer: string;
  claimedRole: string;
  claimedStartDate: string;
  claimedEndDate?: string;
  organisationName: string;
  url: string;
  deadline: string;
  timeZone?: string;
}

/**
 * To a former employer's contact: confirm role and dates. The referee is a third party, so they get only the
 * claim they are asked to confirm: no findings, no risk level, nothing about why we ask.
 */
export function renderReferenceRequestEmail(input: ReferenceRequestEmailInput): RenderedEmail {
  const period = `${input.claimedStartDate} to ${input.claimedEndDate ?? 'present'}`;
  const lines = [
    `Dear ${input.refereeName},`,
    `${input.contractorName} is being onboarded as a contractor with ${input.organisationName} and named you as a reference for their work at ${input.employer}.`,
    `They told us they worked there as ${input.claimedRole}, ${period}. Could you confirm whether that is correct? It takes about two minutes.`,
    `Please answer by ${formatInstant(input.deadline, input.timeZone ?? 'UTC')}.`,
  ];
  return composeEmail({
    subject: `Employment reference for ${input.contractorName}`,
    htmlBlocks: lines.map((l) => para(l)),
    textLines: lines.flatMap((l, i) => (i ? ['', l] : [l])),
    action: { url: input.url, label: 'Confirm the details' },
    footer: `If you do not know ${input.contractorName}, please say so on the page; that is a useful answer too. The link works once and expires.`,
  });
}
