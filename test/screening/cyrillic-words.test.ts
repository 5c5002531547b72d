import { beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { cyrillicToLatin } from '../../shared/domain/cyrillic-latin';
import { cyrillicTransliterations } from '../../shared/domain/screening/cyrillic-words';
import { screenPerson } from '../../shared/domain/screening/screen-person';
import { rng } from './labelled-set';

/**
 * Russian words made only of letters that look like Latin ones (Хасанов, Орехов, Карпов): the fold reads them as a
 * disguise of Latin letters ("xacahob"), and a listed Russian typed in Cyrillic with the listed birth date screened
 * clear (adversarial pass, December 2026). They are transliterated too.
 */
describe('the transliteration of Cyrillic words the fold reads as look-alikes', () => {
  it.each([
    ['Хасанов Мурат Русланович', 'khasanov murat ruslanovich'],
    ['Юрий Орехов', 'yuriy orekhov'],
    ['Карпов Павел', 'karpov pavel'],
    ['Хасанов Murat', 'khasanov Murat'], // a Latin word stays as typed
  ])('%s is also read as %s', (name, reading) => {
    expect(cyrillicTransliterations(name)).toEqual([reading]);
  });

  it.each([
    'Kim Jong Un', // no Cyrillic
    'Иван Петров', // the fold transliterates these words itself: nothing new
    'Ким Чен Ын',
  ])('%s has no other reading', (name) => {
    expect(cyrillicTransliterations(name)).toEqual([]);
  });
});

const realLists = process.env.SANCTIONS_DATA_DIR;
if (!realLists) console.log('cyrillic-words: the tests on the real lists are skipped: SANCTIONS_DATA_DIR is not set (point it at ../shared/data/sanctions)');

describe.runIf(realLists)('listed Russians typed in Cyrillic, on the real lists', () => {
  let real: ScreeningIndex;
  beforeAll(async () => {
    real = (await loadLists(realLists!)).index;
  });
  type Query = { name: string; dob?: string; nationality?: string };
  const screen = (query: Query) => screenPerson(real, { type: 'person', ...query });

  it.each([
    [{ name: 'Хасанов Мурат Русланович', dob: '1970-12-10', nationality: 'RU' }, '35492'], // KHASANOV, Murat Ruslanovich
    [{ name: 'Мурат Хасанов', dob: '1970-12-10' }, '35492'],
    [{ name: 'Орехов Юрий Юрьевич', dob: '1980-03-30' }, '39536'], // OREKHOV, Yury Yuryevich
    [{ name: 'Юрий Орехов', dob: '1980-03-30', nationality: 'RU' }, '39536'],
  ])('%o hits %s as strong (clear or only potential before)', (query, id) => {
    expect(screen(query).hits.find((h) => h.sourceId === id)?.level).toBe('strong');
  });

  // Innocent Russians, as people type them in Cyrillic: reading their words from Cyrillic finds nothing that the same
  // name typed in Latin letters does not find, and never a strong match with a random birth date.
  const surnames = ['Хасанов', 'Орехов', 'Карпов', 'Серов', 'Котов', 'Носов', 'Ветров', 'Тарасов', 'Макаров', 'Смирнов', 'Кузнецов', 'Попова', 'Соколова', 'Морозова', 'Волкова', 'Романова'];
  const given = ['Мурат', 'Юрий', 'Павел', 'Сергей', 'Анна', 'Мария', 'Олег', 'Роман', 'Тимур', 'Ксения', 'Артём', 'Елена', 'Максим', 'Екатерина'];
  it('1,000 innocent Cyrillic names with random birth dates: no strong match, and no hit the Latin spelling lacks', () => {
    const r = rng(20261207);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    let strong = 0;
    const extra: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const name = `${pick(given)} ${pick(surnames)}`;
      const dob = `${1950 + Math.floor(r() * 55)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
      const cyrillic = screen({ name, dob });
      const latin = new Set(screen({ name: cyrillicToLatin(name.toLowerCase()), dob }).hits.map((h) => h.sourceId));
      if (cyrillic.outcome === 'strong') strong++;
      for (const h of cyrillic.hits) if (!latin.has(h.sourceId)) extra.push(`${name} ${dob}: ${h.name}`);
    }
    expect(strong).toBe(0);
    expect(extra).toEqual([]);
  });
});
