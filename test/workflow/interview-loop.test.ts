import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { MAX_BOOKINGS } from '../../shared/domain/interview/next-interview-step';
import { getOnboarding, goodInterview, loadRequest, openLink, postOnboarding, postSignals, startTestRuntime, submitForm, waitFor, waitForStatus } from '../support/local-runtime';

const linkPattern = /http:\/\/localhost:\d+\/links\/[A-Za-z0-9_-]{43}/;

/**
 * The interview's reschedule loop as workflow states (issue 12, item 5), on the real local engine: the
 * contractor's booking completes ScheduleInterview, the interviewer's outcome completes AwaitInterviewOutcome,
 * and a no-show goes round RescheduleInterview while a booking is left. The execution history shows the
 * states entered, not only the mails.
 */
describe('the interview reschedule loop', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  /** Oldest first (the mailbox lists newest first). */
  const mailsTo = async (to: string, subject: RegExp) => (await rt.mailbox.list()).filter((m) => m.to.includes(to) && subject.test(m.subject)).reverse();
  /** The n-th (1-based) mail to `to` with that subject, once it is there, and its link. */
  const nthLink = async (to: string, subject: RegExp, n: number) => {
    const mails = await waitFor(
      `mail ${n} to ${to} matching ${subject}`,
      () => mailsTo(to, subject),
      (l) => l.length >= n,
    );
    return linkPattern.exec(mails[n - 1]!.text)![0];
  };
  const book = async (contractor: string, n: number) => {
    const pick = await nthLink(contractor, /choose a time|other times/i, n);
    const page = await openLink(pick);
    expect(page.status).toBe(200);
    const slot = /name="choice" value="([^"]+)"/.exec(page.html)![1]!;
    const booked = await submitForm(pick, { csrf: page.csrf, choice: slot });
    expect(booked.status, booked.html.slice(0, 300)).toBe(200);
    return slot;
  };
  /** The n-th outcome form mailed since `since` (the suite's applicants share a name: the time tells them apart). */
  const recordOutcome = async (since: string, n: number, fields: Record<string, string>) => {
    const mails = await waitFor(
      `outcome-form mail ${n} since ${since}`,
      async () => (await rt.mailbox.list()).filter((m) => /record the interview outcome/i.test(m.subject) && m.at >= since).reverse(),
      (l) => l.length >= n,
    );
    const link = linkPattern.exec(mails[n - 1]!.text)![0];
    const form = await openLink(link);
    expect(form.status).toBe(200);
    const sent = await submitForm(link, { csrf: form.csrf, ...fields });
    expect(sent.status, sent.html.slice(0, 300)).toBe(200);
    return { link, html: sent.html };
  };
  const entered = async (id: string) => {
    const history = await rt.engine.history(rt.engine.executionArn(id.replace('_', '-')));
    const names = history.filter((e) => e.type.endsWith('StateEntered')).map((e) => e.stateName!);
    return (state: string) => names.filter((n) => n === state).length;
  };
  const start = async (key: string) => {
    const request = loadRequest((r) => {
      r.externalId = key;
      r.contractor.email = `${key}@example.pl`;
      r.reviewers = [
        { name: 'Rita Reviewer', email: `rita+${key}@example.com` },
        { name: 'Omar Officer', email: `omar+${key}@example.com` },
      ];
    });
    const since = new Date().toISOString();
    const started = await postOnboarding(rt, request, key);
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    return { id, contractor: request.contractor.email as string, since };
  };

  it('a no-show mails the contractor new times; the second booking, held, goes to the reassessment and the reviewers', async () => {
    const { id, contractor, since } = await start('loop-noshow-once');
    await book(contractor, 1);
    const noShow = await recordOutcome(since, 1, { attended: 'no' });
    expect(noShow.html).toMatch(/no-show/i);

    // RescheduleInterview -> ScheduleInterview again: a second proposal, mailed by the booking task itself.
    await nthLink(contractor, /choose a time|other times/i, 2);
    expect(await mailsTo(contractor, /other times/i)).toHaveLength(1);
    expect((await getOnboarding(rt, id)).status).toBe('awaiting-interview');
    await book(contractor, 2);
    // The first outcome link belonged to the finished task: it records nothing more.
    const stale = await openLink(noShow.link);
    expect((await submitForm(noShow.link, { csrf: stale.csrf, ...goodInterview })).status).not.toBe(200);
    await recordOutcome(since, 2, goodInterview);

    const o = await waitForStatus(rt, id, 'awaiting-approval');
    expect(['done', 'findings']).toContain(o.stages.interview.state);
    const count = await entered(id);
    expect(count('ScheduleInterview')).toBe(2);
    expect(count('AwaitInterviewOutcome')).toBe(2);
    expect(count('InterviewHeld')).toBe(2);
    expect(count('RescheduleInterview')).toBe(1);
    expect(count('OutOfReschedules')).toBe(0);
    expect(count('Reassessment')).toBe(1);
    expect(count('Approval')).toBe(1);
  });

  it('"none of these work" completes the booking step unbooked: OtherTimesRequested books again with the further proposal, once', async () => {
    const { id, contractor, since } = await start('loop-other-times');
    const first = await nthLink(contractor, /choose a time/i, 1);
    const page = await openLink(first);
    const firstSlots = [...page.html.matchAll(/name="choice" value="([^"]+)"/g)].map((m) => m[1]!).filter((v) => v !== 'none');
    expect(page.html).toContain('value="none"');
    const asked = await submitForm(first, { csrf: page.csrf, choice: 'none', proposed1: '2031-03-12T10:00' });
    expect(asked.status, asked.html.slice(0, 300)).toBe(200);

    // The next ScheduleInterview mails the other times with a link of its own; "none" is not offered twice.
    const second = await nthLink(contractor, /other times/i, 1);
    const again = await openLink(second);
    expect(again.status).toBe(200);
    expect(again.html).not.toContain('value="none"');
    const secondSlots = [...again.html.matchAll(/name="choice" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(secondSlots.filter((v) => firstSlots.includes(v))).toEqual([]);
    // The first link was used by the answer: it books nothing.
    expect((await submitForm(first, { csrf: page.csrf, choice: firstSlots[0]! })).status).not.toBe(200);
    expect((await submitForm(second, { csrf: again.csrf, choice: secondSlots[0]! })).status).toBe(200);
    await recordOutcome(since, 1, goodInterview);

    await waitForStatus(rt, id, 'awaiting-approval');
    const count = await entered(id);
    expect(count('ScheduleInterview')).toBe(2);
    expect(count('SlotBooked')).toBe(2);
    expect(count('OtherTimesRequested')).toBe(1);
    expect(count('AwaitInterviewOutcome')).toBe(1);
    expect(count('RescheduleInterview')).toBe(0);
  });

  it("a hold while the interviewer's outcome is awaited ends that step; cleared by two compliance reviewers, the interview is booked afresh", async () => {
    const { id, contractor, since } = await start('loop-hold');
    await book(contractor, 1);
    const outcomeMail = await waitFor(
      'the outcome-form mail',
      async () => (await rt.mailbox.list()).find((m) => /record the interview outcome/i.test(m.subject) && m.at >= since),
      (m) => m !== undefined,
    );
    const outcomeLink = linkPattern.exec(outcomeMail!.text)![0];
    const form = await openLink(outcomeLink);
    expect(form.status).toBe(200);

    // A login from DPRK address space while AwaitInterviewOutcome waits: held, and the outcome form says so.
    const heldAt = new Date().toISOString();
    const signals = await postSignals(rt, id, { signals: [{ type: 'login', time: '2026-11-25T10:05:00Z', ip: '175.45.176.10', accountId: 'acct-1' }] });
    expect(signals.status).toBe(202);
    expect((await getOnboarding(rt, id)).status).toBe('compliance-hold');
    expect((await openLink(outcomeLink)).status).toBe(409);
    expect((await submitForm(outcomeLink, { csrf: form.csrf, ...goodInterview })).status).toBe(409);

    // Two different compliance reviewers clear it (the compliance team the test policy names).
    for (const reviewer of ['ines.compliance@example.com', 'jonas.compliance@example.com']) {
      const mails = await waitFor(
        `the compliance mail to ${reviewer}`,
        async () => (await mailsTo(reviewer, /compliance hold/i)).filter((m) => m.at >= heldAt),
        (l) => l.length > 0,
      );
      const link = linkPattern.exec(mails[0]!.text)![0];
      const page = await openLink(link);
      expect(page.status).toBe(200);
      const cleared = await submitForm(link, {
        csrf: page.csrf,
        action: 'clear-hold',
        reason: 'The login came through a corporate VPN exit the security team recognises.',
        reasonsSeen: page.reasonsSeen,
      });
      expect(cleared.status, cleared.html.slice(0, 300)).toBe(200);
    }

    // HeldDuringInterview resumes at ScheduleInterview: a fresh proposal ("choose a time", not a reschedule).
    await waitForStatus(rt, id, 'awaiting-interview');
    await nthLink(contractor, /choose a time/i, 2);
    const count = await entered(id);
    expect(count('HeldDuringInterview')).toBe(1);
    expect(count('ComplianceReview')).toBe(1);
    expect(count('ScheduleInterview')).toBe(2);
    expect(count('AwaitInterviewOutcome')).toBe(1);
    expect(count('InterviewTimedOut')).toBe(0);
  });

  it(`a second no-show (${MAX_BOOKINGS} bookings) takes the review path: no third proposal, the no-show on the case, the reviewers decide`, async () => {
    const { id, contractor, since } = await start('loop-noshow-twice');
    await book(contractor, 1);
    await recordOutcome(since, 1, { attended: 'no' });
    await book(contractor, 2);
    await recordOutcome(since, 2, { attended: 'no', remarks: 'No reply in the meeting chat either' });

    // Never an automatic decision: the reviewers get the case with the no-show on it.
    const o = await waitForStatus(rt, id, 'awaiting-approval');
    expect(o.decision?.outcome).toBeUndefined();
    expect(o.stages.interview.findings).toBeGreaterThan(0);
    const count = await entered(id);
    expect(count('ScheduleInterview')).toBe(MAX_BOOKINGS);
    expect(count('AwaitInterviewOutcome')).toBe(MAX_BOOKINGS);
    expect(count('RescheduleInterview')).toBe(MAX_BOOKINGS - 1);
    expect(count('OutOfReschedules')).toBe(1);
    expect(count('Reassessment')).toBe(1);
    expect(count('InterviewTimedOut')).toBe(0);
    expect(await mailsTo(contractor, /choose a time|other times/i)).toHaveLength(MAX_BOOKINGS);
  });
});
