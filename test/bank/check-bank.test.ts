import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkBankAccount, screeningIdentifiers, type ScreenFn } from '../../shared/domain/bank/check-bank';
import { bankCountryOf } from '../../shared/domain/bank/bank-country';
import { maskAccount, normalizedAccountIdentifier } from '../../shared/domain/bank/account-identifier';
import { paymentChangeOf } from '../../shared/domain/bank/payment-history';
import { paymentDetailsSchema, type PaymentDetails } from '../../shared/domain/bank/payment-schema';
import { BANK_CODES } from '../../shared/domain/bank/bank-codes';
import { makeRequest } from '../document/request-fixture';

const codes = (fs: { code: string }[]) => fs.map((f) => f.code).sort();
const pay = (p: Record<string, unknown>) => ({ payment: p });

describe('checkBankAccount', () => {
  it('a clean application (own name, bank in residence country) has no findings', () => {
    expect(checkBankAccount({ request: makeRequest() })).toEqual([]);
  });

  it('crypto payout is BANK_CRYPTO_PAYOUT (high) and the evidence masks the wallet', () => {
    const wallet = '0x52908400098527886E0F7030069857D2E4169EE7';
    const f = checkBankAccount({ request: makeRequest(pay({ method: 'crypto', currency: 'USDT', walletAddress: wallet })) });
    expect(codes(f)).toEqual([BANK_CODES.cryptoPayout]);
    expect(f[0]!.severity).toBe('high');
    expect(JSON.stringify(f)).not.toContain(wallet.slice(0, 20));
  });

  it('payment platform is BANK_PAYMENT_PLATFORM; a Chinese one is high', () => {
    const paypal = checkBankAccount({
      request: makeRequest(pay({ method: 'payment-platform', provider: 'PayPal', accountEmail: 'anna@example.com' })),
    });
    expect(paypal.map((f) => [f.code, f.severity])).toEqual([[BANK_CODES.paymentPlatform, 'medium']]);
    const alipay = checkBankAccount({
      request: makeRequest(pay({ method: 'payment-platform', provider: 'Alipay', accountEmail: 'anna@example.com' })),
    });
    expect(alipay[0]!.severity).toBe('high');
  });

  it('an IBAN at an e-money institution is BANK_EMONEY_ACCOUNT, and a BE IBAN for a PL resident is also a country finding', () => {
    const f = checkBankAccount({
      request: makeRequest(pay({ method: 'iban', accountHolder: 'Ingrid Lindqvist', iban: 'BE68539007547034', bic: 'TRWIBEB1' })),
    });
    expect(codes(f)).toEqual([BANK_CODES.countryNotResidence, BANK_CODES.emoneyAccount].sort());
  });

  it('a bank in China is BANK_CHINA_BANK (high) plus not-residence', () => {
    const f = checkBankAccount({
      request: makeRequest(pay({ method: 'swift', accountHolder: 'Ingrid Lindqvist', accountNumber: '6222021234567890', bic: 'ICBKCNBJ', bankCountry: 'CN' })),
    });
    expect(codes(f)).toEqual([BANK_CODES.chinaBank, BANK_CODES.countryNotResidence].sort());
  });

  it('a bank in the DPRK is a hard stop', () => {
    const f = checkBankAccount({
      request: makeRequest(pay({ method: 'swift', accountHolder: 'Ingrid Lindqvist', accountNumber: '12345678', bic: 'FTBDKPPY', bankCountry: 'KP' })),
    });
    expect(f.find((x) => x.code === BANK_CODES.dprkBank)).toMatchObject({ severity: 'critical', hardStop: true });
  });

  it('policy high-risk bank country is BANK_HIGH_RISK_COUNTRY; mustMatchResidence raises the country finding', () => {
    const request = makeRequest(pay({ method: 'iban', accountHolder: 'Ingrid Lindqvist', iban: 'AE070331234567890123456' }));
    const f = checkBankAccount({ request, policy: { highRiskCountries: ['AE'], bankCountryMustMatchResidence: true } });
    expect(f.map((x) => [x.code, x.severity]).sort()).toEqual(
      [
        [BANK_CODES.countryNotResidence, 'high'],
        [BANK_CODES.highRiskCountry, 'high'],
      ].sort(),
    );
    expect(checkBankAccount({ request, policy: { acceptedBankCountries: ['AE'] } })).toEqual([]);
  });

  it('IBAN country differing from the BIC country is BANK_BIC_COUNTRY_MISMATCH', () => {
    const f = checkBankAccount({
      request: makeRequest(pay({ method: 'iban', accountHolder: 'Ingrid Lindqvist', iban: 'PL61109010140000071219812874', bic: 'DEUTDEFF' })),
    });
    expect(codes(f)).toEqual([BANK_CODES.bicCountryMismatch]);
  });

  it('holder name: variations match, a different person does not', () => {
    for (const holder of ['LINDQVIST INGRID', 'Ingrid S. Lindqvist', 'Lindqvist, Ingrid Sofia', 'Ms Ingrid Lindqvist', 'Ingrid Lindqvst'])
      expect(checkBankAccount({ request: makeRequest(pay({ method: 'iban', accountHolder: holder, iban: 'PL61109010140000071219812874' })) }), holder).toEqual([]);
    const other = checkBankAccount({
      request: makeRequest(pay({ method: 'iban', accountHolder: 'Wang Lei', iban: 'PL61109010140000071219812874' })),
    });
    expect(other.map((f) => [f.code, f.severity])).toEqual([[BANK_CODES.holderNameMismatch, 'high']]);
    const partial = checkBankAccount({
      request: makeRequest(pay({ method: 'iban', accountHolder: 'Ingrid Kowalska', iban: 'PL61109010140000071219812874' })),
    });
    expect(partial.map((f) => [f.code, f.severity])).toEqual([[BANK_CODES.holderNameMismatch, 'medium']]);
  });

  it('a company account holder is BANK_HOLDER_IS_COMPANY; low when it is the engagement company', () => {
    const payment = { method: 'iban', accountHolder: 'Bright Code Solutions Sp. z o.o.', iban: 'PL61109010140000071219812874' };
    const f = checkBankAccount({ request: makeRequest(pay(payment)) });
    expect(f.map((x) => [x.code, x.severity])).toEqual([[BANK_CODES.holderIsCompany, 'medium']]);
    const own = checkBankAccount({
      request: makeRequest({ ...pay(payment), engagement: { company: 'Bright Code Solutions Sp. z o.o.' } }),
    });
    expect(own.map((x) => [x.code, x.severity])).toEqual([[BANK_CODES.holderIsCompany, 'low']]);
  });

  it('sanctions: strong hit is a hard stop, weak hit is review, screening failure is a finding not a crash', () => {
    const request = makeRequest(pay({ method: 'swift', accountHolder: 'Ingrid Lindqvist', accountNumber: '12345678', bic: 'FTBDKPPY', bankCountry: 'KP', bankName: 'Foreign Trade Bank' }));
    const asked: string[] = [];
    const screen: ScreenFn = (id) => {
      asked.push(`${id.kind}:${id.value}`);
      return id.kind === 'bic' ? [{ hit: true, strong: true, listName: 'OFAC SDN', sourceId: 'ofac-1' }] : [{ hit: true, strong: false, listName: 'OFAC SDN' }];
    };
    const f = checkBankAccount({ request, screen });
    expect(asked).toEqual(['bic:FTBDKPPYXXX', 'bank:Foreign Trade Bank']);
    expect(f.find((x) => x.code === BANK_CODES.sanctionsHit)).toMatchObject({ severity: 'critical', hardStop: true });
    expect(f.find((x) => x.code === BANK_CODES.sanctionsPossibleHit)).toMatchObject({ severity: 'high', hardStop: false });
    const failing = checkBankAccount({
      request,
      screen: () => {
        throw new Error('down');
      },
    });
    expect(failing.filter((x) => x.code === BANK_CODES.screeningUnavailable)).toHaveLength(2);
  });

  it('screens wallets by normalised address', () => {
    const p = paymentDetailsSchema.parse({ method: 'crypto', currency: 'ETH', walletAddress: '0x52908400098527886E0F7030069857D2E4169EE7' });
    expect(screeningIdentifiers(p)).toEqual([{ kind: 'wallet', value: '0x52908400098527886e0f7030069857d2e4169ee7' }]);
  });

  it('shared account: high with an open case, critical hard stop with a blocked one', () => {
    const request = makeRequest();
    const open = checkBankAccount({ request, linkedApplicants: [{ caseId: 'c-2', status: 'in-review' }] });
    expect(open.map((f) => [f.code, f.severity, f.hardStop])).toEqual([[BANK_CODES.sharedAccount, 'high', false]]);
    const rejected = checkBankAccount({ request, linkedApplicants: [{ caseId: 'c-2', status: 'rejected' }] });
    expect(rejected[0]).toMatchObject({ severity: 'critical', hardStop: false });
    const blocked = checkBankAccount({ request, linkedApplicants: [{ caseId: 'c-3', status: 'blocked' }] });
    expect(blocked[0]).toMatchObject({ severity: 'critical', hardStop: true });
    const held = checkBankAccount({ request, linkedApplicants: [{ caseId: 'c-4', status: 'compliance-hold' }] });
    expect(held[0]).toMatchObject({ severity: 'critical', hardStop: true });
    // The policy may keep the link a critical finding without holding the case by itself.
    const notHeld = checkBankAccount({ request, linkedApplicants: [{ caseId: 'c-4', status: 'compliance-hold' }], policy: { holdOnAccountSharedWithHeldCase: false } });
    expect(notHeld[0]).toMatchObject({ severity: 'critical', hardStop: false });
  });

  it('changed bank details: one change is low, frequent changes are a separate finding', () => {
    const request = makeRequest();
    const a = paymentChangeOf(request.payment, '2026-01-01T00:00:00Z', 'ref-a');
    const b = { ...a, changedAt: '2026-01-02T00:00:00Z', accountRef: 'ref-b' };
    const c = { ...a, changedAt: '2026-01-03T00:00:00Z', accountRef: 'ref-c' };
    expect(checkBankAccount({ request, history: [a, { ...a, changedAt: '2026-01-05T00:00:00Z' }] })).toEqual([]);
    expect(checkBankAccount({ request, history: [a, b] }).map((f) => [f.code, f.severity])).toEqual([[BANK_CODES.detailsChanged, 'low']]);
    expect(checkBankAccount({ request, history: [c, a, b] }).map((f) => [f.code, f.severity])).toEqual([[BANK_CODES.detailsChangedFrequently, 'medium']]);
    const otherHolder = { ...b, accountHolder: 'Wang Lei' };
    expect(checkBankAccount({ request, history: [a, otherHolder] })[0]!.severity).toBe('high');
    expect(JSON.stringify(checkBankAccount({ request, history: [a, b] }))).not.toContain('0712198');
  });
});

describe('bankCountryOf, normalizedAccountIdentifier, maskAccount', () => {
  const p = (x: Record<string, unknown>) => paymentDetailsSchema.parse(x) as PaymentDetails;
  const gbIban = p({ method: 'iban', accountHolder: 'x', iban: 'GB29 NWBK 6016 1331 9268 19' });
  const gbSort = p({ method: 'uk-sort-code', accountHolder: 'x', sortCode: '60-16-13', accountNumber: '31926819' });

  it('bank country per method', () => {
    expect(bankCountryOf(gbIban)).toBe('GB');
    expect(bankCountryOf(p({ method: 'us-ach', accountHolder: 'x', accountNumber: '1234', routingNumber: '021000021' }))).toBe('US');
    expect(bankCountryOf(p({ method: 'in-ifsc', accountHolder: 'x', accountNumber: '123456789', ifsc: 'HDFC0001234' }))).toBe('IN');
    expect(bankCountryOf(gbSort)).toBe('GB');
    expect(bankCountryOf(p({ method: 'crypto', currency: 'BTC', walletAddress: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' }))).toBeUndefined();
  });

  it('the same UK account as IBAN or sort code gives one identifier; notation does not matter', () => {
    expect(normalizedAccountIdentifier(gbIban)).toBe(normalizedAccountIdentifier(gbSort));
    const a = p({ method: 'iban', accountHolder: 'x', iban: 'pl61 1090 1014 0000 0712 1981 2874' });
    const b = p({ method: 'swift', accountHolder: 'y', accountNumber: 'PL61109010140000071219812874', bic: 'WBKPPLPP', bankCountry: 'PL' });
    expect(normalizedAccountIdentifier(a)).toBe(normalizedAccountIdentifier(b));
    const w1 = p({ method: 'crypto', currency: 'USDT', walletAddress: '0x52908400098527886E0F7030069857D2E4169EE7' });
    const w2 = p({ method: 'crypto', currency: 'ETH', walletAddress: '0x52908400098527886e0f7030069857d2e4169ee7' });
    expect(normalizedAccountIdentifier(w1)).toBe(normalizedAccountIdentifier(w2));
  });

  it('masks keep only the last four characters of the account', () => {
    expect(maskAccount(gbIban)).toBe('IBAN GB…6819');
    expect(maskAccount(gbSort)).toBe('sort code 60-16-13, account …6819');
    expect(maskAccount(p({ method: 'payment-platform', provider: 'Payoneer', accountEmail: 'anna@example.com' }))).toBe('Payoneer a***@example.com');
  });

  it('random valid-looking payments never crash the helpers or the check', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ method: fc.constant('crypto'), currency: fc.constant('USDT'), walletAddress: fc.stringMatching(/^[A-Za-z0-9]{20,60}$/) }),
          fc.record({
            method: fc.constant('swift'),
            accountHolder: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
            accountNumber: fc.stringMatching(/^[A-Z0-9]{4,34}$/),
            bic: fc.constant('DEUTDEFF'),
            bankCountry: fc.constant('DE'),
          }),
        ),
        (raw) => {
          const parsed = paymentDetailsSchema.safeParse(raw);
          if (!parsed.success) return;
          normalizedAccountIdentifier(parsed.data);
          expect(maskAccount(parsed.data)).not.toContain(JSON.stringify(raw).slice(0, 0) + 'undefined');
          checkBankAccount({ request: makeRequest({ payment: raw }) });
        },
      ),
      { numRuns: 200 },
    );
  });
});
