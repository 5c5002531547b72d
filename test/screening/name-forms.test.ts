import { beforeAll, describe, expect, it } from 'vitest';
import { payeeScreen } from '../../shared/domain/bank/payee-screen';
import { checkBankAccount } from '../../shared/domain/bank/check-bank';
import { mrzNameFindings, obfuscatedNameFindings } from '../../shared/domain/cases/name-form-findings';
import { applicantNameForms, applicantQuery } from '../../shared/domain/cases/screening-query';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { mrzName } from '../../shared/domain/screening/mrz-name';
import { screenPerson } from '../../shared/domain/screening/screen-person';
import { makeRequest } from '../document/request-fixture';
import { FIXTURE_DIR } from './fixture-dir';

let index: ScreeningIndex;
beforeAll(async () => {
  index = (await loadLists(FIXTURE_DIR)).index;
});

/** ICAO 9303 check digit. */
const cd = (s: string): string => String([...s].reduce((sum, ch, i) => sum + (ch === '<' ? 0 : /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55) * [7, 3, 1][i % 3]!, 0) % 10);
/** A genuine TD3 zone: names, then number, nationality, birth date, sex and expiry with their check digits. */
function td3(surname: string, given: string, number: string, dob: string, expiry: string): string[] {
  const line1 = `P<POL${surname}<<${given.replace(/ /g, '<')}`.padEnd(44, '<');
  const num = number.padEnd(9, '<');
  const personal = '<'.repeat(14);
  const body = `${num}${cd(num)}POL${dob}${cd(dob)}M${expiry}${cd(expiry)}${personal}${cd(personal)}`;
  const composite = body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43);
  return [line1, body + cd(composite)];
}
// A genuine Polish passport zone for PAK CHOL SU.
const MRZ = td3('PAK', 'CHOL SU', 'EA1234567', '850315', '310630');

const disguisedApplicant = (given: string, surname: string, extra: Record<string, unknown> = {}, otherNames: string[] = []) =>
  makeRequest({
    contractor: { legalName: { givenNames: given, surname }, otherNames, birthDate: '1985-03-15', nationality: 'PL' },
    document: { givenNames: given, surname, birthDate: '1985-03-15', sex: 'M', mrz: MRZ },
    payment: { method: 'iban', accountHolder: `${given} ${surname}`, iban: 'PL61109010140000071219812874', bic: 'WBKPPLPP' },
    ...extra,
  });

describe('every name form is screened', () => {
  it('reads the holder name from a zone', () => {
    expect(mrzName(MRZ)).toEqual({ surname: 'PAK', givenNames: 'CHOL SU' });
    expect(mrzName(['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'])).toEqual({ surname: 'ERIKSSON', givenNames: 'ANNA MARIA' });
    expect(mrzName(['garbage'])).toBeUndefined();
  });

  it('lists the legal name, other names, document name, MRZ name and account holder', () => {
    const app = disguisedApplicant('Anna', 'Nowak', {}, ['Anna Kim']);
    expect(applicantNameForms(app).map((f) => [f.label, f.name])).toEqual([
      ['legal name', 'Anna Nowak'],
      ['other name', 'Anna Kim'],
      ['name printed on the document', 'Anna Nowak'],
      ['name in the machine-readable zone', 'CHOL SU PAK'],
      ['bank account holder', 'Anna Nowak'],
    ]);
    expect(applicantQuery(app).otherNames).toEqual(['Anna Kim', 'CHOL SU PAK']);
  });

  it('a genuine zone beside an innocent-looking typed name is a strong match', () => {
    const app = disguisedApplicant('Anna', 'Nowak');
    const r = screenPerson(index, applicantQuery(app));
    expect(r.outcome).toBe('strong');
    expect(r.hits[0]!.sourceId).toBe('1002');
    expect(r.hits[0]!.reasons[0]).toContain('CHOL SU PAK');
    // ...and the zone disagrees with the typed name.
    const forms = applicantNameForms(app);
    expect(mrzNameFindings(forms, app.document, mrzName(MRZ)).map((f) => f.code)).toEqual(['SCR_MRZ_NAME_MISMATCH']);
  });

  it('a look-alike typed name beside the genuine zone: hit, disguise reported, no mismatch after normalization', () => {
    const app = disguisedApplicant('Ch\u043el Su', 'P\u0430k');
    const r = screenPerson(index, applicantQuery(app));
    expect(r.outcome).toBe('strong');
    const forms = applicantNameForms(app);
    const disguised = obfuscatedNameFindings(forms);
    expect(disguised.map((f) => f.code)).toEqual(['SCR_NAME_OBFUSCATED', 'SCR_NAME_OBFUSCATED', 'SCR_NAME_OBFUSCATED']);
    expect(disguised[0]!.severity).toBe('high');
    expect(disguised[0]!.message).toContain('Ch<U+043E>l Su P<U+0430>k');
    expect(disguised[0]!.evidence[0]!.detail).toMatchObject({ codePoints: ['U+043E', 'U+0430'] });
    expect(mrzNameFindings(forms, app.document, mrzName(MRZ))).toEqual([]);
  });

  it('invisible characters in the account holder are reported for that field', () => {
    const app = disguisedApplicant('Chol Su', 'Pak', { payment: { method: 'iban', accountHolder: 'Chol\u200b Su Pak', iban: 'PL61109010140000071219812874', bic: 'WBKPPLPP' } });
    const f = obfuscatedNameFindings(applicantNameForms(app));
    expect(f.map((x) => x.evidence[0]!.field)).toEqual(['payment.accountHolder']);
    expect(f[0]!.message).toContain('Chol<U+200B> Su Pak');
  });

  it('an ordinary applicant produces neither finding', () => {
    const app = makeRequest();
    const forms = applicantNameForms(app);
    expect(obfuscatedNameFindings(forms)).toEqual([]);
    expect(mrzNameFindings(forms, app.document, undefined)).toEqual([]);
  });
});

describe('the bank stage screens the payee', () => {
  it('a listed BIC is BANK_SANCTIONS_HIT with the entry', () => {
    const request = makeRequest({ payment: { method: 'swift', accountHolder: 'Anna Maria Kowalska', accountNumber: '12345678', bic: 'KEXBKPPYXXX', bankCountry: 'KP' } });
    const hits = checkBankAccount({ request, screen: payeeScreen(index) }).filter((f) => f.code === 'BANK_SANCTIONS_HIT');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hardStop).toBe(true);
    expect(hits[0]!.evidence[0]!.detail).toMatchObject({ sourceId: '1003', listName: expect.stringContaining('KOREA EXAMPLE TRADING BANK') });
  });

  it('a listed wallet is BANK_SANCTIONS_HIT with the entry', () => {
    const request = makeRequest({ payment: { method: 'crypto', currency: 'ETH', walletAddress: '0x9f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f90' } });
    const hits = checkBankAccount({ request, screen: payeeScreen(index) }).filter((f) => f.code === 'BANK_SANCTIONS_HIT');
    expect(hits.map((h) => h.evidence[0]!.detail?.sourceId)).toEqual(['1002']);
  });

  it('an ordinary bank is no hit', () => {
    expect(checkBankAccount({ request: makeRequest(), screen: payeeScreen(index) }).filter((f) => f.code.startsWith('BANK_SANCTIONS'))).toEqual([]);
  });
});
