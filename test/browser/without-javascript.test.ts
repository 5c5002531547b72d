import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { LocalRuntime } from '../../infra/local/runtime';
import {
  type BrowserSession,
  clickLinkInMail,
  explainAnswer,
  openMailInMailbox,
  pickSlotInBrowser,
  recipientOf,
  recordOutcomeInBrowser,
  recordRequests,
  startBrowserSession,
  submitAndWait,
  visibleText,
} from '../support/browser';
import { getOnboarding, loadRequest, postOnboarding, waitForStatus } from '../support/local-runtime';

/**
 * The pages work without JavaScript (issue 5): plain documents and forms. The whole flow, with scripts off
 * in the browser, including the browser's own form checks (a required choice, a required reason).
 */
describe('the link pages with JavaScript disabled', () => {
  let rt: LocalRuntime & { apiKey: string };
  let page: Page;
  let session: BrowserSession | undefined;

  beforeAll(async () => {
    ({ rt, page } = session = await startBrowserSession({ javaScriptEnabled: false }));
  });
  afterAll(async () => {
    await session?.stop();
  });

  it('a contractor picks a slot, the interviewer records the outcome and a reviewer decides, all without scripts', async () => {
    const request = loadRequest();
    const started = await postOnboarding(rt, request, 'browser-without-javascript-1');
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    const requests = recordRequests(page);

    await waitForStatus(rt, id, 'awaiting-interview');
    // Confirm with no time chosen: the browser's own validation (no script involved) keeps the form here.
    await openMailInMailbox(page, rt, request.contractor.email, /choose a time/i);
    await clickLinkInMail(page);
    const pickerUrl = page.url();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForTimeout(300);
    expect(page.url()).toBe(pickerUrl);
    expect(await page.locator('input[name="choice"]:invalid').count()).toBeGreaterThan(0);
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);

    const { response: picked } = await pickSlotInBrowser(page, rt, request.contractor.email);
    expect(picked.status(), await explainAnswer(picked, page)).toBe(200);
    expect(await visibleText(page)).toMatch(/thank you/i);

    const interviewer = await recipientOf(rt, /record the interview outcome/i);
    const recorded = await recordOutcomeInBrowser(page, rt, interviewer);
    expect(recorded.status(), await explainAnswer(recorded, page)).toBe(200);

    await waitForStatus(rt, id, 'awaiting-approval');
    await openMailInMailbox(page, rt, 'rita.reviewer@example.com', /approval needed/i);
    expect((await clickLinkInMail(page)).status()).toBe(200);
    expect(await visibleText(page)).toContain('Anna Maria Kowalska');
    // Approve with no reason: the textarea is required, so nothing is sent.
    const postsBefore = requests.filter((r) => r.method === 'POST').length;
    const caseUrl = page.url();
    await page.getByRole('button', { name: 'Approve onboarding' }).click();
    await page.waitForTimeout(300);
    expect(page.url()).toBe(caseUrl);
    expect(await page.locator('#reason-approve:invalid').count()).toBe(1);
    expect(requests.filter((r) => r.method === 'POST').length).toBe(postsBefore);
    expect((await getOnboarding(rt, id)).status).toBe('awaiting-approval');

    await page.locator('#reason-approve').fill('Identity confirmed on video; no script needed.');
    const first = await submitAndWait(page, page.getByRole('button', { name: 'Approve onboarding' }));
    expect(first.status(), await explainAnswer(first, page)).toBe(200);
    if (/second, different reviewer/.test(await visibleText(page))) {
      await openMailInMailbox(page, rt, 'omar.officer@example.com', /approval needed/i);
      expect((await clickLinkInMail(page)).status()).toBe(200);
      await page.locator('#reason-approve').fill('Second review without scripts: agree.');
      const second = await submitAndWait(page, page.getByRole('button', { name: 'Approve onboarding' }));
      expect(second.status(), await explainAnswer(second, page)).toBe(200);
    }
    expect(await visibleText(page)).toMatch(/Your decision \(approved\) is recorded/);
    expect((await waitForStatus(rt, id, 'approved')).decision.outcome).toBe('approved');
  });
});
