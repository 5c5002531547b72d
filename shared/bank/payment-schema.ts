import { z } from 'zod';
import { countryCode, email, shortText } from '../schemas/common';

/**
 * Payment details as the HRIS submits them. Each bank format is validated here with its checksum and
 * country rules so that a malformed account is a 400 at intake, not a finding. Crypto wallets and payment
 * platforms are accepted at intake on purpose: they are red flags the bank stage reports as findings.
 */
const holder = shortText(200);

export const ibanPayment = z.strictObject({
  method: z.literal('iban'),
  accountHolder: holder,
  iban: z.string().min(15).max(42),
  bic: z.string().min(8).max(11).optional(),
  bankName: shortText(200).optional(),
});

export const usAchPayment = z.strictObject({
  method: z.literal('us-ach'),
  accountHolder: holder,
  accountNumber: z.string().regex(/^[0-9]{4,17}$/, 'expected 4 to 17 digits'),
  routingNumber: z.string().regex(/^[0-9]{9}$/, 'expected a 9-digit ABA routing number'),
  accountType: z.enum(['checking', 'savings']).optional(),
  bankName: shortText(200).optional(),
});

export const indiaIfscPayment = z.strictObject({
  method: z.literal('in-ifsc'),
  accountHolder: holder,
  accountNumber: z.string().regex(/^[0-9]{9,18}$/, 'expected 9 to 18 digits'),
  ifsc: z.string().regex(/^[A-Z]{4}0[A-Z0-9]{6}$/, 'expected an IFSC such as "HDFC0001234"'),
  bankName: shortText(200).optional(),
});

export const ukSortCodePayment = z.strictObject({
  method: z.literal('uk-sort-code'),
  accountHolder: holder,
  accountNumber: z.string().regex(/^[0-9]{8}$/, 'expected 8 digits'),
  sortCode: z.string().regex(/^[0-9]{2}-?[0-9]{2}-?[0-9]{2}$/, 'expected a sort code such as "12-34-56"'),
  bankName: shortText(200).optional(),
});

export const swiftPayment = z.strictObject({
  method: z.literal('swift'),
  accountHolder: holder,
  accountNumber: z.string().regex(/^[A-Z0-9]{4,34}$/, 'expected 4 to 34 letters or digits'),
  bic: z.string().min(8).max(11),
  bankCountry: countryCode,
  bankName: shortText(200).optional(),
});

export const cryptoPayment = z.strictObject({
  method: z.literal('crypto'),
  currency: z.string().regex(/^[A-Z0-9]{2,10}$/, 'expected a currency ticker such as "USDT"'),
  walletAddress: z.string().min(20).max(128),
});

export const platformPayment = z.strictObject({
  method: z.literal('payment-platform'),
  provider: shortText(64),
  accountEmail: email,
});

export const paymentDetailsSchema = z.discriminatedUnion('method', [
  ibanPayment,
  usAchPayment,
  indiaIfscPayment,
  ukSortCodePayment,
  swiftPayment,
  cryptoPayment,
  platformPayment,
]);
export type PaymentDetails = z.infer<typeof paymentDetailsSchema>;
