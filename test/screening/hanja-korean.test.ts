import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { hanjaKoreanReadings, southernForm } from '../../shared/domain/screening/hanja-korean';
import { HANJA_READINGS_SOURCE, hanjaSyllable, type HanjaReadingsFile } from '../../shared/domain/screening/hanja-table';
import { screenPerson } from '../../shared/domain/screening/screen-person';
import { buildHanjaReadings } from '../../infra/tools/hanja-readings-build';
import { chineseApplicants, JAPANESE_NAMES } from './chinese-names';

/**
 * Korean names written in Hanja (金正恩 for KIM Jong Un, 崔龙海 for CHOE Ryong Hae): each screened clear with the
 * listed birth date and nationality KP before (adversarial pass, December 2026).
 */
describe('the Korean readings of a name in Hanja', () => {
  it.each([
    ['金正恩', '김 정은'],
    ['金 正恩', '김 정은'],
    ['金·正恩', '김 정은'],
    ['正恩 金', '김 정은'], // given names, then the surname: a form's fields as intake joins them
    ['龍海 崔', '최 룡해'],
    ['金・正恩', '김 정은'], // the katakana middle dot
    ['金与正', '김 여정'], // simplified 與
    ['金與正', '김 여정'],
    ['崔龍海', '최 룡해'],
    ['崔龙海', '최 룡해'],
    ['金铁三', '김 철삼'], // simplified 鐵
    ['金정은', '김 정은'], // Hanja and Hangul mixed
    ['金ㅈㅓㅇㅇㅡㄴ', '김 정은'], // ...the Hangul typed as loose jamo: clear before (hangul.ts assembleJamo)
    ['Jin Zhengen (金正恩)', '김 정은'], // beside the pinyin, in one field
    ['南宮英哲', '남궁 영철'], // a surname of two characters
    ['沈英', '심 영'], // 沈 is 심 as a surname, 침 elsewhere
    // Latin words beside Han ones: the Han run put back in its place as Hangul, and the field read as typed so.
    ['Kim 正恩', 'Kim 정은'],
    ['KIM 正恩', 'KIM 정은'],
    ['正恩 Kim', '정은 Kim'],
    ['Kim 正 Un', 'Kim 정 Un'],
    ['Choe 龍海', 'Choe 룡해'], // North
    ['Choe 龍海', 'Choe 용해'], // South
    ['金 Jong Un', '김 Jong Un'], // a run of one that is a surname: as a surname too
    ['Kim 正은', 'Kim 정은'],
    // Punctuation between the parts read as a space (金, 正恩 as the lists write SURNAME, Given).
    ['金, 正恩', '김 정은'],
    ['金-正恩', '김 정은'],
    ['(金)正恩', '김 정은'],
    // The Latin part in Chinese pinyin: the Mandarin of the other part's Hanja, read as Korean too.
    ['Jin 正恩', 'Kim 정은'],
    ['金 Zhengen', '김 Jong Un'],
    ['Cui 龍海', 'Choe 룡해'],
    // A title or honorific after the name left out (the run was too long for a name, or kana made it Japanese).
    ['金正恩 同志', '김 정은'],
    ['金正恩同志', '김 정은'],
    ['金正恩동지', '김 정은'],
    ['金正恩 委員長', '김 정은'],
    ['金正恩様', '김 정은'],
    ['金正恩さん', '김 정은'],
  ])('%s is read as %s', (name, reading) => {
    expect(hanjaKoreanReadings(name)).toContain(reading);
  });

  it('reads a run beside Latin words in its place, and a run of three or more as a whole name', () => {
    expect(hanjaKoreanReadings('Kim 正恩')[0]).toBe('Kim 정은');
    expect(hanjaKoreanReadings('Kim 正恩 Jong')).toEqual(['Kim 정은 Jong', '정 은']);
    // A whole name beside another spelling, as before: no mixed reading of it.
    expect(hanjaKoreanReadings('Jin Zhengen (金正恩)')).toEqual(['김 정은']);
    // Two runs of one beside Latin words: both put back.
    expect(hanjaKoreanReadings('Kim 正 Un 恩')).toContain('Kim 정 Un 은');
    // ...and a run of Hangul alone beside them stays as typed.
    expect(hanjaKoreanReadings('Kim 정 Un 恩')).toContain('Kim 정 Un 은');
    // No Latin word beside the run: the whole-name reading alone.
    expect(hanjaKoreanReadings('金 正恩')).toEqual(['김 정은', '정은 금']);
  });

  it('reads the North form (no initial-sound law) first, and the South one beside it', () => {
    expect(hanjaKoreanReadings('李永浩')).toEqual(['리 영호', '이 영호']);
    expect(hanjaKoreanReadings('柳京')).toEqual(['류 경', '유 경']);
    expect(hanjaKoreanReadings('盧光鐵')).toEqual(['로 광철', '노 광철']);
    expect(hanjaKoreanReadings('林英')).toEqual(['림 영', '임 영']);
    // At the given name's start too: 崔龍海 is 최룡해 in the North, 최용해 in the South.
    expect(hanjaKoreanReadings('崔龍海')).toEqual(['최 룡해', '최 용해']);
    // 金 is 김 as a surname only.
    expect(hanjaKoreanReadings('金正恩')).toEqual(['김 정은']);
  });

  it('applies the initial-sound law as the South writes it', () => {
    expect(southernForm('리', true)).toBe('이');
    expect(southernForm('녀', true)).toBe('여');
    expect(southernForm('로', true)).toBe('노');
    expect(southernForm('룡', true)).toBe('용');
    expect(southernForm('룡', false, '최')).toBe('룡');
    expect(southernForm('렬', false, '이')).toBe('열'); // after a vowel
    expect(southernForm('률', false, '선')).toBe('율'); // after ㄴ
    expect(southernForm('렬', false, '정')).toBe('렬');
    expect(southernForm('김', true)).toBe('김');
  });

  it('gives a few readings for characters with several, bounded', () => {
    const readings = hanjaKoreanReadings('樂率參');
    expect(readings[0]).toBe('락 솔참');
    expect(readings.length).toBeLessThanOrEqual(6);
    expect(hanjaKoreanReadings('車樂更')).toContain('차 락경');
  });

  it.each([
    'Kim Jong Un', // no Han characters
    '김정은', // Hangul is read by the fold itself
    '金', // one syllable
    '金正恩日成', // five
    '山田 たろう', // kana: a Japanese name
    '朝鲜联合机械贸易会社', // a company, not a name
    '', //
  ])('%s has no such reading', (name) => {
    expect(hanjaKoreanReadings(name)).toEqual([]);
  });
});

describe('the committed readings table', () => {
  const file = JSON.parse(readFileSync(HANJA_READINGS_SOURCE, 'utf8')) as HanjaReadingsFile;

  it('holds one Hangul syllable or a space per code point of the unified and compatibility ideographs', () => {
    expect(file.blocks.map((b) => [b.first, b.readings.length])).toEqual([
      [0x4e00, 0xa000 - 0x4e00],
      [0xf900, 0xfb00 - 0xf900],
    ]);
    for (const b of file.blocks) expect(b.readings).toMatch(/^[\uac00-\ud7a3 ]+$/u);
    expect(file.blocks[0]!.readings.replaceAll(' ', '').length).toBeGreaterThan(20_800);
  });

  it('reads as the package does, and a compatibility ideograph as the character it stands for', () => {
    expect([...'金正恩李龍烈与铁'].map((c) => hanjaSyllable(c.codePointAt(0)!))).toEqual([...'금정은리룡렬여철']);
    // U+F9B5 例 is 例 (U+4F8B) in NFKC.
    expect(hanjaSyllable(0xf9b5)).toBe(hanjaSyllable(0x4f8b));
    expect(hanjaSyllable(0x41)).toBeUndefined();
  });

  it('is what the build tool makes of a package table', () => {
    const built = buildHanjaReadings({ 一: '일', 例: '례', 丂: 'x' }, '0.0.0');
    expect(built.blocks[0]!.readings.slice(0, 3)).toBe('일  '); // a reading that is no syllable is left out
    expect(built.blocks[1]!.readings[0xf9b5 - 0xf900]).toBe('례');
  });
});

const realLists = process.env.SANCTIONS_DATA_DIR;
if (!realLists) console.log('hanja-korean: the tests on the real lists are skipped: SANCTIONS_DATA_DIR is not set (point it at ../shared/data/sanctions)');

describe.skipIf(!realLists)('names in Hanja on the real lists', () => {
  let real: ScreeningIndex;
  beforeAll(async () => {
    real = (await loadLists(realLists!)).index;
  });
  type Query = { name: string; dob?: string; nationality?: string };
  const screen = (query: Query) => screenPerson(real, { type: 'person', ...query });
  const viaHanja = (query: Query) => screen(query).hits.filter((h) => h.reasons.some((r) => r.includes('read as Korean from Hanja')));

  // With the listed date itself: strong, whatever nationality the papers give.
  it.each([
    [{ name: '金正恩', dob: '1984-01-08', nationality: 'KP' }, '20157'], // KIM, Jong Un
    [{ name: '金 正恩', dob: '1984-01-08' }, '20157'],
    [{ name: '正恩 金', dob: '1984-01-08' }, '20157'], // given names first
    [{ name: '金正恩', dob: '1984-01-08', nationality: 'CN' }, '20157'],
    [{ name: '金英哲', dob: '1962-02-18', nationality: 'KP' }, 'KPi.024'], // KIM Yong Chol
    [{ name: '金與正', dob: '1989-09-26' }, '21444'], // KIM, Yo Jong
    [{ name: '金与正', dob: '1989-09-26' }, '21444'],
    [{ name: '崔龍海', dob: '1950-01-15' }, '23213'], // CHOE, Ryong Hae
    [{ name: '崔龙海', dob: '1950-01-15' }, '23213'],
    [{ name: '金铁三', dob: '1971-03-11' }, 'KPi.035'], // KIM CHOL SAM, listed with this very alias (Jin Tiesan)
    [{ name: '金元弘', dob: '1945-07-17' }, '21443'], // KIM, Won Hong
    [{ name: '崔富日', dob: '1944-03-06' }, '20120'], // CHOE, Pu Il
    [{ name: '李秀勇', dob: '1968-06-25' }, '21735'], // RI, Su Yong
    [{ name: '柳進', dob: '1965-08-07' }, '17616'], // RYU, Jin
    [{ name: 'Jin Zhengen (金正恩)', dob: '1984-01-08' }, '20157'],
    [{ name: '金ㅈㅓㅇㅇㅡㄴ', dob: '1984-01-08' }, '20157'], // Hanja beside loose jamo
    // Latin words beside Han ones: each clear with the listed date before (adversarial pass, December 2026).
    [{ name: 'Kim 正恩', dob: '1984-01-08' }, '20157'],
    [{ name: 'KIM 正恩', dob: '1984-01-08', nationality: 'KP' }, '20157'],
    [{ name: '正恩 Kim', dob: '1984-01-08' }, '20157'],
    [{ name: 'Kim 正 Un', dob: '1984-01-08' }, '20157'],
    [{ name: 'Choe 龍海', dob: '1950-01-15' }, '23213'],
    [{ name: 'Choe 龙海', dob: '1950-01-15' }, '23213'],
    [{ name: 'Ri 秀勇', dob: '1968-06-25' }, '21735'],
    [{ name: 'Kim 與正', dob: '1989-09-26' }, '21444'],
    [{ name: '正恩Kim', dob: '1984-01-08' }, '20157'], // no space: the Hangul reading and the Latin word kept apart
    // Characters that render as nothing inside (clear before, December 2026): a zero-width space, a word joiner, a
    // soft hyphen, a variation selector, an ideographic variation selector.
    [{ name: '金\u200b正恩', dob: '1984-01-08' }, '20157'],
    [{ name: '金\u2060正\u2060恩', dob: '1984-01-08' }, '20157'],
    [{ name: '金\u00ad正恩', dob: '1984-01-08' }, '20157'],
    [{ name: '金\ufe00正恩', dob: '1984-01-08' }, '20157'],
    [{ name: '金\u{e0100}正恩', dob: '1984-01-08' }, '20157'],
    // Punctuation between the parts (clear before, December 2026).
    [{ name: '金, 正恩', dob: '1984-01-08' }, '20157'],
    [{ name: '金/正恩', dob: '1984-01-08' }, '20157'],
    [{ name: '崔.龍海', dob: '1950-01-15' }, '23213'],
    // One part in Hanja, the other in pinyin (clear before, December 2026).
    [{ name: 'Jin 正恩', dob: '1984-01-08' }, '20157'],
    [{ name: '金 Zhengen', dob: '1984-01-08' }, '20157'],
    [{ name: 'Cui 龍海', dob: '1950-01-15' }, '23213'],
    // Titles and honorifics after the name (clear before, December 2026).
    [{ name: '金正恩 同志', dob: '1984-01-08' }, '20157'],
    [{ name: '金正恩동지', dob: '1984-01-08' }, '20157'],
    [{ name: '金正恩さん', dob: '1984-01-08' }, '20157'],
    [{ name: '崔龍海 先生', dob: '1950-01-15' }, '23213'],
  ])('%o hits %s as strong', (query, id) => {
    const hit = screen(query).hits.find((h) => h.sourceId === id);
    expect(hit).toBeDefined();
    expect(hit!.level).toBe('strong');
    expect(hit!.reasons.join(' ')).toContain('read as Korean from Hanja');
  });

  // Only the year, or a listed date that is only a year or a range: potential, a reviewer's, never strong.
  it.each([
    [{ name: '金正恩', dob: '1984' }, '20157'],
    [{ name: '崔輝', dob: '1954-05-05' }, '21306'], // CHOE, Hwi, listed born 1954 to 1955
    [{ name: '李炳哲', dob: '1948-05-05' }, '23215'], // RI, Pyong Chol, listed born 1948
    [{ name: '黃炳瑞', dob: '1940-02-02' }, '19496'], // HWANG, Pyong So, listed born 1940
  ])('%o is a potential match, not a strong one', (query, id) => {
    const result = screen(query);
    expect(result.outcome).toBe('potential');
    expect(result.hits.find((h) => h.sourceId === id)?.level).toBe('potential');
  });

  it.each([
    { name: '金正恩' }, // no birth date: a reading from Hanja counts for nothing
    { name: '金正恩', nationality: 'KP' }, // nor does a nationality
    { name: '金正恩', dob: '1990-05-05' }, // another year
    { name: '金正恩', dob: '1984-03-03' }, // the listed year, another day
    { name: '金正', dob: '1984-01-08', nationality: 'CN' }, // part of the listed name only
    { name: '王伟', dob: '1984-01-08' },
    { name: '金正日', dob: '1984-01-08' },
    { name: 'Kim 正恩', dob: '1990-05-05' }, // mixed, as the whole Hanja name: another year
    { name: 'Kim 正恩', dob: '1984-03-03' }, // the listed year, another day
    { name: 'Kim 正日', dob: '1984-01-08' },
  ])('%o: no match through a Hanja reading', (query) => {
    expect(viaHanja(query)).toEqual([]);
  });

  it('a Japanese name in kanji is no Korean match, with any listed date, with an honorific or without', () => {
    for (const name of JAPANESE_NAMES.flatMap((n) => [n, `${n}さん`, `${n}様`]))
      for (const dob of ['1984-01-08', '1962-02-18', '1950-01-15', '1948-05-05']) expect(screen({ name, dob }).outcome, `${name} ${dob}`).toBe('clear');
  });

  // False positives: ordinary Chinese names in Han characters, many of them Korean name characters too (金 李 崔,
  // 英 哲 正), with birth dates from 1945 to 2005. Measured: 0 strong, 0 potential of 2,000 names (4,000 queries).
  it('ordinary Chinese names with their birth dates reach no potential match, with or without nationality', () => {
    const flagged: string[] = [];
    for (const { name, dob } of chineseApplicants(2000))
      for (const nationality of ['CN', undefined]) {
        const result = screen({ name, dob, ...(nationality ? { nationality } : {}) });
        if (result.outcome !== 'clear') flagged.push(`${name} ${dob} ${result.outcome} ${result.hits[0]?.name}`);
      }
    expect(flagged).toEqual([]);
  });

  // The same for the mixed fields: a surname in Latin letters (Korean and Chinese ones: Kim, Lee, Wang, Jin...) beside
  // given names in Han characters, either order. Measured: 0 potential of 4,000 queries.
  it('ordinary given names in Han characters beside a Latin surname reach no potential match', () => {
    const surnames = ['Kim', 'Lee', 'Park', 'Choi', 'Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Jin'];
    const flagged: string[] = [];
    for (const [i, { name, dob }] of chineseApplicants(2000, 77).entries()) {
      const given = [...name].slice(1).join('');
      for (const query of [`${surnames[i % surnames.length]} ${given}`, `${given} ${surnames[i % surnames.length]}`]) {
        const result = screen({ name: query, dob });
        if (result.outcome !== 'clear') flagged.push(`${query} ${dob} ${result.outcome} ${result.hits[0]?.name}`);
      }
    }
    expect(flagged).toEqual([]);
  });
});
