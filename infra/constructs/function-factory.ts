import * as path from 'node:path';
import type { Duration, Stack } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { COUNTRY_DATA_DIR, COUNTRY_DATA_FILES } from '../../shared/domain/countries';
import { PHONE_METADATA_DIR, phoneMetadataFile, type PhoneMetadataSet } from '../../shared/domain/phone/metadata-file';
import { recordRetention } from './data-stores';
import { VetflowFunction } from './vetflow-function';

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
export const countryData: Record<string, readonly string[]> = Object.fromEntries(
  COUNTRY_DATA_FILES.map((f) => [path.posix.join(COUNTRY_DATA_DIR, path.posix.dirname(f)), [`node_modules/i18n-iso-countries/${f}`]]),
);

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
}
