import { isKnownIfsc, isKnownIfscBank } from './ifsc-directory';
import { ifscProblem, normalizeIfsc, normalizeSortCode, sortCodeProblem } from './local-bank-codes';
import { passesUkModulusCheck } from './uk-modulus';

/**
 * Checks of local bank codes against published tables, for intake validation: a sort code with its
 * account number must pass the VocaLink modulus check, and an IFSC (which has no check digit) must name a
 * branch in the RBI directory. Messages name the field and never echo the account number.
 */
export function ukAccountProblem(sortCode: string, accountNumber: string): string | undefined {
  if (sortCodeProblem(sortCode) || !/^[0-9]{8}$/.test(accountNumber)) return undefined;
  if (passesUkModulusCheck(normalizeSortCode(sortCode), accountNumber)) return undefined;
  return 'accountNumber does not pass the UK modulus check for this sort code (mistyped sort code or account number?)';
}

export function ifscDirectoryProblem(ifsc: string): string | undefined {
  if (ifscProblem(ifsc)) return undefined;
  const s = normalizeIfsc(ifsc);
  if (!isKnownIfscBank(s)) return `ifsc: no bank with code ${s.slice(0, 4)} in the RBI IFSC directory`;
  if (!isKnownIfsc(s)) return `ifsc: no branch ${s} in the RBI IFSC directory (mistyped?)`;
  return undefined;
}
