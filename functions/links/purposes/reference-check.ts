import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { recordStageResult } from '../../../shared/app/cases/record-stage';
import { links } from '../../../shared/config/link-services';
import { organisationName } from '../../../shared/config/organisation';
import { audit, repo } from '../../../shared/config/services';
import type { LinkRecord } from '../../../shared/domain/links/link-model';
import { constantTimeEquals } from '../../../shared/domain/links/link-token';
import { parseReferenceForm, renderReferenceCheckPage, renderResultPage } from '../../../shared/domain/pages';
import { referenceFindings } from '../../../shared/domain/references/reference-findings';
import { page, readForm, result, sameOrigin, type FormState } from '../http';

/**
 * A former employer's reference confirms (or not) the role and dates the contractor claimed. GET shows the
 * claim and the form; a same-origin POST with the CSRF token records the answer once, as evidence with
 * findings, which the risk reassessment after the interview takes into account. It answers no waiting task.
 */
export async function referenceCheck(event: APIGatewayProxyEvent, link: LinkRecord, csrf: string, now: Date): Promise<APIGatewayProxyResult> {
  if (link.usedAt) return result({ kind: 'link-used' });
  if (now.getTime() > Date.parse(link.expiresAt)) return result({ kind: 'link-expired' });
  const c = await repo.getCase(link.caseId);
  const index = Number(link.callbackId.split('#').pop());
  const job = c?.application.employment[index];
  if (!c || !job?.reference) return result({ kind: 'link-invalid' });
  if (c.status === 'compliance-hold') return result({ kind: 'on-hold' });
  const contractor = c.application.contractor;
  const view = (form: FormState) =>
    renderReferenceCheckPage({
      refereeName: job.reference!.name,
      contractorName: `${contractor.legalName.givenNames} ${contractor.legalName.surname}`,
      employer: job.employer,
      claimedRole: job.role,
      claimedStartDate: job.startDate,
      ...(job.endDate ? { claimedEndDate: job.endDate } : {}),
      organisationName,
      csrf,
      ...form,
    });
  if (event.httpMethod === 'GET') {
    if ((await links.countOpen(link.tokenHash, now.toISOString())) === 1) await audit(c.id, 'reference', 'link.opened', { purpose: link.purpose }, { head: c.auditHead });
    return page(200, view({}));
  }
  if (event.httpMethod !== 'POST' || !sameOrigin(event)) return result({ kind: 'forbidden' });
  const form = readForm(event);
  if (!form) return page(415, renderResultPage({ kind: 'forbidden' }).html);
  if (!constantTimeEquals(form.csrf ?? '', csrf)) return result({ kind: 'forbidden' });
  const parsed = parseReferenceForm(form);
  if (!parsed.ok) return page(400, view({ errors: parsed.errors, values: form }));
  if (!(await links.consumeLink(link.tokenHash, 'confirm-reference', now.toISOString()))) return result({ kind: 'link-used' });
  await recordStageResult(repo, audit, {
    caseId: c.id,
    head: c.auditHead,
    stage: 'references',
    runId: `reference-${index}`,
    inputs: { employer: job.employer, claimedRole: job.role, claimedStartDate: job.startDate, claimedEndDate: job.endDate ?? null },
    findings: referenceFindings(parsed.value, job.employer),
    data: { answer: parsed.value },
  });
  return result({ kind: 'thank-you', message: 'Thank you. Your answer is recorded.' });
}
