import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { maskAccount } from '../../shared/domain/bank/account-identifier';
import type { PaymentDetails } from '../../shared/domain/bank/payment-schema';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import { evidenceInForce, findingsInForce } from '../../shared/domain/cases/latest-findings';
import { buildCaseFile } from '../../shared/app/records/case-file';
import { statusChangeEventSchema } from '../../shared/domain/schemas/api-responses';
import { completeInterview, getOnboarding, loadRequest, openLink, postOnboarding, postSignals, startTestRuntime, submitForm, waitFor, waitForMail, waitForStatus } from '../support/local-runtime';

/**
 * Issue 18 item 4, on the local runtime: a payout change to a bank account the policy asks to prove (the
 * test policy: UK accounts) sends that account its own two deposits through the same port as the bank
 * stage, and mails the contractor a link for them, once per change. Deposits prove the account they went
 * to: only the new account's amounts, on its own link, clear BANK_OWNERSHIP_UNVERIFIED, and the risk is
 * decided again. The case page, the case file and the HRIS's view and events name the new account as
 * current (masked), the earlier ones kept as evidence. The local adapter records the deposits in the table;
 * the test reads the amounts there, as the contractor would on a statement.
 */
describe('payout changes: the new account proven by its own deposits', () => {
  let rt: LocalRuntime & { apiKey: string };
  let repo: CaseRepository;
  beforeAll(async () => {
    rt = await startTestRuntime();
    repo = new CaseRepository(DynamoDBDocumentClient.from(rt.dynamo.client), rt.tableName);
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const items = async (id: string, prefix: string) =>
    (
      await rt.dynamo.client.send(
        new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)', ExpressionAttributeValues: { ':pk': `CASE#${id}`, ':sk': prefix } }),
      )
    ).Items ?? [];
  const asTyped = (cents: number[]) => cents.map((c) => `0.${String(c).padStart(2, '0')}`) as [string, string];
  /** Each challenge's amounts, the bank stage's first, then the payout changes' rounds in the order they were sent. */
  const challenges = async (id: string) => {
    const all = await items(id, 'MICRODEPOSIT');
    const intake = all.filter((i) => i.SK === 'MICRODEPOSIT');
    const rounds = all.filter((i) => String(i.SK).startsWith('MICRODEPOSIT#ROUND#')).sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
    return { intake: intake.map((i) => asTyped(i.amounts as number[]))[0], rounds: rounds.map((i) => asTyped(i.amounts as number[])) };
  };
  const sends = async (id: string) => (await items(id, 'MICRODEPOSIT#SEND#')).length;
  /** The deposit mails to the contractor, oldest first, with the link of each. */
  const depositMails = async (to: string) => {
    const mails = (await rt.mailbox.list()).filter((m) => m.to.includes(to) && /two small deposits/i.test(m.subject)).sort((a, b) => a.at.localeCompare(b.at));
    return mails.map((m) => new RegExp(`${rt.apiUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/links/[A-Za-z0-9_-]{43}`).exec(m.text)?.[0] ?? '');
  };
  const signals = async (id: string, body: unknown) => {
    const r = await postSignals(rt, id, body);
    return { status: r.status, body: (await r.json()) as Record<string, any> };
  };
  const change = (at: string, payment: PaymentDetails) => ({ signals: [{ type: 'payout-account-change', time: at, payment }] });
  const answer = async (link: string, [a, b]: readonly [string, string]) => {
    const page = await openLink(link);
    return submitForm(link, { csrf: page.csrf, amount1: a, amount2: b });
  };
  /** What the decision on the case and the evidence in force say about the account paid now. */
  const ownership = async (id: string) => {
    const { c, evidence } = await repo.mustGetCaseWithEvidence(id);
    return {
      inForce: findingsInForce(evidence, c.clearances)
        .filter((f) => f.code.startsWith('BANK_OWNERSHIP') || f.code === 'BANK_MICRO_DEPOSIT_FAILED')
        .map((f) => f.code),
      drivers: c.risk?.drivers ?? [],
      factCodes: (c.risk?.facts ?? []).flatMap((f) => f.codes),
      stage: c.stages['micro-deposits']?.state,
      score: c.risk?.score ?? 0,
    };
  };
  const uk = (sortCode: string, accountNumber: string): PaymentDetails => ({ method: 'uk-sort-code', accountHolder: 'Anna Maria Kowalska', sortCode, accountNumber });
  // VocaLink's own valid examples (the modulus check passes), as the bank-stage tests use.
  const A = uk('08-99-99', '66374958');
  const B = uk('10-79-99', '88837491');
  const C = uk('20-29-59', '63748472');
  /** A UK resident paid into a UK account, so the accounts raise no country findings of their own. */
  const applicant = async (key: string, payment: PaymentDetails) => {
    const req = loadRequest((r) => {
      r.externalId = key;
      r.contractor.email = `${key}@example.pl`;
      Object.assign(r.contractor, { residenceCountry: 'GB', phone: '+447911123456', timeZone: 'Europe/London' });
      r.reviewers = [{ name: 'Rita Reviewer', email: `rita+${key}@example.com` }];
      r.payment = payment;
    });
    const res = await postOnboarding(rt, req, `${key}-key`);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const id = res.body.id as string;
    const o = await waitForStatus(rt, id, 'awaiting-interview');
    return { id, email: req.contractor.email as string, createdAt: Date.parse(o.createdAt as string) };
  };
  const hoursAfter = (t: number, h: number) => new Date(t + h * 3_600_000).toISOString();

  it("a change to an unproven account: its own deposits and mail, once however the signal is repeated; the old account's amounts do not prove it; its own do, and the risk is decided again", async () => {
    const { id, email, createdAt } = await applicant('po-one', A);
    // The bank stage proved A with A's deposits.
    const [aLink] = await waitFor(
      "the bank stage's deposit mail",
      () => depositMails(email),
      (l) => l.length === 1,
    );
    const aAmounts = (
      await waitFor(
        "the bank stage's challenge",
        () => challenges(id),
        (c) => c.intake !== undefined,
      )
    ).intake!;
    expect((await answer(aLink!, aAmounts)).html).toContain('confirmed');
    expect((await ownership(id)).inForce).toEqual([]);

    // The HRIS sends a new account, B, twice at once and once more (its retries): one round, one mail.
    const toB = change(hoursAfter(createdAt, 1), B);
    const [first, second] = await Promise.all([signals(id, toB), signals(id, toB)]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.body.findings).toEqual(expect.arrayContaining(['BANK_DETAILS_CHANGED', 'BANK_OWNERSHIP_UNVERIFIED']));
    expect((await signals(id, toB)).status).toBe(202);
    const links = await waitFor(
      "the new account's deposit mail",
      () => depositMails(email),
      (l) => l.length >= 2,
    );
    expect(links).toHaveLength(2);
    expect(await sends(id)).toBe(2);
    const { rounds } = await challenges(id);
    expect(rounds).toHaveLength(1);
    const bLink = links[1]!;
    const bAmounts = rounds[0]!;
    const pending = await ownership(id);
    expect(pending.inForce).toEqual(['BANK_OWNERSHIP_UNVERIFIED']);
    expect(pending.factCodes).toContain('BANK_OWNERSHIP_UNVERIFIED');
    expect(pending.stage).toBe('findings');

    // A replayed old link is used up; A's amounts typed into B's link are a wrong answer, counted as such.
    expect((await answer(aLink!, aAmounts)).status).toBe(410);
    const sameAmounts = [...aAmounts].sort().join() === [...bAmounts].sort().join();
    if (!sameAmounts) {
      const wrong = await answer(bLink, aAmounts);
      expect(wrong.status).toBe(422);
      expect(wrong.html).toContain('2 tries left');
      // A wrong answer proves nothing: the finding stands.
      expect((await ownership(id)).inForce).toEqual(['BANK_OWNERSHIP_UNVERIFIED']);
    }

    // B's own amounts prove B: the finding is gone from what is in force, and the risk is decided again without it.
    const ok = await answer(bLink, [bAmounts[1], bAmounts[0]]);
    expect(ok.status).toBe(200);
    expect(ok.html).toContain('confirmed');
    const proven = await waitFor(
      'the re-decision',
      () => ownership(id),
      (o) => !o.factCodes.includes('BANK_OWNERSHIP_UNVERIFIED'),
    );
    expect(proven.inForce).toEqual([]);
    expect(proven.stage).toBe('passed');
    expect(proven.score).toBeLessThan(pending.score);
    const redecided = (await repo.listAudit(id)).filter((e) => e.action === 'risk.re-decided' && (e.data as Record<string, unknown>).reason === 'micro-deposits');
    expect(redecided).toHaveLength(1);
    // Neither the audit trail nor the evidence carries the amounts or the account numbers.
    const stored = JSON.stringify([await repo.listAudit(id), await repo.listEvidence(id)]);
    expect(stored).not.toContain('"amounts"');
    expect(stored).not.toContain('88837491');
  }, 180_000);

  it("A -> B -> C: only C's deposits prove C (not B's, not A's late answer); a change back to the proven B needs none; the page, the case file and the HRIS name the current account, the earlier ones kept", async () => {
    const { id, email, createdAt } = await applicant('po-three', A);
    const [aLink] = await waitFor(
      "the bank stage's deposit mail",
      () => depositMails(email),
      (l) => l.length === 1,
    );
    expect((await signals(id, change(hoursAfter(createdAt, 1), B))).status).toBe(202);
    await waitFor(
      "B's deposit mail",
      () => depositMails(email),
      (l) => l.length === 2,
    );
    // A month apart each (the policy's window for frequent changes is 30 days), so that the case is scored,
    // not held, and its links stay open: frequent changes are a finding of their own (test/bank).
    const toC = await signals(id, change(hoursAfter(createdAt, 32 * 24), C));
    expect(toC.body.findings).toEqual(expect.arrayContaining(['BANK_DETAILS_CHANGED', 'BANK_OWNERSHIP_UNVERIFIED']));
    const links = await waitFor(
      "C's deposit mail",
      () => depositMails(email),
      (l) => l.length === 3,
    );
    const [, bLink, cLink] = links;
    const { intake: aAmounts, rounds } = await challenges(id);
    const [bAmounts, cAmounts] = rounds;
    expect(await sends(id)).toBe(3);

    // B's deposits, confirmed after the switch to C, prove B; C stays unproven.
    expect((await answer(bLink!, bAmounts!)).html).toContain('confirmed');
    expect((await ownership(id)).inForce).toEqual(['BANK_OWNERSHIP_UNVERIFIED']);
    // The contractor's own account A, proven late through the bank stage's link: still nothing about C.
    expect((await answer(aLink!, aAmounts!)).html).toContain('confirmed');
    const stillC = await ownership(id);
    expect(stillC.inForce).toEqual(['BANK_OWNERSHIP_UNVERIFIED']);
    expect(stillC.factCodes).toContain('BANK_OWNERSHIP_UNVERIFIED');
    // B's amounts on C's link: wrong.
    if ([...bAmounts!].sort().join() !== [...cAmounts!].sort().join()) expect((await answer(cLink!, bAmounts!)).status).toBe(422);
    // C's own amounts prove C.
    expect((await answer(cLink!, cAmounts!)).html).toContain('confirmed');
    await waitFor(
      'C proven',
      () => ownership(id),
      (o) => o.inForce.length === 0 && !o.factCodes.includes('BANK_OWNERSHIP_UNVERIFIED'),
    );

    // Back to B, proven before: no new deposits, no mail, nothing unproven.
    const back = await signals(id, change(hoursAfter(createdAt, 64 * 24), B));
    expect(back.status).toBe(202);
    expect(back.body.findings).not.toContain('BANK_OWNERSHIP_UNVERIFIED');
    expect(await sends(id)).toBe(3);
    expect(await depositMails(email)).toHaveLength(3);
    expect((await ownership(id)).inForce).toEqual([]);

    // The HRIS's view names B as current, masked.
    const view = await getOnboarding(rt, id);
    expect(view.payoutAccount).toEqual({ account: maskAccount(B), method: 'uk-sort-code', bankCountry: 'GB', since: hoursAfter(createdAt, 64 * 24), changes: 3 });

    // The case file: B current, A (intake), B and C earlier, each written once by its change.
    const file = await buildCaseFile(repo, id);
    expect(file.payout.current).toMatchObject({ account: maskAccount(B), since: hoursAfter(createdAt, 64 * 24) });
    expect(file.payout.earlier.map((a) => a.account)).toEqual([maskAccount(A), maskAccount(B), maskAccount(C)]);
    expect(file.payout.earlier[0]!.intake).toBe(true);
    expect(JSON.stringify(file.payout)).not.toMatch(/88837491|63748472|66374958/);
    // The application stays as submitted.
    expect(file.application.payment).toEqual(A);

    // The next status change tells the HRIS the account in use.
    await completeInterview(rt, id, email);
    await waitForStatus(rt, id, 'awaiting-approval');
    const outbox = await items(id, 'OUTBOX#');
    const event = statusChangeEventSchema.parse(JSON.parse(String(outbox.at(-1)!.body)));
    expect(event.status).toBe('awaiting-approval');
    expect(event.payoutAccount).toMatchObject({ account: maskAccount(B), changes: 3 });

    // The reviewer's page: the current account and the history, masked; the deposits of the account paid now.
    const { link } = await waitForMail(rt, `rita+po-three@example.com`, /approval needed/i);
    const page = await openLink(link);
    expect(page.status).toBe(200);
    const payout = page.html.slice(page.html.indexOf('<h2>Payout account</h2>'), page.html.indexOf('<h2>Findings by stage</h2>'));
    expect(payout).toMatch(new RegExp(`Current</td><td class="code">${maskAccount(B).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    for (const earlier of [A, C]) expect(payout).toContain(maskAccount(earlier).replace(/&/g, '&amp;'));
    expect(page.html).not.toMatch(/88837491|63748472|66374958/);
    expect(page.html).toContain('by the deposits confirmed before the change');
    expect(evidenceInForce(await repo.listEvidence(id)).get('micro-deposits')![0]!.inputs.account).toBe(maskAccount(B));
  }, 240_000);

  it('changes delivered out of order (C, then the older B): C stays the account paid, its checks in force and counted with B; B gets no deposits', async () => {
    const { id, email, createdAt } = await applicant('po-late', A);
    await waitFor(
      "the bank stage's deposit mail",
      () => depositMails(email),
      (l) => l.length === 1,
    );
    const toC = await signals(id, change(hoursAfter(createdAt, 2), C));
    expect(toC.body.findings).toContain('BANK_DETAILS_CHANGED');
    await waitFor(
      "C's deposit mail",
      () => depositMails(email),
      (l) => l.length === 2,
    );
    // B, changed to before C, arrives after it (an HRIS retry).
    const lateB = await signals(id, change(hoursAfter(createdAt, 1), B));
    expect(lateB.status).toBe(202);
    expect(lateB.body.findings).toContain('BANK_DETAILS_CHANGED_FREQUENTLY');
    const evidence = await repo.listEvidence(id);
    const bank = evidenceInForce(evidence).get('bank')![0]!;
    expect(bank.inputs.account).toBe(maskAccount(C));
    expect(bank.findings.map((f) => f.code)).toContain('BANK_DETAILS_CHANGED_FREQUENTLY');
    expect(evidenceInForce(evidence).get('micro-deposits')![0]!.inputs.account).toBe(maskAccount(C));
    expect(await sends(id)).toBe(2);
    expect(await depositMails(email)).toHaveLength(2);
    expect((await ownership(id)).inForce).toEqual(['BANK_OWNERSHIP_UNVERIFIED']);
    expect((await getOnboarding(rt, id)).payoutAccount).toMatchObject({ account: maskAccount(C), changes: 2 });
    // The same late batch again: nothing new.
    const before = (await repo.listEvidence(id)).length;
    expect((await signals(id, change(hoursAfter(createdAt, 1), B))).status).toBe(202);
    expect((await repo.listEvidence(id)).length).toBe(before);
  }, 180_000);
});
