import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { newLinkToken } from '../../shared/domain/links/link-token';
import { TIME_ZONE_SCRIPT_HASH } from '../../shared/domain/pages';
import { getOnboarding, openLink, startTestRuntime, startToApproval, submitForm, waitForMail, waitForStatus } from '../support/local-runtime';

/**
 * The links people click (reliability checklist items 13-20), against the local runtime over HTTP:
 * GET never acts, only a same-origin POST with the page's CSRF token does, once.
 */
describe('links in emails', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });
  const db = () => DynamoDBDocumentClient.from(rt.dynamo.client);
  const items = async (type: string) =>
    (await db().send(new ScanCommand({ TableName: rt.tableName, FilterExpression: '#t = :t', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':t': type } }))).Items ?? [];

  it('link tokens: 256 bits from the CSPRNG, base64url, 100,000 without a duplicate', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(newLinkToken());
    expect(seen.size).toBe(100_000);
    for (const t of [...seen].slice(0, 100)) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('twenty GETs (a mail scanner) render the page each time, change nothing, and the link still works', async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'links-scanner-1');
    const before = await getOnboarding(rt, id);
    for (let i = 0; i < 20; i++) {
      const page = await openLink(reviewerLinks[0]);
      expect(page.status).toBe(200);
      expect(page.csrf).not.toBe('');
    }
    const after = await getOnboarding(rt, id);
    expect(after.status).toBe(before.status);
    expect(after.decision).toBeUndefined();
    const page = await openLink(reviewerLinks[0]);
    const decided = await submitForm(reviewerLinks[0], { csrf: page.csrf, action: 'reject', reason: 'Rejected after reading the case.' });
    expect(decided.status).toBe(200);
    expect((await waitForStatus(rt, id, 'rejected')).decision.outcome).toBe('rejected');
  });

  it('a POST without the CSRF token, or from another site, is 403 and decides nothing', async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'links-csrf-1');
    const page = await openLink(reviewerLinks[0]);
    const fields = { action: 'approve', reason: 'Looks fine to me, approve.' };
    expect((await submitForm(reviewerLinks[0], fields)).status).toBe(403);
    expect((await submitForm(reviewerLinks[0], { ...fields, csrf: 'x'.repeat(43) })).status).toBe(403);
    expect((await submitForm(reviewerLinks[0], { ...fields, csrf: page.csrf }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await submitForm(reviewerLinks[0], { ...fields, csrf: page.csrf }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // Another link's CSRF token does not open this one.
    const other = await openLink(reviewerLinks[1]);
    expect((await submitForm(reviewerLinks[0], { ...fields, csrf: other.csrf })).status).toBe(403);
    expect((await getOnboarding(rt, id)).decision).toBeUndefined();
  });

  it('tampered, truncated and unknown tokens get a clear 404 page, never a 500', async () => {
    const { reviewerLinks } = await startToApproval(rt, 'links-tamper-1');
    const url = reviewerLinks[0];
    const token = url.split('/').pop()!;
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const bad of [url.replace(token, flipped), url.replace(token, token.slice(0, 20)), url.replace(token, `${token}xyz`), url.replace(token, '%00%ff')]) {
      const get = await fetch(bad);
      expect(get.status).toBe(404);
      const post = await fetch(bad, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'csrf=a&action=approve&reason=aaaaaa' });
      expect([403, 404]).toContain(post.status);
    }
  });

  it('fifty concurrent approve and reject POSTs on one task: exactly one decision, the rest 409 "already decided"', async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'links-race-1');
    const pages = await Promise.all(reviewerLinks.map(openLink));
    const posts = Array.from({ length: 50 }, (_, i) =>
      submitForm(reviewerLinks[i % 2]!, { csrf: pages[i % 2]!.csrf, view: pages[i % 2]!.view, action: i % 3 ? 'reject' : 'approve', reason: `Concurrent decision number ${i}` }),
    );
    const results = await Promise.all(posts);
    const decisive = results.filter((r) => r.status === 200 && /decision \((approved|rejected|info requested)\) is recorded/.test(r.html));
    expect(decisive).toHaveLength(1);
    const rest = results.filter((r) => !decisive.includes(r));
    for (const r of rest)
      expect(
        r.status === 409 || (r.status === 200 && /second, different reviewer/.test(r.html)),
        `${r.status}: ${r.html
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 300)}`,
      ).toBe(true);
    expect(rest.filter((r) => r.status === 409).length).toBeGreaterThanOrEqual(48);
    const final = await waitForStatus(rt, id, ['approved', 'rejected']);
    const audit = (await items('audit')).filter((a) => a.caseId === id && (a.action === 'decision.recorded' || a.action === 'decision.voted'));
    // One from the page (the reviewer's vote), one from Finalize recording what the task token carried: the same decision.
    expect(new Set(audit.map((a) => (a.data as { outcome: string }).outcome))).toEqual(new Set([final.decision.outcome]));
    expect(audit.filter((a) => String(a.actor).startsWith('reviewer:') && (a.data as { via?: string }).via)).toHaveLength(1);
  });

  it('a replayed link: 409 with who decided and when, and no second decision', async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'links-replay-1');
    const page = await openLink(reviewerLinks[0]);
    expect((await submitForm(reviewerLinks[0], { csrf: page.csrf, action: 'reject', reason: 'Rejected: identity not proven.' })).status).toBe(200);
    await waitForStatus(rt, id, 'rejected');
    const again = await submitForm(reviewerLinks[0], { csrf: page.csrf, view: page.view, action: 'approve', reason: 'Trying to approve afterwards.' });
    expect(again.status).toBe(409);
    expect(again.html).toMatch(/rita\+links-replay-1@example.com/);
    const reopened = await openLink(reviewerLinks[0]);
    expect(reopened.status).toBe(409);
    expect((await getOnboarding(rt, id)).decision.outcome).toBe('rejected');
  });

  it('pages carry no-referrer, no-store and a strict content security policy; links use the configured base URL, not the Host header', async () => {
    const spoofed = await fetch(`${rt.apiUrl}/onboardings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': rt.apiKey, 'idempotency-key': 'links-host-0001', host: 'evil.example', 'x-forwarded-host': 'evil.example' },
      body: JSON.stringify({
        ...(await import('../fixtures/onboarding-request.json', { with: { type: 'json' } })).default,
        externalId: 'host-1',
        contractor: { ...(await import('../fixtures/onboarding-request.json', { with: { type: 'json' } })).default.contractor, email: 'host-1@example.pl' },
      }),
    });
    expect(spoofed.status).toBe(202);
    const { mail, link } = await waitForMail(rt, 'host-1@example.pl', /choose a time/i);
    expect(mail.text).not.toContain('evil.example');
    expect(link.startsWith(rt.apiUrl)).toBe(true);
    const page = await openLink(link);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    // One script, pinned by its hash: the time-zone field of the contractor's form (nothing else runs).
    expect(csp).toContain(`script-src '${TIME_ZONE_SCRIPT_HASH}'`);
    expect(csp).toContain("form-action 'self'");
    expect(page.html.match(/<script/g)).toHaveLength(1);
  });

  it('the table stores only keyed hashes of link tokens, and no task token reaches a mail or a page', async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'links-canary-1');
    const links = (await items('link')).filter((l) => l.caseId === id);
    const tokens = reviewerLinks.map((u) => u.split('/').pop()!);
    const stored = JSON.stringify(links);
    for (const t of tokens) expect(stored).not.toContain(t);
    const callbacks = (await items('callback')).filter((c) => c.caseId === id);
    const taskTokens = callbacks.map((c) => String(c.taskToken));
    expect(taskTokens.length).toBeGreaterThan(0);
    const mails = JSON.stringify(await rt.mailbox.list());
    const page = await openLink(reviewerLinks[0]);
    for (const t of taskTokens) {
      expect(mails).not.toContain(t);
      expect(page.html).not.toContain(t);
      for (const u of reviewerLinks) expect(u).not.toContain(t);
    }
  });
});
