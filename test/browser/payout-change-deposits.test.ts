import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { LocalRuntime } from '../../infra/local/runtime';
import { maskAccount } from '../../shared/domain/bank/account-identifier';
import type { PaymentDetails } from '../../shared/domain/bank/payment-schema';
import { type BrowserSession, explainAnswer, startBrowserSession, submitAndWait, visibleText } from '../support/browser';
import { completeInterview, getOnboarding, loadRequest, postOnboarding, postSignals, waitFor, waitForMail, waitForStatus } from '../support/local-runtime';

/**
 * Issue 18 item 4 in Chromium: after a payout change to a UK account (the test policy asks to prove those),
 * the contractor opens the new account's deposit link, types the first account's amounts (refused, a try
 * used), then the new account's (confirmed); the reviewer's case page shows the new account as current and
 * the one given at intake as earlier, masked.
 */
describe('a new payout account proven in the browser', () => {
  let rt: LocalRuntime & { apiKey: string };
  let page: Page;
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    ({ rt, page } = session = await startBrowserSession());
  });
  afterAll(async () => {
    await session?.stop();
  });

  const challengeAmounts = async (id: string) =>
    (
      (
        await rt.dynamo.client.send(
          new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)', ExpressionAttributeValues: { ':pk': `CASE#${id}`, ':sk': 'MICRODEPOSIT' } }),
        )
      ).Items ?? []
    )
      .filter((i) => i.SK === 'MICRODEPOSIT' || String(i.SK).startsWith('MICRODEPOSIT#ROUND#'))
      .map((i) => ({ round: i.SK !== 'MICRODEPOSIT', amounts: (i.amounts as number[]).map((c) => `0.${String(c).padStart(2, '0')}`) }));
  const depositLinks = async (to: string) =>
    (await rt.mailbox.list())
      .filter((m) => m.to.includes(to) && /two small deposits/i.test(m.subject))
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((m) => /http:\/\/localhost:\d+\/links\/[A-Za-z0-9_-]{43}/.exec(m.text)?.[0] ?? '');
  const typeAmounts = async ([a, b]: readonly string[]) => {
    await page.getByLabel(/First amount/).fill(a!);
    await page.getByLabel(/Second amount/).fill(b!);
    return submitAndWait(page, page.getByRole('button', { name: 'Confirm the amounts' }));
  };

  it("the old account's amounts are refused on the new account's link, its own confirm it; the case page names it as current", async () => {
    const A: PaymentDetails = { method: 'uk-sort-code', accountHolder: 'Anna Maria Kowalska', sortCode: '08-99-99', accountNumber: '66374958' };
    const B: PaymentDetails = { method: 'uk-sort-code', accountHolder: 'Anna Maria Kowalska', sortCode: '10-79-99', accountNumber: '88837491' };
    const email = 'po-browser@example.pl';
    const req = loadRequest((r) => {
      r.externalId = 'po-browser';
      r.contractor.email = email;
      Object.assign(r.contractor, { residenceCountry: 'GB', phone: '+447911123456', timeZone: 'Europe/London' });
      r.reviewers = [{ name: 'Rita Reviewer', email: 'rita+po-browser@example.com' }];
      r.payment = A;
    });
    const started = await postOnboarding(rt, req, 'po-browser-key');
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    const { createdAt } = await waitForStatus(rt, id, 'awaiting-interview');
    await waitFor(
      "the bank stage's deposit mail",
      () => depositLinks(email),
      (l) => l.length === 1,
    );

    const changed = await postSignals(rt, id, { signals: [{ type: 'payout-account-change', time: new Date(Date.parse(createdAt as string) + 3_600_000).toISOString(), payment: B }] });
    expect(changed.status).toBe(202);
    const links = await waitFor(
      "the new account's deposit mail",
      () => depositLinks(email),
      (l) => l.length === 2,
    );
    const amounts = await challengeAmounts(id);
    const first = amounts.find((c) => !c.round)!.amounts;
    const mine = amounts.find((c) => c.round)!.amounts;

    const opened = await page.goto(links[1]!);
    expect(opened?.status()).toBe(200);
    expect(await visibleText(page)).toContain('3 tries left');
    if ([...first].sort().join() !== [...mine].sort().join()) {
      const refused = await typeAmounts(first);
      expect(refused.status(), await explainAnswer(refused, page)).toBe(422);
      expect(await visibleText(page)).toContain('2 tries left');
    }
    const confirmed = await typeAmounts([...mine].reverse());
    expect(confirmed.status(), await explainAnswer(confirmed, page)).toBe(200);
    expect(await visibleText(page)).toMatch(/confirmed/i);
    await waitFor(
      'the new account proven',
      () => getOnboarding(rt, id),
      (o) => o.stages['micro-deposits']?.state === 'passed',
    );

    await completeInterview(rt, id, email);
    await waitForStatus(rt, id, 'awaiting-approval');
    const { link } = await waitForMail(rt, 'rita+po-browser@example.com', /approval needed/i);
    expect((await page.goto(link))?.status()).toBe(200);
    const payout = (await page.locator('h2:has-text("Payout account") + section').innerText()).replace(/\s+/g, ' ');
    expect(payout).toContain(`Current ${maskAccount(B)}`);
    expect(payout).toContain(`Earlier ${maskAccount(A)}`);
    expect(await visibleText(page)).not.toMatch(/88837491|66374958/);
  }, 240_000);
});
