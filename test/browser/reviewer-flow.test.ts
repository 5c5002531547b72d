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
  screenshotPath,
  startBrowserSession,
  submitAndWait,
  visibleText,
} from '../support/browser';
import { getOnboarding, loadRequest, postOnboarding, waitForStatus } from '../support/local-runtime';

/**
 * Issue 5's "done": an onboarding goes through slot picking, the interview outcome and approval entirely by
 * clicking links in the local mailbox, in a real browser with scripts on. Only the start is an API call.
 */
describe('an onboarding decided entirely in the browser', () => {
  let rt: LocalRuntime & { apiKey: string };
  let page: Page;
  let session: BrowserSession | undefined;

  beforeAll(async () => {
    ({ rt, page } = session = await startBrowserSession());
  });
  afterAll(async () => {
    await session?.stop();
  });

  it('contractor picks a slot, interviewer records the outcome, reviewers read the case page and approve', async () => {
    const request = loadRequest();
    const started = await postOnboarding(rt, request, 'browser-reviewer-flow-1');
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    const requests = recordRequests(page);

    // Contractor: the "choose a time" mail, its link, a radio, Confirm.
    await waitForStatus(rt, id, 'awaiting-interview');
    const { slotLabel, response: picked } = await pickSlotInBrowser(page, rt, request.contractor.email);
    expect(picked.status(), await explainAnswer(picked, page)).toBe(200);
    expect(slotLabel).not.toBe('');
    expect(await visibleText(page)).toMatch(/thank you/i);

    // Interviewer: the outcome-form mail (to whoever was booked), radios and the remarks textarea.
    const interviewer = await recipientOf(rt, /record the interview outcome/i);
    const recorded = await recordOutcomeInBrowser(page, rt, interviewer);
    expect(recorded.status(), await explainAnswer(recorded, page)).toBe(200);
    expect(await visibleText(page)).toMatch(/thank you/i);

    // Reviewer: the approval mail, the case page.
    await waitForStatus(rt, id, 'awaiting-approval');
    await openMailInMailbox(page, rt, 'rita.reviewer@example.com', /approval needed/i);
    const mailText = await visibleText(page);
    expect(mailText).not.toContain(request.document.number);
    expect(mailText).not.toContain(request.payment.iban);
    const casePage = await clickLinkInMail(page);
    expect(casePage.status()).toBe(200);

    const text = await visibleText(page);
    expect(await page.locator('h1').innerText()).toBe('Review: Anna Maria Kowalska');
    expect(text).toContain('Anna Maria Kowalska');
    expect(text).toContain(request.externalId);
    // Risk level: a severity badge in the summary's facts.
    const riskBadge = page.locator('dl.facts dt:text-is("Risk level") + dd .badge').first();
    await expect.poll(() => riskBadge.count()).toBe(1);
    const apiRisk = (await getOnboarding(rt, id)).risk?.level as string | undefined;
    expect(apiRisk).toBeDefined();
    expect((await riskBadge.textContent())?.trim().toLowerCase()).toBe(apiRisk);
    expect(await riskBadge.getAttribute('class')).toContain(`sev-${apiRisk}`);
    // The stages' findings: one card per stage under "Findings by stage", each with its status and findings.
    const stageCards = page.locator('h2:text-is("Findings by stage") ~ section.card:has(h3)').filter({ has: page.locator('h3 .muted') });
    const stageHeadings = (await stageCards.locator('h3').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    expect(stageHeadings.length, stageHeadings.join('\n')).toBeGreaterThanOrEqual(3);
    for (const h of stageHeadings) expect(h).toMatch(/ · (not started|running|waiting for a person|passed|done|findings to review|hard stop|could not run|failed|skipped)$/);
    const findings = await stageCards.locator('ul.findings > li').count();
    const noFindings = await stageCards.locator('p.muted', { hasText: 'No findings.' }).count();
    expect(findings + noFindings).toBeGreaterThanOrEqual(stageHeadings.length);
    // The interview outcome the interviewer just gave, as evidence on the case page.
    expect(text).toContain('Clear video, consistent answers.');
    expect(text).toContain('Was the camera on for the whole interview?');
    // Nothing for a scanner to run, and the identity document is masked.
    expect(await page.locator('script').count()).toBe(0);
    expect(text).not.toContain(request.document.number);

    const shot = screenshotPath('case-page');
    await page.screenshot({ path: shot, fullPage: true });

    // Approve with a reason.
    await page.locator('#reason-approve').fill('Identity confirmed on video; findings explained.');
    const first = await submitAndWait(page, page.getByRole('button', { name: 'Approve onboarding' }));
    const afterFirst = await visibleText(page);
    expect(first.status(), await explainAnswer(first, page)).toBe(200);

    if (/second, different reviewer/.test(afterFirst)) {
      // Four-eyes: the first approval alone decides nothing; a second reviewer's link does.
      expect((await getOnboarding(rt, id)).status).toBe('awaiting-approval');
      await openMailInMailbox(page, rt, 'omar.officer@example.com', /approval needed/i);
      expect((await clickLinkInMail(page)).status()).toBe(200);
      expect(await visibleText(page)).toMatch(/1 of 2 approvals/);
      await page.screenshot({ path: screenshotPath('case-page-second-reviewer'), fullPage: true });
      await page.locator('#reason-approve').fill('Second review: agree, identity confirmed.');
      const second = await submitAndWait(page, page.getByRole('button', { name: 'Approve onboarding' }));
      expect(second.status(), await explainAnswer(second, page)).toBe(200);
    }
    expect(await visibleText(page)).toMatch(/Your decision \(approved\) is recorded/);

    const done = await waitForStatus(rt, id, 'approved');
    expect(done.decision.outcome).toBe('approved');

    // Every POST the browser sent was a person's click on a form: same origin, to a link page.
    const posts = requests.filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThanOrEqual(3);
    for (const p of posts) expect(new URL(p.url).pathname).toMatch(/^\/links\/[A-Za-z0-9_-]{43}$/);
  });
});
