import type { OnboardingRequest } from '../schemas/onboarding';

type DocType = OnboardingRequest['document']['type'];

/**
 * Usual document-number formats of the countries contractors most often come from, or pose as coming
 * from. A number in the wrong shape for its claimed issuer is typical of forged or invented documents.
 * Formats change over time, so a miss is a review item (medium), never a rejection. Sources: national
 * passport specifications as published by the issuers and PRADO (EU Council public register).
 */
interface NumberFormat {
  pattern: RegExp;
  description: string;
}

const PASSPORT: Record<string, NumberFormat> = {
  US: { pattern: /^([0-9]{9}|[A-Z][0-9]{8})$/, description: '9 digits, or a letter and 8 digits' },
  GB: { pattern: /^[0-9]{9}$/, description: '9 digits' },
  IN: { pattern: /^[A-Z][0-9]{7}$/, description: 'a letter and 7 digits' },
  PK: { pattern: /^[A-Z]{2}[0-9]{7}$/, description: '2 letters and 7 digits' },
  BD: { pattern: /^[A-Z]{1,2}[0-9]{7}$/, description: '1 or 2 letters and 7 digits' },
  PL: { pattern: /^[A-Z]{2}[0-9]{7}$/, description: '2 letters and 7 digits' },
  UA: { pattern: /^[A-Z]{2}[0-9]{6}$/, description: '2 letters and 6 digits' },
  RO: { pattern: /^[0-9]{8,9}$/, description: '8 or 9 digits' },
  BG: { pattern: /^[0-9]{9}$/, description: '9 digits' },
  BY: { pattern: /^[A-Z]{2}[0-9]{7}$/, description: '2 letters and 7 digits' },
  RU: { pattern: /^[0-9]{9}$/, description: '9 digits' },
  DE: { pattern: /^[CFGHJKLMNPRTVWXYZ0-9]{9}$/, description: '9 characters from digits and the letters CFGHJKLMNPRTVWXYZ' },
  SE: { pattern: /^[0-9]{8}$/, description: '8 digits' },
  CN: { pattern: /^(E[A-Z0-9][0-9]{7}|G[0-9]{8})$/, description: '"E" followed by 8 characters, or "G" and 8 digits' },
  KR: { pattern: /^[MSROD]([0-9]{8}|[0-9]{3}[A-Z][0-9]{4})$/, description: 'M/S/R/O/D followed by 8 digits or by 3 digits, a letter and 4 digits' },
  JP: { pattern: /^[A-Z]{2}[0-9]{7}$/, description: '2 letters and 7 digits' },
  VN: { pattern: /^[A-Z][0-9]{7}$/, description: 'a letter and 7 digits' },
  PH: { pattern: /^[A-Z]{1,2}[0-9]{6,7}[A-Z]?$/, description: '1-2 letters, 6-7 digits and an optional letter' },
  NG: { pattern: /^[A-Z][0-9]{8}$/, description: 'a letter and 8 digits' },
  EG: { pattern: /^[A-Z][0-9]{8}$/, description: 'a letter and 8 digits' },
  KZ: { pattern: /^N[0-9]{8}$/, description: '"N" and 8 digits' },
};

const NATIONAL_ID: Record<string, NumberFormat> = {
  PL: { pattern: /^[A-Z]{3}[0-9]{6}$/, description: '3 letters and 6 digits' },
  UA: { pattern: /^[0-9]{9}$/, description: '9 digits' },
  DE: { pattern: /^[CFGHJKLMNPRTVWXYZ0-9]{9}$/, description: '9 characters from digits and the letters CFGHJKLMNPRTVWXYZ' },
  RO: { pattern: /^[A-Z]{2}[0-9]{6}$/, description: '2 letters (series) and 6 digits' },
};

export interface NumberFormatCheck {
  known: boolean;
  ok: boolean;
  description?: string;
}

export function checkDocumentNumberFormat(type: DocType, issuingCountry: string, number: string): NumberFormatCheck {
  const table = type === 'passport' ? PASSPORT : type === 'national-id' ? NATIONAL_ID : {};
  const f = table[issuingCountry];
  if (!f) return { known: false, ok: true };
  const n = number.toUpperCase().replace(/[\s<-]/g, '');
  return { known: true, ok: f.pattern.test(n), description: f.description };
}
