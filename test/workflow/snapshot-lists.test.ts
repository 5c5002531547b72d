import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { loadSynthesized } from '../../infra/local/synthesized-app';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime';
import { prepareLocalLists, type LocalLists } from '../../infra/local/sanctions-setup';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import { getOnboarding, loadRequest, postOnboarding, postSignals, waitForStatus } from '../support/local-runtime';
import { testDatabase } from '../support/test-database';

/**
 * A fresh clone with no SANCTIONS_DATA_DIR and no network: `npm start` falls back to the snapshot committed
 * in the repository, says so, screens against it (a listed person with the birth date on the list is
 * held), and every screening records which snapshot it used. The official servers are the one boundary
 * this machine cannot reach: the fetch stands in for a machine without network.
 */
describe('sanctions lists with no setting and no network', () => {
  let rt: LocalRuntime & { apiKey: string };
  let lists: LocalLists;
  let state: string;
  const saved = process.env.SANCTIONS_DATA_DIR;
  const lines: string[] = [];

  beforeAll(async () => {
    state = fs.mkdtempSync(path.join(os.tmpdir(), 'vetflow-offline-'));
    lists = await prepareLocalLists({
      dataDir: state,
      fetch: () => Promise.reject(new TypeError('fetch failed: getaddrinfo ENOTFOUND sanctionslistservice.ofac.treas.gov')),
      log: (l) => lines.push(l),
    });
    // The functions share this process's environment: what CI sets for the other tests must not leak in.
    delete process.env.SANCTIONS_DATA_DIR;
    const meta = inject('assembly');
    try {
      const runtime = await startLocalRuntime({
        port: 0,
        synth: loadSynthesized(meta.dir, meta.templateFile, meta.stackName),
        // A database of its own on the run's DynamoDB Local, not a JVM of its own.
        dynamoDb: testDatabase(),
        ...(lists.cacheDir ? { sanctionsCacheDir: lists.cacheDir } : {}),
        schedules: { timers: false },
      });
      rt = Object.assign(runtime, { apiKey: Object.keys(runtime.config.apiKeys)[0]! });
    } finally {
      if (saved !== undefined) process.env.SANCTIONS_DATA_DIR = saved;
    }
  });
  afterAll(async () => {
    await rt?.stop();
    fs.rmSync(state, { recursive: true, force: true });
  });

  it('chooses the committed snapshot, says which on the console and turns the daily refresh off', () => {
    expect(lists.source).toBe('snapshot');
    expect(lists.refresh).toBe(false);
    expect(lists.dataDir).toBeUndefined();
    expect(lists.describe).toMatch(/^SNAPSHOT IN USE: .*OFAC SDN as of 2024-05-03, UN consolidated list as of 2026-02-27/);
    expect(lists.describe).toMatch(/ENOTFOUND/);
  });

  it('a person on the UN list (KPi.033) with the listed birth date is held; the evidence names the snapshot and the lists are stale', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => {
        r.externalId = 'snapshot-listed';
        r.contractor.email = 'snapshot-listed@example.kr';
        r.contractor.legalName = { givenNames: 'Won Ho', surname: 'Ri' };
        r.contractor.birthDate = '1964-07-17';
        r.contractor.nationality = 'KR';
        r.document = { ...r.document, surname: 'Ri', givenNames: 'Won Ho', birthDate: '1964-07-17', nationality: 'KR', issuingCountry: 'KR', number: 'M12345678' };
        r.payment.accountHolder = 'Won Ho Ri';
      }),
      'snapshot-listed-0001',
    );
    expect(res.status).toBe(202);
    const o = await waitForStatus(rt, res.body.id, 'compliance-hold', 90_000);
    expect(o.findings.codes).toEqual(expect.arrayContaining(['SCR_STRONG_MATCH', 'SCR_LISTS_STALE']));
    expect(o.findings.codes).not.toContain('SCR_LISTS_UNAVAILABLE');

    const repo = new CaseRepository(DynamoDBDocumentClient.from(rt.dynamo.client), rt.tableName);
    const screening = (await repo.listEvidence(res.body.id)).filter((e) => e.stage === 'screening');
    expect(screening).toHaveLength(1);
    expect(screening[0]!.inputs.listSnapshot).toMatchObject({ lists: { 'ofac-sdn': '2024-05-03', un: '2026-02-27' } });
    expect(String((screening[0]!.inputs.listSnapshot as { description: string }).description)).toMatch(/snapshot committed in the repository/);
    // The same list version as the official files it was made from.
    expect(screening[0]!.inputs.listVersion).toBe('e72a6db3955e5219');
  });

  // The payee's bank against the same snapshot: the Korea Daesong Bank's BIC (OFAC SDN 12312). Before, the
  // bank stage had no snapshot and screened nothing while the lists bucket was empty: the case went on.
  it('a payee bank on the list (BIC KDBKKPPY) is BANK_SANCTIONS_HIT at the bank stage, screened against the snapshot', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => {
        r.externalId = 'snapshot-listed-bank';
        r.contractor.email = 'snapshot-listed-bank@example.pl';
        r.payment = { method: 'swift', accountHolder: r.payment.accountHolder, accountNumber: '12345678', bic: 'KDBKKPPY', bankCountry: 'KP' };
      }),
      'snapshot-listed-bank-0001',
    );
    expect(res.status).toBe(202);
    const o = await waitForStatus(rt, res.body.id, 'compliance-hold', 90_000);
    expect(o.findings.codes).toContain('BANK_SANCTIONS_HIT');
    expect(o.findings.codes).not.toContain('BANK_SCREENING_UNAVAILABLE');
  });

  it('a payout change to a listed bank is BANK_SANCTIONS_HIT from the snapshot, not BANK_SCREENING_UNAVAILABLE', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => {
        r.externalId = 'snapshot-payout-change';
        r.contractor.email = 'snapshot-payout-change@example.pl';
      }),
      'snapshot-payout-change-0001',
    );
    expect(res.status).toBe(202);
    await waitForStatus(rt, res.body.id, 'awaiting-interview', 90_000);
    expect((await getOnboarding(rt, res.body.id)).findings.codes).not.toContain('BANK_SCREENING_UNAVAILABLE');
    const r = await postSignals(rt, res.body.id, {
      signals: [
        {
          type: 'payout-account-change',
          time: new Date().toISOString(),
          payment: { method: 'swift', accountHolder: 'Anna Maria Kowalska', accountNumber: '87654321', bic: 'KDBKKPPY', bankCountry: 'KP' },
        },
      ],
    });
    const body = (await r.json()) as { findings: string[] };
    expect(r.status).toBe(202);
    expect(body.findings).toContain('BANK_SANCTIONS_HIT');
    expect(body.findings).not.toContain('BANK_SCREENING_UNAVAILABLE');
  });

  // The same bank written the ways an applicant might write it to slip past an exact comparison: lower case
  // with spaces and a branch code are the same institution, and held; an invisible character inside is
  // refused at the API, naming the field (never screened past).
  it.each([
    ['lower case with spaces', 'kdbk kp py'],
    ['a branch code', 'KDBKKPPY123'],
  ])('the listed bank written with %s is BANK_SANCTIONS_HIT', async (what, bic) => {
    const res = await postBic(`snapshot-bic-${what.replaceAll(' ', '-')}`, bic);
    expect(res.status).toBe(202);
    const o = await waitForStatus(rt, res.body.id, 'compliance-hold', 90_000);
    expect(o.findings.codes).toContain('BANK_SANCTIONS_HIT');
  });

  it('the listed bank with a zero-width space inside its BIC is refused with a 400 naming payment.bic', async () => {
    const res = await postBic('snapshot-bic-zero-width', 'KDBK\u200bKPPY');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'payment.bic' })]);
  });

  const postBic = (key: string, bic: string) =>
    postOnboarding(
      rt,
      loadRequest((r) => {
        r.externalId = key;
        r.contractor.email = `${key}@example.pl`;
        r.payment = { method: 'swift', accountHolder: r.payment.accountHolder, accountNumber: '12345678', bic, bankCountry: 'KP' };
      }),
      `${key}-0001`,
    );
});
