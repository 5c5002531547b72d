import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalMail } from '../../infra/local/mailbox';
import type { LocalRuntime } from '../../infra/local/runtime';
import { getOnboarding, loadRequest, openLink, postOnboarding, startTestRuntime, startToApproval, submitForm, waitFor, waitForMail, waitForStatus } from '../support/local-runtime';

const linkPattern = /http:\/\/localhost:\d+\/links\/[A-Za-z0-9_-]{43}/;

/**
 * Reminders before a link's deadline (issue 5), through the synthesized schedule rule run by the local
 * runtime. Deadlines are shortened per state; the reminder moment is then half the link's life (the
 * policy's 12-hour lead is longer than these links live).
 */
describe('deadline reminders', () => {
  let rt: LocalRuntime & { apiKey: string };
  const sweep = () => rt.schedules.runNow('ReminderSweep') as Promise<{ reminded: number; dropped: number }[]>;
  const mailsTo = async (to: string, subject: RegExp): Promise<LocalMail[]> => (await rt.mailbox.list()).filter((m) => m.to.includes(to) && subject.test(m.subject));
  const untilElapsed = (since: string, ms: number) =>
    waitFor(
      `${ms} ms after ${since}`,
      async () => Date.now(),
      (now) => now >= Date.parse(since) + ms,
    );

  beforeAll(async () => {
    rt = await startTestRuntime({ callbackTimeouts: { AwaitInterviewOutcome: 10, Approval: 20 } });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it("the template's reminder schedule is found and runs locally; the daily list refresh (cron) is not on a timer", () => {
    const rules = rt.schedules.rules.map((r) => ({ id: r.id.replace(/[0-9A-F]{8}$/, ''), expression: r.expression, everyMs: r.everyMs }));
    expect(rules).toContainEqual({ id: 'ReminderSweep', expression: 'rate(15 minutes)', everyMs: 900_000 });
    expect(rules.find((r) => r.id === 'DailyListRefresh')).toMatchObject({ expression: expect.stringMatching(/^cron\(/), everyMs: undefined });
  });

  it("one reminder per link before the deadline, however many sweeps; the reminder's link works and the old one says expired", async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'remind-1');
    const [rita, omar] = ['rita+remind-1@example.com', 'omar+remind-1@example.com'];
    const first = (await mailsTo(rita, /approval needed/i))[0]!;

    // Not due yet: nothing is sent.
    await sweep();
    expect(await mailsTo(rita, /^Reminder/)).toHaveLength(0);

    // Half the link's life gone: two sweeps at once, then a third, send one reminder to each reviewer.
    await untilElapsed(first.at, 10_000);
    const reports = (await Promise.all([sweep(), sweep()])).flat();
    expect(reports.reduce((n, r) => n + r.reminded, 0)).toBe(2);
    await sweep();
    const ritaReminders = await mailsTo(rita, /^Reminder: approval needed/);
    expect(ritaReminders).toHaveLength(1);
    expect(await mailsTo(omar, /^Reminder: approval needed/)).toHaveLength(1);

    const reminderLink = linkPattern.exec(ritaReminders[0]!.text)![0];
    expect(reminderLink).not.toBe(reviewerLinks[0]);
    expect(ritaReminders[0]!.text).toMatch(/replaces the link in our earlier email/);
    // The first link is superseded: "expired", and a POST through it decides nothing.
    const old = await openLink(reviewerLinks[0]);
    expect(old.status).toBe(410);
    expect(old.html).toMatch(/expired/i);
    const page = await openLink(reminderLink);
    expect(page.status).toBe(200);
    expect((await submitForm(reviewerLinks[0], { csrf: page.csrf, view: page.view, action: 'approve', reason: 'Approving through the superseded link.' })).status).not.toBe(200);
    const approved = await submitForm(reminderLink, { csrf: page.csrf, view: page.view, action: 'approve', reason: 'Documents and interview consistent.' });
    expect(approved.status).toBe(200);
    expect((await waitForStatus(rt, id, 'approved')).decision.outcome).toBe('approved');

    // A decided step is never reminded again.
    await sweep();
    expect(await mailsTo(rita, /^Reminder/)).toHaveLength(1);
  });

  it('no reminder for a used link (the picked slot) nor for one that expired before any sweep ran (the outcome form)', async () => {
    const request = loadRequest((r) => {
      r.externalId = 'remind-2';
      r.contractor.email = 'remind-2@example.pl';
    });
    const started = await postOnboarding(rt, request, 'remind-2');
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    const { link: pick } = await waitForMail(rt, request.contractor.email, /choose a time/i);
    const picker = await openLink(pick);
    const slot = /name="choice" value="([^"]+)"/.exec(picker.html)![1]!;
    const since = new Date().toISOString();
    expect((await submitForm(pick, { csrf: picker.csrf, choice: slot })).status).toBe(200);
    const fullName = `${request.contractor.legalName.givenNames} ${request.contractor.legalName.surname}`;
    const outcomeMail = await waitFor(
      'the outcome-form mail',
      async () => (await rt.mailbox.list()).find((m) => /record|outcome/i.test(m.subject) && m.text.includes(fullName) && m.at >= since),
      (m) => m !== undefined,
    );

    // Nobody answers: the interview step times out, and only then does a sweep run.
    expect((await waitForStatus(rt, id, 'expired')).decision.outcome).toBe('expired');
    const reports = await sweep();
    expect(reports[0]!.dropped).toBeGreaterThanOrEqual(1);
    const reminders = (await rt.mailbox.list()).filter((m) => /^Reminder/.test(m.subject) && (m.to.includes(request.contractor.email) || m.to.some((t) => outcomeMail!.to.includes(t))));
    expect(reminders).toEqual([]);
    expect((await getOnboarding(rt, id)).status).toBe('expired');
  });
});
