import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { getOnboarding, openLink, postSignals, startTestRuntime, startToApproval, submitForm, viewOf, waitForStatus } from '../support/local-runtime';

/**
 * What a reviewer's page showed travels with the form that posts (the approve form's sealed `view`), not on the
 * link: an approval covers what the page it came from showed, and a refused click leaves the link working.
 */
describe('the reviewer page view and the link after a refusal', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const offPlatform = (channel: string, text: string) => ({ signals: [{ type: 'off-platform-request', time: '2026-11-26T09:00:00Z', channel, text }] });
  const newFindings = /New findings were added to this case after you opened the page/;
  const notThisPage = /does not carry this link(?:'|&#39;)s own record of what its page showed you/;

  // Links lifecycle, hole 1: the page was opened in a tab, a finding came in, a mail scanner (or a second tab) opened
  // the same link, and the old tab's approve was accepted: the link had recorded what the scanner's page showed.
  it("a mail scanner's GET after a new finding does not make an older tab's approval cover it; the scanner's page approves", async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'pv-scanner-1');
    const [a] = reviewerLinks;
    const tab = await openLink(a);
    expect((await postSignals(rt, id, offPlatform('telegram', 'Pay me on Telegram instead.'))).status).toBe(202);
    const scanner = await openLink(a);
    expect(scanner.html).toMatch(/Telegram/i);

    const fromOldTab = await submitForm(a, { csrf: tab.csrf, view: tab.view, action: 'approve', reason: 'Looked fine when I opened it.' });
    expect(fromOldTab.status).toBe(409);
    expect(fromOldTab.html).toMatch(newFindings);
    expect((await getOnboarding(rt, id)).status).toBe('awaiting-approval');

    // The same link still works; the page that showed the finding approves.
    const informed = await submitForm(a, { csrf: scanner.csrf, view: scanner.view, action: 'approve', reason: 'Read the Telegram request; still fine.' });
    expect(informed.status).toBe(200);
    // The Telegram request may lift the case to four eyes: then this is the first of two approvals.
    expect(informed.html).toMatch(/Your (approval|decision \(approved\)) is recorded/);
  });

  it("a missing, forged, altered or other link's view records nothing (409, the page as it is now); a view replayed after a second new finding neither; reject still works from any page", async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'pv-forged-1');
    const [a, b] = reviewerLinks;
    const pa = await openLink(a);
    const pb = await openLink(b);
    const approve = (view: string | undefined, reason: string) => submitForm(a, { csrf: pa.csrf, ...(view === undefined ? {} : { view }), action: 'approve', reason });

    // Without the field (a page served before views existed, a form made by hand): refused, on the safe side.
    const missing = await approve(undefined, 'No view at all.');
    expect(missing.status).toBe(409);
    expect(missing.html).toMatch(/did not say which findings its page showed you/);
    const forged = await approve('x'.repeat(80), 'A view made up by hand.');
    expect(forged.status).toBe(409);
    expect(forged.html).toMatch(notThisPage);
    const flipped = pa.view.slice(0, 40) + (pa.view[40] === 'A' ? 'B' : 'A') + pa.view.slice(41);
    const altered = await approve(flipped, 'A view with one character changed.');
    expect(altered.status).toBe(409);
    expect(altered.html).toMatch(notThisPage);
    // Omar's page, same case and round, another link: it does not open under Rita's.
    const othersView = await approve(pb.view, "Omar's page view on Rita's link.");
    expect(othersView.status).toBe(409);
    expect(othersView.html).toMatch(notThisPage);

    // A finding comes in; the 409 page shows it and carries a view of it. A second finding comes in: that view is stale too.
    expect((await postSignals(rt, id, offPlatform('whatsapp', 'Talk on WhatsApp instead.'))).status).toBe(202);
    const stale = await approve(pa.view, 'Looked fine when I opened it.');
    expect(stale.status).toBe(409);
    expect(stale.html).toMatch(newFindings);
    const secondView = viewOf(stale.html);
    expect(secondView).not.toBe('');
    expect((await postSignals(rt, id, offPlatform('signal', 'Write to me on Signal.'))).status).toBe(202);
    const replayed = await approve(secondView, 'Saw the WhatsApp request; fine.');
    expect(replayed.status).toBe(409);
    expect(replayed.html).toMatch(newFindings);
    expect((await getOnboarding(rt, id)).status).toBe('awaiting-approval');

    // Six refusals later the link still acts, and a rejection needs no view.
    const rejected = await submitForm(a, { csrf: pa.csrf, action: 'reject', reason: 'Three requests to leave the platform.' });
    expect(rejected.status).toBe(200);
    expect(rejected.html).toMatch(/decision \(rejected\) is recorded/);
    expect((await waitForStatus(rt, id, 'rejected')).decision.outcome).toBe('rejected');
  });

  // Links lifecycle, hole 2: a refusal met after a concurrent change (here the same person's approval through their
  // other link, written between this click's checks and its vote) used up the link: the reviewer could no longer
  // reject or ask for information through it. Whichever click wins, the one refused must keep a working link.
  it('two approvals by one person at once: one is recorded, the refused link still works (its page serves the forms, it can reject)', async () => {
    const { id, reviewerLinks } = await startToApproval(rt, 'pv-race-1', (r) => {
      r.employment[0].reference.email = 'piotr.nowak.dev@gmail.com';
      r.reviewers = [
        { name: 'Rita Reviewer', email: 'rita+pv-race-1@example.com' },
        { name: 'Rita R. (again)', email: 'rita+pv-race-1@example.com' },
      ];
    });
    const pages = await Promise.all(reviewerLinks.map(openLink));
    const answers = await Promise.all(reviewerLinks.map((l, i) => submitForm(l, { csrf: pages[i]!.csrf, view: pages[i]!.view, action: 'approve', reason: `Rita approving, click ${i}.` })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const refusedAt = answers.findIndex((r) => r.status === 409);
    expect(answers[refusedAt]!.html).toMatch(/second, different reviewer/);
    expect((await getOnboarding(rt, id)).status).toBe('awaiting-approval');

    const refused = reviewerLinks[refusedAt]!;
    const again = await openLink(refused);
    expect(again.status).toBe(200);
    expect(again.html).toMatch(/name="action" value="reject"/);
    const rejected = await submitForm(refused, { csrf: again.csrf, action: 'reject', reason: 'On second thought: the reference is a free-mail address.' });
    expect(rejected.status).toBe(200);
    expect(rejected.html).toMatch(/decision \(rejected\) is recorded/);
  });
});
