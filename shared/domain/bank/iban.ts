import { electronicFormatIBAN, extractIBAN, validateIBAN, ValidationErrorsIBAN } from 'ibantools';

/** Removes spaces and hyphens and upper-cases: people paste IBANs in their printed, grouped form. */
export function normalizeIban(iban: string): string {
  return electronicFormatIBAN(iban.replace(/-/g, '')) ?? '';
}

/** Why an IBAN is rejected at intake, in words an HRIS integrator can act on; undefined when valid. */
export function ibanProblem(iban: string): string | undefined {
  const e = normalizeIban(iban);
  if (!/^[A-Z0-9]+$/.test(e)) return 'IBAN may only contain letters, digits and spaces';
  const result = validateIBAN(e, { allowQRIBAN: true });
  if (result.valid) return undefined;
  const code = result.errorCodes[0];
  switch (code) {
    case ValidationErrorsIBAN.NoIBANCountry:
      return `IBAN country "${e.slice(0, 2)}" does not use IBANs`;
    case ValidationErrorsIBAN.WrongBBANLength:
      return `IBAN has the wrong length for country ${e.slice(0, 2)}`;
    case ValidationErrorsIBAN.WrongBBANFormat:
      return `IBAN account part does not match the format of country ${e.slice(0, 2)}`;
    case ValidationErrorsIBAN.ChecksumNotNumber:
    case ValidationErrorsIBAN.WrongIBANChecksum:
      return 'IBAN check digits are wrong (mistyped?)';
    case ValidationErrorsIBAN.WrongAccountBankBranchChecksum:
      return 'IBAN national account checksum is wrong (mistyped?)';
    default:
      return 'IBAN is not valid';
  }
}

export function ibanCountry(iban: string): string | undefined {
  const r = extractIBAN(normalizeIban(iban));
  return r.valid ? r.countryCode : undefined;
}
