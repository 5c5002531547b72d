import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { completeInterview, loadRequest, openLink, postOnboarding, submitForm, waitForMail, waitForStatus } from '../support/local-runtime';
import { startTestRuntime } from '../support/local-runtime';

/**
 * The backbone end to end, through the local runtime over HTTP: the same synthesized workflow and the same
 * Lambda bundles AWS would run, DynamoDB Local, and every person step done by following emailed links.
 */
describe('an onboarding through the local runtime', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('goes from POST to slot picking, interview, reviewer approval (four-eyes when risky) by email link, and completes', async () => {
    const request = loadRequest();
    const started = await postOnboarding(rt, request, 'e2e-happy-path-1');
    expect(started.status).toBe(202);
    const id = started.body.id as string;

    await completeInterview(rt, id, request.contractor.email);

    await waitForStatus(rt, id, 'awaiting-approval');
    const { mail, link } = await waitForMail(rt, 'rita.reviewer@example.com', /approval needed/i);
    expect(mail.text).not.toContain(request.document.number);
    expect(mail.text).not.toContain(request.payment.iban);

    const casePage = await openLink(link);
    expect(casePage.status).toBe(200);
    expect(casePage.html).toContain('Anna Maria Kowalska');
    expect(casePage.headers.get('referrer-policy')).toBe('no-referrer');
    expect(casePage.headers.get('cache-control')).toBe('no-store');

    const first = await submitForm(link, { csrf: casePage.csrf, view: casePage.view, action: 'approve', reason: 'Identity confirmed on video; findings explained.' });
    expect(first.status).toBe(200);
    if (/second, different reviewer/.test(first.html)) {
      // Four-eyes (risk at the policy's threshold): the first approval alone decides nothing.
      expect((await waitForStatus(rt, id, 'awaiting-approval')).decision).toBeUndefined();
      const second = await waitForMail(rt, 'omar.officer@example.com', /approval needed/i);
      const page2 = await openLink(second.link);
      expect(page2.html).toMatch(/1 of 2 approvals/);
      const decided = await submitForm(second.link, { csrf: page2.csrf, view: page2.view, action: 'approve', reason: 'Second review: agree, identity confirmed.' });
      expect(decided.status).toBe(200);
    }

    const done = await waitForStatus(rt, id, 'approved');
    expect(done.decision.outcome).toBe('approved');
    const execution = await rt.engine.describeExecution(rt.engine.executionArn(id.replace('_', '-')));
    await rt.engine.idle(10_000);
    expect((await rt.engine.describeExecution(execution.executionArn)).status).toBe('SUCCEEDED');
  });
});
