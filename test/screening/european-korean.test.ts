import { beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { europeanKoreanReadings } from '../../shared/domain/screening/european-korean';
import { defaultScreeningThresholds } from '../../shared/domain/screening/query';
import { screenPerson } from '../../shared/domain/screening/screen-person';

/**
 * Korean names as other European languages spell them (Polish Kim Dzong Un, Czech Kim Čong-un, German Kim
 * Dschong Un, Hungarian Kim Dzsongun, Romanian Kim Giong Un): each screened clear against KIM Jong Un with his
 * birth date before (adversarial pass, December 2026).
 */
describe('the Korean readings of a name in a European spelling', () => {
  it.each([
    ['Kim Dzong Un', 'Kim Jong Un'], // Polish
    ['Kim Dżong Un', 'Kim Jong Un'],
    ['Kim Jong Czol', 'Kim Yong Chol'], // Polish j is the glide of 영
    ['Kim Jo Dzong', 'Kim Yo Jong'],
    ['Kim Džong-un', 'Kim Jong Un'], // Croatian, Serbian, Slovene
    ['Kim Čong-un', 'Kim Chong Un'], // Czech, Slovak
    ['Čchö Rjong-hä', 'Chhoe Ryong Hae'],
    ['Kim Dschong Un', 'Kim Jong Un'], // German
    ['Kim Dzsongun', 'Kim Jong Un'], // Hungarian, the given name in one word
    ['Kim Giong Un', 'Kim Jong Un'], // Romanian
    ['Kim Djong-oun', 'Kim Jong Un'], // French, older
  ])('%s is read as %s', (name, reading) => {
    expect(europeanKoreanReadings(name)).toContain(reading);
  });

  it.each([
    'Kim Jong Un', // no mark: the Korean matcher's own business
    'Kim Yong Chol',
    'Jan Kowalski',
    'Piotr Dziedzic',
    'Małgorzata Wójcik',
    'Tomáš Novák',
    'Jiří Dvořák',
    'Ivana Horvat',
    'Đorđe Petrović',
    'Jürgen Schmidt',
    'Szabó László',
    'Ion Popescu',
    'Giovanni Rossi',
    'Mehmet Yılmaz',
    'Dzong', // one word
  ])('%s has no such reading', (name) => {
    expect(europeanKoreanReadings(name)).toEqual([]);
  });
});

const realLists = process.env.SANCTIONS_DATA_DIR;
if (!realLists) console.log('european-korean: the tests on the real lists are skipped: SANCTIONS_DATA_DIR is not set (point it at ../shared/data/sanctions)');

describe.skipIf(!realLists)('names in European spellings on the real lists', () => {
  let real: ScreeningIndex;
  beforeAll(async () => {
    real = (await loadLists(realLists!)).index;
  });

  it.each([
    ['Kim Dzong Un', '20157', '1984-01-08'], // KIM, Jong Un
    ['Kim Dżong Un', '20157', '1984-01-08'],
    ['Kim Džong-un', '20157', '1984-01-08'],
    ['Kim Čong-un', '20157', '1984-01-08'],
    ['Kim Dschong Un', '20157', '1984-01-08'],
    ['Kim Dzsongun', '20157', '1984-01-08'],
    ['Kim Giong Un', '20157', '1984-01-08'],
    ['Kim Djong-oun', '20157', '1984-01-08'],
    ['Kim Jong Czol', 'KPi.024', '1962-02-18'], // KIM Yong Chol
    ['Čchö Rjong-hä', '23213', '1950-01-15'], // CHOE, Ryong Hae
    ['Kim Jo Dzong', '21444', '1989-09-26'], // KIM Yo Jong
    ['Kim Dzong Un', '20157', undefined],
  ])('%s hits %s', (name, id, dob) => {
    const hit = screenPerson(real, { name, type: 'person', ...(dob ? { dob } : {}) }).hits.find((h) => h.sourceId === id);
    expect(hit, name).toBeDefined();
    expect(hit!.score).toBeGreaterThanOrEqual(dob ? defaultScreeningThresholds.strong : defaultScreeningThresholds.potential);
  });

  it.each([
    ['Piotr Dziedzic', '1984-01-08'],
    ['Kim Dziedzic', '1984-01-08'],
    ['Tomáš Čech', '1962-02-18'],
    ['Jan Dzong', '1984-01-08'],
    ['Gizela Cionek', '1984-01-08'],
  ])('%s (born %s): no potential match through a European reading', (name, dob) => {
    const hits = screenPerson(real, { name, type: 'person', dob }).hits;
    expect(hits.filter((h) => h.reasons.some((r) => r.includes('read as Korean'))).map((h) => h.name)).toEqual([]);
  });
});
