import { readFileSync } from 'node:fs';
import type { MetadataJson } from 'libphonenumber-js/core';
import { bundledFile } from '../bundled-file';

/**
 * libphonenumber's metadata, read from its JSON file instead of bundled: the numbering plans are most of the
 * library (the "max" set 153 KB of a bundle, the "min" set 80 KB), so the stack ships the file beside the
 * bundles of the functions that parse numbers (infra, `bundleFiles`) and the code is libphonenumber-js/core,
 * the same functions the package's entry points bind to the same files. Read once, at module init. From
 * source (tests, tools) the file comes from the package.
 */
export const PHONE_METADATA_DIR = 'libphonenumber-js';
export type PhoneMetadataSet = 'min' | 'max';
export const phoneMetadataFile = (set: PhoneMetadataSet) => `metadata.${set}.json`;

const read = new Map<PhoneMetadataSet, MetadataJson>();

/** Each set read once per container, whichever module asks first (max.ts at init, phone-key.ts on first use). */
export function readPhoneMetadata(set: PhoneMetadataSet): MetadataJson {
  const cached = read.get(set);
  if (cached) return cached;
  const file = bundledFile(import.meta.url, PHONE_METADATA_DIR, phoneMetadataFile(set), `libphonenumber-js/${phoneMetadataFile(set)}`);
  const metadata = JSON.parse(readFileSync(file, 'utf8')) as MetadataJson;
  read.set(set, metadata);
  return metadata;
}
