/**
 * Format rules for local bank codes. The IFSC (India) is four letters of bank code, a reserved "0", then
 * six characters of branch; the UK sort code is six digits. The checks against published tables (UK
 * modulus check, IFSC directory) are in bank-directory-checks.ts, which only intake validation loads.
 */
export function normalizeSortCode(sortCode: string): string {
  return sortCode.replace(/[-\s]/g, '');
}

export function sortCodeProblem(sortCode: string): string | undefined {
  const s = normalizeSortCode(sortCode);
  if (!/^[0-9]{6}$/.test(s)) return 'expected a sort code such as "12-34-56"';
  if (s === '000000') return 'sort code 00-00-00 is not issued';
  return undefined;
}

export function normalizeIfsc(ifsc: string): string {
  return ifsc.trim().toUpperCase();
}

export function ifscProblem(ifsc: string): string | undefined {
  const s = normalizeIfsc(ifsc);
  if (!/^[A-Z]{4}0[A-Z0-9]{6}$/.test(s)) return 'expected an IFSC such as "HDFC0001234" (5th character is zero)';
  return undefined;
}

/** The bank part of an IFSC (first four letters), used to group accounts of the same bank. */
export function ifscBank(ifsc: string): string {
  return normalizeIfsc(ifsc).slice(0, 4);
}
