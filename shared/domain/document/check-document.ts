import { DateTime } from 'luxon';
import { parsePhoneNumberFromString } from '../phone/max';
import { finding, type Finding, type Severity } from '../finding';
import type { OnboardingRequest } from '../schemas/onboarding';
import { accountHolderOf, bankCountryOf } from '../bank/bank-country';
import { ADVISORY_2022, DOC_CODES as C, FBI_2025 } from './doc-codes';
import { checkDocumentNumberFormat } from './document-number-format';
import type { FileInspection } from './inspect-file';
import { maskDocumentNumber } from './mask';
import { checkMrz } from './mrz-check';
import { compareNames } from './name-compare';
import { countriesOfTimeZone } from './time-zone-country';

export interface DocumentPolicy {
  /** ISO alpha-2 countries whose documents, nationals or residents need review. KP is always a hard stop. */
  highRiskCountries: string[];
  /** End of the engagement (YYYY-MM-DD); defaults to request.engagement.endDate. */
  engagementEnd?: string;
  minAge?: number;
  maxAge?: number;
  /** Require a selfie holding the document (default true, as the FBI notices recommend). */
  requireSelfie?: boolean;
}

export interface CheckDocumentInput {
  request: OnboardingRequest;
  /** Results of inspectUploadedFile; their own findings are NOT repeated here (the caller keeps them). */
  files: FileInspection[];
  now: Date;
  policy: DocumentPolicy;
}

const stage = 'document' as const;
/** Where DPRK IT workers are reported to live and work from (advisory and FBI notices): China and Russia. */
const DPRK_OPERATING_COUNTRIES = new Set(['CN', 'RU']);
/** Identities DPRK IT workers pose with (2022 advisory): South Korean, Chinese, Japanese, Eastern European, US. */
const POSED_COUNTRIES = new Set(['KR', 'CN', 'JP', 'US', 'PL', 'UA', 'RO', 'BG', 'HU', 'CZ', 'SK', 'RS', 'BY', 'MD', 'RU', 'LT', 'LV', 'EE']);

/**
 * Identity-document stage: the declared document (with its zone) and its consistency with the rest of
 * the application. Pure and synchronous; files have been inspected before.
 */
export function checkIdentityDocument(input: CheckDocumentInput): Finding[] {
  const { request, files, now, policy } = input;
  return [
    ...dprkAndRiskFindings(request, policy),
    ...mrzFindings(request),
    ...validityFindings(request, now, policy),
    ...numberFormatFindings(request),
    ...fileSetFindings(request, files, policy),
    ...nameFindings(request),
    ...locationFindings(request),
  ];
}

function dprkAndRiskFindings(request: OnboardingRequest, policy: DocumentPolicy): Finding[] {
  const d = request.document;
  const c = request.contractor;
  const places: [string, string, string][] = [
    ['document.issuingCountry', 'issuing country of the document', d.issuingCountry],
    ['document.nationality', 'nationality on the document', d.nationality],
    ['contractor.nationality', 'declared nationality', c.nationality],
    ['contractor.residenceCountry', 'country of residence', c.residenceCountry],
  ];
  const kp = places.filter(([, , cc]) => cc === 'KP');
  if (kp.length > 0)
    return [
      finding({
        code: C.dprkDocument,
        fact: 'profile.country',
        stage,
        severity: 'critical',
        hardStop: true,
        message: `North Korea (DPRK) is the ${kp.map(([, l]) => l).join(' and the ')}. Employing a DPRK national is blocked under US sanctions; the case is on compliance hold and cannot be cleared automatically.`,
        evidence: kp.map(([field, , cc]) => ({ kind: 'document', field, detail: { country: cc } })),
        guidance: 'Executive Orders 13722 and 13810; 31 CFR part 510',
      }),
    ];
  const risky = places.filter(([, , cc]) => policy.highRiskCountries.includes(cc));
  if (risky.length === 0) return [];
  // A high-risk passport or nationality says more about who the person is than a residence does.
  const severity: Severity = risky.some(([f]) => f !== 'contractor.residenceCountry') ? 'high' : 'medium';
  return [
    finding({
      code: C.highRiskCountry,
      fact: 'profile.country',
      stage,
      severity,
      message: `The ${risky.map(([, l, cc]) => `${l} (${cc})`).join(', ')} ${risky.length > 1 ? 'are' : 'is'} on the compliance policy's high-risk list. Review required.`,
      evidence: risky.map(([field, , cc]) => ({ kind: 'document', field, detail: { country: cc } })),
      guidance: 'Company compliance policy',
    }),
  ];
}

function mrzFindings(request: OnboardingRequest): Finding[] {
  const d = request.document;
  if (!d.mrz || d.mrz.length === 0) {
    return d.type === 'passport'
      ? [
          finding({
            code: C.mrzMissing,
            stage,
            severity: 'low',
            message: 'No machine-readable zone was submitted for the passport, so its check digits and fields could not be verified. Ask for the two lines at the bottom of the photo page.',
            evidence: [{ kind: 'mrz', field: 'document.mrz' }],
          }),
        ]
      : [];
  }
  const r = checkMrz(d.mrz, d);
  const out = [...r.findings];
  const kp = [r.fields?.issuingAlpha2, r.fields?.nationalityAlpha2].includes('KP');
  // The declared data may hide a DPRK zone (the zone says PRK, the form says something else): still a hard stop.
  if (kp && d.issuingCountry !== 'KP' && d.nationality !== 'KP')
    out.push(
      finding({
        code: C.dprkDocument,
        fact: 'profile.country',
        stage,
        severity: 'critical',
        hardStop: true,
        message: 'The machine-readable zone of the document names North Korea (PRK) although the declared data does not. The case is on compliance hold.',
        evidence: [{ kind: 'mrz', field: 'document.mrz', detail: { issuing: r.fields?.issuingCode, nationality: r.fields?.nationalityCode } }],
        guidance: 'Executive Orders 13722 and 13810; 31 CFR part 510',
      }),
    );
  return out;
}

function validityFindings(request: OnboardingRequest, now: Date, policy: DocumentPolicy): Finding[] {
  const out: Finding[] = [];
  const d = request.document;
  const today = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day');
  const expiry = DateTime.fromISO(d.expiryDate, { zone: 'utc' });
  const birth = DateTime.fromISO(d.birthDate, { zone: 'utc' });
  const ev = (field: string, detail: Record<string, unknown>) => [{ kind: 'document', field, detail }];

  if (expiry < today)
    out.push(
      finding({
        code: C.expired,
        stage,
        severity: 'high',
        message: `The identity document expired on ${d.expiryDate}. An expired document cannot establish identity; ask for a valid one.`,
        evidence: ev('document.expiryDate', { expiryDate: d.expiryDate }),
      }),
    );
  else {
    const end = policy.engagementEnd ?? request.engagement?.endDate;
    if (end && expiry < DateTime.fromISO(end, { zone: 'utc' }))
      out.push(
        finding({
          code: C.expiresDuringEngagement,
          stage,
          severity: 'low',
          message: `The identity document expires on ${d.expiryDate}, before the engagement ends (${end}). Plan a re-check of the renewed document.`,
          evidence: ev('document.expiryDate', { expiryDate: d.expiryDate, engagementEnd: end }),
        }),
      );
  }

  if (d.issueDate) {
    const issue = DateTime.fromISO(d.issueDate, { zone: 'utc' });
    const years = expiry.diff(issue, 'years').years;
    const problem =
      issue > today
        ? 'is in the future'
        : issue < birth
          ? 'is before the holder was born'
          : years > 10.5
            ? `gives a validity of ${years.toFixed(1)} years, longer than any passport or ID card`
            : undefined;
    if (problem)
      out.push(
        finding({
          code: C.issueDateImplausible,
          stage,
          severity: 'high',
          message: `The document's issue date (${d.issueDate}) ${problem}. Dates that cannot be right are typical of an invented or altered document.`,
          evidence: ev('document.issueDate', { issueDate: d.issueDate, expiryDate: d.expiryDate }),
        }),
      );
  }

  const age = today.diff(birth, 'years').years;
  const minAge = policy.minAge ?? 18;
  const maxAge = policy.maxAge ?? 80;
  if (!(age >= minAge && age <= maxAge))
    out.push(
      finding({
        code: C.agePlausibility,
        stage,
        severity: age < minAge ? 'high' : 'medium',
        message:
          age < 0
            ? 'The birth date on the document is in the future.'
            : `The birth date on the document makes the holder ${Math.floor(age)} years old, outside the plausible range for a contractor (${minAge}-${maxAge}). A borrowed identity often belongs to someone much older or younger.`,
        evidence: ev('document.birthDate', { age: Math.floor(age), minAge, maxAge }),
      }),
    );
  if (request.contractor.birthDate !== d.birthDate)
    out.push(
      finding({
        code: C.birthDateMismatch,
        stage,
        severity: 'high',
        message: `The birth date on the document (${d.birthDate}) differs from the one in the application (${request.contractor.birthDate}).`,
        evidence: ev('contractor.birthDate', { document: d.birthDate, application: request.contractor.birthDate }),
      }),
    );
  return out;
}

function numberFormatFindings(request: OnboardingRequest): Finding[] {
  const d = request.document;
  const r = checkDocumentNumberFormat(d.type, d.issuingCountry, d.number);
  if (!r.known || r.ok) return [];
  return [
    finding({
      code: C.numberFormat,
      stage,
      severity: 'medium',
      message: `The document number does not have the usual format of a ${d.issuingCountry} ${d.type} (${r.description}). Formats do change, but a number in the wrong shape is typical of an invented document.`,
      evidence: [{ kind: 'document', field: 'document.number', detail: { number: maskDocumentNumber(d.number), issuingCountry: d.issuingCountry, type: d.type } }],
    }),
  ];
}

function fileSetFindings(request: OnboardingRequest, files: FileInspection[], policy: DocumentPolicy): Finding[] {
  const out: Finding[] = [];
  const d = request.document;
  const required: ('front' | 'back' | 'selfie')[] = ['front'];
  if (d.type !== 'passport') required.push('back');
  if (policy.requireSelfie ?? true) required.push('selfie');
  const present = new Set(files.filter((f) => f.sizeBytes > 0).map((f) => f.kind));
  const missing = required.filter((k) => !present.has(k));
  if (missing.length > 0)
    out.push(
      finding({
        code: C.fileMissing,
        stage,
        severity: missing.includes('front') ? 'high' : 'medium',
        message: `Missing document image${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. ${missing.includes('selfie') ? 'A selfie holding the document helps tie the document to the person on the video call. ' : ''}Ask the contractor to upload ${missing.length > 1 ? 'them' : 'it'}.`,
        evidence: [{ kind: 'upload', field: 'document.files', detail: { missing } }],
      }),
    );
  const byHash = new Map<string, string[]>();
  for (const f of files) byHash.set(f.sha256, [...(byHash.get(f.sha256) ?? []), f.kind]);
  for (const [hash, kinds] of byHash)
    if (kinds.length > 1)
      out.push(
        finding({
          code: C.duplicateFile,
          stage,
          severity: 'medium',
          message: `The same file was uploaded as ${kinds.join(' and ')}. Each image must show a different side or the holder with the document.`,
          evidence: [{ kind: 'upload', field: 'document.files', detail: { kinds, sha256: hash.slice(0, 16) } }],
        }),
      );
  return out;
}

function nameFindings(request: OnboardingRequest): Finding[] {
  const out: Finding[] = [];
  const d = request.document;
  const c = request.contractor;
  const docName = `${d.givenNames} ${d.surname}`;
  const legal = `${c.legalName.givenNames} ${c.legalName.surname}`;
  const best = [legal, ...c.otherNames].map((n) => compareNames(docName, n)).sort((a, b) => b.score - a.score)[0]!;
  if (best.verdict !== 'match')
    out.push(
      finding({
        code: C.nameMismatchApplication,
        fact: 'document.name',
        stage,
        severity: best.verdict === 'partial' ? 'medium' : 'high',
        message:
          best.verdict === 'partial'
            ? 'The name on the document only partly matches the legal name in the application.'
            : 'The name on the document is not the legal name given in the application. The document may belong to someone else (a borrowed or stolen identity).',
        evidence: [{ kind: 'document', field: 'document.surname', detail: { document: docName, application: legal, score: best.score } }],
        guidance: ADVISORY_2022,
      }),
    );
  const holder = accountHolderOf(request.payment);
  if (holder) {
    const h = compareNames(docName, holder);
    if (h.verdict === 'mismatch')
      out.push(
        finding({
          code: C.nameMismatchBankHolder,
          fact: 'bank.holder',
          stage,
          severity: 'medium',
          message: "The bank account holder is not the person named on the identity document. Payment to an account in someone else's name is a red flag.",
          evidence: [{ kind: 'document', field: 'payment.accountHolder', detail: { document: docName, accountHolder: holder, score: h.score } }],
          guidance: FBI_2025,
        }),
      );
  }
  if (d.nationality !== c.nationality)
    out.push(
      finding({
        code: C.nationalityMismatch,
        fact: 'document.nationality',
        stage,
        severity: 'medium',
        message: `The document shows nationality ${d.nationality} but the application says ${c.nationality}. Dual nationals exist; ask which documents they hold.`,
        evidence: [{ kind: 'document', field: 'contractor.nationality', detail: { document: d.nationality, application: c.nationality } }],
      }),
    );
  return out;
}

function locationFindings(request: OnboardingRequest): Finding[] {
  const out: Finding[] = [];
  const c = request.contractor;
  const residence = c.residenceCountry;
  const posed = POSED_COUNTRIES.has(residence) ? ` DPRK IT workers commonly claim to live in ${residence}.` : '';

  let phoneCountry: string | undefined;
  try {
    phoneCountry = parsePhoneNumberFromString(c.phone)?.country;
  } catch {
    phoneCountry = undefined;
  }
  if (phoneCountry && phoneCountry !== residence && phoneCountry !== c.nationality)
    out.push(
      finding({
        code: C.phoneCountryMismatch,
        fact: 'contact.phone',
        stage,
        severity: phoneCountry === 'KP' || DPRK_OPERATING_COUNTRIES.has(phoneCountry) ? 'high' : 'medium',
        message: `The phone number is from ${phoneCountry} but the contractor says they live in ${residence}.${posed}`,
        evidence: [{ kind: 'contact', field: 'contractor.phone', detail: { phoneCountry, residence } }],
        guidance: FBI_2025,
      }),
    );

  const bankCountry = bankCountryOf(request.payment);
  // The bank stage reports any bank outside the residence; here only what the nationality does not explain
  // (a Ukrainian in Poland keeping a Ukrainian account is ordinary).
  if (bankCountry && bankCountry !== residence && bankCountry !== c.nationality && bankCountry !== request.document.nationality)
    out.push(
      finding({
        code: C.bankCountryMismatch,
        fact: 'bank.country',
        stage,
        severity: 'medium',
        message: `The bank account is in ${bankCountry}, neither the contractor's country of residence (${residence}) nor their nationality.${posed}`,
        evidence: [{ kind: 'payment', field: 'payment', detail: { bankCountry, residence, nationality: c.nationality } }],
        guidance: ADVISORY_2022,
      }),
    );

  const tzCountries = countriesOfTimeZone(c.timeZone);
  if (tzCountries.length > 0 && !tzCountries.includes(residence)) {
    const suspicious = tzCountries.some((cc) => cc === 'KP' || DPRK_OPERATING_COUNTRIES.has(cc));
    out.push(
      finding({
        code: C.timeZoneMismatch,
        stage,
        severity: suspicious ? 'high' : 'medium',
        message: `The stated time zone ${c.timeZone} is used in ${tzCountries.join(', ')}, not in ${residence} where the contractor says they live.${posed}${suspicious ? ' The time zone points to a country DPRK IT workers operate from.' : ''}`,
        evidence: [{ kind: 'contact', field: 'contractor.timeZone', detail: { timeZone: c.timeZone, timeZoneCountries: tzCountries, residence } }],
        guidance: FBI_2025,
      }),
    );
  }
  return out;
}
