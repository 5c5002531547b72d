import { describe, expect, it } from 'vitest';
import { composeIBAN } from 'ibantools';
import { accountLinkKeys, normalizedAccountIdentifier, type AccountKeyBasis } from '../../shared/domain/bank/account-identifier';
import { checkBankAccount } from '../../shared/domain/bank/check-bank';
import type { PaymentDetails } from '../../shared/domain/bank/payment-schema';
import { accountFingerprints, accountPrintBases, matchedBy } from '../../shared/domain/cases/fingerprints';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import { loadRequest } from '../support/request';
import { backLinkFindings } from '../../shared/app/cases/propagate-links';
import { loadPolicy } from '../../shared/adapters/files/load-policy';

/**
 * Adversarial pass: one account, two spellings. An IBAN embeds the national bank code and account number, so a
 * second identity paid into the first one's account by SWIFT (the bank's BIC and the national number), or by the
 * national number run together (the BBAN), linked to nobody: each spelling was keyed apart.
 */
const key = Buffer.alloc(32, 11);
const holder = 'Anna Kowalska';
const iban = (value: string): PaymentDetails => ({ method: 'iban', accountHolder: holder, iban: value });
const swift = (bic: string, accountNumber: string, bankCountry = bic.slice(4, 6)): PaymentDetails => ({ method: 'swift', accountHolder: holder, bic, accountNumber, bankCountry });
const prints = (p: PaymentDetails) => new Set(accountFingerprints(key, p).map((f) => f.hmac));
const meet = (a: PaymentDetails, b: PaymentDetails) => [...prints(a)].some((h) => prints(b).has(h));
const ibanOf = (cc: string, bban: string) => composeIBAN({ countryCode: cc, bban })!;

describe('an IBAN and the national form of its account', () => {
  const commerzbank = 'DE89 3704 0044 0532 0130 00';

  it("Germany: the bank's BIC (from the Bankleitzahl) and the account number without its leading zeros", () => {
    expect(meet(swift('COBADEFFXXX', '532013000'), iban(commerzbank))).toBe(true);
    expect(meet(swift('cobadeff', '0532013000'), iban(commerzbank.toLowerCase()))).toBe(true);
  });

  it('the national number run together (the BBAN), in the BIC country: Germany, France (RIB), Belgium, Spain (CCC)', () => {
    expect(meet(swift('COBADEFF', '370400440532013000'), iban(commerzbank))).toBe(true);
    expect(meet(swift('BNPAFRPP', '20041010050500013M02606'), iban('FR1420041010050500013M02606'))).toBe(true);
    expect(meet(swift('GEBABEBB', '539007547034'), iban('BE68539007547034'))).toBe(true);
    expect(meet(swift('CAIXESBB', '21000418450200051332'), iban('ES9121000418450200051332'))).toBe(true);
  });

  it('a Polish NRB (the IBAN without "PL"), a Dutch account under its bank letters, a UK sort code and number run together', () => {
    expect(meet(swift('BPKOPLPW', '61109010140000071219812874'), iban('PL61109010140000071219812874'))).toBe(true);
    expect(meet(swift('ABNANL2A', '417164300'), iban('NL91ABNA0417164300'))).toBe(true);
    const sortCode: PaymentDetails = { method: 'uk-sort-code', accountHolder: holder, sortCode: '60-16-13', accountNumber: '31926819' };
    expect(meet(swift('NWBKGB2L', '60161331926819'), sortCode)).toBe(true);
    expect(meet(swift('NWBKGB2L', '60161331926819'), iban('GB29NWBK60161331926819'))).toBe(true);
  });

  it('each side keeps its reference first (deposits, payout history), and says why the other keys link', () => {
    expect(accountLinkKeys(iban(commerzbank))[0]).toEqual({ id: normalizedAccountIdentifier(iban(commerzbank)), basis: 'as-given' });
    expect(accountLinkKeys(iban(commerzbank)).slice(1)).toEqual([
      { id: 'acct-iban:DE89370400440532013000', basis: 'iban-and-national' },
      { id: 'acct-bic:COBADEFFXXX:532013000', basis: 'iban-and-national' },
    ]);
    expect(accountLinkKeys(swift('COBADEFF', '370400440532013000'))).toEqual(
      accountLinkKeys(iban(commerzbank)).map((k, i) => (i === 0 ? { id: 'swift:COBADEFFXXX:370400440532013000', basis: 'as-given' } : k)),
    );
    expect(accountLinkKeys(swift('COBADEFF', '532013000')).slice(1)).toEqual([{ id: 'acct-bic:COBADEFFXXX:532013000', basis: 'iban-and-national' }]);
  });
});

describe('different accounts do not meet', () => {
  it('the same number at another bank', () => {
    expect(meet(swift('DEUTDEFF', '532013000'), iban('DE89 3704 0044 0532 0130 00'))).toBe(false);
    expect(meet(swift('ABNANL2A', '417164300'), iban(ibanOf('NL', 'RABO0417164300')))).toBe(false);
    // Two US routing numbers may be two banks: no table says which routing numbers are one bank's.
    const ach = (routingNumber: string): PaymentDetails => ({ method: 'us-ach', accountHolder: holder, routingNumber, accountNumber: '123456789' });
    expect(meet(ach('021000021'), ach('026009593'))).toBe(false);
    expect(meet(ach('021000021'), swift('CHASUS33', '123456789'))).toBe(false);
  });

  it('another number at the same bank', () => {
    expect(meet(swift('COBADEFFXXX', '532013001'), iban('DE89 3704 0044 0532 0130 00'))).toBe(false);
    expect(meet(swift('COBADEFF', '370400440532013001'), iban('DE89 3704 0044 0532 0130 00'))).toBe(false);
  });

  it('a number unique only with its branch: France by BIC and number alone, the UK by BIC and 8 digits', () => {
    expect(meet(swift('BNPAFRPP', '0500013M026'), iban('FR1420041010050500013M02606'))).toBe(false);
    expect(meet(swift('NWBKGB2L', '31926819'), iban('GB29NWBK60161331926819'))).toBe(false);
  });

  it("an Austrian BIC that receives for several banks (a Raiffeisen central institution's) names no one account", () => {
    const shared = iban(ibanOf('AT', '3501100000012345'));
    expect(accountLinkKeys(shared).map((k) => k.id.split(':')[0])).toEqual(['iban', 'acct-iban']);
    // A bank with a BIC of its own is keyed by it.
    expect(accountLinkKeys(iban(ibanOf('AT', '1860000000012345')))[2]).toEqual({ id: 'acct-bic:VKBLAT2LXXX:12345', basis: 'iban-and-national' });
  });
});

describe('the reviewer is told how the accounts met', () => {
  const request = (payment: PaymentDetails) => ({ ...loadRequest(() => {}), payment }) as OnboardingRequest;
  const shared = (matchedBy?: AccountKeyBasis[]) =>
    checkBankAccount({ request: request(iban('DE89 3704 0044 0532 0130 00')), linkedApplicants: [{ caseId: 'ob_1', status: 'approved', ...(matchedBy ? { matchedBy } : {}) }] }).find(
      (f) => f.code === 'BANK_SHARED_ACCOUNT',
    )!;

  it('an account written another way says so, and the evidence names the key per linked case', () => {
    const f = shared(['iban-and-national']);
    expect(f.message).toContain("written another way: an IBAN by one, the bank's SWIFT code");
    expect(f.evidence[0]!.detail!.linkedCases).toEqual([{ caseId: 'ob_1', status: 'approved', matchedBy: ['iban-and-national'] }]);
  });

  it('the same account as given needs no word more', () => {
    expect(shared(['as-given', 'iban-and-national']).message).not.toContain('written another way');
    expect(shared().message).toBe(shared(['as-given']).message);
  });

  it('the earlier applicant is told too (links both ways)', () => {
    const back = (matchedBy: AccountKeyBasis[]) => backLinkFindings(loadPolicy(), { id: 'ob_2', status: 'checking' }, ['bank-account'], matchedBy).find((f) => f.code === 'BANK_SHARED_ACCOUNT')!;
    expect(back(['iban-and-national']).message).toContain('gives the same payout account (written another way: an IBAN by one');
    expect(back(['iban-and-national']).evidence[0]!.detail!.linkedCases).toEqual([{ caseId: 'ob_2', status: 'checking', matchedBy: ['iban-and-national'] }]);
    expect(back(['bank-wide']).message).toContain("given with another of the bank's branch codes");
    expect(back([]).message).not.toContain('written another way');
  });

  it("the print that met is traced to the account's key (accountPrintBases, matchedBy)", () => {
    const bases = accountPrintBases(key, swift('COBADEFFXXX', '532013000'));
    const ibanPrints = accountFingerprints(key, iban('DE89 3704 0044 0532 0130 00'));
    const met = ibanPrints.find((p) => bases.has(p.hmac))!;
    expect(matchedBy(accountPrintBases(key, iban('DE89 3704 0044 0532 0130 00')), met.hmac)).toEqual({ matchedBy: ['iban-and-national'] });
    expect(matchedBy(bases, 'not-a-print')).toEqual({});
  });
});
