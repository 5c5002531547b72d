import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import packageCountries from 'i18n-iso-countries/index.js';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import countries from '../../shared/domain/countries';

/**
 * shared/domain/countries.ts reads i18n-iso-countries' data files instead of bundling the package; every
 * lookup it offers must answer exactly as the package does.
 */
packageCountries.registerLocale(en);
const dataFile = (f: string) => JSON.parse(fs.readFileSync(createRequire(import.meta.url).resolve(`i18n-iso-countries/${f}`), 'utf8'));

describe('countries, as i18n-iso-countries answers', () => {
  const codes = dataFile('codes.json') as string[][];
  const names = Object.values((dataFile('langs/en.json') as { countries: Record<string, string | string[]> }).countries).flat();
  const otherNames = Object.values((dataFile('langs/de.json') as { countries: Record<string, string | string[]> }).countries).flat();
  const odd = ['', ' ', 'constructor', 'CONSTRUCTOR', '__proto__', '__PROTO__', 'toString', 'hasOwnProperty', 'XK', 'UK', 'EU', 'UN', '000', '4', '004', 'D', 'GBD', 'RKS', 'XKX', 'UTO'];
  const codeLike = [...codes.flatMap((c) => [c[0]!, c[1]!, c[2]!, c[0]!.toLowerCase(), c[1]!.toLowerCase()]), ...odd];
  const nameLike = [...names, ...names.map((n) => n.toUpperCase()), ...names.map((n) => ` ${n}`), ...otherNames, ...odd];

  it('isValid, alpha2ToAlpha3 and alpha3ToAlpha2 on every code, in both cases, and odd keys', () => {
    for (const c of codeLike) {
      expect(countries.isValid(c), c).toBe(packageCountries.isValid(c));
      expect(countries.alpha2ToAlpha3(c), c).toBe(packageCountries.alpha2ToAlpha3(c));
      expect(countries.alpha3ToAlpha2(c), c).toBe(packageCountries.alpha3ToAlpha2(c));
    }
    for (const n of [0, 4, 8, 999]) expect(countries.isValid(n)).toBe(packageCountries.isValid(n));
  });

  it('getAlpha2Code on every English name (any case), other languages and odd names', () => {
    for (const n of nameLike) {
      expect(countries.getAlpha2Code(n, 'en'), n).toBe(packageCountries.getAlpha2Code(n, 'en'));
      expect(countries.getAlpha2Code(n, 'EN'), n).toBe(packageCountries.getAlpha2Code(n, 'EN'));
      expect(countries.getAlpha2Code(n, 'de'), n).toBe(packageCountries.getAlpha2Code(n, 'de'));
    }
  });

  it('arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        expect(countries.isValid(s)).toBe(packageCountries.isValid(s));
        expect(countries.alpha3ToAlpha2(s)).toBe(packageCountries.alpha3ToAlpha2(s));
        expect(countries.alpha2ToAlpha3(s)).toBe(packageCountries.alpha2ToAlpha3(s));
        expect(countries.getAlpha2Code(s, 'en')).toBe(packageCountries.getAlpha2Code(s, 'en'));
      }),
      { numRuns: 2000 },
    );
  });
});
