import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkIdentityDocument, type DocumentPolicy } from '../../shared/domain/document/check-document';
import type { FileInspection } from '../../shared/domain/document/inspect-file';
import { DOC_CODES } from '../../shared/domain/document/doc-codes';
import { countriesOfTimeZone } from '../../shared/domain/document/time-zone-country';
import { compareNames, normalizeName } from '../../shared/domain/document/name-compare';
import { checkDocumentNumberFormat } from '../../shared/domain/document/document-number-format';
import { td3 } from '../fixtures/documents/mrz-builder';
import { cleanInput, makeRequest } from './request-fixture';

const now = new Date('2026-03-01T12:00:00Z');
const policy: DocumentPolicy = { highRiskCountries: ['IR', 'SY'] };
const file = (kind: FileInspection['kind'], sha: string = kind): FileInspection => ({
  kind,
  key: `uploads/c/${kind}.jpg`,
  sha256: sha.padEnd(64, '0'),
  sizeBytes: 200_000,
  detectedType: { ext: 'jpg', mime: 'image/jpeg' },
  metadata: { hasExif: true },
  findings: [],
});
const files = [file('front'), file('selfie')];
const run = (over: Record<string, unknown> = {}, p: Partial<DocumentPolicy> = {}, f = files) => checkIdentityDocument({ request: makeRequest(over), files: f, now, policy: { ...policy, ...p } });
const codes = (fs: { code: string }[]) => fs.map((x) => x.code).sort();

/** A zone consistent with the clean request but for one field. */
const zone = (over: Record<string, string>) =>
  td3({ issuing: 'SWE', surname: 'LINDQVIST', given: 'INGRID<SOFIA', number: '87654321', nationality: 'SWE', birth: '900812', sex: 'F', expiry: '310415', ...over });

describe('checkIdentityDocument', () => {
  it('a consistent application has no findings', () => {
    expect(run()).toEqual([]);
  });

  it('DPRK issuing country or nationality is a critical hard stop', () => {
    for (const over of [{ document: { issuingCountry: 'KP', mrz: undefined } }, { document: { nationality: 'KP', mrz: undefined } }, { contractor: { nationality: 'KP' } }]) {
      const f = run(over).find((x) => x.code === DOC_CODES.dprkDocument);
      expect(f, JSON.stringify(over)).toMatchObject({ severity: 'critical', hardStop: true });
    }
  });

  it('a PRK zone behind non-DPRK declared data is still a hard stop', () => {
    const f = run({ document: { mrz: zone({ nationality: 'PRK' }) } });
    expect(f.filter((x) => x.code === DOC_CODES.dprkDocument)).toMatchObject([{ hardStop: true }]);
  });

  it('policy high-risk countries are review: high for nationality, medium for residence only', () => {
    expect(run({ contractor: { nationality: 'IR' } }).find((x) => x.code === DOC_CODES.highRiskCountry)?.severity).toBe('high');
    const residence = run({
      contractor: { residenceCountry: 'IR', phone: '+989121234567', timeZone: 'Asia/Tehran' },
      payment: { method: 'iban', accountHolder: 'Ingrid Lindqvist', iban: 'SE4550000000058398257466' },
    });
    expect(residence.find((x) => x.code === DOC_CODES.highRiskCountry)?.severity).toBe('medium');
  });

  it('MRZ findings are included; a missing passport zone is DOC_MRZ_MISSING', () => {
    expect(codes(run({ document: { mrz: zone({ birth: '910812' }) } }))).toEqual([DOC_CODES.mrzMismatch]);
    expect(codes(run({ document: { mrz: undefined } }))).toEqual([DOC_CODES.mrzMissing]);
  });

  it('expired is high; expiring before the engagement end is low', () => {
    const expired = run({ document: { expiryDate: '2026-02-01', mrz: zone({ expiry: '260201' }) } });
    expect(expired.map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.expired, 'high']]);
    const during = run({ document: { expiryDate: '2026-06-01', mrz: zone({ expiry: '260601' }) }, engagement: { endDate: '2026-12-31' } });
    expect(during.map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.expiresDuringEngagement, 'low']]);
    expect(codes(run({}, { engagementEnd: '2032-01-01' }))).toEqual([DOC_CODES.expiresDuringEngagement]);
  });

  it('impossible issue dates are DOC_ISSUE_DATE_IMPLAUSIBLE', () => {
    expect(codes(run({ document: { issueDate: '2026-05-01' } }))).toEqual([DOC_CODES.issueDateImplausible]);
    expect(codes(run({ document: { issueDate: '2018-01-01' } }))).toEqual([DOC_CODES.issueDateImplausible]);
    expect(run({ document: { issueDate: '2021-04-16' } })).toEqual([]);
  });

  it('age outside the plausible range; birth date differing from the application', () => {
    const young = run({ contractor: { birthDate: '2010-08-12' }, document: { birthDate: '2010-08-12', mrz: zone({ birth: '100812' }) } });
    expect(young.map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.agePlausibility, 'high']]);
    const old = run({ contractor: { birthDate: '1930-08-12' }, document: { birthDate: '1930-08-12', mrz: zone({ birth: '300812' }) } });
    expect(old.map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.agePlausibility, 'medium']]);
    expect(codes(run({ contractor: { birthDate: '1991-08-12' } }))).toEqual([DOC_CODES.birthDateMismatch]);
  });

  it('document number format for known issuers, masked in evidence', () => {
    const f = run({ document: { number: '12345', mrz: zone({ number: '12345' }) } });
    expect(codes(f)).toEqual([DOC_CODES.numberFormat]);
    expect(JSON.stringify(f)).not.toContain('12345');
    expect(checkDocumentNumberFormat('passport', 'PL', 'EC1234567')).toMatchObject({ known: true, ok: true });
    expect(checkDocumentNumberFormat('passport', 'IN', 'K1234567')).toMatchObject({ ok: true });
    expect(checkDocumentNumberFormat('passport', 'KR', 'M123A4567')).toMatchObject({ ok: true });
    expect(checkDocumentNumberFormat('passport', 'UA', 'FA12345')).toMatchObject({ ok: false });
    expect(checkDocumentNumberFormat('passport', 'FR', 'anything')).toMatchObject({ known: false, ok: true });
  });

  it('missing and duplicate files', () => {
    expect(run({}, {}, [file('selfie')]).map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.fileMissing, 'high']]);
    expect(run({}, {}, [file('front')]).map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.fileMissing, 'medium']]);
    expect(run({}, { requireSelfie: false }, [file('front')])).toEqual([]);
    expect(codes(run({}, {}, [file('front', 'same'), file('selfie', 'same')]))).toEqual([DOC_CODES.duplicateFile]);
  });

  it('names: the document must name the applicant and the account holder', () => {
    const other = run({ document: { surname: 'Kim', givenNames: 'Min-jun', mrz: undefined } });
    expect(codes(other)).toEqual([DOC_CODES.mrzMissing, DOC_CODES.nameMismatchApplication, DOC_CODES.nameMismatchBankHolder].sort());
    expect(other.find((f) => f.code === DOC_CODES.nameMismatchApplication)?.severity).toBe('high');
    const holder = run({ payment: { method: 'iban', accountHolder: 'Wang Lei', iban: cleanInput.payment.iban } });
    expect(codes(holder)).toEqual([DOC_CODES.nameMismatchBankHolder]);
    expect(run({ contractor: { legalName: { givenNames: 'Ingrid', surname: 'Lindqvist' } } })).toEqual([]);
  });

  it('nationality in the application differing from the document', () => {
    expect(codes(run({ contractor: { nationality: 'NO' } }))).toEqual([DOC_CODES.nationalityMismatch]);
  });

  it('phone country, bank country and time zone inconsistent with residence', () => {
    expect(run({ contractor: { phone: '+8613800138000' } }).map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.phoneCountryMismatch, 'high']]);
    expect(run({ contractor: { phone: '+4915112345678' } }).map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.phoneCountryMismatch, 'medium']]);
    // A Swedish phone is explained by the Swedish nationality.
    expect(run({ contractor: { phone: '+46701234567' } })).toEqual([]);
    expect(codes(run({ payment: { method: 'iban', accountHolder: 'Ingrid Lindqvist', iban: 'DE89370400440532013000' } }))).toEqual([DOC_CODES.bankCountryMismatch]);
    expect(run({ payment: { method: 'iban', accountHolder: 'Ingrid Lindqvist', iban: 'SE4550000000058398257466' } })).toEqual([]);
    const tz = run({ contractor: { timeZone: 'Asia/Shanghai' } });
    expect(tz.map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.timeZoneMismatch, 'high']]);
    expect(tz[0]!.message).toMatch(/claim to live in PL/);
    expect(run({ contractor: { timeZone: 'America/New_York' } }).map((f) => f.severity)).toEqual(['medium']);
    expect(run({ contractor: { timeZone: 'UTC' } })).toEqual([]);
  });

  it('random zones and names never crash the stage', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Z0-9<]{0,44}$/), { minLength: 2, maxLength: 3 }),
        fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
        (mrz, surname) => {
          const request = makeRequest({ document: { mrz, surname } });
          expect(Array.isArray(checkIdentityDocument({ request, files, now, policy }))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('helpers', () => {
  it('time zones map to countries, including aliases and shared zones', () => {
    expect(countriesOfTimeZone('Asia/Calcutta')).toEqual(['IN']);
    expect(countriesOfTimeZone('Europe/Kiev')).toEqual(['UA']);
    expect(countriesOfTimeZone('Europe/Berlin')).toContain('DE');
    expect(countriesOfTimeZone('Asia/Pyongyang')).toEqual(['KP']);
    expect(countriesOfTimeZone('UTC')).toEqual([]);
  });

  it('name normalisation ignores case, diacritics, punctuation and order', () => {
    expect(normalizeName('ÉRIKSSON, Anna-María')).toBe('anna eriksson maria');
    expect(compareNames('Kim Min-jun', 'MINJUN KIM').verdict).toBe('match');
    expect(compareNames('Ingrid', 'Ingrid Lindqvist').verdict).toBe('partial');
    expect(compareNames('John Smith', 'Ingrid Lindqvist').verdict).toBe('mismatch');
    expect(compareNames('', 'Anna').verdict).toBe('mismatch');
  });
});
