import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { loadRequest, postOnboarding, startTestRuntime, waitForStatus } from '../support/local-runtime';

const lists = process.env.SANCTIONS_DATA_DIR;
if (!lists) console.log('hard-stops: SANCTIONS_DATA_DIR is not set, so the tests on the real OFAC/UN lists are skipped (CI sets it)');

/**
 * Hard stops through the whole workflow: a DPRK document, a listed person, a listed wallet. Each puts the
 * case on compliance hold after the checks: no interview, no approval link, no automatic clearing.
 */
describe('hard stops', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const noPersonStep = async (email: string) => {
    const mails = (await rt.mailbox.list()).filter((m) => m.to.includes(email));
    expect(mails).toHaveLength(0);
  };

  it('a DPRK-issued document: compliance hold, no interview invitation', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => {
        r.externalId = 'hold-dprk';
        r.contractor.email = 'hold-dprk@example.pl';
        r.document.issuingCountry = 'KP';
        r.document.nationality = 'KP';
      }),
      'hold-dprk-0001',
    );
    const o = await waitForStatus(rt, res.body.id, 'compliance-hold');
    expect(o.risk.outcome).toBe('hold');
    expect(o.findings.codes).toContain('DOC_DPRK_DOCUMENT');
    // A hold is not a decision: compliance decides it (the compliance review), and until then there is none.
    expect(o.decision).toBeUndefined();
    await noPersonStep('hold-dprk@example.pl');
  });

  it.skipIf(!lists)('a person on the UN list (KPi.033) posing as South Korean: strong match, compliance hold', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => {
        r.externalId = 'hold-listed';
        r.contractor.email = 'hold-listed@example.kr';
        r.contractor.legalName = { givenNames: 'Won Ho', surname: 'Ri' };
        r.contractor.birthDate = '1964-07-17';
        r.contractor.nationality = 'KR';
        r.document = { ...r.document, surname: 'Ri', givenNames: 'Won Ho', birthDate: '1964-07-17', nationality: 'KR', issuingCountry: 'KR', number: 'M12345678' };
        r.payment.accountHolder = 'Won Ho Ri';
      }),
      'hold-listed-0001',
    );
    const o = await waitForStatus(rt, res.body.id, 'compliance-hold');
    expect(o.findings.codes).toContain('SCR_STRONG_MATCH');
    await noPersonStep('hold-listed@example.kr');
  });

  it.skipIf(!lists)('a crypto payout to a wallet on the OFAC list: a hit whatever the name, compliance hold', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => {
        r.externalId = 'hold-wallet';
        r.contractor.email = 'hold-wallet@example.pl';
        r.payment = { method: 'crypto', currency: 'ETH', walletAddress: '0x098b716b8aaf21512996dc57eb0615e2383e2f96' };
      }),
      'hold-wallet-0001',
    );
    const o = await waitForStatus(rt, res.body.id, 'compliance-hold');
    expect(o.findings.codes).toEqual(expect.arrayContaining(['SCR_STRONG_MATCH', 'BANK_CRYPTO_PAYOUT']));
  });
});
