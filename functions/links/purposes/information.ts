import type { APIGatewayProxyResult } from 'aws-lambda';
import { completeTask } from '../complete-task';
import { links } from '../../../shared/config/link-services';
import { organisationName } from '../../../shared/config/organisation';
import { audit, repo } from '../../../shared/config/services';
import { informationProgressOf } from '../../../shared/domain/links/callback-progress';
import { parseInfoResponseForm, renderInfoResponsePage } from '../../../shared/domain/pages';
import { page, result, type FormState } from '../http';
import type { Open } from '../state';

/** The contractor's answer page: the reviewer's request in their words, and a text field. */
export async function renderInformation(state: Open, csrf: string, form: FormState): Promise<string> {
  const { link, c, pc } = state;
  const contractor = c.application.contractor;
  const progress = informationProgressOf(pc.progress);
  return renderInfoResponsePage({
    contractorGivenName: contractor.legalName.givenNames,
    organisationName,
    request: progress.request,
    deadline: link.expiresAt,
    timeZone: contractor.timeZone,
    csrf,
    ...form,
  });
}

/**
 * The contractor answers a reviewer's request for more information. The answer is evidence on the case
 * (erasable with the case's personal data; the audit chain only says that an answer came), and resumes
 * the workflow, which sends the reviewers fresh links.
 */
export async function submitInformation(state: Open, form: Record<string, string>, csrf: string): Promise<APIGatewayProxyResult> {
  const { link, pc, c } = state;
  const parsed = parseInfoResponseForm(form);
  if (!parsed.ok) return page(400, await renderInformation(state, csrf, { errors: parsed.errors, values: form }));
  const now = new Date().toISOString();
  if (!(await links.consumeLink(link.tokenHash, 'provide-info', now))) return result({ kind: 'link-used' });
  const progress = informationProgressOf(pc.progress);
  await repo.putEvidence({
    caseId: c.id,
    stage: 'information',
    runId: pc.callbackId,
    recordedAt: now,
    inputs: { requestedBy: progress.requestedBy, requestedAt: progress.requestedAt, request: progress.request },
    findings: [],
    data: { answer: parsed.value.answer },
  });
  if (!(await links.updateCallback(c.id, link.task, pc.callbackId, { state: 'done' }))) return result({ kind: 'link-expired' });
  if (!(await completeTask(pc.taskToken, { provided: true, at: now }))) return result({ kind: 'link-expired' });
  await audit(c.id, 'contractor', 'information.provided', { purpose: link.purpose, length: parsed.value.answer.length }, { head: c.auditHead });
  return result({ kind: 'thank-you', message: 'Thank you. Your answer is with the reviewers.' });
}
