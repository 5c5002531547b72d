import { afterAll, beforeAll, describe, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { getOnboarding, openLink, startTestRuntime, startToApproval, submitForm, waitForMail, waitForStatus } from '../support/local-runtime';

/**
 * Deadlines of the person steps (checklist items 5, 7, 19): the reviewers' task times out into escalation
 * with fresh links, the old links then say "expired", and the end of the escalation never approves.
 * Deadlines are shortened through the local engine; the workflow's paths are the synthesized ones. The tests run
 * side by side (their seconds of waiting overlap): each has an applicant of its own, by name too, since the
 * interviewer's mail names the contractor and nothing else.
 */
const surnamed = (surname: string) => (r: Record<string, any>) => {
  r.contractor.legalName.surname = surname;
  r.document.surname = surname;
  r.payment.accountHolder = `${r.contractor.legalName.givenNames} ${surname}`;
};

describe.concurrent('callback deadlines', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime({ callbackTimeouts: { Approval: 4, Escalation: 4 } });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('approval times out into escalation: fresh links, old ones 410 expired, and then expiry, never approval', async ({ expect }) => {
    const { id, reviewerLinks } = await startToApproval(rt, 'deadline-1', surnamed('Terminowska'));
    const escalated = await waitForMail(rt, 'rita+deadline-1@example.com', /escalated/i);
    expect(escalated.link).not.toBe(reviewerLinks[0]);
    const old = await openLink(reviewerLinks[0]);
    expect(old.status).toBe(410);
    expect(old.html).toMatch(/expired/i);
    const oldPost = await submitForm(reviewerLinks[0], { csrf: old.csrf || 'x', view: old.view, action: 'approve', reason: 'Approving through an old link.' });
    expect([403, 410]).toContain(oldPost.status);
    const done = await waitForStatus(rt, id, 'expired');
    expect(done.decision.outcome).toBe('expired');
    // The escalation's own link has expired with it.
    expect((await openLink(escalated.link)).status).toBe(410);
  });

  it('a late answer after the deadline decides nothing (the task is gone; TaskTimedOut is handled as decided)', async ({ expect }) => {
    const { id, reviewerLinks } = await startToApproval(rt, 'deadline-2', surnamed('Spozniona'));
    const page = await openLink(reviewerLinks[1]);
    expect(page.status).toBe(200);
    await waitForMail(rt, 'omar+deadline-2@example.com', /escalated/i);
    const late = await submitForm(reviewerLinks[1], { csrf: page.csrf, view: page.view, action: 'approve', reason: 'Approved too late, after the deadline.' });
    expect(late.status).toBe(410);
    const o = await getOnboarding(rt, id);
    expect(o.status).not.toBe('approved');
    expect((await waitForStatus(rt, id, 'expired')).status).toBe('expired');
  });
});
