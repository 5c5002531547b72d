import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkMrz, type DeclaredDocument } from '../../shared/domain/document/mrz-check';
import { DOC_CODES } from '../../shared/domain/document/doc-codes';
import { td1, td2, td3, type ZoneData } from '../fixtures/documents/mrz-builder';

/** ICAO 9303 part 4 (TD3), part 5 (TD1) and part 6 (TD2) specimen zones of "Anna Maria Eriksson", Utopia. */
const ICAO_TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const ICAO_TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
/** ICAO 9303 part 5 example of a document number longer than 9 characters (overflow into the optional field). */
const ICAO_TD1_OVERFLOW = ['I<UTOD23145890<7349<<<<<<<<<<<', '3407127M9507122UTO<<<<<<<<<<<2', 'STEVENSON<<PETER<JOHN<<<<<<<<<'];
const ICAO_TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];

/** The specimen's own declared data; Utopia has no alpha-2, so those two fields are expected to differ. */
const specimenDeclared = (over: Partial<DeclaredDocument> = {}): DeclaredDocument => ({
  type: 'passport',
  issuingCountry: 'SE',
  number: 'L898902C3',
  surname: 'Eriksson',
  givenNames: 'Anna Maria',
  birthDate: '1974-08-12',
  sex: 'F',
  nationality: 'SE',
  expiryDate: '2012-04-15',
  ...over,
});

const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code);
const mismatchFields = (r: { findings: { code: string; evidence: { field?: string }[] }[] }) => r.findings.filter((f) => f.code === DOC_CODES.mrzMismatch).map((f) => f.evidence[0]!.field);

describe('ICAO specimen zones', () => {
  it('TD3: parses, all check digits valid, every field agrees except the Utopia country codes; flagged as specimen', () => {
    const r = checkMrz(ICAO_TD3, specimenDeclared());
    expect(r.format).toBe('TD3');
    expect(r.checkDigitsValid).toBe(true);
    expect(r.fields).toMatchObject({ surname: 'ERIKSSON', givenNames: 'ANNA MARIA', number: 'L898902C3', birthDate: '740812', sex: 'F', expiryDate: '120415', issuingCode: 'UTO' });
    expect(mismatchFields(r).sort()).toEqual(['document.issuingCountry', 'document.nationality']);
    expect(codes(r)).toContain(DOC_CODES.specimenDocument);
    expect(codes(r)).not.toContain(DOC_CODES.mrzInvalidField);
  });

  it('TD1', () => {
    const r = checkMrz(ICAO_TD1, specimenDeclared({ type: 'national-id', number: 'D23145890' }));
    expect(r.format).toBe('TD1');
    expect(r.checkDigitsValid).toBe(true);
    expect(mismatchFields(r).sort()).toEqual(['document.issuingCountry', 'document.nationality']);
  });

  it('TD1: the document number overflows into the optional field (D23145890734)', () => {
    const r = checkMrz(ICAO_TD1_OVERFLOW, {
      type: 'national-id',
      issuingCountry: 'SE',
      number: 'D23145890734',
      surname: 'Stevenson',
      givenNames: 'Peter John',
      birthDate: '1934-07-12',
      sex: 'M',
      nationality: 'SE',
      expiryDate: '1995-07-12',
    });
    expect(r.checkDigitsValid).toBe(true);
    expect(r.fields?.number).toBe('D23145890734');
    expect(mismatchFields(r).sort()).toEqual(['document.issuingCountry', 'document.nationality']);
  });

  it('TD2', () => {
    const r = checkMrz(ICAO_TD2, specimenDeclared({ type: 'national-id', number: 'D23145890' }));
    expect(r.format).toBe('TD2');
    expect(r.checkDigitsValid).toBe(true);
    expect(mismatchFields(r).sort()).toEqual(['document.issuingCountry', 'document.nationality']);
  });

  it('German specimen (Erika Mustermann, code "D") maps D to DE', () => {
    const r = checkMrz(['P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<', 'C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4'], {
      type: 'passport',
      issuingCountry: 'DE',
      number: 'C01X00T47',
      surname: 'Mustermann',
      givenNames: 'Erika',
      birthDate: '1964-08-12',
      sex: 'F',
      nationality: 'DE',
      expiryDate: '2027-02-28',
    });
    expect(r.checkDigitsValid).toBe(true);
    expect(mismatchFields(r)).toEqual([]);
    expect(codes(r)).toEqual([DOC_CODES.specimenDocument]);
  });
});

describe('corrupted specimens', () => {
  const cases: [string, number, number, string][] = [
    ['document number', 1, 0, 'documentNumberCheckDigit'],
    ['birth date', 1, 15, 'birthDateCheckDigit'],
    ['expiry date', 1, 25, 'expirationDateCheckDigit'],
    ['composite', 1, 43, 'compositeCheckDigit'],
  ];
  for (const [label, line, pos, field] of cases)
    it(`a changed character in the ${label} breaks its check digit`, () => {
      const zone = [...ICAO_TD3];
      const l = zone[line]!;
      const ch = l[pos]!;
      const replacement = /[0-9]/.test(ch) ? String((Number(ch) + 1) % 10) : 'X';
      zone[line] = l.slice(0, pos) + replacement + l.slice(pos + 1);
      const r = checkMrz(zone, specimenDeclared());
      expect(r.checkDigitsValid).toBe(false);
      const f = r.findings.filter((x) => x.code === DOC_CODES.mrzCheckDigit);
      expect(f.map((x) => x.evidence[0]!.field)).toContain(field);
      expect(JSON.stringify(r.findings)).not.toContain('L898902C3');
    });

  it('an impossible month is DOC_MRZ_INVALID_FIELD', () => {
    const zone = [ICAO_TD3[0]!, 'L898902C36UTO7413122F1204159ZE184226B<<<<<10'];
    expect(codes(checkMrz(zone, specimenDeclared()))).toContain(DOC_CODES.mrzInvalidField);
  });

  it('truncated or garbled zones are DOC_MRZ_UNREADABLE without echoing the zone', () => {
    for (const zone of [[ICAO_TD3[0]!, ICAO_TD3[1]!.slice(0, 43)], [ICAO_TD3[0]!], ['hello', 'world'], ['P<UTO ERIKSSON', '???']]) {
      const r = checkMrz(zone, specimenDeclared());
      expect(codes(r)).toEqual([DOC_CODES.mrzUnreadable]);
      expect(JSON.stringify(r)).not.toContain('L898902');
    }
  });
});

describe('field comparison with declared data', () => {
  const base: ZoneData = { issuing: 'POL', surname: 'KOWALSKA', given: 'ANNA', number: 'EC1234567', nationality: 'POL', birth: '900101', sex: 'F', expiry: '310101' };
  const declared: DeclaredDocument = {
    type: 'passport',
    issuingCountry: 'PL',
    number: 'EC1234567',
    surname: 'Kowalska',
    givenNames: 'Anna',
    birthDate: '1990-01-01',
    sex: 'F',
    nationality: 'PL',
    expiryDate: '2031-01-01',
  };

  it('a consistent zone has no findings', () => {
    expect(checkMrz(td3(base), declared).findings).toEqual([]);
  });

  it.each([
    ['surname', { surname: 'NOWAK' }, 'high'],
    ['givenNames', { given: 'MARIA' }, 'high'],
    ['number', { number: 'EC7654321' }, 'high'],
    ['birthDate', { birth: '910101' }, 'high'],
    ['sex', { sex: 'M' }, 'medium'],
    ['nationality', { nationality: 'UKR' }, 'high'],
    ['issuingCountry', { issuing: 'UKR' }, 'high'],
    ['expiryDate', { expiry: '320101' }, 'high'],
  ] as const)('a different %s is a mismatch naming that field', (field, over, severity) => {
    const r = checkMrz(td3({ ...base, ...over }), declared);
    expect(r.checkDigitsValid).toBe(true);
    expect(r.findings.map((f) => [f.code, f.evidence[0]!.field, f.severity])).toEqual([[DOC_CODES.mrzMismatch, `document.${field}`, severity]]);
  });

  it('document numbers in evidence are masked', () => {
    const r = checkMrz(td3({ ...base, number: 'EC7654321' }), declared);
    expect(JSON.stringify(r.findings)).not.toMatch(/EC7654321|EC1234567/);
    expect(r.findings[0]!.evidence[0]!.detail).toMatchObject({ declared: '••••••567', mrz: '••••••321' });
  });

  it('a North Korean nationality in the zone is critical', () => {
    const r = checkMrz(td3({ ...base, nationality: 'PRK' }), declared);
    expect(r.fields?.nationalityAlpha2).toBe('KP');
    expect(r.findings[0]).toMatchObject({ severity: 'critical' });
  });

  it('transliteration: umlauts, diacritics, hyphens and Cyrillic follow ICAO rules', () => {
    const de: DeclaredDocument = { ...declared, issuingCountry: 'DE', nationality: 'DE', surname: 'Müller-Lüdenscheidt', givenNames: 'Jürgen' };
    const zoneDe = { ...base, issuing: 'D<<', nationality: 'D<<' };
    expect(checkMrz(td3({ ...zoneDe, surname: 'MUELLER<LUEDENSCHEIDT', given: 'JUERGEN' }), de).findings).toEqual([]);
    expect(checkMrz(td3({ ...zoneDe, surname: 'MULLER<LUDENSCHEIDT', given: 'JURGEN' }), de).findings).toEqual([]);
    const pl = { ...declared, surname: 'Wąsowska-Łukasik', givenNames: 'Żaneta' };
    expect(checkMrz(td3({ ...base, surname: 'WASOWSKA<LUKASIK', given: 'ZANETA' }), pl).findings).toEqual([]);
    const ua = { ...declared, issuingCountry: 'UA', nationality: 'UA', surname: 'Шевченко', givenNames: 'Олена' };
    expect(checkMrz(td3({ ...base, issuing: 'UKR', nationality: 'UKR', surname: 'SHEVCHENKO', given: 'OLENA' }), ua).findings).toEqual([]);
  });

  it('a one-letter spelling difference is a medium mismatch, not high', () => {
    const r = checkMrz(td3({ ...base, surname: 'KOWALSKY' }), declared);
    expect(r.findings.map((f) => f.severity)).toEqual(['medium']);
  });

  it('names truncated by a full name zone are accepted', () => {
    const long = { ...declared, surname: 'Wolfeschlegelsteinhausenbergerdorff', givenNames: 'Hubert Blaine' };
    const zone = td3({ ...base, surname: 'WOLFESCHLEGELSTEINHAUSENBERGERDORFF', given: 'HUBERT<BLAINE' });
    expect(zone[0]!.endsWith('<')).toBe(false);
    expect(checkMrz(zone, long).findings).toEqual([]);
  });

  it('TD1 and TD2 zones built for the same person agree; a passport zone for an ID card is a low type mismatch', () => {
    const id = { ...declared, type: 'national-id' as const, number: 'ABC123456' };
    expect(checkMrz(td1({ ...base, number: 'ABC123456' }), id).findings).toEqual([]);
    expect(checkMrz(td2({ ...base, number: 'ABC123456' }), id).findings).toEqual([]);
    const r = checkMrz(td3({ ...base, number: 'ABC123456' }), id);
    expect(r.findings.map((f) => [f.evidence[0]!.field, f.severity])).toEqual([['document.type', 'low']]);
  });
});

describe('robustness', () => {
  it('random lines never throw', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 50 }), { maxLength: 4 }), (lines) => {
        const r = checkMrz(lines, specimenDeclared());
        expect(Array.isArray(r.findings)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('truncated and mutated specimen zones never throw and never pass silently', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 43 }), fc.constantFrom(...'ABCXYZ0123456789<'), fc.boolean(), (line, pos, ch, truncate) => {
        const zone = [...ICAO_TD3];
        const l = zone[line]!;
        zone[line] = truncate ? l.slice(0, pos) : l.slice(0, pos) + ch + l.slice(pos + 1);
        const r = checkMrz(zone, specimenDeclared());
        if (zone[line] !== l) expect(r.findings.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
