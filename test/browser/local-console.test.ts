import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { LocalRuntime } from '../../infra/local/runtime';
import { filterRows, type OnboardingRow } from '../../infra/local/local-pages';
import { type BrowserSession, startBrowserSession } from '../support/browser';
import { loadRequest, postOnboarding, waitForStatus } from '../support/local-runtime';

/**
 * The local home page as a small console for whoever runs `npm start`, in Chromium with JavaScript off:
 * the onboardings with applicant, status, risk level and score; a status filter and a search (plain GET
 * forms); a read-only case page with the evidence.
 */
describe('the local console (home page) without JavaScript', () => {
  let rt: LocalRuntime & { apiKey: string };
  let page: Page;
  let session: BrowserSession | undefined;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ rt, page } = session = await startBrowserSession({ javaScriptEnabled: false }));
    for (const [key, given, surname] of [
      ['console-1', 'Zoë', 'Nowak'],
      ['console-2', 'Jan', 'Kowalczyk'],
    ] as const) {
      const res = await postOnboarding(
        rt,
        loadRequest(
          (r) => (
            (r.externalId = `hris-${key}`),
            (r.contractor.email = `${key}@example.pl`),
            (r.contractor.legalName = { givenNames: given, surname }),
            (r.document.givenNames = given),
            (r.document.surname = surname),
            (r.payment.accountHolder = `${given} ${surname}`)
          ),
        ),
        `${key}-0001`,
      );
      ids[key] = res.body.id;
      await waitForStatus(rt, res.body.id, 'awaiting-interview');
    }
  });
  afterAll(async () => {
    await session?.stop();
  });

  it('lists every onboarding with applicant, status, risk level and score', async () => {
    await page.goto(`${rt.apiUrl}/`);
    const rows = page.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    const text = await page.locator('tbody').innerText();
    expect(text).toContain('Zoë Nowak');
    expect(text).toContain('hris-console-2');
    expect(text).toContain('awaiting-interview');
    expect(text).toMatch(/(low|medium|high|critical) \d+/);
  });

  it('filters by status and searches by name (any accents) or external id, with plain GET forms', async () => {
    await page.goto(`${rt.apiUrl}/`);
    await page.selectOption('select[name="status"]', 'approved');
    await page.click('button[type="submit"]');
    expect(new URL(page.url()).searchParams.get('status')).toBe('approved');
    await expect(page.locator('tbody tr').count()).resolves.toBe(0);
    expect(await page.innerText('main')).toContain('No onboarding matches.');

    await page.goto(`${rt.apiUrl}/`);
    await page.fill('input[name="q"]', 'zoe now');
    await page.click('button[type="submit"]');
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    expect(await page.locator('tbody').innerText()).toContain('Zoë Nowak');

    await page.goto(`${rt.apiUrl}/?q=HRIS-CONSOLE-2&status=awaiting-interview`);
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    expect(await page.locator('tbody').innerText()).toContain('Jan Kowalczyk');
    // The form keeps what was asked.
    expect(await page.inputValue('input[name="q"]')).toBe('HRIS-CONSOLE-2');
  });

  it('links each applicant to a read-only case page with the evidence and the audit trail', async () => {
    await page.goto(`${rt.apiUrl}/?q=Kowalczyk`);
    await page.click('tbody a');
    expect(new URL(page.url()).pathname).toBe(`/_local/cases/${ids['console-2']}`);
    const text = await page.innerText('main');
    expect(text).toContain('Jan Kowalczyk');
    expect(text).toContain('Read-only');
    expect(text).toMatch(/Evidence[\s\S]*document[\s\S]*screening/);
    expect(text).toContain('onboarding.received');
    expect(await page.locator('form').count()).toBe(0);
    expect((await page.goto(`${rt.apiUrl}/_local/cases/ob_${'0'.repeat(32)}`))?.status()).toBe(404);
  });
});

describe('filterRows', () => {
  const row = (id: string, name: string, externalId: string, status: string): OnboardingRow => ({ id, name, externalId, status, stages: {}, updatedAt: '2026-12-06T00:00:00Z' });
  const rows = [row('ob_1', 'Zoë Nowak', 'hris-1', 'approved'), row('ob_2', 'Jan Kowalczyk', 'HRIS-2', 'checking')];
  it('keeps rows of the status, and names or external ids containing the search (case and accents ignored)', () => {
    expect(filterRows(rows, { status: 'approved' }).map((r) => r.id)).toEqual(['ob_1']);
    expect(filterRows(rows, { q: 'ZOE' }).map((r) => r.id)).toEqual(['ob_1']);
    expect(filterRows(rows, { q: 'hris-2' }).map((r) => r.id)).toEqual(['ob_2']);
    expect(filterRows(rows, { q: 'ob_2' }).map((r) => r.id)).toEqual(['ob_2']);
    expect(filterRows(rows, { q: 'nobody' })).toEqual([]);
    expect(filterRows(rows, {})).toHaveLength(2);
  });
});
