import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { links } from '../../shared/config/link-services';
import { logger } from '../../shared/adapters/observability/logger';
import { loadKeys } from '../../shared/config/secrets';
import { audit, env } from '../../shared/config/services';
import type { LinkPurpose } from '../../shared/domain/links/link-model';
import { constantTimeEquals, csrfTokenFor, hashLinkToken, linkTokenPattern } from '../../shared/domain/links/link-token';
import { renderResultPage } from '../../shared/domain/pages';
import { noteFootprint } from './footprint';
import { actorOf, page, readForm, result, sameOrigin, type FormState, type PageBody } from './http';
import { renderComplianceReview, submitComplianceReview } from './purposes/compliance-review';
import { renderInformation, submitInformation } from './purposes/information';
import { renderInterviewOutcome, submitInterviewOutcome } from './purposes/interview-outcome';
import { microDepositCheck } from './purposes/micro-deposits';
import { referenceCheck } from './purposes/reference-check';
import { renderReview, submitReview } from './purposes/review';
import { renderSlotPick, submitSlotPick } from './purposes/slot-pick';
import { alreadyDecided, linkState, type Open } from './state';

/** A person step answered through a link: its page and what its form does (functions/links/purposes/). */
interface StepPage {
  render(state: Open, csrf: string, form: FormState): Promise<PageBody>;
  submit(state: Open, form: Record<string, string>, csrf: string): Promise<APIGatewayProxyResult>;
}

const steps: Record<Exclude<LinkPurpose, 'reference-check' | 'micro-deposit'>, StepPage> = {
  review: { render: renderReview, submit: submitReview },
  'slot-picking': { render: renderSlotPick, submit: submitSlotPick },
  'interview-outcome': { render: renderInterviewOutcome, submit: submitInterviewOutcome },
  'info-response': { render: renderInformation, submit: submitInformation },
  'compliance-review': { render: renderComplianceReview, submit: submitComplianceReview },
};

/**
 * The pages people open from their email. The link token is the credential: it is looked up by keyed hash,
 * bound to one case, one callback, one recipient, and used once. GET renders and changes nothing but the
 * link's open counter (mail scanners open links and run scripts); only a same-origin POST carrying the page's
 * CSRF token acts, through the step the link belongs to.
 */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  try {
    const now = new Date();
    const token = event.pathParameters?.token ?? '';
    if (!linkTokenPattern.test(token)) return result({ kind: 'link-invalid' });
    const keys = await loadKeys(env.SECRET_ARN);
    const tokenHash = hashLinkToken(keys.linkKey, token);
    const link = await links.getLink(tokenHash);
    if (!link) return result({ kind: 'link-invalid' });
    const csrf = csrfTokenFor(keys.linkKey, tokenHash);
    // The contractor's footprint (address, languages, time zone) before the page: a visit that holds the
    // case (DPRK address space) closes the step it came to.
    await noteFootprint(event, link, csrf, now);
    // Links that answer no waiting task: a reference check, a micro-deposit confirmation.
    if (link.purpose === 'reference-check') return await referenceCheck(event, link, csrf, now);
    if (link.purpose === 'micro-deposit') return await microDepositCheck(event, link, csrf, now);
    const step = steps[link.purpose];

    if (event.httpMethod === 'GET') {
      const state = await linkState(link, now);
      if (state.kind === 'closed') return result(state.view);
      // Counted on the link; only the first opening is an event of the case (the audit chain holds no
      // applicant data: the contractor is named by role only).
      if ((await links.countOpen(tokenHash, now.toISOString())) === 1) await audit(link.caseId, actorOf(link), 'link.opened', { purpose: link.purpose }, { head: state.c.auditHead });
      return page(200, await step.render(state, csrf, {}));
    }
    if (event.httpMethod !== 'POST') return result({ kind: 'forbidden' });

    if (!sameOrigin(event)) return result({ kind: 'forbidden' });
    const form = readForm(event);
    if (!form) return page(415, renderResultPage({ kind: 'forbidden' }).html);
    if (!constantTimeEquals(form.csrf ?? '', csrf)) return result({ kind: 'forbidden' });

    const state = await linkState(link, now);
    // A review link used a moment ago by a concurrent click: answer with the decision once it is written.
    if (state.kind === 'closed' && state.view.kind === 'link-used' && link.purpose === 'review') return alreadyDecided(link.caseId, link.callbackId);
    if (state.kind === 'closed') return result(state.view);
    return await step.submit(state, form, csrf);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    logger.error('link request failed', { errorName: e.name });
    return result({ kind: 'error' });
  }
}
