import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/core';
import { readPhoneMetadata } from './metadata-file';

/** The plans phone keys parse with: the set the functions that judge phones ship already (infra, `phoneMetadata('max')`). */
export const PHONE_KEY_METADATA = 'max' as const;

/**
 * The one key of a phone number, for links between applicants: its E.164 digits where the number parses,
 * so `+44 07911 123456` (the trunk 0 kept after the country code), `+447911123456` and `00447911123456` are
 * one number. A number that does not parse (too short, no country) is keyed by its digits, as every phone
 * was before. `defaultCountry` reads a number written without a country code (a contact change's free text).
 *
 * The numbering plans are read on the first key, not at import: fingerprints.ts, which calls this, is imported
 * for its kinds by every stage function, and only those that key phones ship the plans (infra, `bundleFiles`).
 */
export function phoneKey(given: string, defaultCountry?: string): string {
  const text = asciiDigits(given);
  const digits = text.replace(/[^0-9]/g, '');
  const metadata = readPhoneMetadata(PHONE_KEY_METADATA);
  const e164 = (t: string, country?: string, valid = false) => {
    const parsed = parsePhoneNumberFromString(t, country ? { defaultCountry: country.toUpperCase() as CountryCode } : {}, metadata);
    return parsed && (valid ? parsed.isValid() : parsed.isPossible()) ? parsed.number.slice(1) : undefined;
  };
  // First as dialled from the country given: its own international prefix too (011 from the US and Canada, 0011 from
  // Australia, 001 or 002 from Korea, 8~10 from Russia), which the rule below reads wrong: `001 44 7911…` from Seoul
  // is +44 7911…, not +1 447… (adversarial pass, December 2026). Only a number the plans call valid: `0044 7911…`
  // has the length of some Korean number, and is the British one.
  const dialled = !/^\s*\+/.test(text) && defaultCountry ? e164(text, defaultCountry, true) : undefined;
  if (dialled) return dialled;
  // 00 is the international prefix nearly everywhere (ITU-T E.164 recommends it); no national number starts with it.
  const international = /^\s*(?:\+|00)/.test(text) ? `+${text.trim().replace(/^(?:\+|00)/, '')}` : text;
  return e164(international, defaultCountry) ?? digits;
}

/**
 * Phone text with every decimal digit as an ASCII one and full-width forms as ASCII (NFKC): `＋４４ ７９１１…` and
 * Arabic-Indic `+٤٤٧٩…` are the number `+447911…`. A contact change's new phone is the platform's free text, and one
 * written so was keyed as no phone at all: the held applicant's number came back unlinked (adversarial pass).
 */
export function asciiDigits(text: string): string {
  // Unicode's decimal digits come in runs of ten from zero (the mathematical ones, five runs in a row, NFKC folds).
  return text.normalize('NFKC').replace(/(?![0-9])\p{Nd}/gu, (d) => {
    const cp = d.codePointAt(0)!;
    let zero = cp;
    while (cp - zero < 9 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
    return String(cp - zero);
  });
}
