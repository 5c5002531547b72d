import { beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { cyrillicToLatin } from '../../shared/domain/cyrillic-latin';
import { europeanRussianReadings } from '../../shared/domain/screening/european-russian';
import { nameTokens } from '../../shared/domain/screening/normalize-name';
import { screenPerson } from '../../shared/domain/screening/screen-person';
import { COMMON_NAMES } from './common-names';
import { rng } from './labelled-set';

/**
 * Russian names in German, Polish, Czech and GOST Latin spellings (Murat Chassanow, Jurij Orechow, Xasanov): each
 * screened clear with the listed birth date (adversarial pass, December 2026). They are read as English
 * transliteration writes them too.
 */
const read = (name: string) => europeanRussianReadings(nameTokens(name));

describe('a Russian name in another alphabet’s Latin spelling', () => {
  it.each([
    ['Murat Chassanow', 'murat khassanov'], // German: ch for х, w for в
    ['Jurij Orechow', 'yuriy orekhov'], // German: j for й and for the glide of ю
    ['Jewgenij Tschernow', 'yevgeniy chernov'], // German: tsch for ч
    ['Michail Schtschukin', 'mikhail shchukin'], // German: schtsch for щ
    ['Wadim Kusnezow', 'vadim kusnetsov'], // German: z for ц
    ['Murat Xasanov', 'murat khasanov'], // GOST 7.79: x for х
    ['Yurij Orexov', 'yuriy orekhov'],
    ['Aleksandr Szczukin', 'aleksandr shchukin'], // Polish: szcz for щ
    ['Jurij Czernow', 'yuriy chernov'], // Polish: cz for ч
    ['Jurij Chasanov', 'yuriy khasanov'], // Czech: ch for х, beside the j of й
  ])('%s is read as %s', (name, reading) => {
    expect(read(name)[0]).toBe(reading);
  });

  it.each([
    ['Murat Jasanov', 'murat khasanov'], // Spanish: j for х
    ['Yuri Orejov', 'yuri orekhov'],
    ['Jurij Orechow', 'khurikh orechow'], // read both ways: only a listed name makes either count
  ])('%s is also read as Spanish writes х: %s', (name, reading) => {
    expect(read(name)).toContain(reading);
  });

  it.each([
    'Kim Jong Chol', // Korean: no Russian ending, so ch and j keep the Korean matcher's reading
    'Zhang Wei', // Chinese
    'Murat Khasanov', // already English transliteration: nothing new
    'Yury Orekhov',
    'Chassanow', // one word
    'Maria Garcia', // no letter these spell otherwise
    'Dmitry Ivanovich Chernov', // English transliteration: ch and z are English letters for ч and з
    'Nikolay Kuznetsov',
    'Murat Chasanov', // Czech, with nothing but ch: not read (see european-russian.ts)
  ])('%s has no other reading', (name) => {
    expect(read(name)).toEqual([]);
  });
});

const realLists = process.env.SANCTIONS_DATA_DIR;
if (!realLists) console.log('european-russian: the tests on the real lists are skipped: SANCTIONS_DATA_DIR is not set (point it at ../shared/data/sanctions)');

describe.runIf(realLists)('listed Russians in German, Polish, Czech and GOST spellings, on the real lists', () => {
  let real: ScreeningIndex;
  beforeAll(async () => {
    real = (await loadLists(realLists!)).index;
  });
  type Query = { name: string; dob?: string; nationality?: string };
  const screen = (query: Query) => screenPerson(real, { type: 'person', ...query });

  // Each clear before; each now meets the listed person as the same name's English spellings do (Murat Khasanov
  // and Yury Orekhov strong, Murat Hasanov and Yuri Orekhov potential).
  it.each([
    [{ name: 'Murat Xasanov', dob: '1970-12-10' }, '35492', 'strong'], // KHASANOV, Murat Ruslanovich
    [{ name: 'Murat Ruslanowitsch Chassanow', dob: '1970-12-10' }, '35492', 'strong'],
    [{ name: 'Murat Chassanow', dob: '1970-12-10' }, '35492', 'potential'],
    [{ name: 'Jurij Orechow', dob: '1980-03-30' }, '39536', 'potential'], // OREKHOV, Yury Yuryevich
    [{ name: 'Yurij Orexov', dob: '1980-03-30' }, '39536', 'potential'],
    [{ name: 'Yurij Orekhov', dob: '1980-03-30' }, '39536', 'potential'],
    [{ name: 'Murat Jasanov', dob: '1970-12-10' }, '35492', 'strong'], // Spanish
    [{ name: 'Aleksander Łukaszenko', dob: '1954-08-30' }, '9760', 'strong'], // LUKASHENKO, Alexander Grigoryevich: Polish
    [{ name: 'Alexander Lukaschenko', dob: '1954-08-30' }, '9760', 'strong'], // German, with the x of a Latin name
    [{ name: 'Yuri Orejov', dob: '1980-03-30' }, '39536', 'potential'],
  ])('%o meets %s (%s)', (query, id, level) => {
    const hit = screen(query).hits.find((h) => h.sourceId === id);
    expect(hit?.level).toBe(level);
  });

  // Innocent Russians spelled the German way: reading them finds nothing the English spelling of the same name
  // does not find, and never a strong match with a random birth date.
  const toGerman: Readonly<Record<string, string>> = {
    в: 'w',
    е: 'e',
    ё: 'jo',
    ж: 'sch',
    з: 's',
    й: 'j',
    х: 'ch',
    ц: 'z',
    ч: 'tsch',
    ш: 'sch',
    щ: 'schtsch',
    ъ: '',
    ы: 'y',
    ь: '',
    э: 'e',
    ю: 'ju',
    я: 'ja',
  };
  const german = (cyrillic: string) => [...cyrillic.toLowerCase()].map((c) => toGerman[c] ?? cyrillicToLatin(c)).join('');
  const toSpanish: Readonly<Record<string, string>> = { х: 'j', й: 'i', ж: 'zh', ъ: '', ь: '' };
  const spanish = (cyrillic: string) => [...cyrillic.toLowerCase()].map((c) => toSpanish[c] ?? cyrillicToLatin(c)).join('');
  const surnames = ['Хасанов', 'Орехов', 'Карпов', 'Чернов', 'Щукин', 'Кузнецов', 'Жуков', 'Воронцов', 'Тарасова', 'Морозова', 'Волкова', 'Зайцев', 'Ковалёв', 'Шевченко', 'Михайлов', 'Юдин'];
  const given = ['Мурат', 'Юрий', 'Павел', 'Сергей', 'Анна', 'Мария', 'Олег', 'Вадим', 'Евгений', 'Ксения', 'Михаил', 'Елена', 'Владимир', 'Наталья'];
  it('1,000 innocent Russian names in German and in Spanish spelling with random birth dates: no strong match, and no hit the English spelling lacks', () => {
    const r = rng(20261208);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    let strong = 0;
    const extra: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const [g, s] = [pick(given), pick(surnames)];
      const dob = `${1950 + Math.floor(r() * 55)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
      const english = new Set(screen({ name: `${cyrillicToLatin(g.toLowerCase())} ${cyrillicToLatin(s.toLowerCase())}`, dob }).hits.map((h) => h.sourceId));
      for (const name of [`${german(g)} ${german(s)}`, `${spanish(g)} ${spanish(s)}`]) {
        const spelled = screen({ name, dob });
        if (spelled.outcome === 'strong') strong++;
        for (const h of spelled.hits) if (!english.has(h.sourceId)) extra.push(`${name} ${dob}: ${h.name}`);
      }
    }
    expect(strong).toBe(0);
    expect(extra).toEqual([]);
  });

  // Ordinary Polish and Ukrainian applicants (their own spellings have sz, cz, ch, w, j and Russian-looking endings):
  // the reading adds no potential match to what their names reach as typed.
  it('ordinary Polish and Ukrainian names with random birth dates: the reading adds no hit', () => {
    const r = rng(8_12_2026);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const extra: string[] = [];
    for (const country of ['PL', 'UA'] as const)
      for (let i = 0; i < 1000; i++) {
        const name = `${pick(COMMON_NAMES[country]!.given)} ${pick(COMMON_NAMES[country]!.family)}`;
        const dob = `${1950 + Math.floor(r() * 55)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
        for (const h of screen({ name, dob }).hits) if (h.reasons.some((why) => why.includes('read as a Russian name'))) extra.push(`${name} ${dob}: ${h.name} ${h.level}`);
      }
    expect(extra).toEqual([]);
  });
});
