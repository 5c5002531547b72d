import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { LocalRuntime } from '../../infra/local/runtime';
import { type BrowserSession, newContext, recipientOf, recordRequests, type SeenRequest, startBrowserSession } from '../support/browser';
import { getOnboarding, goodInterview, loadRequest, openLink, postOnboarding, submitForm, waitForMail, waitForStatus } from '../support/local-runtime';

/**
 * Checklist 17: mail scanners open links in a real browser and run whatever scripts a page has. Each kind of
 * link page, loaded with JavaScript on and left alone, must send no POST, and the link must work afterwards:
 * the person who clicks later still gets the form, and their answer still counts.
 */
describe('a link page loaded with scripts on sends no POST by itself', () => {
  let rt: LocalRuntime & { apiKey: string };
  let browser: Browser;
  let session: BrowserSession | undefined;

  beforeAll(async () => {
    ({ rt, browser } = session = await startBrowserSession());
  });
  afterAll(async () => {
    await session?.stop();
  });

  /**
   * Opens the link as a scanner would: scripts on, a fresh profile, then left alone with nobody clicking. The
   * page's clock is Playwright's: a minute of the page's own time passes at once, so every timer a script sets in
   * that minute fires (a delayed auto-submit included), without a minute of waiting.
   */
  async function scan(url: string): Promise<{ requests: SeenRequest[]; status: number; scripts: number; text: string }> {
    const context = await newContext(browser, { javaScriptEnabled: true });
    try {
      await context.clock.install();
      const page = await context.newPage();
      const requests = recordRequests(page);
      const response = await page.goto(url, { waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
      await page.clock.runFor(60_000);
      // A second look, as scanners that re-check after a delay do.
      await page.reload({ waitUntil: 'networkidle' });
      await page.clock.runFor(60_000);
      // What the timers started is on the network by now (nothing, or the test fails on it).
      await page.waitForTimeout(500);
      return {
        requests,
        status: response?.status() ?? 0,
        scripts: await page.locator('script').count(),
        text: (await page.locator('body').innerText()).replace(/\s+/g, ' '),
      };
    } finally {
      await context.close();
    }
  }

  function expectOnlyTheDocumentGets(requests: SeenRequest[], url: string) {
    const summary = requests.map((r) => `${r.method} ${r.url} (${r.resourceType})`).join('\n');
    expect(
      requests.filter((r) => r.method !== 'GET'),
      summary,
    ).toEqual([]);
    // Nothing but the page itself (twice: load and reload) and at most the browser's own favicon probe.
    const other = requests.filter((r) => r.url !== url && new URL(r.url).pathname !== '/favicon.ico');
    expect(other, summary).toEqual([]);
    expect(requests.filter((r) => r.url === url).length).toBe(2);
  }

  it('slot picker, outcome form and case page: no POST, state unchanged, the link still works for the person', async () => {
    const request = loadRequest();
    const started = await postOnboarding(rt, request, 'browser-no-post-by-itself-1');
    expect(started.status).toBe(202);
    const id = started.body.id as string;

    // Slot picker.
    await waitForStatus(rt, id, 'awaiting-interview');
    const { link: pick, mail: pickMail } = await waitForMail(rt, request.contractor.email, /choose a time/i);
    const before = await getOnboarding(rt, id);
    const scanned = await scan(pick);
    expect(scanned.status).toBe(200);
    // Its one script (hash-pinned) only fills the time-zone field; it sends nothing.
    expect(scanned.scripts).toBe(1);
    expect(scanned.text).toContain('Choose a time for your video call');
    expectOnlyTheDocumentGets(scanned.requests, pick);
    // The HTML version of the mail, rendered with scripts on, does not act on the link either.
    const mailHtml = await scan(`${rt.apiUrl}/_local/mailbox/${pickMail.id}/html`);
    expect(mailHtml.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(
      mailHtml.requests.some((r) => r.url === pick),
      'the mail view must not prefetch the link',
    ).toBe(false);

    const afterScan = await getOnboarding(rt, id);
    expect(afterScan.status).toBe('awaiting-interview');
    expect(afterScan.updatedAt).toBe(before.updatedAt);
    expect(await recipientOfOutcomeMail()).toBeUndefined();
    const picker = await openLink(pick);
    expect(picker.status).toBe(200);
    const slot = /name="choice" value="([^"]+)"/.exec(picker.html)?.[1];
    expect(slot, 'the picker still offers its slots').toBeDefined();
    expect(picker.csrf).not.toBe('');
    const picked = await submitForm(pick, { csrf: picker.csrf, choice: slot! });
    expect(picked.status, picked.html.slice(0, 400)).toBe(200);

    // Outcome form.
    const interviewer = await recipientOf(rt, /record the interview outcome/i);
    const { link: outcome } = await waitForMail(rt, interviewer, /record the interview outcome/i);
    const beforeOutcome = await getOnboarding(rt, id);
    const scannedForm = await scan(outcome);
    expect(scannedForm.status).toBe(200);
    expect(scannedForm.scripts).toBe(0);
    expect(scannedForm.text).toContain('Interview outcome');
    expectOnlyTheDocumentGets(scannedForm.requests, outcome);
    const afterFormScan = await getOnboarding(rt, id);
    expect(afterFormScan.status).toBe('awaiting-interview');
    expect(afterFormScan.updatedAt).toBe(beforeOutcome.updatedAt);
    const form = await openLink(outcome);
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="attended"');
    const sent = await submitForm(outcome, { csrf: form.csrf, ...goodInterview });
    expect(sent.status, sent.html.slice(0, 400)).toBe(200);

    // Case page.
    await waitForStatus(rt, id, 'awaiting-approval');
    const { link: review } = await waitForMail(rt, 'rita.reviewer@example.com', /approval needed/i);
    const beforeReview = await getOnboarding(rt, id);
    const scannedCase = await scan(review);
    expect(scannedCase.status).toBe(200);
    expect(scannedCase.scripts).toBe(0);
    expect(scannedCase.text).toContain('Review: Anna Maria Kowalska');
    expectOnlyTheDocumentGets(scannedCase.requests, review);
    const afterCaseScan = await getOnboarding(rt, id);
    expect(afterCaseScan.status).toBe('awaiting-approval');
    expect(afterCaseScan.decision).toBeUndefined();
    expect(afterCaseScan.updatedAt).toBe(beforeReview.updatedAt);
    const casePage = await openLink(review);
    expect(casePage.status).toBe(200);
    expect(casePage.html).toContain('name="action" value="approve"');
    expect(casePage.html).toMatch(/0 of [12] approvals?/);
    // And the reviewer's decision, made after the scan, is the one that counts.
    const decided = await submitForm(review, { csrf: casePage.csrf, action: 'reject', reason: 'Testing that a scanned link still decides.' });
    expect(decided.status, decided.html.slice(0, 400)).toBe(200);
    expect((await waitForStatus(rt, id, 'rejected')).decision.outcome).toBe('rejected');
    expect(decided.html).toContain('Your decision (rejected) is recorded');
  });

  async function recipientOfOutcomeMail(): Promise<string | undefined> {
    return (await rt.mailbox.list()).find((m) => /record the interview outcome/i.test(m.subject))?.to[0];
  }
});
