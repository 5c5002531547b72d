import { readFileSync } from 'node:fs';
import { bundledFile } from './bundled-file';

/**
 * ISO 3166 country codes with English names, from i18n-iso-countries' data files: the lookups vetflow uses,
 * written as the package writes them (7.14: isValid, getAlpha2Code, alpha2ToAlpha3, alpha3ToAlpha2; the
 * package's own tests are not ours to rerun, so test/screening/countries.test.ts compares every answer with
 * the package's). The data is read from its JSON files rather than bundled with the package's entry point,
 * which also pulls in a diacritics table for a lookup we never make: 23 KB of each bundle that touches
 * countries. The stack ships the files beside those bundles (infra, `bundleFiles`); they are read once, at
 * module init. From source they come from the package.
 */
export const COUNTRY_DATA_DIR = 'i18n-iso-countries';
export const COUNTRY_DATA_FILES = ['codes.json', 'langs/en.json'] as const;

function read<T>(file: (typeof COUNTRY_DATA_FILES)[number]): T {
  return JSON.parse(readFileSync(bundledFile(import.meta.url, COUNTRY_DATA_DIR, file, `i18n-iso-countries/${file}`), 'utf8')) as T;
}

interface Tables {
  /** alpha-2 -> alpha-3, alpha-3 -> alpha-2, numeric -> alpha-2 (the package's own tables). */
  alpha2: Record<string, string>;
  alpha3: Record<string, string>;
  numeric: Record<string, string>;
  englishNames: Record<string, string | string[]>;
}

/**
 * The tables, read on first use: a bundle that imports this module through a shared one (the fingerprints: every
 * function keys something) but never asks about a country needs no copy of the data files.
 */
let loaded: Tables | undefined;
function tables(): Tables {
  if (loaded) return loaded;
  const t: Tables = { alpha2: {}, alpha3: {}, numeric: {}, englishNames: read<{ locale: string; countries: Record<string, string | string[]> }>('langs/en.json').countries };
  for (const [a2, a3, num] of read<[string, string, string, string][]>('codes.json')) {
    t.alpha2[a2] = a3;
    t.alpha3[a3] = a2;
    t.numeric[num] = a2;
  }
  return (loaded = t);
}

const has = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** Whether the code is an ISO 3166-1 alpha-2, alpha-3 or numeric code (any case). */
function isValid(code: string | number | undefined): boolean {
  if (!code) return false;
  const coerced = code.toString().toUpperCase();
  const { alpha2, alpha3, numeric } = tables();
  return has(alpha3, coerced) || has(alpha2, coerced) || has(numeric, coerced);
}

function alpha3ToAlpha2(code: string): string | undefined {
  return tables().alpha3[code];
}

function alpha2ToAlpha3(code: string): string | undefined {
  return tables().alpha2[code];
}

/** The alpha-2 code whose English name (or one of its names) equals `name`, ignoring case. Only 'en' is loaded. */
function getAlpha2Code(name: string, lang: string): string | undefined {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  try {
    const codenames = lang.toLowerCase() === 'en' ? tables().englishNames : undefined;
    for (const p in codenames) {
      if (!has(codenames, p)) continue;
      const names = codenames[p];
      if (typeof names === 'string' && same(names, name)) return p;
      if (Array.isArray(names)) for (const mapped of names) if (same(mapped, name)) return p;
    }
    return undefined;
  } catch {
    return undefined;
  }
}

export default { isValid, alpha3ToAlpha2, alpha2ToAlpha3, getAlpha2Code };
