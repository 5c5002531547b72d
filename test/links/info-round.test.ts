import { afterAll, beforeAll, describe, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { getOnboarding, openLink, startTestRuntime, startToApproval, submitForm, waitFor, waitForMail, waitForStatus } from '../support/local-runtime';

const linkPattern = /http:\/\/localhost:\d+\/links\/[A-Za-z0-9_-]{43}/;

/**
 * "Ask the contractor for more information" (issue 5): the contractor answers through a link of their own,
 * the answer is evidence on the case, the reviewers decide again with fresh links; no answer by the
 * deadline is never an approval. The contractor's deadline is shortened through the local engine. The tests run side
 * by side (the deadline's seconds of waiting overlap the other's round): each has an applicant of its own, by name
 * too, since the interviewer's mail names the contractor and nothing else.
 */
const surnamed = (surname: string) => (r: Record<string, any>) => {
  r.contractor.legalName.surname = surname;
  r.document.surname = surname;
  r.payment.accountHolder = `${r.contractor.legalName.givenNames} ${surname}`;
};

describe.concurrent('the information round', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime({ callbackTimeouts: { AwaitInformation: 8 } });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('request -> the contractor answers through the link -> the reviewers get new links, see the answer, approve -> approved', async ({ expect }) => {
    const { id, reviewerLinks, request } = await startToApproval(rt, 'info-round-1', surnamed('Odpowiedzialna'));
    const rita = 'rita+info-round-1@example.com';
    const ask = 'Please send the contract you signed with Acme, or explain the gap in 2021.';
    const page = await openLink(reviewerLinks[0]);
    const asked = await submitForm(reviewerLinks[0], { csrf: page.csrf, action: 'request-info', reason: ask });
    expect(asked.status).toBe(200);
    // A request for information is the reviewer's vote, not a decision: the status says where the case is.
    const requested = await waitForStatus(rt, id, 'info-requested');
    expect(requested.decision).toBeUndefined();

    // The contractor's mail: the reviewer's words and a link, nothing else of the case.
    const { mail, link } = await waitForMail(rt, request.contractor.email, /more information needed/i);
    expect(mail.text).toContain(ask);
    expect(mail.text).not.toContain(request.document.number);
    expect(link).toMatch(linkPattern);
    // The workflow waits (it has not ended), and GET changes nothing.
    expect(rt.engine.runningCount()).toBeGreaterThanOrEqual(1);
    const form = await openLink(link);
    expect(form.status).toBe(200);
    expect(form.html).toContain('Please send the contract you signed with Acme');
    expect((await getOnboarding(rt, id)).status).toBe('info-requested');

    // The answer is required; a CSRF-less POST is refused.
    expect((await submitForm(link, { csrf: form.csrf, answer: '  ' })).status).toBe(400);
    expect((await submitForm(link, { answer: 'No CSRF token.' })).status).toBe(403);
    const answer = 'The contract is attached to my HRIS profile; in 2021 I was on parental leave.';
    const sent = await submitForm(link, { csrf: form.csrf, answer });
    expect(sent.status).toBe(200);
    expect((await submitForm(link, { csrf: form.csrf, answer })).status).toBe(410);

    // The reviewers are asked again, with fresh links; the first round's link is spent.
    const second = await waitFor(
      'a second approval mail to Rita',
      async () => (await rt.mailbox.list()).filter((m) => m.to.includes(rita) && /approval needed/i.test(m.subject)),
      (l) => l.length >= 2,
    );
    const fresh = linkPattern.exec(second[0]!.text)![0];
    expect(fresh).not.toBe(reviewerLinks[0]);
    expect((await openLink(reviewerLinks[0])).status).toBe(410);
    const casePage = await openLink(fresh);
    expect(casePage.status).toBe(200);
    expect(casePage.html).toContain('in 2021 I was on parental leave');
    expect(casePage.html).toContain('Please send the contract you signed with Acme');
    const approved = await submitForm(fresh, { csrf: casePage.csrf, view: casePage.view, action: 'approve', reason: 'The answer explains the gap; contract seen.' });
    expect(approved.status).toBe(200);
    expect((await waitForStatus(rt, id, 'approved')).decision.outcome).toBe('approved');
  });

  it('request -> no answer by the deadline -> info-not-provided, never approved, and the old reviewer links decide nothing', async ({ expect }) => {
    const { id, reviewerLinks, request } = await startToApproval(rt, 'info-round-2', surnamed('Milczaca'));
    const page = await openLink(reviewerLinks[0]);
    await submitForm(reviewerLinks[0], { csrf: page.csrf, action: 'request-info', reason: 'Please send a clearer photo of the passport data page.' });
    const { link } = await waitForMail(rt, request.contractor.email, /more information needed/i);

    const ended = await waitForStatus(rt, id, 'info-not-provided');
    expect(ended.decision.outcome).toBe('info-not-provided');
    expect((await openLink(link)).status).toBe(410);
    const other = await openLink(reviewerLinks[1]);
    const late = await submitForm(reviewerLinks[1], { csrf: other.csrf || 'x', view: other.view, action: 'approve', reason: 'Approving after the contractor did not answer.' });
    expect([403, 409, 410]).toContain(late.status);
    expect((await getOnboarding(rt, id)).status).toBe('info-not-provided');
  });
});
