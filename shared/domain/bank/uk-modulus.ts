import { createRequire } from 'node:module';

/**
 * The VocaLink modulus check, from `uk-modulus-check` (MIT; VocaLink weight table valacdos v8.50). The
 * package inlines its table (about 110 KB minified), so it is required on the first UK account a cold
 * start sees rather than bundled: the stack ships the package beside the intake bundle (infra,
 * `bundleFiles`), where this require finds it; from source it comes from the project's node_modules.
 */
type Validate = (sortCode: string, accountNumber: string) => boolean;
let validate: Validate | undefined;

export const UK_MODULUS_PACKAGE = 'uk-modulus-check';

/** Sort code (6 digits) and account number (8 digits) pass the modulus check, or no check is defined for them. */
export function passesUkModulusCheck(sortCode: string, accountNumber: string): boolean {
  validate ??= (createRequire(import.meta.url)(UK_MODULUS_PACKAGE) as { validateAccountDetails: Validate }).validateAccountDetails;
  return validate(sortCode, accountNumber);
}
