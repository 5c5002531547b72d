import { describe, expect, it } from 'vitest';
import { eraseApplication } from '../../shared/app/records/erase-case';
import { ERASED, findValues, personalValues, scrubDeep, scrubText, valueMatcher } from '../../shared/domain/records/personal-data';
import { onboardingRequestSchema } from '../../shared/domain/schemas/onboarding';
import { loadRequest } from '../support/request';

const app = onboardingRequestSchema.parse(
  loadRequest((r) => {
    r.contractor.address = { line1: 'ul. Długa 5', city: 'Kraków', postalCode: '31-147', country: 'PL' };
    r.contractor.otherNames = ['Anna Nowak'];
  }),
);

describe('personal values and scrubbing', () => {
  const values = personalValues(app);
  const all = valueMatcher(values.all);

  it('collects identifiers in the forms they appear in: compact and grouped IBAN, phone digits, names without diacritics', () => {
    expect(values.all).toEqual(
      expect.arrayContaining([
        'PL61109010140000071219812874',
        'PL61 1090 1014 0000 0712 1981 2874',
        '48601234567',
        'Krakow',
        'Kraków',
        'EA1234567',
        'piotr.nowak@example-software.pl',
        'Anna Maria Kowalska',
        'Kowalska, Anna Maria',
      ]),
    );
    expect(values.screened).toEqual(expect.arrayContaining(['Anna Maria Kowalska', '1990-04-12', 'Anna Nowak']));
    expect(values.screened).not.toContain('anna.kowalska@example.pl');
    expect(personalValues(eraseApplication(app)).all).toEqual([]);
  });

  it('replaces whole words only, case-insensitively', () => {
    expect(scrubText('Applicant KOWALSKA paid from PL61 1090 1014 0000 0712 1981 2874; Kowalskian theory stays.', all)).toBe(`Applicant ${ERASED} paid from ${ERASED}; Kowalskian theory stays.`);
    expect(scrubText('the reference at Example Software sp. z o.o.', all)).toBe(`the reference at ${ERASED}`);
  });

  it('erases identifier keys even when masked, keeps numbers, flags and kept keys', () => {
    const out = scrubDeep(
      { account: 'IBAN PL…2874', bankCountry: 'PL', mrzLines: 2, files: [{ kind: 'front', sha256: 'ab12' }], code: 'BANK_X' },
      { matcher: all, identifierKeys: /^(account|sha256)$/, keepKeys: new Set(['code']) },
    );
    expect(out).toEqual({ account: ERASED, bankCountry: 'PL', mrzLines: 2, files: [{ kind: 'front', sha256: ERASED }], code: 'BANK_X' });
    expect(findValues({ actor: 'contractor:anna.kowalska@example.pl', data: { n: 1 } }, all)).toEqual(['actor']);
  });

  it('the erased application keeps codes and dates, nothing that identifies the person', () => {
    const erased = eraseApplication(app);
    expect(erased.contractor).toMatchObject({ nationality: 'PL', residenceCountry: 'PL', email: ERASED, birthDate: ERASED, address: { line1: ERASED, city: ERASED, country: 'PL' } });
    expect(erased.document).toMatchObject({ type: 'passport', issuingCountry: 'PL', expiryDate: '2031-06-30', number: ERASED, surname: ERASED });
    expect(erased.payment).toMatchObject({ method: 'iban', iban: ERASED, bic: ERASED });
    expect(erased.reviewers).toEqual(app.reviewers);
    expect(JSON.stringify(erased)).not.toMatch(/Kowalsk|EA1234567|PL6110|601234567|piotr/i);
  });
});
