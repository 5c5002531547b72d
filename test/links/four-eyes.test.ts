import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { getOnboarding, openLink, postSignals, startTestRuntime, startToApproval, submitForm, viewOf, waitForMail, waitForStatus } from '../support/local-runtime';

/** Four-eyes (checklist item 21): risky cases need two different reviewers; the same person twice is refused. */
describe('four-eyes approval', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  // A reference writing from a free-mail address lifts the score to the policy's four-eyes threshold.
  const risky = (r: Record<string, any>) => (r.employment[0].reference.email = 'piotr.nowak.dev@gmail.com');

  it('needs two different reviewers: the first approval decides nothing, the second completes it', async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'four-eyes-1', risky);
    const first = await openLink(reviewerLinks[0]);
    expect(first.html).toMatch(/0 of 2 approvals/);
    const r1 = await submitForm(reviewerLinks[0], { csrf: first.csrf, view: first.view, action: 'approve', reason: 'First reviewer: documents and interview fine.' });
    expect(r1.status).toBe(200);
    expect(r1.html).toMatch(/second, different reviewer/);
    expect((await getOnboarding(rt, id)).status).toBe('awaiting-approval');
    const second = await openLink(reviewerLinks[1]);
    expect(second.html).toMatch(/1 of 2 approvals/);
    const r2 = await submitForm(reviewerLinks[1], { csrf: second.csrf, view: second.view, action: 'approve', reason: 'Second reviewer: agree with the first.' });
    expect(r2.status).toBe(200);
    const done = await waitForStatus(rt, id, 'approved');
    expect(done.decision.outcome).toBe('approved');
  });

  it('the same person approving twice (two links to one address) is refused', async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'four-eyes-2', (r) => {
      risky(r);
      r.reviewers = [
        { name: 'Rita Reviewer', email: 'rita+four-eyes-2@example.com' },
        { name: 'Rita R. (again)', email: 'rita+four-eyes-2@example.com' },
      ];
    });
    const [a, b] = reviewerLinks;
    const pa = await openLink(a);
    expect((await submitForm(a, { csrf: pa.csrf, view: pa.view, action: 'approve', reason: 'First approval by Rita.' })).status).toBe(200);
    const pb = await openLink(b);
    const twice = await submitForm(b, { csrf: pb.csrf, view: pb.view, action: 'approve', reason: 'Rita approving a second time.' });
    expect(twice.status).toBe(409);
    expect(twice.html).toMatch(/second, different reviewer/);
    expect((await getOnboarding(rt, id)).status).toBe('awaiting-approval');
  });

  // Adversarial pass 4: the first approval was given on the case as it stood; a finding that came in after it
  // (the contractor asking to move to Telegram) was never seen by that reviewer. A second approval on top of it
  // was two approvals of which only one saw the case: the onboarding was approved on one pair of eyes.
  it('a first approval given before a new finding no longer counts: the second reviewer alone does not approve', async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'four-eyes-3', risky);
    const [a, b] = reviewerLinks;
    const pa = await openLink(a);
    expect((await submitForm(a, { csrf: pa.csrf, view: pa.view, action: 'approve', reason: 'First reviewer: documents and interview fine.' })).status).toBe(200);
    const sent = await postSignals(rt, id, { signals: [{ type: 'off-platform-request', time: '2026-11-26T09:00:00Z', channel: 'telegram', text: 'Pay me on Telegram instead.' }] });
    expect(sent.status).toBe(202);
    expect((await getOnboarding(rt, id)).status).toBe('awaiting-approval');
    const pb = await openLink(b);
    expect(pb.html).toMatch(/0 of 2 approvals/);
    const second = await submitForm(b, { csrf: pb.csrf, view: pb.view, action: 'approve', reason: 'Second reviewer: fine by me.' });
    expect(second.status).toBe(200);
    expect(second.html).toMatch(/before findings that came in since/);
    const now = await getOnboarding(rt, id);
    expect(now.status).toBe('awaiting-approval');
    expect(now.decision?.outcome).not.toBe('approved');
  });

  // Adversarial pass 4: the page was opened, then a finding came in (the contractor asked to move to WhatsApp),
  // then the reviewer clicked approve on the page as it was: an approval of a case the reviewer never saw.
  it('an approval from a page opened before a new finding records nothing (409, the page as it is now); approving from the page served after it works', async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'four-eyes-4');
    const [a] = reviewerLinks;
    const before = await openLink(a);
    expect(before.html).not.toMatch(/WhatsApp/i);
    const sent = await postSignals(rt, id, { signals: [{ type: 'off-platform-request', time: '2026-11-26T09:00:00Z', channel: 'whatsapp', text: 'Talk on WhatsApp instead.' }] });
    expect(sent.status).toBe(202);
    const stale = await submitForm(a, { csrf: before.csrf, view: before.view, action: 'approve', reason: 'Looked fine when I opened it.' });
    expect(stale.status).toBe(409);
    expect(stale.html).toMatch(/New findings were added to this case after you opened the page/);
    expect((await getOnboarding(rt, id)).status).toBe('awaiting-approval');
    // The page served with the 409 shows the case as it is: approving from it is the reviewer's informed decision.
    const again = await submitForm(a, { csrf: before.csrf, view: viewOf(stale.html), action: 'approve', reason: 'Read the new finding; still fine.' });
    expect(again.status).toBe(200);
    expect(again.html).toMatch(/is recorded/);
  });

  // Links lifecycle, hole 3: the first approval was voided by a new finding, and its giver, whose link that approval had
  // used, was never told: the case waited for the escalation with nobody owning it.
  it('the giver of a first approval a new finding voided gets a fresh link, once, saying why; through it they decide again', async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'four-eyes-6', risky);
    const rita = 'rita+four-eyes-6@example.com';
    const [a] = reviewerLinks;
    const pa = await openLink(a);
    expect((await submitForm(a, { csrf: pa.csrf, view: pa.view, action: 'approve', reason: 'First reviewer: documents and interview fine.' })).status).toBe(200);
    const telegram = { signals: [{ type: 'off-platform-request', time: '2026-11-26T09:00:00Z', channel: 'telegram', text: 'Pay me on Telegram instead.' }] };
    expect((await postSignals(rt, id, telegram)).status).toBe(202);

    const { mail, link } = await waitForMail(rt, rita, /approval no longer counts/i);
    expect(mail.text).toMatch(/new findings were added to the case after it/);
    expect(mail.text).toMatch(/needs your decision again/);
    expect(link).not.toBe('');
    expect(link).not.toBe(a);
    // The same batch again (a client's retry re-runs the step) and one more finding on the same voided approval: no second mail.
    expect((await postSignals(rt, id, telegram)).status).toBe(202);
    const whatsapp = { signals: [{ type: 'off-platform-request', time: '2026-11-26T10:00:00Z', channel: 'whatsapp', text: 'Or WhatsApp.' }] };
    expect((await postSignals(rt, id, whatsapp)).status).toBe(202);
    const told = (await rt.mailbox.list()).filter((m) => m.to.includes(rita) && /approval no longer counts/i.test(m.subject));
    expect(told).toHaveLength(1);

    // Through the fresh link Rita reads the case as it is and approves again: a first approval once more.
    const fresh = await openLink(link);
    expect(fresh.status).toBe(200);
    expect(fresh.html).toMatch(/0 of 2 approvals/);
    const again = await submitForm(link, { csrf: fresh.csrf, view: fresh.view, action: 'approve', reason: 'Read the Telegram and WhatsApp requests; still fine.' });
    expect(again.status).toBe(200);
    expect(again.html).toMatch(/second, different reviewer/);
    expect((await getOnboarding(rt, id)).status).toBe('awaiting-approval');
  });

  // Adversarial pass 4: a finding that came in between the deciding click and Finalize (the vote completed the task,
  // then the contractor asked to move to Signal) was applied over: the approval stood on a case nobody had seen.
  it('a finding recorded after the deciding vote, before the approval is applied: not approved, the case goes to the compliance review', async () => {
    const { id } = await startToApproval(rt, 'four-eyes-5');
    const votedAt = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const sent = await postSignals(rt, id, { signals: [{ type: 'off-platform-request', time: '2026-11-26T09:00:00Z', channel: 'signal', text: 'Write to me on Signal.' }] });
    expect(sent.status).toBe(202);
    const finalize = [...rt.lambdas.functions.keys()].find((k) => k.startsWith('FinalizeFunction'))!;
    const decision = { decision: 'approved', by: 'rita+four-eyes-5@example.com', at: votedAt, reason: 'Fine when I voted.', via: 'link:review' };
    await rt.lambdas
      .get(finalize)
      .invoke({ onboardingId: id, decision })
      .catch(() => undefined);
    const after = await getOnboarding(rt, id);
    expect(after.status).toBe('compliance-hold');
    expect(after.decision?.outcome).not.toBe('approved');
  });
});
