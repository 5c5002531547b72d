import { describe, expect, it } from 'vitest';
import { compareBirthDate, parseBirthDate } from '../../shared/domain/screening/birth-date';
import { joinRemarks } from '../../shared/domain/screening/ofac-csv';
import { parsePrograms } from '../../shared/domain/screening/programs';
import { parseRemarks } from '../../shared/domain/screening/remarks';

describe('parseRemarks', () => {
  it('reads birth dates in every form the list uses', () => {
    const f = parseRemarks('DOB 07 Jan 1930; alt. DOB circa 1946; alt. DOB 1964; alt. DOB Dec 1962; alt. DOB 1950 to 1952; alt. DOB 01 Jan 1960 to 31 Dec 1962.');
    expect(f.dobs).toEqual([
      { kind: 'exact', date: '1930-01-07' },
      { kind: 'circa', year: 1946 },
      { kind: 'year', year: 1964 },
      { kind: 'month', year: 1962, month: 12 },
      { kind: 'range', from: '1950-01-01', to: '1952-12-31' },
      { kind: 'range', from: '1960-01-01', to: '1962-12-31' },
    ]);
  });

  it('reads places of birth, nationalities, citizenship and gender', () => {
    const f = parseRemarks(
      "DOB 18 Feb 1962; POB Onso'ng County, North Hambuk Province, Democratic People's Republic of Korea; nationality Korea, North; alt. nationality China; citizen Russia; Gender Female.",
    );
    expect(f.placesOfBirth).toEqual(["Onso'ng County, North Hambuk Province, Democratic People's Republic of Korea"]);
    expect(f.nationalities).toEqual(['KP', 'CN', 'RU']);
    expect(f.gender).toBe('female');
  });

  it('reads passports and national IDs with their country', () => {
    const f = parseRemarks(
      "Passport 472310104 (Korea, North) issued 07 Dec 2011 expires 07 Dec 2016; alt. Passport 563410081; National ID No. 216040 (Yemen); Cedula No. 6068015 (Colombia); Tax ID No. 7707083893 (Russia); Citizen's Card Number 421002197703250019 (China).",
    );
    expect(f.documents).toEqual([
      { kind: 'passport', label: 'Passport', number: '472310104', country: 'KP' },
      { kind: 'passport', label: 'Passport', number: '563410081' },
      { kind: 'national-id', label: 'National ID No.', number: '216040', country: 'YE' },
      { kind: 'national-id', label: 'Cedula No.', number: '6068015', country: 'CO' },
      { kind: 'tax-id', label: 'Tax ID No.', number: '7707083893', country: 'RU' },
      { kind: 'national-id', label: "Citizen's Card Number", number: '421002197703250019', country: 'CN' },
    ]);
  });

  it('reads emails, phones, websites, SWIFT/BIC and digital currency addresses', () => {
    const f = parseRemarks(
      'SWIFT/BIC KDBKKPPY; Website www.havanaintbank.co.uk; alt. Website www.hib.uk.com; PHONE 850 2 381 8221; PHONE 850 2 18111 ext. 8221; Phone Number 982188526300; EMAIL kdb@co.chesin.com; Email Address iranvisacart@yahoo.com; alt. Email Address info@arrai.tv.; Digital Currency Address - XBT 149w62rY42aZBox8fGcmqNsXUzSStKeq8C; alt. Digital Currency Address - ETH 0x7F367cC41522cE07553e823bf3be79A889DEbe1B.',
    );
    expect(f.bics).toEqual(['KDBKKPPY']);
    expect(f.websites).toEqual(['www.havanaintbank.co.uk', 'www.hib.uk.com']);
    expect(f.phones).toEqual(['850 2 381 8221', '850 2 18111', '982188526300']);
    expect(f.emails).toEqual(['kdb@co.chesin.com', 'iranvisacart@yahoo.com', 'info@arrai.tv']);
    expect(f.wallets).toEqual([
      { currency: 'XBT', address: '149w62rY42aZBox8fGcmqNsXUzSStKeq8C' },
      { currency: 'ETH', address: '0x7F367cC41522cE07553e823bf3be79A889DEbe1B' },
    ]);
  });

  it('reads a.k.a./f.k.a. names and Linked To, and ignores prose', () => {
    const f = parseRemarks(
      "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Vice Chairman of the National Defense Commission; Linked To: NATIONAL DEFENSE COMMISSION; a.k.a. 'BNC'; f.k.a. 'KYONGYONG CREDIT BANK'; Organization Established Date 1969.",
    );
    expect(f.aliases).toEqual([
      { name: 'BNC', kind: 'aka' },
      { name: 'KYONGYONG CREDIT BANK', kind: 'fka' },
    ]);
    expect(f.linkedTo).toEqual(['NATIONAL DEFENSE COMMISSION']);
    expect(f.documents).toEqual([]);
  });

  it('treats -0- as empty', () => {
    expect(parseRemarks('-0- ')).toEqual(parseRemarks(''));
  });
});

describe('programs and birth dates', () => {
  it('splits joined programs', () => {
    expect(parsePrograms('DPRK3] [DPRK4')).toEqual(['DPRK3', 'DPRK4']);
    expect(parsePrograms('NPWMD] [DPRK2] [IFSR')).toEqual(['NPWMD', 'DPRK2', 'IFSR']);
    expect(parsePrograms('-0- ')).toEqual([]);
  });

  it('compares a query date with vague listed dates', () => {
    const listed = [parseBirthDate('circa 1946')!, parseBirthDate('18 Feb 1962')!];
    expect(compareBirthDate('1962-02-18', listed)).toBe('exact');
    expect(compareBirthDate('1962-07-01', listed)).toBe('near');
    expect(compareBirthDate('1963-02-18', listed)).toBe('year-off');
    expect(compareBirthDate('1961-02-18', listed)).toBe('year-off');
    expect(compareBirthDate('1964-02-18', listed)).toBe('contradiction');
    expect(compareBirthDate('1964-02-18', listed, 2)).toBe('year-off');
    expect(compareBirthDate('1970-03-04', [parseBirthDate('04 Mar 1970')!])).toBe('exact');
    expect(compareBirthDate('1970-04-03', [parseBirthDate('04 Mar 1970')!])).toBe('day-month-swapped');
    expect(compareBirthDate('1962-07', [parseBirthDate('1962')!])).toBe('same-year');
    expect(compareBirthDate('1963-07-01', [parseBirthDate('1962')!])).toBe('near');
    expect(compareBirthDate('1947-05-05', listed)).toBe('compatible');
    expect(compareBirthDate('1990-01-01', listed)).toBe('contradiction');
    expect(compareBirthDate('1962', listed)).toBe('compatible');
    expect(compareBirthDate('1990-01-01', [])).toBe('unknown');
    expect(compareBirthDate('1971-06-01', [parseBirthDate('1970 to 1972')!])).toBe('compatible');
  });
});

describe('joinRemarks (sdn_comments.csv overflow)', () => {
  it('appends the continuation where the Remarks column was cut', () => {
    expect(joinRemarks('DOB 1964; Passport 1234', '5678 (Iran).')).toBe('DOB 1964; Passport 12345678 (Iran).');
  });

  it('continues after the overlap when the two files were cut at different places', () => {
    const remarks = 'Tax ID No. 7707083893 (Russia); Listing Date (EO 14024 Directive 3)';
    const overflow = 'ive 2): 24 Feb 2022; Listing Date (EO 14024 Directive 3): 24 Feb 2022; Registration Number 1027700132195 (Russia).';
    expect(joinRemarks(remarks, overflow)).toBe('Tax ID No. 7707083893 (Russia); Listing Date (EO 14024 Directive 3): 24 Feb 2022; Registration Number 1027700132195 (Russia).');
  });
});
