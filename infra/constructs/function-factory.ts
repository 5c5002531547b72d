import * as path from 'node:path';
import type { Duration, Stack } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { SNAPSHOT_BUNDLE_DIR, SNAPSHOT_ENTRIES, SNAPSHOT_SOURCE_DIR } from '../../shared/adapters/sanctions-lists/sanctions-snapshot';
import { COUNTRY_DATA_DIR, COUNTRY_DATA_FILES } from '../../shared/domain/countries';
import { BIC_DIRECTORY_DIR, bicDirectorySources } from '../../shared/domain/bank/bic-directory';
import { HANJA_DATA_DIR, HANJA_READINGS_SOURCE } from '../../shared/domain/screening/hanja-table';
import { PHONE_METADATA_DIR, phoneMetadataFile, type PhoneMetadataSet } from '../../shared/domain/phone/metadata-file';
import { recordRetention } from './data-stores';
import { LAMBDA_TASK_ROOT, VetflowFunction } from './vetflow-function';

export interface FunctionFactoryProps {
  /** Environment every function gets (table, secret, mail sender, event bus, webhook). */
  readonly common: Record<string, string>;
  /** Encrypts the functions' log groups. */
  readonly key: kms.IKey;
  /** Validated policy and interviewer pool, baked into every bundle. */
  readonly define: Record<string, string>;
}

/**
 * Makes the stack's functions with what they all share: the common environment, the log key and retention,
 * the baked-in configuration. A function named `reminders` lives in functions/reminders/ and is the stack's
 * `RemindersFunction` (in the stack's own scope, as always: logical IDs).
 */
export class FunctionFactory {
  constructor(
    private readonly stack: Stack,
    private readonly props: FunctionFactoryProps,
  ) {}

  fn(
    name: string,
    description: string,
    environment: Record<string, string> = {},
    memorySize?: number,
    bundleFiles?: Record<string, readonly string[]>,
    timeout?: Duration,
    afterBundling?: (outputDir: string) => readonly string[],
  ): VetflowFunction {
    return new VetflowFunction(this.stack, `${pascal(name)}Function`, {
      name,
      description,
      environment: { ...this.props.common, ...environment },
      logKey: this.props.key,
      logRetention: recordRetention,
      define: this.props.define,
      ...(memorySize ? { memorySize } : {}),
      ...(bundleFiles ? { bundleFiles } : {}),
      ...(timeout ? { timeout } : {}),
      ...(afterBundling ? { afterBundling } : {}),
    });
  }
}

// libphonenumber's numbering plans ship beside the bundles that parse phone numbers, not in them
// (shared/domain/phone/metadata-file.ts): 80 KB (min) or 153 KB (max) of a bundle otherwise.
export const phoneMetadata = (set: PhoneMetadataSet) => ({ [PHONE_METADATA_DIR]: [`node_modules/libphonenumber-js/${phoneMetadataFile(set)}`] });

// Likewise the ISO country tables of the functions that match country codes and names (shared/domain/countries.ts).
/**
 * The national bank code -> BIC directories (shared/domain/bank/bic-directory.ts), beside the bundle of every function
 * that keys a payout account (applicationFingerprints, accountFingerprints): an IBAN is keyed by its SWIFT form too.
 */
export const bicDirectory: Record<string, readonly string[]> = { [BIC_DIRECTORY_DIR]: bicDirectorySources() };

/**
 * The Sino-Korean readings of Han characters (shared/domain/screening/hanja-table.ts, 64 KB), beside the bundle of
 * every function that screens names: a name in Hanja is read as Korean there, on the first such name.
 */
export const hanjaReadings: Record<string, readonly string[]> = { [HANJA_DATA_DIR]: [HANJA_READINGS_SOURCE] };

export const countryData: Record<string, readonly string[]> = Object.fromEntries(
  COUNTRY_DATA_FILES.map((f) => [path.posix.join(COUNTRY_DATA_DIR, path.posix.dirname(f)), [`node_modules/i18n-iso-countries/${f}`]]),
);

const quote = (p: string) => `'${p.replaceAll("'", "'\\''")}'`;

/**
 * The committed lists snapshot, for every function that screens (names, payee BICs and wallets): its files
 * beside the bundle (1.2 MB), SANCTIONS_SNAPSHOT_DIR pointing at them, and its prebuilt index built there
 * (npm run sanctions:index) so that a container on the snapshot reads it instead of parsing the lists. Built
 * at synth rather than committed: it depends on the matcher's code, which changes more often than the lists.
 * Until the daily refresh has filled the lists bucket (or while it cannot be read), the snapshot is what such
 * a function screens against, and every screening against it says so; without it, a payee would go unscreened.
 */
export const listsSnapshot = {
  environment: { SANCTIONS_SNAPSHOT_DIR: `${LAMBDA_TASK_ROOT}/${SNAPSHOT_BUNDLE_DIR}` },
  bundleFiles: { [SNAPSHOT_BUNDLE_DIR]: SNAPSHOT_ENTRIES.map((e) => path.posix.join(SNAPSHOT_SOURCE_DIR, e)) },
  afterBundling: (outputDir: string): string[] => [`${quote(process.execPath)} --import tsx infra/tools/publish-index-cli.ts --quiet --dir ${quote(path.join(outputDir, SNAPSHOT_BUNDLE_DIR))}`],
} as const;

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
}
