import { composeIBAN, extractIBAN, isValidBBAN, isValidIBAN } from 'ibantools';
import { accountBicOf, isBicDirectoryCountry, type BicDirectoryCountry } from './bic-directory';

/**
 * One account, two spellings: an IBAN embeds the national bank code and account number (its BBAN), so an
 * applicant paid by SWIFT (the bank's BIC and the national account number) and another giving the IBAN name
 * the same account. These functions derive one spelling from the other, where that is exact. Pure but for the
 * bank-code directory (bic-directory.ts), read once.
 */

/**
 * Where the BBAN's bank code and account number sit (characters of the BBAN), for the countries whose accounts
 * are numbered once per bank code, so the bank's BIC and the number name one account: Germany (Bankleitzahl,
 * 10-digit Kontonummer), Austria (Bankleitzahl, 11 digits), the Netherlands (the BIC's own four letters, 10
 * digits), Luxembourg (3-digit bank code, 13 characters). Not France, Spain, Italy, Belgium, the UK...: there the
 * number is unique only with the branch (guichet, oficina, CAB, sort code), which a BIC does not name; their
 * national form is the whole BBAN, met by nationalIban.
 */
const LAYOUT: Record<BicDirectoryCountry, { bank: [number, number]; account: [number, number] }> = {
  DE: { bank: [0, 8], account: [8, 18] },
  AT: { bank: [0, 5], account: [5, 16] },
  NL: { bank: [0, 4], account: [4, 14] },
  LU: { bank: [0, 3], account: [3, 16] },
};

/** The SWIFT form of an IBAN's account: the bank's BIC11 (from the national directory) and the account number. */
export interface SwiftForm {
  bic: string;
  account: string;
}

/** The account as a SWIFT payment to it names it, or undefined where that is not one account (see LAYOUT, accountBicOf). */
export function swiftFormOfIban(iban: string): SwiftForm | undefined {
  const r = extractIBAN(iban);
  if (!r.valid || !r.bban || !r.countryCode || !isBicDirectoryCountry(r.countryCode)) return undefined;
  const layout = LAYOUT[r.countryCode];
  const bic = accountBicOf(r.countryCode, r.bban.slice(...layout.bank));
  return bic ? { bic, account: r.bban.slice(...layout.account) } : undefined;
}

/**
 * The IBAN a national account number given with a SWIFT payment stands for, in the bank's country: the BBAN
 * itself (the French RIB, the Spanish CCC, the Belgian 12 digits, the German Bankleitzahl and Kontonummer run
 * together), or a number that already carries the IBAN check digits (the Polish NRB: the IBAN without "PL").
 * Exact: the same BBAN in one country is the same account. Undefined for anything else.
 */
export function nationalIban(country: string, accountNumber: string): string | undefined {
  const acct = accountNumber.toUpperCase();
  if (isValidIBAN(`${country}${acct}`)) return `${country}${acct}`;
  if (!isValidBBAN(acct, country)) return undefined;
  const iban = composeIBAN({ countryCode: country, bban: acct });
  return iban && isValidIBAN(iban) ? iban : undefined;
}
