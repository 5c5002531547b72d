import { beforeAll, describe, expect, it } from 'vitest';
import { checkBankAccount, screeningIdentifiers } from '../../shared/domain/bank/check-bank';
import { bankCountryOf } from '../../shared/domain/bank/bank-country';
import { checkPayoutChange } from '../../shared/domain/bank/payout-change';
import { accountLinkIdentifiers, normalizeWalletAddress, normalizedAccountIdentifier } from '../../shared/domain/bank/account-identifier';
import { payeeScreen } from '../../shared/domain/bank/payee-screen';
import type { PaymentDetailsChange } from '../../shared/domain/bank/payment-history';
import { parsePolicyObject } from '../../shared/domain/policy/policy-document';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { retriedAttempt } from '../../shared/app/cases/linked-applicants';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { makeRequest } from '../document/request-fixture';
import { FIXTURE_DIR } from '../screening/fixture-dir';

/**
 * Tenth session's adversarial pass on a second identity and the payout route: each of these left an approved
 * contractor approved after a payout change, or a new case linked to nothing.
 */
const policy = loadPolicy();
const v = (changedAt: string, accountRef: string): PaymentDetailsChange => ({ changedAt, accountRef, method: 'iban', masked: `IBAN DE…${accountRef}`, accountHolder: 'Anna Maria Kowalska' });
const history = [v('2026-03-01T00:00:00Z', 'a'), v('2026-03-05T00:00:00Z', 'b')];
const request = makeRequest();

describe('the payout account, however it is routed', () => {
  it('a German IBAN with a North Korean BIC is BANK_DPRK_BANK, a hard stop, at intake and on a payout change', () => {
    const payment = { method: 'iban' as const, accountHolder: 'Anna Maria Kowalska', iban: 'DE89370400440532013000', bic: 'ABCDKPPY' };
    const intake = checkBankAccount({ request: { ...request, payment } });
    expect(intake.find((f) => f.code === 'BANK_DPRK_BANK')).toMatchObject({ hardStop: true, severity: 'critical' });
    const change = checkPayoutChange({ application: request, payment, history, linkedApplicants: [], policy });
    expect(change.find((f) => f.code === 'BANK_DPRK_BANK')?.hardStop).toBe(true);
  });

  it('a German IBAN with a Chinese BIC is BANK_CHINA_BANK', () => {
    const f = checkBankAccount({ request: { ...request, payment: { method: 'iban', accountHolder: 'Anna Maria Kowalska', iban: 'DE89370400440532013000', bic: 'BKCHCNBJ' } } });
    expect(f.map((x) => x.code)).toContain('BANK_CHINA_BANK');
  });

  it("a payout change to a bank in a country of the policy's hard-stop list is a hard stop; one in its high-risk list is BANK_HIGH_RISK_COUNTRY", () => {
    const strict = parsePolicyObject({ ...structuredClone(policy), countries: { ...policy.countries, hardStop: ['KP', 'IR'], highRisk: [...policy.countries.highRisk, 'AE'] } });
    const ir = checkPayoutChange({
      application: request,
      payment: { method: 'iban', accountHolder: 'Anna Maria Kowalska', iban: 'IR820540102680020817909002' },
      history,
      linkedApplicants: [],
      policy: strict,
    });
    expect(ir.find((f) => f.code === 'BANK_HIGH_RISK_COUNTRY')).toMatchObject({ hardStop: true, severity: 'critical' });
    const ae = checkPayoutChange({
      application: request,
      payment: { method: 'iban', accountHolder: 'Anna Maria Kowalska', iban: 'AE070331234567890123456' },
      history,
      linkedApplicants: [],
      policy: strict,
    });
    expect(ae.find((f) => f.code === 'BANK_HIGH_RISK_COUNTRY')).toMatchObject({ hardStop: false, severity: 'high' });
  });

  it('a SWIFT payment whose account number is an IBAN is judged by the IBAN\u2019s country, not the correspondent\u2019s', () => {
    expect(bankCountryOf({ method: 'swift', accountHolder: 'Anna Maria Kowalska', accountNumber: 'IR820540102680020817909002', bic: 'DEUTDEFF', bankCountry: 'DE' })).toBe('IR');
    expect(bankCountryOf({ method: 'swift', accountHolder: 'Anna Maria Kowalska', accountNumber: '12345678', bic: 'DEUTDEFF', bankCountry: 'DE' })).toBe('DE');
    const strict = parsePolicyObject({ ...structuredClone(policy), countries: { ...policy.countries, hardStop: ['KP', 'IR'] } });
    const f = checkPayoutChange({
      application: request,
      payment: { method: 'swift', accountHolder: 'Anna Maria Kowalska', accountNumber: 'IR820540102680020817909002', bic: 'DEUTDEFF', bankCountry: 'DE' },
      history,
      linkedApplicants: [],
      policy: strict,
    });
    expect(f.find((x) => x.code === 'BANK_HIGH_RISK_COUNTRY')?.hardStop).toBe(true);
  });

  it('a wallet written as a payment URI is the same wallet: screened and keyed as the bare address', () => {
    const bare = '0x3Cffd56B47B7b41c56258D9C7731ABaDc360E073';
    for (const uri of [`ethereum:${bare}`, `ethereum:pay-${bare}`, `ETHEREUM:${bare.toLowerCase()}`]) {
      expect(normalizeWalletAddress(uri)).toBe(normalizeWalletAddress(bare));
      expect(screeningIdentifiers({ method: 'crypto', currency: 'ETH', walletAddress: uri })).toEqual(screeningIdentifiers({ method: 'crypto', currency: 'ETH', walletAddress: bare }));
      expect(normalizedAccountIdentifier({ method: 'crypto', currency: 'ETH', walletAddress: uri })).toEqual(normalizedAccountIdentifier({ method: 'crypto', currency: 'ETH', walletAddress: bare }));
    }
    expect(normalizeWalletAddress('bitcoin:1Kuf2Rd8Wbq6UKLzqp5ZMbSz6mqWKq6DUS')).toBe('1Kuf2Rd8Wbq6UKLzqp5ZMbSz6mqWKq6DUS');
  });
});

describe('a payout change to an account held by a listed person or company (fixture lists)', () => {
  let index: ScreeningIndex;
  beforeAll(async () => {
    index = (await loadLists(FIXTURE_DIR)).index;
  });
  it('a listed EVM wallet written with an upper-case 0X, or as its forty hex digits alone, is still the listed wallet and one account', () => {
    const listed = '0x9F1A2b3C4d5E6f7A8b9C0d1E2f3A4b5C6d7E8f90';
    for (const spelling of ['0X9F1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D7E8F90', '9f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f90', 'eth:0X9f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f90']) {
      const payment = { method: 'crypto' as const, currency: 'USDT', walletAddress: spelling };
      const f = checkBankAccount({ request: { ...request, payment }, screen: payeeScreen(index) });
      expect(f.map((x) => x.code)).toContain('BANK_SANCTIONS_HIT');
      expect(normalizedAccountIdentifier(payment)).toBe(normalizedAccountIdentifier({ ...payment, walletAddress: listed }));
    }
    // A base58 address keeps its case (it is part of the address); 41 and forty hex digits is Tron's hex form, not EVM.
    expect(normalizeWalletAddress('TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf')).toBe('TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf');
    expect(normalizeWalletAddress('41' + listed.slice(2)).startsWith('T')).toBe(true);
  });

  // Adversarial pass (December 2026): a Tron wallet in its hex form (41 and twenty bytes, as explorers and APIs show
  // it) screened clear against the same wallet listed as T…, and linked to nothing.
  it("a Tron wallet in its hex form is its T… address (Base58Check): the listed wallet's spelling and one account", () => {
    const t = 'TJRabPrwbZy45sbavfcjinPJC18kjpRTv8';
    const hex = '415cbdd86a2fa8dc4bddd8a8f69dba48572eec07fb';
    for (const spelling of [hex, hex.toUpperCase(), `0x${hex}`, `tron:${hex}`]) expect(normalizeWalletAddress(spelling), spelling).toBe(t);
    const payment = (walletAddress: string) => ({ method: 'crypto' as const, currency: 'USDT', walletAddress });
    expect(normalizedAccountIdentifier(payment(hex))).toBe(normalizedAccountIdentifier(payment(t)));
    // One changed digit is another address (another checksum too).
    expect(normalizeWalletAddress(hex.replace(/b$/, 'c'))).not.toBe(t);
  });
  it('the new holder is screened by name: KIM Yong Chol as holder is a sanctions finding', () => {
    const f = checkPayoutChange({
      application: request,
      payment: { method: 'iban', accountHolder: 'Kim Yong Chol', iban: 'DE89370400440532013000' },
      history,
      screen: payeeScreen(index),
      linkedApplicants: [],
      policy,
    });
    const hit = f.find((x) => x.code === 'BANK_SANCTIONS_HIT' || x.code === 'BANK_SANCTIONS_POSSIBLE_HIT');
    expect(hit?.message).toContain('holder (Kim Yong Chol)');
  });
  it('the intake bank check leaves the holder to the screening stage (screened there with every name form)', () => {
    const f = checkBankAccount({ request: { ...request, payment: { method: 'iban', accountHolder: 'Kim Yong Chol', iban: 'DE89370400440532013000' } }, screen: payeeScreen(index) });
    expect(f.filter((x) => x.code.startsWith('BANK_SANCTIONS'))).toEqual([]);
  });
  it('an innocent new holder is no finding', () => {
    const f = checkPayoutChange({
      application: request,
      payment: { method: 'iban', accountHolder: 'Anna Maria Kowalska', iban: 'DE89370400440532013000' },
      history,
      screen: payeeScreen(index),
      linkedApplicants: [],
      policy,
    });
    expect(f.filter((x) => x.code.startsWith('BANK_SANCTIONS'))).toEqual([]);
  });
});

describe('the same external id again', () => {
  const self = { clientId: 'hris', externalId: 'emp-1' };
  it('only a failed attempt is a retry of the same onboarding; a rejected, held or expired one is linked like another applicant', () => {
    expect(retriedAttempt(self, { ...self, status: 'failed' })).toBe(true);
    for (const status of ['rejected', 'compliance-hold', 'expired', 'approved', 'checking']) expect(retriedAttempt(self, { ...self, status }), status).toBe(false);
    expect(retriedAttempt(self, { clientId: 'hris', externalId: 'emp-2', status: 'failed' })).toBe(false);
  });
});

/**
 * Adversarial pass: an Indian account number is unique within its bank (core banking), and a transfer to it is
 * credited whichever of the bank's branch codes it names. The same account given with another branch's IFSC was
 * another account: the second identity's payout to one SBI account linked nothing.
 */
describe('an Indian account at another branch of its bank', () => {
  const inr = (ifsc: string, accountNumber = '30012345678') => ({ method: 'in-ifsc' as const, accountHolder: 'Ravi Kumar', accountNumber, ifsc });
  const ids = (p: ReturnType<typeof inr>) => new Set(accountLinkIdentifiers(p));
  const meet = (a: ReturnType<typeof inr>, b: ReturnType<typeof inr>) => [...ids(a)].some((x) => ids(b).has(x));
  it('is one account under any branch of the bank, leading zeros or not; the reference stays the branch and number', () => {
    expect(meet(inr('SBIN0000001'), inr('SBIN0005943'))).toBe(true);
    expect(meet(inr('SBIN0000001'), inr('sbin0005943', '0030012345678'))).toBe(true);
    expect(accountLinkIdentifiers(inr('SBIN0005943'))[0]).toBe(normalizedAccountIdentifier(inr('SBIN0005943')));
  });
  it("another bank's account of the same number, or another number, is another account", () => {
    expect(meet(inr('SBIN0000001'), inr('ICIC0000001'))).toBe(false);
    expect(meet(inr('SBIN0000001'), inr('SBIN0005943', '30012345679'))).toBe(false);
  });
  it("a co-operative bank's code under a sponsor bank (letters in the branch part) is keyed by its branch alone", () => {
    expect(accountLinkIdentifiers(inr('HDFC0CAGSBK'))).toEqual([normalizedAccountIdentifier(inr('HDFC0CAGSBK'))]);
  });
});
