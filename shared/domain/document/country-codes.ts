import countries from '../countries';

/**
 * ICAO 9303 part 3 codes that are not ISO 3166-1 alpha-3: Germany's "D", the British nationality
 * variants, Kosovo, UN and stateless/refugee designations. "UTO" (Utopia) is ICAO's fictional specimen
 * state: it maps to no country, which is how specimen zones are recognised.
 */
const ICAO_EXTRA: Record<string, string> = {
  D: 'DE',
  GBD: 'GB',
  GBN: 'GB',
  GBO: 'GB',
  GBP: 'GB',
  GBS: 'GB',
  RKS: 'XK',
  XKX: 'XK',
};

/** Alpha-2 for an MRZ country code ("D<<" and "DEU" are both DE); undefined for UN/XXA/UTO/garbage. */
export function mrzCodeToAlpha2(code: string): string | undefined {
  const c = code.replace(/</g, '').toUpperCase();
  return ICAO_EXTRA[c] ?? countries.alpha3ToAlpha2(c) ?? undefined;
}

/** Every MRZ code that legitimately stands for this alpha-2 country. */
export function mrzCodesFor(alpha2: string): string[] {
  const a3 = countries.alpha2ToAlpha3(alpha2);
  const extra = Object.entries(ICAO_EXTRA)
    .filter(([, a2]) => a2 === alpha2)
    .map(([code]) => code);
  return [...(a3 ? [a3] : []), ...extra];
}

export function isKnownAlpha2(alpha2: string): boolean {
  return countries.isValid(alpha2);
}
