import { parsePhoneNumberFromString as parse, type PhoneNumber } from 'libphonenumber-js/core';
import { readPhoneMetadata } from './metadata-file';

/** The "min" numbering plans (what `import 'libphonenumber-js'` uses): countries and validity, no number types. */
const metadata = readPhoneMetadata('min');

/** As `parsePhoneNumberFromString` of 'libphonenumber-js'. */
export function parsePhoneNumberFromString(text: string): PhoneNumber | undefined {
  return parse(text, metadata);
}
