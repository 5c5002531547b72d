import type { PaymentDetails } from './payment-schema';
import { bicCountry } from './bic';
import { ibanCountry } from './iban';

/**
 * Country where the receiving account is held: the IBAN's country (not the BIC's: an IBAN names the
 * account's own jurisdiction), the fixed country of a national format, or the declared SWIFT bank
 * country. Crypto wallets and payment platforms have no bank country.
 */
export function bankCountryOf(payment: PaymentDetails): string | undefined {
  switch (payment.method) {
    case 'iban':
      return ibanCountry(payment.iban) ?? (payment.bic ? bicCountry(payment.bic) : undefined);
    case 'us-ach':
      return 'US';
    case 'in-ifsc':
      return 'IN';
    case 'uk-sort-code':
      return 'GB';
    case 'swift':
      return payment.bankCountry;
    case 'crypto':
    case 'payment-platform':
      return undefined;
  }
}

/** The BIC declared with the payment, if any (IBAN payments carry one optionally, SWIFT always). */
export function bicOf(payment: PaymentDetails): string | undefined {
  return payment.method === 'iban' || payment.method === 'swift' ? payment.bic : undefined;
}

/** The declared account holder; wallets have none (which is itself part of why they are a red flag). */
export function accountHolderOf(payment: PaymentDetails): string | undefined {
  return 'accountHolder' in payment ? payment.accountHolder : undefined;
}
