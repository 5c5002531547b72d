import { beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { mixedKoreanReadings } from '../../shared/domain/screening/mixed-script';
import { screenPerson } from '../../shared/domain/screening/screen-person';
import { inspectName } from '../../shared/domain/screening/unicode-fold';
import { rng } from './labelled-set';

/**
 * One name field mixing scripts: one word in katakana, Cyrillic or Arabic script, the others in Latin letters
 * (キム Jong Un, Kim ジョンウン, Choe Рёнхэ, قاسم Soleimani). Each reader read a name only when it was wholly in
 * its script, and each of these screened clear with the listed birth date (December 2026). Each word is now read
 * in its own script and the whole name matched, under the rules of the reader of that script.
 */
describe('the Korean readings of a name mixing Latin letters with katakana or Cyrillic', () => {
  it.each([
    ['キム Jong Un', 'Kim Jong Un'],
    ['Kim ジョンウン', 'Kim Jong Un'],
    ['Kim ジョン ウン', 'Kim Jong Un'],
    ['Jong Un キム', 'Jong Un Kim'],
    ['キム Jongun', 'Kim Jongun'],
    ['Kim ヨンチョル', 'Kim Yong Chol'],
    ['チェ Ryong Hae', 'Choe Ryong Hae'],
    ['Ryu ジン', 'Ryu Jin'],
    ['Choe Рёнхэ', 'Choe Ryong Hae'],
    ['Choe Рён Хэ', 'Choe Ryong Hae'],
    ['Kim Ёнчхоль', 'Kim Yong Chhol'],
  ])('%s is read as %s', (name, reading) => {
    expect(mixedKoreanReadings(name).map((r) => r.name)).toContain(reading);
  });

  it.each([
    'Kim Jong Un', // one script
    'キム・ジョンウン', // all katakana: katakana-korean.ts
    'Ким Ён Чхоль', // all Cyrillic: cyrillic-korean.ts
    'タナカ Hiroshi', // a Japanese name: no Korean surname
    'Hiroshi タナカ',
    'Kim ベイシンガー', // the long vowel mark: a foreign name
    'Kim スズキタロウ', // a given name of more than two syllables
    'John ジョンウン', // John is no Korean surname
    'Kim Jong Un قاسم', // Arabic script: read by skeleton (arabic-script.ts)
    'Виктор Kim', // a Russian given name does not cut
    'キム Ёнчхоль', // three scripts
    'Kim Jоng Un', // a Cyrillic о inside a Latin word: a look-alike, not a word in Cyrillic
  ])('%s has no such reading', (name) => {
    expect(mixedKoreanReadings(name)).toEqual([]);
  });
});

/**
 * Common Japanese, Korean, Arabic and Persian names for the innocent mixed names below: each word in its script, the
 * same word in Latin letters as its script's reader reads it, and Latin words to mix them with.
 */
const words = (s: string): string[] => s.split(' ');
const JAPANESE: NameSet = {
  script: words('サトウ スズキ タカハシ タナカ イトウ ワタナベ ヤマモト ナカムラ コバヤシ カトウ ヨシダ ヤマダ ヒロシ タカシ アキラ マコト ケンジ ダイスケ ユウキ ハルト ソウタ ハナ ユイ アオイ'),
  asLatin: words('Sato Suzuki Takahashi Tanaka Ito Watanabe Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Hiroshi Takashi Akira Makoto Kenji Daisuke Yuki Haruto Sota Hana Yui Aoi'),
  latin: words('Sato Suzuki Takahashi Tanaka Ito Watanabe Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Hiroshi Takashi Akira Makoto Kenji Daisuke Yuki Haruto Sota Hana Yui Aoi John Maria'),
};
const KOREAN_LATIN = words('Kim Park Choi Lee Jung Kang Cho Yoon Jihoon Minjun Seoyeon Jiwoo Haeun Doyoon Seojun Yuna Sua Jiho Min Jun Seo Yeon');
const KOREAN_KANA: NameSet = {
  script: words('キム パク チェ イ チョン カン チョ ユン ジフン ミンジュン ソヨン ジウ ハウン ドユン ソジュン ユナ スア ジホ'),
  asLatin: words('Kim Pak Choe Ri Chong Kang Cho Yun Jihun Minjun Soyong Jiu Haun Doyun Sojun Yuna Sua Jiho'),
  latin: KOREAN_LATIN,
};
const KOREAN_CYRILLIC: NameSet = {
  script: words('Ким Пак Цой Ли Чон Кан Чо Юн Джихун Минджун Со Ён Джиу Хаын Доюн Сочжун Юна Суа Чжихо'),
  asLatin: words('Kim Pak Choe Ri Jong Kang Jo Yun Jihun Minjun So Yong Jiu Haeun Doyun Sojun Yuna Sua Jiho'),
  latin: KOREAN_LATIN,
};
const ARABIC: NameSet = {
  script: words(
    'محمد أحمد علي حسن حسين عمر خالد يوسف إبراهيم مصطفى محمود سعيد كريم طارق ياسر وليد فيصل ماجد نبيل عادل رضا مهدی امیر حمید نرگس زهرا حداد خوري منصور صالح سليمان عثمان جابر رضایی محمدی کریمی موسوی جعفری',
  ),
  asLatin: words(
    'Mohammed Ahmed Ali Hassan Hussein Omar Khaled Youssef Ibrahim Mustafa Mahmoud Said Karim Tarek Yasser Walid Faisal Majid Nabil Adel Reza Mahdi Amir Hamid Narges Zahra Haddad Khoury Mansour Saleh Suleiman Othman Jaber Rezaei Mohammadi Karimi Mousavi Jafari',
  ),
  latin: words(
    'Mohammed Ahmed Ali Hassan Hussein Omar Khaled Youssef Ibrahim Mustafa Mahmoud Said Karim Tarek Yasser Walid Faisal Majid Nabil Adel Reza Mahdi Amir Hamid Narges Zahra Haddad Khoury Mansour Saleh Suleiman Othman Jaber Rezaei Mohammadi Karimi Mousavi Jafari',
  ),
};
interface NameSet {
  script: readonly string[];
  asLatin: readonly string[];
  latin: readonly string[];
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const dateOf = (r: () => number): string => `${1950 + Math.floor(r() * 55)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;

/** An innocent name of two or three words, at least one in the set's script and one in Latin letters, in random order; and the same all in Latin letters. */
function mixedName(r: () => number, set: NameSet): [mixed: string, latin: string] {
  const inScript = (): [string, string] => {
    const i = Math.floor(r() * set.script.length);
    return [set.script[i]!, set.asLatin[i]!];
  };
  const inLatin = (): [string, string] => {
    const w = pick(r, set.latin);
    return [w, w];
  };
  const chosen = [inScript(), inLatin(), ...(r() < 0.5 ? [r() < 0.5 ? inScript() : inLatin()] : [])];
  for (let i = chosen.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [chosen[i], chosen[j]] = [chosen[j]!, chosen[i]!];
  }
  return [chosen.map(([m]) => m).join(' '), chosen.map(([, l]) => l).join(' ')];
}

const realLists = process.env.SANCTIONS_DATA_DIR;
if (!realLists) console.log('mixed-script: the tests on the real lists are skipped: SANCTIONS_DATA_DIR is not set (point it at ../shared/data/sanctions)');

describe.runIf(realLists)('names mixing scripts on the real lists', () => {
  let real: ScreeningIndex;
  beforeAll(async () => {
    real = (await loadLists(realLists!)).index;
  });
  const screen = (query: { name: string; dob?: string; otherNames?: string[] }) => screenPerson(real, { type: 'person', ...query });
  const hitOf = (query: { name: string; dob?: string; otherNames?: string[] }, id: string) => screen(query).hits.find((h) => h.sourceId === id);

  // Hangul and Cyrillic words the fold already reads (a Hangul word romanized, a Cyrillic word transliterated): kept.
  it.each([
    [{ name: '김 Jong Un', dob: '1984-01-08' }, '20157'], // KIM, Jong Un
    [{ name: 'Kim 정은', dob: '1984-01-08' }, '20157'],
    [{ name: '김 Yo Jong', dob: '1989-09-26' }, '21444'], // KIM, Yo Jong
    [{ name: 'Choe 룡해', dob: '1950-01-15' }, '23213'], // CHOE, Ryong Hae
    [{ name: 'KIM Йонг Чол', dob: '1962-02-18' }, '17614'], // KIM, Yong Chol
    [{ name: 'KIM Ён Чхоль', dob: '1962-02-18' }, '17614'],
    [{ name: 'Ким Jong Un', dob: '1984-01-08' }, '20157'],
    [{ name: 'Kim Чен Ын', dob: '1984-01-08' }, '20157'],
    [{ name: 'Kim Jоng Un', dob: '1984-01-08' }, '20157'], // a Cyrillic о inside a Latin word: a look-alike
    [{ name: 'ㄱㅣㅁㅈㅓㅇㅇㅡㄴ', dob: '1984-01-08' }, '20157'], // jamo typed one by one: clear before (December 2026)
    [{ name: 'ㄱㅣㅁ ㅇㅕㅇㅊㅓㄹ', dob: '1962-02-18' }, '17614'],
  ])('%o hits %s as strong (read by the fold or the Cyrillic reader)', (query, id) => {
    expect(hitOf(query, id)?.level).toBe('strong');
  });

  it('a look-alike letter inside a Latin word is still reported as one, a word in Cyrillic is not', () => {
    expect(inspectName('Kim Jоng Un').suspects.length).toBeGreaterThan(0);
  });

  // Each screened clear with the listed birth date, or met only part of the listed name (キム Jong Un: 0.928 for
  // "Jong Un" alone, a potential match with only the year): now read as the all-Latin name is.
  it.each([
    [{ name: 'キム Jong Un', dob: '1984-01-08' }, '20157', 'Kim Jong Un'],
    [{ name: 'Kim ジョンウン', dob: '1984-01-08' }, '20157', 'Kim Jong Un'],
    [{ name: 'Jong Un キム', dob: '1984-01-08' }, '20157', 'Kim Jong Un'],
    [{ name: 'キム Jongun', dob: '1984-01-08' }, '20157', 'Kim Jong Un'],
    [{ name: 'Kim ヨジョン', dob: '1989-09-26' }, '21444', 'Kim Yo Jong'],
    [{ name: 'Kim ヨンチョル', dob: '1962-02-18' }, '17614', 'Kim Yong Chol'],
    [{ name: 'チェ Ryong Hae', dob: '1950-01-15' }, '23213', 'Choe Ryong Hae'],
    [{ name: 'Ryu ジン', dob: '1965-08-07' }, '17616', 'Ryu Jin'],
    [{ name: 'Jang ヨンソン', dob: '1957-02-20' }, '17615', 'Jang Yong Son'],
    [{ name: 'Choe Рёнхэ', dob: '1950-01-15' }, '23213', 'Choe Ryong Hae'],
    [{ name: 'Choe Рён Хэ', dob: '1950-01-15' }, '23213', 'Choe Ryong Hae'],
    [{ name: 'John Smith', otherNames: ['Kim ジョンウン'], dob: '1984-01-08' }, '20157', 'Kim Jong Un'],
  ])('%o hits %s as strong, as %s does', (query, id, latin) => {
    const hit = hitOf(query, id);
    expect(hit?.level).toBe('strong');
    expect(hit!.score).toBeGreaterThanOrEqual(hitOf({ ...query, name: latin, otherNames: [] }, id)!.score - 0.02);
    expect(hit!.reasons.join(' ')).toContain('read as Korean');
  });

  it('a mixed name with only the listed year is a potential match or better, as the Latin one', () => {
    expect(['potential', 'strong']).toContain(hitOf({ name: 'Kim ジョンウン', dob: '1984' }, '20157')?.level);
  });

  it('reads word for word: a typo on a reading is no match', () => {
    // ジョンウク reads Jong Uk, one letter from Un.
    expect(hitOf({ name: 'Kim ジョンウク', dob: '1984-01-08' }, '20157')).toBeUndefined();
  });

  // OFAC gives these persons in Latin letters only: a word of their own spelling in Arabic script beside Latin ones.
  it.each([
    [{ name: 'قاسم Soleimani', dob: '1957-03-11' }, '10481'], // SOLEIMANI, Qasem
    [{ name: 'Qasem سليماني', dob: '1957-03-11' }, '10481'],
    [{ name: 'Qassem سليماني', dob: '1957-03-11' }, '10481'], // the Latin word in another usual spelling
    [{ name: 'Ali شمخاني', dob: '1955-09-29' }, '28315'], // SHAMKHANI, Ali
    [{ name: 'رامي Makhluf', dob: '1969-07-10' }, '10725'], // MAKHLUF, Rami
    [{ name: 'Hasan نصر الله', dob: '1960-08-31' }, '2686'], // NASRALLAH, Hasan
    [{ name: 'احمد Vahidi', dob: '1958-06-27' }, '12060'], // VAHIDI, Ahmad
  ])('%o hits %s as strong, read from Arabic script', (query, id) => {
    const hit = hitOf(query, id);
    expect(hit?.level).toBe('strong');
    expect(hit!.reasons.join(' ')).toContain('read from Arabic script');
  });

  it('a mixed name with Arabic script follows the Arabic reading rules: a corroborating date, strong only with the listed one', () => {
    expect(hitOf({ name: 'قاسم Soleimani', dob: '1957' }, '10481')?.level).toBe('potential');
    const through = (q: { name: string; dob?: string }) => screen(q).hits.filter((h) => h.reasons.some((r) => r.includes('Arabic script')));
    expect(through({ name: 'قاسم Soleimani' })).toEqual([]); // no birth date
    expect(through({ name: 'قاسم Soleimani', dob: '1960-01-01' })).toEqual([]); // another year
    expect(through({ name: 'قاسم Soleimani Hassan', dob: '1957-03-11' })).toEqual([]); // a word the listed name lacks
    expect(through({ name: 'قاسم Sulejmanovic', dob: '1957-03-11' })).toEqual([]); // the Latin word is no spelling of the listed one
  });

  it('2,400 innocent names mixing Latin letters with katakana, Cyrillic or Arabic script, random birth dates: no strong match; through a mixed reading none for a Japanese name, and none its Latin spelling does not have', () => {
    const r = rng(20261207);
    const strong: string[] = [];
    const japanese: string[] = [];
    const worse: string[] = [];
    const rank = { weak: 0, potential: 1, strong: 2 } as const;
    const sets = [JAPANESE, KOREAN_KANA, KOREAN_CYRILLIC, ARABIC];
    let through = 0;
    for (let i = 0; i < 2400; i++) {
      const set = sets[i % sets.length]!;
      const [name, latin] = mixedName(r, set);
      const dob = dateOf(r);
      const inLatin = screen({ name: latin, dob }).hits;
      for (const h of screen({ name, dob }).hits) {
        const line = `${name} (${latin}, ${dob}) ~ ${h.name} ${h.score} ${h.level} ${h.reasons[0]}`;
        if (h.level === 'strong') strong.push(line);
        if (!h.reasons.some((x) => /each word in its script|read from Arabic script/.test(x))) continue;
        through++;
        if (set === JAPANESE) japanese.push(line);
        const same = inLatin.find((l) => l.sourceId === h.sourceId);
        if (!same || rank[same.level] < rank[h.level]) worse.push(`${line}; in Latin letters ${same ? same.level : 'no hit'}`);
      }
    }
    console.log(`mixed-script: ${through} hits through a mixed reading on 2,400 innocent names, each one the Latin spelling has too`);
    expect(strong).toEqual([]);
    expect(japanese).toEqual([]);
    expect(worse).toEqual([]);
  });
});
