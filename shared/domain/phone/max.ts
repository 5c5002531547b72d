import { parsePhoneNumberFromString as parse, type PhoneNumber } from 'libphonenumber-js/core';
import { readPhoneMetadata } from './metadata-file';

/** The "max" numbering plans (what `import 'libphonenumber-js/max'` uses): only they know number types (VOIP). */
const metadata = readPhoneMetadata('max');

/** As `parsePhoneNumberFromString` of 'libphonenumber-js/max'. */
export function parsePhoneNumberFromString(text: string): PhoneNumber | undefined {
  return parse(text, metadata);
}
