import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { paymentDetailsSchema } from '../../shared/domain/bank/payment-schema';
import { isValidAbaRouting, abaRoutingProblem } from '../../shared/domain/bank/aba-routing';

/** Public example IBANs from the SWIFT IBAN registry and national banks, for contractor countries. */
const validIbans: Record<string, string> = {
  PL: 'PL61109010140000071219812874',
  UA: 'UA213223130000026007233566001',
  RO: 'RO49AAAA1B31007593840000',
  DE: 'DE89370400440532013000',
  GB: 'GB29NWBK60161331926819',
  PK: 'PK36SCBL0000001123456702',
  AE: 'AE070331234567890123456',
  BG: 'BG80BNBG96611020345678',
  GE: 'GE29NB0000000101904917',
  TR: 'TR330006100519786457841326',
  RS: 'RS35260005601001611379',
  EG: 'EG380019000500000000263180002',
};

function issues(input: unknown) {
  const r = paymentDetailsSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const iban = (value: string, extra: Record<string, unknown> = {}) => ({
  method: 'iban',
  accountHolder: 'Anna Eriksson',
  iban: value,
  ...extra,
});

describe('IBAN at intake', () => {
  for (const [cc, value] of Object.entries(validIbans)) {
    it(`accepts the ${cc} example IBAN`, () => expect(issues(iban(value))).toEqual([]));
    it(`rejects the ${cc} IBAN with one digit changed, naming the iban field`, () => {
      const last = value.at(-1)!;
      const corrupted = value.slice(0, -1) + (last === '9' ? '0' : String(Number(last) + 1));
      const got = issues(iban(corrupted));
      expect(got).toHaveLength(1);
      expect(got[0]!.path).toBe('iban');
      expect(got[0]!.message).toMatch(/IBAN/);
      expect(got[0]!.message).not.toContain(corrupted.slice(4));
    });
  }

  it('accepts the printed, grouped form', () => {
    expect(issues(iban('PL61 1090 1014 0000 0712 1981 2874'))).toEqual([]);
    expect(issues(iban('de89 3704 0044 0532 0130 00'))).toEqual([]);
  });

  it('rejects a wrong length for the country', () => {
    expect(issues(iban('DE8937040044053201300'))[0]).toMatchObject({ path: 'iban', message: /length/ });
  });

  it('rejects a country that has no IBAN', () => {
    expect(issues(iban('US64SVBKUS6S3300958879'))[0]).toMatchObject({ path: 'iban', message: /does not use IBAN/ });
  });

  it('validates the optional BIC', () => {
    expect(issues(iban(validIbans.DE!, { bic: 'DEUTDEFF' }))).toEqual([]);
    expect(issues(iban(validIbans.DE!, { bic: 'DEUTDEFF500' }))).toEqual([]);
    expect(issues(iban(validIbans.DE!, { bic: 'DEUT1EFF' }))[0]).toMatchObject({ path: 'bic', message: /BIC/ });
    expect(issues(iban(validIbans.DE!, { bic: 'DEUTZZFF' }))[0]).toMatchObject({ path: 'bic' });
  });
});

const ach = (routingNumber: string) => ({
  method: 'us-ach',
  accountHolder: 'John Smith',
  accountNumber: '123456789',
  routingNumber,
});

describe('ABA routing numbers', () => {
  // JPMorgan Chase NY, Federal Reserve Bank of Boston, Bank of America, Wells Fargo CA, US Treasury.
  const real = ['021000021', '011000015', '026009593', '121000248', '000000518'];
  for (const r of real) it(`accepts ${r}`, () => expect(issues(ach(r))).toEqual([]));

  it('rejects a wrong check digit', () => {
    expect(abaRoutingProblem('021000022')).toBe('checksum');
    expect(issues(ach('021000022'))).toEqual([{ path: 'routingNumber', message: expect.stringMatching(/check digit/) }]);
  });

  it('rejects a prefix no Federal Reserve district uses, even with a good checksum', () => {
    // 5 3 1 0 0 0 0 0 ? : 3*5+7*3+1*1 = 37 -> check digit for the rest must make the sum a multiple of 10.
    const candidate = Array.from({ length: 10 }, (_, d) => `53100000${d}`).find((r) => abaRoutingProblem(r) !== 'checksum')!;
    expect(abaRoutingProblem(candidate)).toBe('prefix');
    expect(issues(ach(candidate))[0]).toMatchObject({ path: 'routingNumber', message: /Federal Reserve/ });
  });

  it('any single-digit change of a valid routing number is caught', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const base = '021000021';
        const d = (Number(base[pos]) + delta) % 10;
        const changed = base.slice(0, pos) + d + base.slice(pos + 1);
        expect(isValidAbaRouting(changed)).toBe(false);
      }),
    );
  });
});

describe('IFSC, sort code and SWIFT', () => {
  it('accepts a well-formed IFSC and rejects a missing reserved zero', () => {
    const base = { method: 'in-ifsc', accountHolder: 'Ravi Kumar', accountNumber: '50100012345678' };
    expect(issues({ ...base, ifsc: 'HDFC0001234' })).toEqual([]);
    expect(issues({ ...base, ifsc: 'SBIN0005943' })).toEqual([]);
    expect(issues({ ...base, ifsc: 'HDFC1001234' })[0]).toMatchObject({ path: 'ifsc', message: /IFSC/ });
  });

  it('accepts sort codes with or without hyphens and rejects 00-00-00', () => {
    const base = { method: 'uk-sort-code', accountHolder: 'Jane Doe', accountNumber: '31926819' };
    expect(issues({ ...base, sortCode: '60-16-13' })).toEqual([]);
    expect(issues({ ...base, sortCode: '601613' })).toEqual([]);
    expect(issues({ ...base, sortCode: '00-00-00' })[0]).toMatchObject({ path: 'sortCode' });
    expect(issues({ ...base, sortCode: '60-16' })[0]).toMatchObject({ path: 'sortCode' });
  });

  // Worked examples from VocaLink's "Validating account numbers" v8.50, chapter 3 (tests 1-34 there).
  it.each([
    ['089999', '66374958', 'standard modulus 10'],
    ['107999', '88837491', 'standard modulus 11'],
    ['202959', '63748472', 'standard double alternate'],
    ['871427', '46238510', 'exception 10 and 11, first check passes'],
    ['820000', '73688637', 'exception 3, ignore 9 in position c'],
    ['118765', '64371389', 'exception 1'],
    ['938611', '07806039', 'exception 7'],
    ['309070', '02355688', 'exception 2 and 9'],
    ['074456', '12345112', 'exception 12 and 13'],
    ['180002', '00000190', 'exception 14'],
  ])('accepts the VocaLink valid example %s %s (%s)', (sortCode, accountNumber) => {
    expect(issues({ method: 'uk-sort-code', accountHolder: 'Jane Doe', sortCode, accountNumber })).toEqual([]);
  });

  it.each([
    ['938063', '15764273', 'exception 5, first check fails'],
    ['938063', '15763217', 'exception 5, second check fails'],
    ['118765', '64371388', 'exception 1, fails'],
    ['203099', '66831036', 'exception 6, first check fails'],
    ['089999', '66374959', 'standard modulus 10, fails'],
    ['107999', '88837493', 'standard modulus 11, fails'],
  ])('rejects the VocaLink invalid example %s %s (%s) on accountNumber', (sortCode, accountNumber) => {
    expect(issues({ method: 'uk-sort-code', accountHolder: 'Jane Doe', sortCode: `${sortCode.slice(0, 2)}-${sortCode.slice(2, 4)}-${sortCode.slice(4)}`, accountNumber })).toEqual([
      { path: 'accountNumber', message: expect.stringMatching(/modulus check/) },
    ]);
  });

  it('a mistyped digit in a real account fails the modulus check; the error never echoes the number', () => {
    const r = issues({ method: 'uk-sort-code', accountHolder: 'Jane Doe', sortCode: '60-16-13', accountNumber: '31926818' });
    expect(r).toHaveLength(1);
    expect(r[0]!.path).toBe('accountNumber');
    expect(r[0]!.message).not.toContain('31926818');
  });

  it('IFSC must name a branch in the RBI directory', () => {
    const base = { method: 'in-ifsc', accountHolder: 'Ravi Kumar', accountNumber: '50100012345678' };
    // State Bank of India's main branch (Kolkata) and an ICICI branch, both in the directory.
    expect(issues({ ...base, ifsc: 'SBIN0000001' })).toEqual([]);
    expect(issues({ ...base, ifsc: 'ICIC0000001' })).toEqual([]);
    expect(issues({ ...base, ifsc: 'SBIN0999999' })).toEqual([{ path: 'ifsc', message: expect.stringMatching(/no branch SBIN0999999 in the RBI IFSC directory/) }]);
    expect(issues({ ...base, ifsc: 'ZZZZ0001234' })).toEqual([{ path: 'ifsc', message: expect.stringMatching(/no bank with code ZZZZ/) }]);
    // A malformed code gets the format error only, not a directory error as well.
    expect(issues({ ...base, ifsc: 'HDFC1001234' })).toHaveLength(1);
  });

  it('SWIFT: BIC must be valid and agree with bankCountry; IBAN-shaped account numbers must be valid IBANs', () => {
    const base = { method: 'swift', accountHolder: 'Olena Shevchenko', bankCountry: 'UA' };
    expect(issues({ ...base, accountNumber: '26007233566001', bic: 'PBANUA2X' })).toEqual([]);
    expect(issues({ ...base, accountNumber: validIbans.UA, bic: 'PBANUA2XXXX' })).toEqual([]);
    expect(issues({ ...base, accountNumber: '26007233566001', bic: 'PBAN1A2X' })[0]).toMatchObject({ path: 'bic' });
    expect(issues({ ...base, accountNumber: '26007233566001', bic: 'DEUTDEFF' })[0]).toMatchObject({
      path: 'bankCountry',
      message: /DE/,
    });
    expect(issues({ ...base, accountNumber: 'UA213223130000026007233566002', bic: 'PBANUA2X' })[0]).toMatchObject({
      path: 'accountNumber',
      message: /IBAN/,
    });
  });
});

describe('random account strings never crash the schema', () => {
  it('iban, routing, sort code, ifsc, bic', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 20 }), (s, t) => {
        for (const input of [
          iban(s),
          iban(validIbans.PL!, { bic: t }),
          ach(s),
          { method: 'uk-sort-code', accountHolder: 'x', accountNumber: '12345678', sortCode: s },
          { method: 'in-ifsc', accountHolder: 'x', accountNumber: '123456789', ifsc: s },
          { method: 'swift', accountHolder: 'x', accountNumber: s, bic: t, bankCountry: 'PL' },
          { method: 'crypto', currency: 'USDT', walletAddress: s },
        ]) {
          const r = paymentDetailsSchema.safeParse(input);
          if (!r.success) expect(r.error.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('random alphanumeric IBAN-shaped strings are either valid or rejected on the iban field', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/), (s) => {
        const got = issues(iban(s));
        for (const i of got) expect(i.path).toBe('iban');
      }),
      { numRuns: 300 },
    );
  });
});
