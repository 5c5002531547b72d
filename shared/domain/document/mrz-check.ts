import { parse, type Details, type ParseResult } from 'mrz';
import { finding, type Finding, type Severity } from '../finding';
import type { OnboardingRequest } from '../schemas/onboarding';
import { mrzCodeToAlpha2, mrzCodesFor } from './country-codes';
import { DOC_CODES as C, ICAO_9303 } from './doc-codes';
import { compareNames } from './name-compare';
import { icaoVariants } from './transliterate';
import { maskDocumentNumber } from './mask';

/** The declared document data the zone is compared with (the intake `document` object). */
export type DeclaredDocument = Pick<OnboardingRequest['document'], 'type' | 'issuingCountry' | 'number' | 'surname' | 'givenNames' | 'birthDate' | 'sex' | 'nationality' | 'expiryDate'>;

/** The zone's fields as printed (dates YYMMDD, countries as ICAO codes) plus resolved alpha-2 codes. */
export interface MrzFields {
  documentCode: string;
  issuingCode: string;
  issuingAlpha2?: string;
  nationalityCode: string;
  nationalityAlpha2?: string;
  surname: string;
  givenNames: string;
  number: string;
  birthDate: string;
  sex: 'M' | 'F' | 'X';
  expiryDate: string;
}

export interface MrzCheckResult {
  format?: 'TD1' | 'TD2' | 'TD3';
  /** True when the zone parsed and every check digit is right. */
  checkDigitsValid: boolean;
  /** Present when the zone parsed; individual values are '' when unreadable. */
  fields?: MrzFields;
  findings: Finding[];
}

const stage = 'document' as const;
const LINE_LENGTHS: Record<string, [number, number]> = { TD1: [3, 30], TD2: [2, 36], TD3: [2, 44] };

/** Normalises pasted zones: upper case, the guillemet some OCR engines emit for "<", no stray spaces. */
export function normalizeMrzLines(lines: readonly string[]): string[] {
  return lines.map((l) => l.trim().toUpperCase().replace(/«/g, '<')).filter((l) => l.length > 0);
}

const CHECK_DIGIT_LABELS: Record<string, string> = {
  documentNumberCheckDigit: 'document number',
  birthDateCheckDigit: 'birth date',
  expirationDateCheckDigit: 'expiry date',
  personalNumberCheckDigit: 'personal number',
  compositeCheckDigit: 'composite (whole line)',
};

/** Known specimen data: forgers start from the published specimens, and so do careless test submissions. */
const SPECIMEN_NUMBERS = new Set(['L898902C3', 'D23145890', 'D23145890123', 'C01X00T47', 'T22000129', 'AB2134']);
const SPECIMEN_NAMES = [/^ERIKSSON ANNA MARIA$/, /^MUSTERMANN ERIKA$/, /\bSPECIMEN\b/, /\bSAMPLE\b/, /\bMUSTER\b/];

/**
 * Parses a TD1, TD2 or TD3 zone, verifies every check digit and compares each field with the declared
 * data. Never throws: a zone that cannot be parsed is a DOC_MRZ_UNREADABLE finding.
 */
export function checkMrz(lines: readonly string[], declared: DeclaredDocument): MrzCheckResult {
  const normalized = normalizeMrzLines(lines);
  let parsed: ParseResult;
  try {
    parsed = parse(normalized);
  } catch (e) {
    return { checkDigitsValid: false, findings: [unreadable(describeShape(normalized, e))] };
  }
  const format = parsed.format;
  if (format !== 'TD1' && format !== 'TD2' && format !== 'TD3')
    return {
      checkDigitsValid: parsed.valid,
      findings: [unreadable(`the zone is in the ${format} format, which is not an ICAO passport or ID card zone`)],
    };

  const findings: Finding[] = [];
  const byField = new Map<string, Details>();
  for (const d of parsed.details) if (d.field) byField.set(d.field, d);
  const raw = (field: string) => {
    const r = byField.get(field)?.ranges[0];
    return r ? (normalized[r.line] ?? '').slice(r.start, r.end) : '';
  };

  // Check digits: each failure names the protected field, because a single wrong digit is the typical
  // trace of a number or date edited by hand on a forged or altered document.
  const badDigits = parsed.details.filter((d) => d.field && d.field in CHECK_DIGIT_LABELS && !d.valid);
  for (const d of badDigits)
    findings.push(
      finding({
        code: C.mrzCheckDigit,
        stage,
        severity: 'high',
        message: `The check digit of the ${CHECK_DIGIT_LABELS[d.field!]} in the machine-readable zone is wrong. Genuine documents always have correct check digits; a wrong one means the zone was mistyped or altered.`,
        evidence: [{ kind: 'mrz', field: d.field!, detail: { format, line: d.line + 1 } }],
        guidance: ICAO_9303,
      }),
    );

  const issuingCode = raw('issuingState').replace(/</g, '');
  const nationalityCode = raw('nationality').replace(/</g, '');
  for (const d of parsed.details) {
    if (!d.field || d.valid || d.field in CHECK_DIGIT_LABELS) continue;
    // Utopia is the ICAO specimen state: reported below as a specimen, not as a malformed code.
    if ((d.field === 'issuingState' || d.field === 'nationality') && raw(d.field).replace(/</g, '') === 'UTO') continue;
    findings.push(
      finding({
        code: C.mrzInvalidField,
        stage,
        severity: 'medium',
        message: `The ${d.label.toLowerCase()} in the machine-readable zone is not valid (${safeError(d)}).`,
        evidence: [{ kind: 'mrz', field: d.field, detail: { format } }],
        guidance: ICAO_9303,
      }),
    );
  }

  const sexRaw = raw('sex');
  const fields: MrzFields = {
    documentCode: raw('documentCode').replace(/</g, ''),
    issuingCode,
    nationalityCode,
    surname: (parsed.fields.lastName ?? '').trim(),
    givenNames: (parsed.fields.firstName ?? '').trim(),
    number: (parsed.documentNumber ?? raw('documentNumber')).replace(/</g, ''),
    birthDate: raw('birthDate'),
    sex: sexRaw === 'M' || sexRaw === 'F' ? sexRaw : 'X',
    expiryDate: raw('expirationDate'),
  };
  const issuingAlpha2 = mrzCodeToAlpha2(issuingCode);
  const nationalityAlpha2 = mrzCodeToAlpha2(nationalityCode);
  if (issuingAlpha2) fields.issuingAlpha2 = issuingAlpha2;
  if (nationalityAlpha2) fields.nationalityAlpha2 = nationalityAlpha2;

  const nameZoneFull = isNameZoneFull(format, normalized);
  findings.push(...compareFields(fields, declared, format, nameZoneFull));

  const fullName = `${fields.surname} ${fields.givenNames}`.trim();
  if (issuingCode === 'UTO' || nationalityCode === 'UTO' || SPECIMEN_NUMBERS.has(fields.number) || SPECIMEN_NAMES.some((re) => re.test(fullName)))
    findings.push(
      finding({
        code: C.specimenDocument,
        stage,
        severity: 'high',
        message:
          'The machine-readable zone matches a published specimen document (ICAO "Utopia" or a national specimen). Real documents never carry specimen data: this is a template, a test submission or a forgery.',
        evidence: [{ kind: 'mrz', detail: { format, issuingCode, number: maskDocumentNumber(fields.number) } }],
        guidance: ICAO_9303,
      }),
    );

  return { format, checkDigitsValid: badDigits.length === 0, fields, findings };
}

function unreadable(reason: string): Finding {
  return finding({
    code: C.mrzUnreadable,
    stage,
    severity: 'medium',
    message: `The machine-readable zone could not be read: ${reason}. Ask for the zone exactly as printed on the document (the lines of letters, digits and "<" at the bottom of the photo page).`,
    evidence: [{ kind: 'mrz' }],
    guidance: ICAO_9303,
  });
}

/** Describes the zone's shape without echoing its content (it holds the document number). */
function describeShape(lines: string[], e: unknown): string {
  const lengths = lines.map((l) => l.length).join(', ');
  const known = Object.entries(LINE_LENGTHS).find(([, [n]]) => n === lines.length);
  const expected = known ? ` (${known[0]} expects ${known[1][0]} lines of ${known[1][1]} characters)` : '';
  const charProblem = e instanceof Error && /alphanumerical/.test(e.message) ? '; it contains characters other than A-Z, 0-9 and "<"' : '';
  return `${lines.length} line(s) of ${lengths || 0} characters${expected}${charProblem}`;
}

function safeError(d: Details): string {
  // Library messages may quote the raw value; keep them only for fields that are not identifiers.
  return d.field === 'documentNumber' || d.field === 'personalNumber' || !d.error ? 'malformed' : d.error;
}

/** When the name zone is filled to its last character the names may be truncated by the issuer. */
function isNameZoneFull(format: 'TD1' | 'TD2' | 'TD3', lines: string[]): boolean {
  const nameLine = format === 'TD1' ? lines[2] : lines[0];
  return !!nameLine && !nameLine.endsWith('<');
}

function mrzForm(name: string): string[] {
  return icaoVariants(name).map((v) =>
    v
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, ' ')
      .trim(),
  );
}

function namesAgree(declared: string, mrz: string, truncatable: boolean): boolean {
  const m = mrz.replace(/\s+/g, ' ').trim();
  return mrzForm(declared).some((d) => d === m || (truncatable && m.length > 0 && d.startsWith(m)));
}

function yymmdd(isoDate: string): string {
  return isoDate.slice(2, 4) + isoDate.slice(5, 7) + isoDate.slice(8, 10);
}

function compareFields(mrz: MrzFields, declared: DeclaredDocument, format: 'TD1' | 'TD2' | 'TD3', nameZoneFull: boolean): Finding[] {
  const out: Finding[] = [];
  const mismatch = (field: string, label: string, severity: Severity, detail: Record<string, unknown>, extra = '') =>
    out.push(
      finding({
        code: C.mrzMismatch,
        stage,
        severity,
        message: `The ${label} in the machine-readable zone differs from the declared ${label}.${extra} On a genuine document the zone and the printed data always agree.`,
        evidence: [{ kind: 'mrz', field: `document.${field}`, detail: { format, ...detail } }],
        guidance: ICAO_9303,
      }),
    );

  if (mrz.surname && !namesAgree(declared.surname, mrz.surname, nameZoneFull)) {
    const close = compareNames(declared.surname, mrz.surname).verdict === 'match';
    mismatch('surname', 'surname', close ? 'medium' : 'high', { declared: declared.surname, mrz: mrz.surname }, close ? ' The spelling differs slightly.' : '');
  }
  if (!namesAgree(declared.givenNames, mrz.givenNames, nameZoneFull)) {
    const close = mrz.givenNames !== '' && compareNames(declared.givenNames, mrz.givenNames).verdict !== 'mismatch';
    mismatch('givenNames', 'given names', close ? 'medium' : 'high', { declared: declared.givenNames, mrz: mrz.givenNames }, close ? ' The spelling differs slightly or a name is missing.' : '');
  }
  const declaredNumber = declared.number.toUpperCase().replace(/[<\s-]/g, '');
  if (mrz.number && mrz.number !== declaredNumber)
    mismatch('number', 'document number', 'high', {
      declared: maskDocumentNumber(declaredNumber),
      mrz: maskDocumentNumber(mrz.number),
    });
  if (/^[0-9]{6}$/.test(mrz.birthDate) && mrz.birthDate !== yymmdd(declared.birthDate)) mismatch('birthDate', 'birth date', 'high', { declared: declared.birthDate, mrz: mrz.birthDate });
  if (mrz.sex !== declared.sex) mismatch('sex', 'sex', 'medium', { declared: declared.sex, mrz: mrz.sex });
  if (mrz.nationalityCode && !mrzCodesFor(declared.nationality).includes(mrz.nationalityCode))
    mismatch(
      'nationality',
      'nationality',
      mrz.nationalityAlpha2 === 'KP' ? 'critical' : 'high',
      {
        declared: declared.nationality,
        mrz: mrz.nationalityCode,
      },
      mrz.nationalityAlpha2 === 'KP' ? ' The zone says North Korean (PRK).' : '',
    );
  if (mrz.issuingCode && !mrzCodesFor(declared.issuingCountry).includes(mrz.issuingCode))
    mismatch('issuingCountry', 'issuing country', mrz.issuingAlpha2 === 'KP' ? 'critical' : 'high', {
      declared: declared.issuingCountry,
      mrz: mrz.issuingCode,
    });
  if (/^[0-9]{6}$/.test(mrz.expiryDate) && mrz.expiryDate !== yymmdd(declared.expiryDate)) mismatch('expiryDate', 'expiry date', 'high', { declared: declared.expiryDate, mrz: mrz.expiryDate });

  const expectedKind = mrz.documentCode.startsWith('P') ? 'passport' : 'card';
  const declaredKind = declared.type === 'passport' ? 'passport' : 'card';
  if (expectedKind !== declaredKind || (format === 'TD3') !== (declared.type === 'passport'))
    mismatch(
      'type',
      'document type',
      'low',
      { declared: declared.type, mrzCode: mrz.documentCode, format },
      ' A passport zone has two lines of 44 characters starting with "P"; ID cards and residence permits use TD1 or TD2.',
    );
  return out;
}
