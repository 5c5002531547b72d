import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import { evidenceInForce } from '../../shared/domain/cases/latest-findings';
import type { Finding } from '../../shared/domain/finding';
import { loadRequest, postOnboarding, postSignals, startTestRuntime, waitFor, waitForStatus } from '../support/local-runtime';

/**
 * Issue 18 item 3, on the local runtime through POST /onboardings/{id}/signals: the equipment shipping
 * address is fingerprinted like a bank account, so two applicants whose laptops go to one address (spelled
 * differently) are linked both ways, and the link weighs as a hold when one of them is held.
 */
describe('laptop farms: the same shipping address links applicants both ways', () => {
  let rt: LocalRuntime & { apiKey: string };
  let repo: CaseRepository;
  beforeAll(async () => {
    rt = await startTestRuntime();
    rt.config.apiKeys[otherClient] = 'other-hris';
    repo = new CaseRepository(DynamoDBDocumentClient.from(rt.dynamo.client), rt.tableName);
  });
  afterAll(async () => {
    await rt?.stop();
  });

  // A second client of the same deployment (another HRIS): its applicants meet the first client's on the index.
  const otherClient = 'farm-other-client-key-0001';
  const keyOf = new Map<string, string>();
  const signalsOf = async (id: string, body: unknown) => {
    const r = await postSignals(rt, id, body, keyOf.get(id) ?? rt.apiKey);
    return { status: r.status, body: (await r.json()) as Record<string, any> };
  };
  const applicant = async (n: string, apiKey = rt.apiKey) => {
    const client = { apiUrl: rt.apiUrl, apiKey };
    const res = await postOnboarding(
      client,
      loadRequest((r) => ((r.externalId = `farm-${n}`), (r.contractor.email = `farm-${n}@example.pl`))),
      `farm-000${n}`,
    );
    await waitForStatus(client, res.body.id, 'awaiting-interview');
    keyOf.set(res.body.id, apiKey);
    return res.body.id as string;
  };
  const shipTo = (address: Record<string, string>) => ({ signals: [{ type: 'shipping-address', time: '2026-11-25T10:00:00Z', address }] });
  const shippingLink = async (id: string, stage: 'signals' | 'links'): Promise<Finding[]> =>
    (await repo.listEvidence(id))
      .filter((e) => e.stage === stage)
      .flatMap((e) => e.findings)
      .filter((f) => f.code === 'LINK_SHARED_SHIPPING_ADDRESS');

  it('two applicants of two clients, one address in two spellings (a Cyrillic look-alike, another unit word, another postcode format): linked both ways; a third, after one of them is held, is held too', async () => {
    const a = await applicant('a');
    // B comes through another client of the deployment.
    const b = await applicant('b', otherClient);

    expect((await signalsOf(a, shipTo({ line1: 'ul. Marszałkowska 10', line2: 'lok. 4B', city: 'Warszawa', postalCode: '00-001', country: 'PL' }))).status).toBe(202);
    // B's laptop to the same flat: Cyrillic "М", no "ul.", the unit as "lokal 4 b", the postcode without its dash.
    const toB = await signalsOf(b, shipTo({ line1: '\u041Carszalkowska 10 lokal 4 b', city: 'WARSZAWA', postalCode: '00001', country: 'PL' }));
    expect(toB.status).toBe(202);
    expect(toB.body.findings).toContain('LINK_SHARED_SHIPPING_ADDRESS');

    // The later case names the earlier one...
    const [onB] = await shippingLink(b, 'signals');
    expect(onB!.severity).toBe('high');
    expect(onB!.evidence[0]!.detail).toMatchObject({ otherCases: [a] });
    // ...and the earlier one carries the link too, naming the later case, its risk decided again.
    const [onA] = await waitFor(
      'the link on the earlier case',
      () => shippingLink(a, 'links'),
      (l) => l.length === 1,
    );
    expect(onA!.evidence[0]!.detail).toMatchObject({ otherCases: [b] });
    expect(onA!.message).toContain('shipping address');
    const audit = await repo.listAudit(a);
    expect(audit.some((e) => e.action === 'links.found-by-later-applicant' && (e.data as Record<string, unknown>).laterCase === b)).toBe(true);
    // The link carries case ids, never the address: that is on the index as a keyed fingerprint only.
    expect(JSON.stringify((await repo.listEvidence(a)).filter((e) => e.stage === 'links'))).not.toMatch(/marsza/i);

    // A is held (a login from DPRK address space): a third applicant's laptop to that address is then a hold.
    await signalsOf(a, { signals: [{ type: 'login', time: '2026-11-25T11:00:00Z', ip: '175.45.176.10', accountId: 'acct-a' }] });
    await waitForStatus(rt, a, 'compliance-hold');
    const c = await applicant('c');
    const toC = await signalsOf(c, shipTo({ line1: 'MARSZAŁKOWSKA 10 #4B', city: 'Warszawa', country: 'PL' }));
    expect(toC.status).toBe(202);
    const [onC] = await shippingLink(c, 'signals');
    expect(onC!.severity).toBe('critical');
    expect(new Set(onC!.evidence[0]!.detail!.otherCases as string[])).toEqual(new Set([a, b]));
    expect(toC.body.risk.outcome).toBe('hold');
    await waitForStatus(rt, c, 'compliance-hold');
    // Both ways again: B (under review) learns its address is shared with a held applicant, and is held.
    // (Twice, possibly: C's check found the shared address, and C's hold told its linked applicants again;
    // one fact, counted once in the decision.)
    const onBFromC = await waitFor(
      'the link from the held applicant on B',
      async () => (await shippingLink(b, 'links')).filter((f) => JSON.stringify(f.evidence).includes(c)),
      (l) => l.length >= 1,
    );
    for (const f of onBFromC) expect(f.severity).toBe('critical');
    await waitForStatus({ apiUrl: rt.apiUrl, apiKey: otherClient }, b, 'compliance-hold');
    const inForceB = evidenceInForce(await repo.listEvidence(b)).get('links') ?? [];
    expect(inForceB.some((e) => e.runId === `shipping-${c}`)).toBe(true);
  }, 180_000);

  // Adversarial pass: the flat written after a slash, as the Polish post writes it, was another place than the
  // same flat with its word.
  it('one flat written "12/7" and "12 m. 7" is one address: linked', async () => {
    // Applicants of their own ("d" and "e" are the later tests': the same idempotency key is the same onboarding).
    const f = await applicant('f');
    const g = await applicant('g');
    expect((await signalsOf(f, shipTo({ line1: 'ul. Puławska 12/7', city: 'Warszawa', postalCode: '02-515', country: 'PL' }))).status).toBe(202);
    const toG = await signalsOf(g, shipTo({ line1: 'Puławska 12 m. 7', city: 'Warszawa', postalCode: '02-515', country: 'PL' }));
    expect(toG.status).toBe(202);
    expect(toG.body.findings).toContain('LINK_SHARED_SHIPPING_ADDRESS');
  });

  it('a new payout account re-runs the bank checks as evidence of its own; frequent changes are a finding; the account is kept masked only', async () => {
    const d = await applicant('d');
    const iban = (n: string) => ({
      type: 'payout-account-change',
      time: `2026-11-2${n}T10:00:00Z`,
      payment: { method: 'iban', accountHolder: 'Anna Maria Kowalska', iban: n === '5' ? 'DE89370400440532013000' : 'NL91ABNA0417164300' },
    });
    const first = await signalsOf(d, { signals: [iban('5')] });
    expect(first.status).toBe(202);
    expect(first.body.findings).toContain('BANK_DETAILS_CHANGED');
    const second = await signalsOf(d, { signals: [iban('7')] });
    expect(second.body.findings).toContain('BANK_DETAILS_CHANGED_FREQUENTLY');

    const evidence = await repo.listEvidence(d);
    const runs = evidence.filter((e) => e.stage === 'bank' && e.inputs.trigger === 'payout-account-change');
    expect(runs).toHaveLength(2);
    // The bank evidence in force is the newest account's, and the decision stored on the case reads it.
    const bankInForce = evidenceInForce(evidence).get('bank')![0]!;
    expect(bankInForce.inputs.account).toBe('IBAN NL…4300');
    expect(bankInForce.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['BANK_DETAILS_CHANGED_FREQUENTLY', 'BANK_COUNTRY_NOT_RESIDENCE']));
    expect((await repo.mustGetCase(d)).risk?.drivers).toEqual(expect.arrayContaining(['BANK_DETAILS_CHANGED_FREQUENTLY']));
    // Neither the signals evidence nor the bank evidence holds the account numbers.
    const stored = JSON.stringify(evidence);
    expect(stored).not.toContain('0532013000');
    expect(stored).not.toContain('0417164300');
    // The same batch again is the same run: recorded once.
    expect((await signalsOf(d, { signals: [iban('7')] })).status).toBe(202);
    expect((await repo.listEvidence(d)).filter((e) => e.stage === 'bank' && e.inputs.trigger === 'payout-account-change')).toHaveLength(2);
  }, 120_000);

  it.skipIf(!process.env.SANCTIONS_DATA_DIR)(
    'a new payout wallet on the OFAC list (real lists, SANCTIONS_DATA_DIR) holds the case',
    async () => {
      const e = await applicant('e');
      // Lazarus Group's Ronin-theft address, as listed by OFAC.
      const res = await signalsOf(e, {
        signals: [{ type: 'payout-account-change', time: '2026-11-25T10:00:00Z', payment: { method: 'crypto', currency: 'ETH', walletAddress: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96' } }],
      });
      expect(res.status).toBe(202);
      expect(res.body.findings).toContain('BANK_SANCTIONS_HIT');
      expect(res.body.risk.outcome).toBe('hold');
      await waitForStatus(rt, e, 'compliance-hold');
      expect(JSON.stringify(await repo.listEvidence(e)).toLowerCase()).not.toContain('098b716b8aaf21512996dc57eb0615e2383e2f96');
    },
    120_000,
  );
});
