import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { getOnboarding, loadRequest, openLink, postOnboarding, startTestRuntime, submitForm, waitFor, waitForMail, waitForStatus } from '../support/local-runtime';

/**
 * Employment references (issue 3): where the policy asks for them (privileged roles), each reference gets a
 * secure link to confirm the claimed role and dates; the answer becomes evidence and findings.
 */
describe('reference checks', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('a DevOps contractor\'s reference is asked once; a "does not know them" answer is a finding', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => {
        r.externalId = 'refs-1';
        r.engagement = { role: 'DevOps engineer' };
        r.employment[0].reference.email = 'piotr.nowak+refs-1@example-software.pl';
      }),
      'refs-0001',
    );
    await waitForStatus(rt, res.body.id, 'awaiting-interview');
    const { mail, link } = await waitForMail(rt, 'piotr.nowak+refs-1@example-software.pl', /./);
    expect(mail.text).toContain('Backend developer');
    expect(mail.text).not.toContain('EA1234567');
    const page = await openLink(link);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Example Software');
    const answer = { csrf: page.csrf, knowsPerson: 'no', roleConfirmed: 'no', datesConfirmed: 'no', refereeJobTitle: 'Engineering manager' };
    expect((await submitForm(link, answer)).status).toBe(200);
    expect((await submitForm(link, answer)).status).toBe(410);
    const o = await waitFor(
      'the reference finding',
      () => getOnboarding(rt, res.body.id),
      (x) => x.findings.codes.includes('REF_PERSON_UNKNOWN'),
    );
    expect(o.stages.references.state).toBe('findings');
    // Asked once, even though the stage may be retried.
    expect((await rt.mailbox.list()).filter((m) => m.to.includes('piotr.nowak+refs-1@example-software.pl'))).toHaveLength(1);
  });

  it('roles the policy does not name get no reference request', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = 'refs-2'), (r.employment[0].reference.email = 'piotr.nowak+refs-2@example-software.pl'))),
      'refs-0002',
    );
    await waitForStatus(rt, res.body.id, 'awaiting-interview');
    await waitForMail(rt, 'anna.kowalska@example.pl', /choose a time/i);
    expect((await rt.mailbox.list()).filter((m) => m.to.includes('piotr.nowak+refs-2@example-software.pl'))).toHaveLength(0);
  });
});
