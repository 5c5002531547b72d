import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Request, type Response } from 'playwright-core';
import type { LocalRuntime } from '../../infra/local/runtime';
import { goodInterview, startTestRuntime, waitFor, waitForMail } from './local-runtime';

/**
 * Headless Chromium for the browser tests: Debian's `chromium` package driven by playwright-core. There is
 * never a browser download; CI installs the package (.ci/run). A missing browser fails the tests loudly:
 * skipping would let "the pages work in a real browser" go unchecked without anyone noticing.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const artifactsDir = path.resolve(import.meta.dirname, '..', '..', 'test-artifacts');

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. The browser tests need Debian's chromium package ` + `(apt-get install -y chromium, as .ci/run does) or CHROMIUM_PATH pointing at a Chromium binary.`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh profile per flow: no cookies, cache or service workers carried from one test to the next. */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(15_000);
  return context;
}

/** What a browser test drives: a local runtime, Chromium, and a fresh context with one page in it. */
export interface BrowserSession {
  rt: LocalRuntime & { apiKey: string };
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Closes the context, the browser and the runtime. */
  stop(): Promise<void>;
}

/**
 * The browser tests' common start: Chromium and a local runtime (test/support/local-runtime) started side by
 * side, then a context with `contextOptions` and a page. If either fails to start, the other is stopped.
 */
export async function startBrowserSession(contextOptions: BrowserContextOptions = {}): Promise<BrowserSession> {
  const [launched, started] = await Promise.allSettled([launchChromium(), startTestRuntime()]);
  if (launched.status === 'rejected' || started.status === 'rejected') {
    if (launched.status === 'fulfilled') await launched.value.close();
    if (started.status === 'fulfilled') await started.value.stop();
    throw launched.status === 'rejected' ? launched.reason : (started as PromiseRejectedResult).reason;
  }
  const [browser, rt] = [launched.value, started.value];
  const context = await newContext(browser, contextOptions);
  const page = await context.newPage();
  return {
    rt,
    browser,
    context,
    page,
    async stop() {
      await context.close();
      await browser.close();
      await rt.stop();
    },
  };
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  resourceType: string;
  postData?: string;
}

/** Every request a page (and its frames, workers, redirects) sends, in order. */
export function recordRequests(page: Page): SeenRequest[] {
  const seen: SeenRequest[] = [];
  page.on('request', (r: Request) => {
    const postData = r.postData();
    seen.push({ method: r.method(), url: r.url(), headers: r.headers(), resourceType: r.resourceType(), ...(postData !== null ? { postData } : {}) });
  });
  return seen;
}

export const linkPathPattern = /\/links\/[A-Za-z0-9_-]{43}$/;

/**
 * Opens the local mailbox in the browser and clicks through to a mail: the newest row addressed to `to`
 * whose subject matches. The mail is awaited through the runtime first (delivery is asynchronous), then
 * found and clicked on the page like a person would.
 */
export async function openMailInMailbox(page: Page, rt: LocalRuntime, to: string, subject: RegExp, after = 0): Promise<void> {
  await waitForMail(rt, to, subject, after);
  await page.goto(`${rt.apiUrl}/_local/mailbox`);
  const row = page
    .locator('tr')
    .filter({ has: page.locator('td', { hasText: to }) })
    .filter({ has: page.getByRole('link', { name: subject }) })
    .first();
  await row.getByRole('link', { name: subject }).click();
  await page.waitForURL(/\/_local\/mailbox\/[0-9a-f-]{36}$/);
}

/** On an open mail, clicks its vetflow link (the /links/<token> one) and returns the link page's response. */
export async function clickLinkInMail(page: Page): Promise<Response> {
  const anchor = page.locator('pre a[href*="/links/"]').first();
  const [response] = await Promise.all([page.waitForResponse((r) => linkPathPattern.test(new URL(r.url()).pathname) && r.request().method() === 'GET'), anchor.click()]);
  await page.waitForLoadState('load');
  return response;
}

/** The page's visible text, whitespace collapsed, for assertions on what a person reads. */
export async function visibleText(page: Page): Promise<string> {
  return (await page.locator('body').innerText()).replace(/\s+/g, ' ');
}

/** Clicks a submit button and waits for the page the form POST leads to; returns that response. */
export async function submitAndWait(page: Page, button: ReturnType<Page['getByRole']>): Promise<Response> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'), button.click()]);
  await page.waitForLoadState('load');
  return response;
}

/** Contractor: mailbox → "choose a time" mail → link → first offered slot → Confirm. Returns the slot's label. */
export async function pickSlotInBrowser(page: Page, rt: LocalRuntime, contractorEmail: string): Promise<{ slotLabel: string; response: Response }> {
  await openMailInMailbox(page, rt, contractorEmail, /choose a time/i);
  const opened = await clickLinkInMail(page);
  if (opened.status() !== 200) throw new Error(`slot picker answered ${opened.status()}: ${await visibleText(page)}`);
  const slot = page.locator('input[type="radio"][name="choice"]:not([value="none"])').first();
  await slot.check();
  const slotLabel = ((await slot.locator('xpath=..').innerText()) ?? '').trim();
  const response = await submitAndWait(page, page.getByRole('button', { name: 'Confirm' }));
  return { slotLabel, response };
}

/** Interviewer: mailbox → outcome-form mail → link → answer every question (radios, textarea) → Submit. */
export async function recordOutcomeInBrowser(page: Page, rt: LocalRuntime, interviewerEmail: string, answers: Record<string, string> = goodInterview): Promise<Response> {
  await openMailInMailbox(page, rt, interviewerEmail, /record the interview outcome/i);
  const opened = await clickLinkInMail(page);
  if (opened.status() !== 200) throw new Error(`outcome form answered ${opened.status()}: ${await visibleText(page)}`);
  for (const [name, value] of Object.entries(answers)) {
    if (name === 'remarks') await page.locator('textarea[name="remarks"]').fill(value);
    else await page.locator(`input[type="radio"][name="${name}"][value="${value}"]`).check();
  }
  return submitAndWait(page, page.getByRole('button', { name: 'Submit outcome' }));
}

/** Who a mail went to, e.g. the interviewer the outcome-form mail went to (the pool is configuration; the mail says who was booked). */
export async function recipientOf(rt: LocalRuntime, subject: RegExp): Promise<string> {
  const mails = await waitFor(
    `a mail matching ${subject}`,
    () => rt.mailbox.list(),
    (l) => l.some((m) => subject.test(m.subject)),
  );
  return mails.find((m) => subject.test(m.subject))!.to[0]!;
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(artifactsDir, { recursive: true });
  return path.join(artifactsDir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
}

/**
 * An assertion message for a link page's answer: what the page says and, when the server refused the
 * browser's own form, the request headers it judged (Origin, Sec-Fetch-Site), so a refusal is diagnosable.
 */
export async function explainAnswer(response: Response, page: Page): Promise<string> {
  const req = response.request();
  const h = await req.allHeaders();
  const sent = `${req.method()} ${new URL(req.url()).pathname} with Origin: ${h.origin ?? '(none)'}, Sec-Fetch-Site: ${h['sec-fetch-site'] ?? '(none)'}`;
  const hint =
    response.status() === 403 && h.origin === 'null' ? ' (Chromium sends "Origin: null" on a form POST from a page served with Referrer-Policy: no-referrer; the link handler refuses it)' : '';
  return `${sent} was answered ${response.status()}${hint}; the page says: ${(await visibleText(page)).slice(0, 400)}`;
}
