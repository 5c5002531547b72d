import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { answerMicroDeposits, roundOfCallback } from '../../../shared/app/bank/micro-deposit-flow';
import { MAX_MICRO_DEPOSIT_ATTEMPTS } from '../../../shared/domain/bank/micro-deposits';
import { links } from '../../../shared/config/link-services';
import { deposits } from '../../../shared/config/micro-deposit-services';
import { organisationName } from '../../../shared/config/organisation';
import { logger } from '../../../shared/adapters/observability/logger';
import { reDecideAfterProof } from '../../../shared/config/ownership-proven';
import { audit, repo } from '../../../shared/config/services';
import type { LinkRecord } from '../../../shared/domain/links/link-model';
import { constantTimeEquals } from '../../../shared/domain/links/link-token';
import { renderMicroDepositPage, renderResultPage } from '../../../shared/domain/pages';
import { page, readForm, result, sameOrigin, type FormState } from '../http';

/**
 * The contractor confirms the two micro-deposits. GET shows the form and the tries left and changes
 * nothing; a same-origin POST with the CSRF token checks the answer. A wrong answer uses a try and shows
 * the form again; the right one, or the third wrong one, closes the challenge and uses the link up. An
 * answer that is not two amounts (0.01 to 0.99) is a 400 and uses no try. Every try is in the audit trail.
 * A confirmation decides the risk again (the unproven account's finding no longer counts).
 */
export async function microDepositCheck(event: APIGatewayProxyEvent, link: LinkRecord, csrf: string, now: Date): Promise<APIGatewayProxyResult> {
  if (link.usedAt) return result({ kind: 'link-used' });
  if (now.getTime() > Date.parse(link.expiresAt)) return result({ kind: 'link-expired' });
  const c = await repo.getCase(link.caseId);
  // The link names its round: the bank stage's deposits, or a payout change's to the new account. Each
  // proves the account it went to (shared/domain/cases/latest-findings.ts), whatever account is paid now.
  const challenge = await deposits.getChallenge(link.caseId, roundOfCallback(link.callbackId));
  if (!c || !challenge) return result({ kind: 'link-invalid' });
  if (c.status === 'compliance-hold') return result({ kind: 'on-hold' });
  if (challenge.status !== 'pending') return result({ kind: 'link-used' });
  const attemptsLeft = (ch: { attempts: number }) => Math.max(0, MAX_MICRO_DEPOSIT_ATTEMPTS - ch.attempts);
  const view = (status: number, form: FormState & { wrongAnswer?: boolean; attemptsLeft?: number }) =>
    page(
      status,
      renderMicroDepositPage({
        contractorGivenName: c.application.contractor.legalName.givenNames,
        organisationName,
        currency: challenge.currency,
        csrf,
        ...form,
        attemptsLeft: form.attemptsLeft ?? attemptsLeft(challenge),
      }),
    );
  if (event.httpMethod === 'GET') {
    if ((await links.countOpen(link.tokenHash, now.toISOString())) === 1) await audit(link.caseId, 'contractor', 'link.opened', { purpose: link.purpose }, { head: c.auditHead });
    return view(200, {});
  }
  if (event.httpMethod !== 'POST' || !sameOrigin(event)) return result({ kind: 'forbidden' });
  const form = readForm(event);
  if (!form) return page(415, renderResultPage({ kind: 'forbidden' }).html);
  if (!constantTimeEquals(form.csrf ?? '', csrf)) return result({ kind: 'forbidden' });
  const answer = [form.amount1 ?? '', form.amount2 ?? ''] as const;
  const outcome = await answerMicroDeposits({ repo, deposits, audit, consume: () => links.consumeLink(link.tokenHash, 'confirm-micro-deposits', new Date().toISOString()) }, challenge, answer);
  const values = { amount1: answer[0], amount2: answer[1] };
  switch (outcome.kind) {
    case 'invalid-input':
      return view(400, { values, errors: { amount1: 'enter each amount as on your statement, between 0.01 and 0.99, such as 0.32' } });
    case 'wrong':
      return view(422, { wrongAnswer: true, attemptsLeft: outcome.attemptsLeft });
    case 'verified':
      // The proof is recorded; a case too busy to re-decide now is re-decided by the next decision.
      await reDecideAfterProof(link.caseId).catch((err: unknown) =>
        logger.warn('risk not re-decided after the deposits were confirmed', { errorName: (err as Error).name, onboardingId: link.caseId }),
      );
      return result({ kind: 'thank-you', message: 'Thank you. Your bank account is confirmed.' });
    case 'failed':
      return result({ kind: 'thank-you', message: 'Those amounts do not match, and that was the last try. A reviewer will look at your bank account and may contact you.' });
    case 'closed':
      return result({ kind: 'link-used' });
    default:
      return outcome satisfies never;
  }
}
