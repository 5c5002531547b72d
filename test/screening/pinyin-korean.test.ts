import { beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { pinyinKoreanReadings } from '../../shared/domain/screening/pinyin-korean';
import { screenPerson } from '../../shared/domain/screening/screen-person';

/**
 * Korean names as Chinese papers write them: the Mandarin of their Hanja (金正恩 Jin Zhengen, 金英哲 Jin Yingzhe,
 * 崔龍海 Cui Longhai). Each screened clear with the listed birth date before (adversarial pass, December 2026).
 */
describe('the Korean readings of a name in pinyin', () => {
  it.each([
    ['Jin Zhengen', 'Kim Jong Un'],
    ['Jin Zheng En', 'Kim Jong Un'],
    ["JIN ZHENG'EN", 'Kim Jong Un'],
    ["Jīn Zhèng'ēn", 'Kim Jong Un'], // tone marks
    ['Zhengen Jin', 'Jong Un Kim'],
    ['Jin Yingzhe', 'Kim Yong Chol'],
    ['Jin Yuzheng', 'Kim Yo Jong'], // 金與正
    ['Cui Longhai', 'Choe Ryong Hae'],
    ['Piao Yongzhi', 'Pak Yong Sik'],
    ['Li Bingzhe', 'Ri Pyong Chol'],
    // The whole name run together (a passport's one field, or a typed evasion): screened clear with the listed date.
    ['Jinzhengen', 'Kim Jong Un'],
    ['JINYINGZHE', 'Kim Yong Chol'],
  ])('%s is read as %s', (name, reading) => {
    expect(pinyinKoreanReadings(name)).toContain(reading);
  });

  it.each([
    'Wang Wei', // 王 and 偉 are no Korean name syllables of the lists
    'Zhang Xiaoming',
    'Liu Yang',
    'Kim Jong Un', // not pinyin
    'Jin', // one syllable
    'Zhangwei', // one word of syllables no listed Korean name uses
    'Jinzhengenxiaoming', // one word of more than four syllables
    'Jin Zhengen Xiaoming Wang Li', // five words
    'Ким Чен Ын',
  ])('%s has no such reading', (name) => {
    expect(pinyinKoreanReadings(name)).toEqual([]);
  });

  it('gives at most eight readings, likeliest first', () => {
    const readings = pinyinKoreanReadings('Jin Yuzheng');
    expect(readings.length).toBeLessThanOrEqual(8);
    expect(readings[0]).toBe('Kim U Jong');
  });
});

const realLists = process.env.SANCTIONS_DATA_DIR;
if (!realLists) console.log('pinyin-korean: the tests on the real lists are skipped: SANCTIONS_DATA_DIR is not set (point it at ../shared/data/sanctions)');

describe.skipIf(!realLists)('names in pinyin on the real lists', () => {
  let real: ScreeningIndex;
  beforeAll(async () => {
    real = (await loadLists(realLists!)).index;
  });
  const hitOf = (query: { name: string; dob?: string; nationality?: string }, id: string) => screenPerson(real, { type: 'person', ...query }).hits.find((h) => h.sourceId === id);

  // With the listed date itself: strong, whatever nationality the Chinese papers give.
  it.each([
    [{ name: 'Jin Zhengen', dob: '1984-01-08' }, '20157'], // KIM, Jong Un
    [{ name: 'Jin Zheng En', dob: '1984-01-08', nationality: 'CN' }, '20157'],
    [{ name: 'Jin Yingzhe', dob: '1962-02-18' }, 'KPi.024'], // KIM Yong Chol
    [{ name: 'Jin Yuzheng', dob: '1989-09-26' }, '21444'], // KIM Yo Jong
    [{ name: 'Cui Longhai', dob: '1950-01-15' }, '23213'], // CHOE, Ryong Hae
    [{ name: 'Jinzhengen', dob: '1984-01-08' }, '20157'], // the whole name in one word
  ])('%o hits %s as strong', (query, id) => {
    const hit = hitOf(query, id);
    expect(hit).toBeDefined();
    expect(hit!.level).toBe('strong');
    expect(hit!.reasons.join(' ')).toContain('read as Korean from Chinese pinyin');
  });

  // With only the year (or a listed date that is only a year): potential, a reviewer's, never strong.
  it.each([
    [{ name: 'Jin Zhengen', dob: '1984' }, '20157'],
    [{ name: 'Piao Yongzhi', dob: '1950-03-02' }, '19497'], // PAK, Yong Sik, listed born 1950
    [{ name: 'Li Bingzhe', dob: '1948-06-01' }, undefined], // RI, Pyong Chol, listed born 1948
  ])('%o is a potential match, not a strong one', (query, id) => {
    const result = screenPerson(real, { type: 'person', ...query });
    const hit = id ? result.hits.find((h) => h.sourceId === id) : result.hits[0];
    expect(hit).toBeDefined();
    expect(hit!.level).toBe('potential');
  });

  it.each([
    { name: 'Jin Zhengen' }, // no birth date: a pinyin reading counts for nothing
    { name: 'Jin Zhengen', nationality: 'KP' }, // nor does a nationality
    { name: 'Jin Zhengen', dob: '1990-05-05' }, // another year
    { name: 'Jin Zhengen', dob: '1984-03-03' }, // the listed year, another day
    { name: 'Jin Zheng', dob: '1984-01-08' }, // part of the listed name only
    { name: 'Jinzhengen', dob: '1990-05-05' }, // run together, another year
  ])('%o: no match through a pinyin reading', (query) => {
    const hits = screenPerson(real, { type: 'person', ...query }).hits;
    expect(hits.filter((h) => h.reasons.some((r) => r.includes('Chinese pinyin')))).toEqual([]);
  });
});
