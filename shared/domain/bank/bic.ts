import { extractBIC, isValidBIC } from 'ibantools';

/** Upper-cases and drops spaces, so "deut de ff" and "DEUTDEFF" are the same code. */
export function normalizeBic(bic: string): string {
  return bic.replace(/\s+/g, '').toUpperCase();
}

/**
 * A BIC8 and its BIC11 "XXX" primary-office form name the same institution; the canonical form is BIC11
 * so that fingerprints and sanctions lookups do not miss a match because one side wrote 8 characters.
 */
export function canonicalBic(bic: string): string {
  const b = normalizeBic(bic);
  return b.length === 8 ? `${b}XXX` : b;
}

export function isValidBicCode(bic: string): boolean {
  return isValidBIC(normalizeBic(bic));
}

/** ISO country of the institution (characters 5-6 of the BIC), or undefined for an invalid BIC. */
export function bicCountry(bic: string): string | undefined {
  const r = extractBIC(normalizeBic(bic));
  return r.valid ? r.countryCode : undefined;
}

/** The 4-letter institution code (characters 1-4): the same bank across all its branches. */
export function bicInstitution(bic: string): string | undefined {
  const r = extractBIC(normalizeBic(bic));
  return r.valid ? r.bankCode : undefined;
}
