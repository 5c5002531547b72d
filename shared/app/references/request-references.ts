import type { CaseRecord } from '../../domain/cases/case-model';
import type { CaseRepository } from '../../adapters/dynamodb/case-repository';
import { renderReferenceRequestEmail } from '../../domain/email/reference-request';
import { issueLink } from '../links/issue-link';
import type { LinkRepository } from '../../adapters/dynamodb/link-repository';

/** How long a former employer has to answer. */
const answerWindowMs = 14 * 86_400_000;

/**
 * Emails each employment reference a secure link to confirm the claimed role and dates. Once per case and
 * run, however often the stage is retried. Returns how many requests went out.
 */
export async function requestReferenceChecks(
  deps: {
    repo: CaseRepository;
    links: LinkRepository;
    linkKey: Buffer;
    baseUrl: string;
    reminderLeadMs: number;
    send: (to: string, mail: ReturnType<typeof renderReferenceRequestEmail>) => Promise<void>;
    organisationName: string;
  },
  c: CaseRecord,
  runId: string,
): Promise<number> {
  if (!(await deps.repo.claimOnce(c.id, `reference-requests#${runId}`))) return 0;
  const now = new Date();
  const contractorName = `${c.application.contractor.legalName.givenNames} ${c.application.contractor.legalName.surname}`;
  let sent = 0;
  for (const [i, job] of c.application.employment.entries()) {
    if (!job.reference) continue;
    const link = await issueLink(deps.links, deps.linkKey, deps.baseUrl, {
      caseId: c.id,
      task: 'reference',
      callbackId: `reference#${i}`,
      purpose: 'reference-check',
      actions: ['confirm-reference'],
      recipient: { email: job.reference.email, name: job.reference.name, role: 'reference' },
      deadline: new Date(now.getTime() + answerWindowMs),
      now,
      reminderLeadMs: deps.reminderLeadMs,
    });
    await deps.send(
      job.reference.email,
      renderReferenceRequestEmail({
        refereeName: job.reference.name,
        contractorName,
        employer: job.employer,
        claimedRole: job.role,
        claimedStartDate: job.startDate,
        ...(job.endDate ? { claimedEndDate: job.endDate } : {}),
        organisationName: deps.organisationName,
        url: link.url,
        deadline: link.expiresAt,
      }),
    );
    sent++;
  }
  return sent;
}
