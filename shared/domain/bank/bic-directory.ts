import { readFileSync } from 'node:fs';
import { bundledFile } from '../bundled-file';

/**
 * National bank code -> BIC, from the central banks' directories as the `iban-to-bic` package ships them
 * (datasets/<cc>.json: Bundesbank, OeNB, De Nederlandsche Bank, BCL). Only the countries whose IBAN account
 * can be linked to its SWIFT form (national-account.ts) are read. The files (about 110 KB) ship beside the
 * bundles of the functions that key payout accounts (infra, `bundleFiles`), not in them; from source (tests,
 * tools) they are read from the package, on the first IBAN of one of these countries a process keys.
 */
export const BIC_DIRECTORY_DIR = 'bic-directory';
export const BIC_DIRECTORY_COUNTRIES = ['AT', 'DE', 'LU', 'NL'] as const;
export type BicDirectoryCountry = (typeof BIC_DIRECTORY_COUNTRIES)[number];

/** The package's data files, relative to the project root (for the stack's bundleFiles). */
export const bicDirectorySources = (): string[] => BIC_DIRECTORY_COUNTRIES.map((cc) => `node_modules/iban-to-bic/datasets/${cc.toLowerCase()}.json`);

interface CountryDirectory {
  /** Bank code -> BIC11. */
  bics: Map<string, string>;
  /** BIC11 -> how many bank codes name it. */
  codesPerBic: Map<string, number>;
}

const cache = new Map<BicDirectoryCountry, CountryDirectory>();

// In a Lambda environment only beside the bundle: a function deployed without the files fails instead of keying no BIC.
const filePath = (cc: BicDirectoryCountry) => bundledFile(import.meta.url, BIC_DIRECTORY_DIR, `${cc.toLowerCase()}.json`, `iban-to-bic/datasets/${cc.toLowerCase()}.json`);

function directory(cc: BicDirectoryCountry): CountryDirectory {
  let d = cache.get(cc);
  if (!d) {
    const raw = JSON.parse(readFileSync(filePath(cc), 'utf8')) as Record<string, string>;
    const bics = new Map(Object.entries(raw).map(([code, bic]) => [code, bic.length === 8 ? `${bic}XXX` : bic.toUpperCase()]));
    const codesPerBic = new Map<string, number>();
    for (const bic of bics.values()) codesPerBic.set(bic, (codesPerBic.get(bic) ?? 0) + 1);
    d = { bics, codesPerBic };
    cache.set(cc, d);
  }
  return d;
}

export function isBicDirectoryCountry(cc: string): cc is BicDirectoryCountry {
  return (BIC_DIRECTORY_COUNTRIES as readonly string[]).includes(cc);
}

/**
 * The BIC11 that names one bank's accounts, for a national bank code; undefined when the directory has none,
 * or when the BIC is shared by several bank codes that may be several banks: in Austria a regional central
 * institution's branch BIC (`RVSAAT2S039`) receives for a dozen Raiffeisenbanken, each numbering its own
 * accounts, so the BIC and a number alone do not name one account. A German head-office BIC (`COBADEFFXXX`)
 * named by many bank codes is one bank's (Commerzbank's branches), which numbers its accounts once.
 */
export function accountBicOf(cc: BicDirectoryCountry, bankCode: string): string | undefined {
  const d = directory(cc);
  const bic = d.bics.get(bankCode);
  if (!bic) return undefined;
  const shared = (d.codesPerBic.get(bic) ?? 0) > 1;
  return !shared || (cc === 'DE' && bic.endsWith('XXX')) ? bic : undefined;
}
