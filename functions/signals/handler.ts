import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { CaseBusyError, retryOnConflict } from '../../shared/app/cases/retry-on-conflict';
import { logger } from '../../shared/adapters/observability/logger';
import { readJsonBody } from '../../shared/adapters/http/read-json-body';
import { json, onboardingIdError, onboardingNotFoundError, problem, unauthenticatedError } from '../../shared/domain/http/responses';
import { receiveSignals } from '../../shared/config/receive-signals';
import { parseSignalsBody } from '../../shared/domain/signals/signal-schema';

const idPattern = /^ob_[0-9a-f]{32}$/;

/**
 * POST /onboardings/{id}/signals: what the hiring platform sees during onboarding (logins, contact and
 * payment changes, off-platform requests, shipping address, remote-desktop tools). Validated, kept as
 * evidence, evaluated with every earlier signal, and the risk decision re-run: a hard stop puts the case on
 * compliance hold and ends any person step still waiting.
 */
export async function handler(event: APIGatewayProxyEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<APIGatewayProxyResult> {
  const caller = event.requestContext?.identity?.userArn ?? event.requestContext?.identity?.caller ?? undefined;
  if (!caller) return problem(401, 'Unauthenticated', [unauthenticatedError]);
  const id = event.pathParameters?.id ?? '';
  if (!idPattern.test(id)) return problem(400, 'Invalid onboarding id', [onboardingIdError]);
  const body = readJsonBody(event);
  if (!body.ok) return problem(body.status, body.title, body.errors);
  const parsed = parseSignalsBody(body.value);
  if (!parsed.success) return problem(400, 'Invalid signals', parsed.errors);
  try {
    // One function, retried whole when a concurrent batch or reviewer action changed the case meanwhile.
    const result = await retryOnConflict(() => receiveSignals(id, caller, parsed.data.signals), context ? { remainingMs: () => context.getRemainingTimeInMillis() } : {});
    switch (result.kind) {
      case 'not-found':
        return problem(404, 'Onboarding not found', [onboardingNotFoundError]);
      case 'ended':
        return problem(409, 'Onboarding already ended', [
          { field: 'id', message: `the onboarding is ${result.status}`, allowed: 'an onboarding in progress or approved; signals after a rejection, expiry or failure are not recorded' },
        ]);
      case 'received':
        // Issue 18: the earlier applicants behind the same shipping address, or a contact changed to, get the link too.
        if (Array.isArray(result.body.findings) && result.body.findings.some((f) => f === 'LINK_SHARED_SHIPPING_ADDRESS' || f === 'LINK_SHARED_CONTACT'))
          await (await import('../../shared/config/shipping-links')).propagateSignalLinks(id);
        // A finding that voided a first approval of four eyes: its giver gets a fresh link, once (a failure here is a
        // 503, and the same batch sent again tells them then), so the case is never left waiting on nobody.
        if (Array.isArray(result.body.findings) && result.body.findings.length) await (await import('../../shared/config/voided-approvals')).tellVoidedApprovers(id);
        return json(202, result.body);
      default:
        return result satisfies never;
    }
  } catch (err) {
    if (err instanceof CaseBusyError) {
      const busy = problem(
        409,
        'Onboarding busy',
        [{ field: 'id', message: 'other changes to this onboarding kept winning', allowed: 'the same batch again after Retry-After' }],
        'retry the same request; identical batches are recorded once',
      );
      return { ...busy, headers: { ...busy.headers, 'Retry-After': '1' } };
    }
    logger.error('signals request failed', { errorName: (err as Error).name });
    return problem(
      503,
      'Temporarily unavailable',
      [{ field: '(request)', message: 'a service behind the API did not answer', allowed: 'the same batch again; identical batches are recorded once' }],
      'retry the same request; identical batches are recorded once',
    );
  }
}
