import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LocalRuntime } from '../../infra/local/runtime';
import { TIME_ZONE_SCRIPT_HASH } from '../../shared/domain/pages';
import { type BrowserSession, explainAnswer, newContext, recipientOf, screenshotPath, startBrowserSession, submitAndWait, visibleText } from '../support/browser';
import { getOnboarding, goodInterview, loadRequest, openLink, postOnboarding, submitForm, waitForMail, waitForStatus } from '../support/local-runtime';

// The functions passed to page.evaluate run in the page; the project compiles without the DOM library, so
// the few browser globals they use are declared here, for this module only.
declare const document: any;
declare const window: any;
declare function getComputedStyle(el: unknown): { backgroundColor: string };

/**
 * Checklist 20 as the browser sees it: every link page arrives with no-referrer, no-store and a content
 * security policy that allows no script at all, and the browser acts on them: the token in the URL does not
 * leave in a Referer, an injected script does not run, Back after deciding does not resurrect the form.
 */
describe('link pages as the browser receives them', () => {
  let rt: LocalRuntime & { apiKey: string };
  let browser: Browser;
  let context: BrowserContext;
  let session: BrowserSession | undefined;
  let id: string;
  let reviewLink: string;
  const seen: { kind: string; url: string; status: number; headers: Record<string, string> }[] = [];
  const pickerViolations: string[] = [];
  let pickerTimeZone = '';

  async function load(kind: string, url: string): Promise<Page> {
    const page = await context.newPage();
    const response = await page.goto(url);
    if (!response) throw new Error(`no response for ${kind} at ${url}`);
    seen.push({ kind, url, status: response.status(), headers: await response.allHeaders() });
    return page;
  }

  beforeAll(async () => {
    ({ rt, browser, context } = session = await startBrowserSession());

    // Drive one onboarding to the reviewer's step, loading each kind of page in the browser on the way.
    const request = loadRequest();
    const started = await postOnboarding(rt, request, 'browser-headers-1');
    if (started.status !== 202) throw new Error(`start answered ${started.status}`);
    id = started.body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    const { link: pick } = await waitForMail(rt, request.contractor.email, /choose a time/i);
    // The slot picker in a browser whose clock is in Seoul: its one script fills the hidden time-zone field.
    const seoul = await newContext(browser, { timezoneId: 'Asia/Seoul' });
    const pickerPage = await seoul.newPage();
    pickerPage.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) pickerViolations.push(m.text());
    });
    const pickerResponse = await pickerPage.goto(pick);
    if (!pickerResponse) throw new Error('no response for the slot picker');
    seen.push({ kind: 'slot picker', url: pick, status: pickerResponse.status(), headers: await pickerResponse.allHeaders() });
    pickerTimeZone = await pickerPage.locator('input[name=tz]').inputValue();
    await seoul.close();
    const picker = await openLink(pick);
    const picked = await submitForm(pick, { csrf: picker.csrf, choice: /name="choice" value="([^"]+)"/.exec(picker.html)![1]! });
    if (picked.status !== 200) throw new Error(`pick answered ${picked.status}`);
    await (await load('used link', pick)).close();

    const interviewer = await recipientOf(rt, /record the interview outcome/i);
    const { link: outcome } = await waitForMail(rt, interviewer, /record the interview outcome/i);
    await (await load('outcome form', outcome)).close();
    const form = await openLink(outcome);
    const sent = await submitForm(outcome, { csrf: form.csrf, ...goodInterview });
    if (sent.status !== 200) throw new Error(`outcome answered ${sent.status}`);

    await waitForStatus(rt, id, 'awaiting-approval');
    reviewLink = (await waitForMail(rt, 'rita.reviewer@example.com', /approval needed/i)).link;
    await (await load('case page', reviewLink)).close();
    await (await load('invalid link', `${rt.apiUrl}/links/${'A'.repeat(43)}`)).close();
  });
  afterAll(async () => {
    await session?.stop();
  });

  it('every link page: Referrer-Policy no-referrer, Cache-Control no-store, a CSP that allows no script (the contractor forms: their one hash-pinned script)', async () => {
    expect(seen.map((s) => [s.kind, s.status])).toEqual([
      ['slot picker', 200],
      ['used link', 410],
      ['outcome form', 200],
      ['case page', 200],
      ['invalid link', 404],
    ]);
    for (const { kind, headers: h } of seen) {
      expect(h['referrer-policy'], kind).toBe('no-referrer');
      expect(h['cache-control'], kind).toBe('no-store');
      expect(h['content-type'], kind).toMatch(/^text\/html; ?charset=utf-8$/i);
      const csp = Object.fromEntries(
        (h['content-security-policy'] ?? '')
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([name, ...values]) => [name!.toLowerCase(), values]),
      );
      // The contractor's slot picker runs one script, pinned by its hash: it fills the time-zone field.
      if (kind === 'slot picker') expect(csp['script-src'], kind).toEqual([`'${TIME_ZONE_SCRIPT_HASH}'`]);
      else expect(Object.keys(csp), kind).not.toContain('script-src');
      expect(Object.keys(csp), kind).not.toContain('script-src-elem');
      expect(Object.keys(csp), kind).not.toContain('script-src-attr');
      expect(csp['default-src'], kind).toEqual(["'none'"]);
      expect(csp['form-action'], kind).toEqual(["'self'"]);
      expect(csp['frame-ancestors'], kind).toEqual(["'none'"]);
      expect(csp['base-uri'], kind).toEqual(["'none'"]);
    }
  });

  it("the contractor's slot picker: its hash-pinned script fills the browser's time zone, and breaks no policy", () => {
    expect(pickerTimeZone).toBe('Asia/Seoul');
    expect(pickerViolations).toEqual([]);
  });

  it('the CSP holds in the browser: the page is styled, and a script injected into it does not run', async () => {
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(reviewLink);
    // The inline stylesheet is allowed by its hash: the header bar is dark, not the unstyled default.
    expect(await page.locator('header.top').evaluate((el: unknown) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    expect(violations, 'the page as served breaks its own policy').toEqual([]);
    // As if an attacker got markup into the page: inline script, event handler, javascript: URL.
    const ran = await page.evaluate(async () => {
      const w = window as { __ran?: string[] };
      w.__ran = [];
      const s = document.createElement('script');
      s.textContent = 'window.__ran.push("inline")';
      document.body.append(s);
      const img = document.createElement('img');
      img.setAttribute('src', 'data:image/gif;base64,R0lGODlhAQABAAAAACw=');
      img.setAttribute('onerror', 'window.__ran.push("handler")');
      img.setAttribute('onload', 'window.__ran.push("handler")');
      document.body.append(img);
      await new Promise((r) => setTimeout(r, 300));
      return w.__ran;
    });
    expect(ran).toEqual([]);
    expect(violations.length).toBeGreaterThan(0);
    await page.close();
  });

  it('following a link away from a link page sends no Referer, so the token does not leave', async () => {
    const page = await context.newPage();
    const outbound: Record<string, string>[] = [];
    // The case page has no outbound link for this applicant (no screening hit, no related applicant); a
    // meeting or listed-entry link is what a reviewer would follow, so one is added as the page would have it.
    await page.route('https://meet.example.test/**', async (route) => {
      outbound.push(await route.request().allHeaders());
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<p>meeting</p>' });
    });
    await page.goto(reviewLink);
    expect(await page.locator('meta[name="referrer"]').getAttribute('content')).toBe('no-referrer');
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'https://meet.example.test/room-1';
      a.textContent = 'Join the meeting';
      document.querySelector('main')!.append(a);
    });
    await page.getByRole('link', { name: 'Join the meeting' }).click();
    await page.waitForURL('https://meet.example.test/room-1');
    expect(outbound).toHaveLength(1);
    expect(outbound[0]!.referer).toBeUndefined();
    expect(JSON.stringify(outbound[0])).not.toContain(new URL(reviewLink).pathname.split('/').pop()!);
    expect(await page.evaluate(() => document.referrer)).toBe('');
    await page.close();
  });

  it('the case page fits the window: no horizontal scrolling at desktop or phone width', async () => {
    const problems: string[] = [];
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      await page.goto(reviewLink);
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('main *')]
          .filter((el: any) => el.getBoundingClientRect().right > width + 1 && ![...el.children].some((c: any) => c.getBoundingClientRect().right > width + 1))
          .slice(0, 3)
          .map(
            (el: any) =>
              `<${el.tagName.toLowerCase()}> ${String(el.textContent ?? '')
                .trim()
                .slice(0, 80)}`,
          );
        return { scrollWidth: document.documentElement.scrollWidth, width, wide };
      });
      // Kept as artefacts (test-artifacts/, not committed) whether or not the page fits.
      await page.screenshot({ path: screenshotPath(`case-page-${viewport.width}px`), fullPage: true });
      if (overflow.scrollWidth > overflow.width) problems.push(`at ${viewport.width}px the page is ${overflow.scrollWidth}px wide because of: ${overflow.wide.join(' | ')}`);
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it('Back after deciding shows the decision, not the form again from a cache', async () => {
    const page = await context.newPage();
    await page.goto(reviewLink);
    await page.locator('#reason-reject').fill('Deciding to test what Back shows.');
    const decided = await submitAndWait(page, page.getByRole('button', { name: 'Reject onboarding' }));
    expect(decided.status(), await explainAnswer(decided, page)).toBe(200);
    expect(await visibleText(page)).toContain('Your decision (rejected) is recorded');
    const back = await page.goBack();
    // no-store: the browser asks the server again, which says the case is decided.
    expect(back?.status()).toBe(409);
    expect(await visibleText(page)).toMatch(/already decided by rita\.reviewer@example\.com/i);
    expect(await page.locator('button', { hasText: 'Approve onboarding' }).count()).toBe(0);
    expect((await getOnboarding(rt, id)).status).toBe('rejected');
    await page.close();
  });
});
