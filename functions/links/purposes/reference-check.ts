import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { recordStageResult } from '../../../shared/app/cases/record-stage';
import { links } from '../../../shared/config/link-services';
import { organisationName } from '../../../shared/config/organisation';
import { audit, repo } from '../../../shared/config/services';
import type { LinkRecord } from '../../../shared/domain/links/link-model';
import { constantTimeEquals } from '../../../shared/domain/links/link-token';
import { parseReferenceForm, renderReferenceCheckPage, renderResultPage } from '../../../shared/domain/pages';
import { referenceFindings } from '../../../shared/domain/references/reference-findings';
import { ipFingerprints } from '../../../shared/domain/cases/fingerprints';
import { logger } from '../../../shared/adapters/observability/logger';
import { loadKeys } from '../../../shared/config/secrets';
import { env } from '../../../shared/config/services';
import { publicSourceAddress } from '../footprint';
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
  // Where the answer came from, as keyed prints (never the address): compared with the contractor's own
  // addresses and other applicants' by the signals (shared/domain/references/answer-network.ts).
  const ip = publicSourceAddress(event);
  const answeredFrom = ip ? ipFingerprints((await loadKeys(env.SECRET_ARN)).fingerprintKey, ip).map((p) => p.hmac) : [];
  await recordStageResult(repo, audit, {
    caseId: c.id,
    head: c.auditHead,
    stage: 'references',
    runId: `reference-${index}`,
    inputs: { employer: job.employer, claimedRole: job.role, claimedStartDate: job.startDate, claimedEndDate: job.endDate ?? null },
    findings: referenceFindings(parsed.value, job.employer),
    data: { answer: parsed.value, ...(answeredFrom.length ? { answeredFrom } : {}) },
  });
  if (answeredFrom.length) await compareWithSignals(c.id);
  return result({ kind: 'thank-you', message: 'Thank you. Your answer is recorded.' });
}

/**
 * The signals evaluated again with the answer (receiveReferenceAnswer), retried on a concurrent change. The
 * reference's page never fails for it: the next signal or visit of the contractor compares it too.
 */
async function compareWithSignals(caseId: string): Promise<void> {
  try {
    const { receiveReferenceAnswer } = await import('../../../shared/config/receive-signals');
    const { retryOnConflict } = await import('../../../shared/app/cases/retry-on-conflict');
    await retryOnConflict(() => receiveReferenceAnswer(caseId), { attempts: 5 });
  } catch (err) {
    logger.warn('reference answer not compared with the signals yet', { onboardingId: caseId, errorName: (err as Error).name });
  }
}
