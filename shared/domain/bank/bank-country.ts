import type { PaymentDetails } from './payment-schema';
import { bicCountry } from './bic';
import { ibanCountry, ibanProblem, normalizeIban } from './iban';

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
    case 'swift': {
      // An IBAN given as the account number names the account's country, whatever bank the payment goes
      // through: an Iranian IBAN behind a German correspondent was judged German (tenth session's pass).
      const acct = normalizeIban(payment.accountNumber);
      return ibanProblem(acct) === undefined ? (ibanCountry(acct) ?? payment.bankCountry) : payment.bankCountry;
    }
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
