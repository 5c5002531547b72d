import * as z from '../schemas/zod';
import { getCountrySpecifications } from 'ibantools';
import { countryCode, email, shortText } from '../schemas/common';
import { abaRoutingProblem } from './aba-routing';
import { bicCountry, isValidBicCode } from './bic';
import { ibanProblem } from './iban';
import { ifscDirectoryProblem, ukAccountProblem } from './bank-directory-checks';
import { sortCodeProblem } from './local-bank-codes';

/**
 * Payment details as the HRIS submits them. Each bank format is validated here with its checksum and
 * country rules so that a malformed account is a 400 at intake, not a finding. Crypto wallets and payment
 * platforms are accepted at intake on purpose: they are red flags the bank stage reports as findings.
 * Likewise a BIC whose country differs from the IBAN's is accepted (correspondent set-ups exist) and left
 * to the bank stage. Error messages name the field and never echo the account number.
 */
const holder = shortText(200);

type Ctx = z.core.$RefinementCtx;

function checkBic(bic: string | undefined, field: string, ctx: Ctx): void {
  if (bic !== undefined && !isValidBicCode(bic))
    ctx.addIssue({
      code: 'custom',
      path: [field],
      message: 'BIC is not valid: expected 8 or 11 characters such as "DEUTDEFF" or "DEUTDEFF500"',
    });
}

export const ibanPayment = z
  .strictObject({
    method: z.literal('iban'),
    accountHolder: holder,
    iban: z.string().check(z.minLength(15), z.maxLength(42)),
    bic: z.optional(z.string().check(z.minLength(8), z.maxLength(11))),
    bankName: z.optional(shortText(200)),
  })
  .check(
    z.superRefine((p, ctx) => {
      const problem = ibanProblem(p.iban);
      if (problem) ctx.addIssue({ code: 'custom', path: ['iban'], message: problem });
      checkBic(p.bic, 'bic', ctx);
    }),
  );

export const usAchPayment = z
  .strictObject({
    method: z.literal('us-ach'),
    accountHolder: holder,
    accountNumber: z.string().check(z.regex(/^[0-9]{4,17}$/, 'expected 4 to 17 digits')),
    routingNumber: z.string().check(z.regex(/^[0-9]{9}$/, 'expected a 9-digit ABA routing number')),
    accountType: z.optional(z.enum(['checking', 'savings'])),
    bankName: z.optional(shortText(200)),
  })
  .check(
    z.superRefine((p, ctx) => {
      const problem = abaRoutingProblem(p.routingNumber);
      if (problem === 'prefix')
        ctx.addIssue({
          code: 'custom',
          path: ['routingNumber'],
          message: 'routingNumber does not start with a Federal Reserve prefix (01-12, 21-32, 61-72, 80)',
        });
      else if (problem === 'checksum') ctx.addIssue({ code: 'custom', path: ['routingNumber'], message: 'routingNumber check digit is wrong (mistyped?)' });
    }),
  );

const ifscFormat = /^[A-Z]{4}0[A-Z0-9]{6}$/;

export const indiaIfscPayment = z
  .strictObject({
    method: z.literal('in-ifsc'),
    accountHolder: holder,
    accountNumber: z.string().check(z.regex(/^[0-9]{9,18}$/, 'expected 9 to 18 digits')),
    ifsc: z.string().check(z.regex(ifscFormat, 'expected an IFSC such as "HDFC0001234" (5th character is zero)')),
    bankName: z.optional(shortText(200)),
  })
  .check(
    z.superRefine((p, ctx) => {
      // The format error is already reported; the directory is asked only about well-formed codes.
      if (!ifscFormat.test(p.ifsc)) return;
      const problem = ifscDirectoryProblem(p.ifsc);
      if (problem) ctx.addIssue({ code: 'custom', path: ['ifsc'], message: problem });
    }),
  );

export const ukSortCodePayment = z
  .strictObject({
    method: z.literal('uk-sort-code'),
    accountHolder: holder,
    accountNumber: z.string().check(z.regex(/^[0-9]{8}$/, 'expected 8 digits')),
    sortCode: z.string().check(z.regex(/^[0-9]{2}-?[0-9]{2}-?[0-9]{2}$/, 'expected a sort code such as "12-34-56"')),
    bankName: z.optional(shortText(200)),
  })
  .check(
    z.superRefine((p, ctx) => {
      const problem = sortCodeProblem(p.sortCode);
      if (problem) ctx.addIssue({ code: 'custom', path: ['sortCode'], message: `sortCode: ${problem}` });
      else {
        const modulus = ukAccountProblem(p.sortCode, p.accountNumber);
        if (modulus) ctx.addIssue({ code: 'custom', path: ['accountNumber'], message: modulus });
      }
    }),
  );

const ibanCountries = new Set(
  Object.entries(getCountrySpecifications())
    .filter(([, spec]) => spec.IBANRegistry && spec.chars)
    .map(([cc]) => cc),
);

export const swiftPayment = z
  .strictObject({
    method: z.literal('swift'),
    accountHolder: holder,
    accountNumber: z.string().check(z.regex(/^[A-Z0-9]{4,34}$/, 'expected 4 to 34 letters or digits')),
    bic: z.string().check(z.minLength(8), z.maxLength(11)),
    bankCountry: countryCode,
    bankName: z.optional(shortText(200)),
  })
  .check(
    z.superRefine((p, ctx) => {
      checkBic(p.bic, 'bic', ctx);
      const fromBic = bicCountry(p.bic);
      // The BIC names the receiving institution; a different bankCountry means one of the two is wrong,
      // and routing money on a guess is worse than asking the HRIS to correct it.
      if (fromBic && fromBic !== p.bankCountry)
        ctx.addIssue({
          code: 'custom',
          path: ['bankCountry'],
          message: `bankCountry ${p.bankCountry} differs from the BIC's country ${fromBic}`,
        });
      // An account number that is shaped like an IBAN of an IBAN country must be a valid IBAN: otherwise a
      // typo would only surface as a failed payment weeks later.
      const looksLikeIban = /^[A-Z]{2}[0-9]{2}/.test(p.accountNumber) && ibanCountries.has(p.accountNumber.slice(0, 2));
      if (looksLikeIban) {
        const problem = ibanProblem(p.accountNumber);
        if (problem) ctx.addIssue({ code: 'custom', path: ['accountNumber'], message: `accountNumber: ${problem}` });
      }
    }),
  );

export const cryptoPayment = z.strictObject({
  method: z.literal('crypto'),
  currency: z.string().check(z.regex(/^[A-Z0-9]{2,10}$/, 'expected a currency ticker such as "USDT"')),
  walletAddress: z.string().check(z.minLength(20), z.maxLength(128), z.regex(/^[A-Za-z0-9:._-]+$/, 'expected a wallet address of letters, digits, ":", ".", "_" or "-"')),
});

export const platformPayment = z.strictObject({
  method: z.literal('payment-platform'),
  provider: shortText(64),
  accountEmail: email,
});

export const paymentDetailsSchema = z.discriminatedUnion('method', [ibanPayment, usAchPayment, indiaIfscPayment, ukSortCodePayment, swiftPayment, cryptoPayment, platformPayment]);
export type PaymentDetails = z.infer<typeof paymentDetailsSchema>;
