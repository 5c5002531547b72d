import { beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { katakanaKoreanReadings } from '../../shared/domain/screening/katakana-korean';
import { screenPerson } from '../../shared/domain/screening/screen-person';
import { rng } from './labelled-set';

/**
 * Korean names as Japanese papers, the Japanese press and Zainichi Koreans write them: in katakana, by their Korean
 * sound (キム・ジョンウン for 김정은, KIM Jong Un). Each screened clear with the listed birth date before (adversarial
 * pass, December 2026).
 */
describe('the Korean readings of a name in katakana', () => {
  it.each([
    ['キム・ジョンウン', 'Kim Jong Un'],
    ['キム ジョンウン', 'Kim Jong Un'], // a space
    ['キムジョンウン', 'Kim Jong Un'], // nothing between surname and given name
    ['キム・ジョン・ウン', 'Kim Jong Un'],
    ['ｷﾑ･ｼﾞｮﾝｳﾝ', 'Kim Jong Un'], // half-width kana
    ['きむ・じょんうん', 'Kim Jong Un'], // hiragana
    ['ジョンウン・キム', 'Kim Jong Un'], // the surname last
    ['キム・ヨンチョル', 'Kim Yong Chol'],
    ['キム・ヨジョン', 'Kim Yo Jong'],
    ['キム・イルソン', 'Kim Il Song'],
    ['キム・ソクチョル', 'Kim Sok Chol'],
    ['パク・チョルス', 'Pak Chol Su'],
    ['パク・ヨンシク', 'Pak Yong Sik'],
    ['チェ・リョンヘ', 'Choe Ryong He'],
    ['リ・ビョンチョル', 'Ri Byong Chol'],
    ['イ・スンヨプ', 'Ri Sun Yop'],
    ['リュ・ジン', 'Ryu Jin'],
    ['キル・ジョンフン', 'Kil Jong Hun'],
    ['ペク・チャンホ', 'Pek Chang Ho'],
    ['クォン・ヨンジン', 'Kwon Yong Jin'],
    ['ファン・ビョンソ', 'Hwang Byong So'],
    ['ナムグン・ミン', 'Namgung Min'], // a surname of two syllables
  ])('%s is read as %s', (name, reading) => {
    expect(katakanaKoreanReadings(name)).toContain(reading);
  });

  it.each([
    'タナカ・ヒロシ', // Japanese names: no word a Korean surname
    'ヤマダ タロウ',
    'サトウ・ハルキ',
    'スズキ・イチロー',
    'ジョン・スミス', // a given name of three syllables
    'キム・ベイシンガー', // the long vowel mark: a foreign name
    'キム・カーダシアン',
    'キム・ノヴァク', // vu
    'カン・ナオト', // Kan Naoto: a given name of three syllables
    'キム', // a surname alone
    'ホンダ', // one word of two syllables: Honda, not Hong Da
    'カンナ',
    'キム・ジョンウン・ヨンチョル・ソン', // four words
    'Kim Jong Un', // not kana
    '金正恩', // kanji: not read by sound
    'キム Jong Un', // kana and Latin letters mixed
  ])('%s has no such reading', (name) => {
    expect(katakanaKoreanReadings(name)).toEqual([]);
  });

  it('gives at most sixteen readings, likeliest first', () => {
    const readings = katakanaKoreanReadings('チェ・リョンヘ');
    expect(readings.length).toBeLessThanOrEqual(16);
    expect(readings[0]).toBe('Choe Ryong He');
    expect(katakanaKoreanReadings('キム・ジョンウン')[0]).toBe('Kim Jong Un');
  });
});

/** Common Japanese surnames and given names in katakana, and the few one-kana or Korean-looking surnames Japanese has (菅 Kan, 紀 Ki, 井 I). */
const JAPANESE_SURNAMES = (
  'サトウ スズキ タカハシ タナカ イトウ ワタナベ ヤマモト ナカムラ コバヤシ カトウ ヨシダ ヤマダ ササキ ヤマグチ マツモト イノウエ キムラ ハヤシ シミズ ヤマザキ モリ アベ イケダ ハシモト ' +
  'ヤマシタ イシカワ ナカジマ マエダ フジタ オガワ ゴトウ オカダ ハセガワ ムラカミ コンドウ イシイ サイトウ サカモト エンドウ アオキ フジイ ニシムラ フクダ オオタ ミウラ フジワラ オカモト ' +
  'マツダ ナカガワ ナカノ ハラダ オノ タムラ タケウチ カネコ ワダ ナカヤマ イシダ ウエダ モリタ ハラ シバタ サカイ クドウ ヨコヤマ ミヤザキ ミヤモト ウチダ タカギ アンドウ タニグチ オオノ ' +
  'マルヤマ イマイ コウノ フジモト ムラタ タケダ ウエノ スギヤマ マスダ ヒラノ オオツカ チバ クボ マツイ イワサキ キノシタ ノグチ マツオ キクチ ノムラ アライ サノ スギモト ホンダ ソノダ ' +
  'カン キ イ オノデラ ミナミ ニシ アン'
).split(' ');
const JAPANESE_GIVEN = (
  'ヒロシ タカシ アキラ マコト ツヨシ ケンジ ダイスケ ショウタ ユウキ ハルト ソウタ ユウト レン ハルキ タクミ ケン ジュン リョウ ダイ ショウ シン ユウ ユキ ミキ エミ マリ アイ ユミ サクラ ' +
  'ハナ ユイ アオイ メイ リン ミオ ヒナ ユナ ナナ カナ マイ レイ ミホ ナオミ ヨウコ ケイコ ユウコ アキコ トモミ ミサキ カオリ サオリ イチロウ ジロウ サブロウ ケンタ リク カイ ソラ ' +
  'ミナト イツキ アサヒ ヒカル カズキ ノゾミ ヒトミ チヒロ マナミ アヤ サヤカ ミユキ ヨシコ ハルカ ナツキ シオリ ジン ケイ ミン ソン ジュンイチ'
).split(' ');
/**
 * Foreign names as Japanese write them, with their Latin spelling: Western (ジョン・スミス) and Chinese (ワン・ウェイ).
 * Some are listed names (チャン・ウェイ is Zhang Wei): read in katakana they may match no more than in Latin letters.
 */
const FOREIGN: readonly [string, string][] = (
  'ジョン・スミス John Smith|ジョン・ボルトン John Bolton|ジョン・レノン John Lennon|マイケル・ジョーダン Michael Jordan|トム・ハンクス Tom Hanks|' +
  'ポール・マッカートニー Paul McCartney|キム・カーダシアン Kim Kardashian|キム・ベイシンガー Kim Basinger|ジョン・ケリー John Kerry|ワン・ウェイ Wang Wei|' +
  'リ・ミン Li Min|チャン・ウェイ Zhang Wei|リュウ・ヤン Liu Yang|チェン・ジン Chen Jing|リン・フォン Lin Feng|ヤン・ミン Yang Ming|ジャン・イーモウ Zhang Yimou|' +
  'ホアン・レイ Huang Lei|ソン・ガン Song Gang|ジョン・ウー John Woo|アン・リー Ang Lee|マリア・ガルシア Maria Garcia|アンナ・イワノワ Anna Ivanova|' +
  'ピーター・パン Peter Pan|メアリー・ジョーンズ Mary Jones|リー・ミン Li Min|ワン・チン Wang Qing'
)
  .split('|')
  .map((p) => {
    const [kana, ...latin] = p.split(' ');
    return [kana!, latin.join(' ')];
  });

interface Applicant {
  name: string;
  dob: string;
  nationality?: string;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const dateOf = (r: () => number): string => `${1950 + Math.floor(r() * 55)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
/** Katakana as half-width kana (ｷﾑ), the way some Japanese forms and older systems keep names. */
const HALF = new Map<string, string>();
for (let cp = 0xff65; cp <= 0xff9d; cp++) {
  const h = String.fromCharCode(cp);
  for (const mark of ['', '\uff9e', '\uff9f']) {
    const full = (h + mark).normalize('NFKC');
    if (full.length === 1 && !HALF.has(full)) HALF.set(full, h + mark);
  }
}
const halfWidth = (s: string): string => [...s].map((c) => HALF.get(c) ?? c).join('');
const hiragana = (s: string): string => s.replace(/[\u30a1-\u30f6]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));

/** 2,400 Japanese applicants with random birth dates, half of them with a nationality. */
function applicants(): Applicant[] {
  const r = rng(20261208);
  const out: Applicant[] = [];
  for (let i = 0; i < 2400; i++) {
    const family = pick(r, JAPANESE_SURNAMES);
    const given = pick(r, JAPANESE_GIVEN);
    const sep = pick(r, ['・', ' ', '', '　']);
    let name = r() < 0.7 ? `${family}${sep}${given}` : `${given}${sep || ' '}${family}`;
    const form = r();
    if (form < 0.1) name = halfWidth(name);
    else if (form < 0.2) name = hiragana(name);
    out.push({ name, dob: dateOf(r), ...(r() < 0.5 ? { nationality: 'JP' } : {}) });
  }
  return out;
}

const realLists = process.env.SANCTIONS_DATA_DIR;
if (!realLists) console.log('katakana-korean: the tests on the real lists are skipped: SANCTIONS_DATA_DIR is not set (point it at ../shared/data/sanctions)');

describe.runIf(realLists)('names in katakana on the real lists', () => {
  let real: ScreeningIndex;
  beforeAll(async () => {
    real = (await loadLists(realLists!)).index;
  });
  const hitOf = (query: { name: string; dob?: string; nationality?: string }, id: string) => screenPerson(real, { type: 'person', ...query }).hits.find((h) => h.sourceId === id);

  it.each([
    [{ name: 'キム・ジョンウン', dob: '1984-01-08' }, '20157'], // KIM, Jong Un
    [{ name: 'キムジョンウン', dob: '1984-01-08', nationality: 'JP' }, '20157'],
    [{ name: 'ｷﾑ ｼﾞｮﾝｳﾝ', dob: '1984-01-08' }, '20157'],
    [{ name: 'キム・ヨンチョル', dob: '1962-02-18' }, '17614'], // KIM, Yong Chol
    [{ name: 'キム・ヨジョン', dob: '1989-09-26' }, '21444'], // KIM, Yo Jong
    [{ name: 'チェ・リョンヘ', dob: '1950-01-15' }, '23213'], // CHOE, Ryong Hae
    [{ name: 'チャン・ヨンソン', dob: '1957-02-20' }, '17615'], // JANG, Yong Son
    [{ name: 'キル・ジョンフン', dob: '1972-02-20' }, '17619'], // KIL, Jong Hun
    [{ name: 'ペク・チャンホ', dob: '1964-06-18' }, '15667'], // PAEK, Chang-Ho
    [{ name: 'キム・ソクチョル', dob: '1955-05-08' }, '17622'], // KIM, Sok Chol
    [{ name: 'リュ・ジン', dob: '1965-08-07' }, '17616'], // RYU, Jin
    // A zero-width space inside (clear before, December 2026): read as the fold reads a name, without it.
    [{ name: 'キム\u200b・ジョンウン', dob: '1984-01-08' }, '20157'],
    [{ name: 'キ\u200bム ジョン\u200bウン', dob: '1984-01-08' }, '20157'],
    // An honorific or title after the name (clear before, December 2026).
    [{ name: 'キム・ジョンウンさん', dob: '1984-01-08' }, '20157'],
    [{ name: 'キム・ジョンウン様', dob: '1984-01-08' }, '20157'],
    [{ name: 'キム・ジョンウン 同志', dob: '1984-01-08' }, '20157'],
    [{ name: 'キムジョンウン氏', dob: '1984-01-08' }, '20157'],
  ])('%o hits %s as strong', (query, id) => {
    const hit = hitOf(query, id);
    expect(hit).toBeDefined();
    expect(hit!.level).toBe('strong');
    expect(hit!.reasons.join(' ')).toContain('read as Korean from katakana');
  });

  it('as an other name beside a Latin one, and without a birth date a potential match', () => {
    const aside = screenPerson(real, { type: 'person', name: 'John Smith', otherNames: ['キム・ジョンウン'], dob: '1984-01-08' });
    expect(aside.hits.find((h) => h.sourceId === '20157')?.level).toBe('strong');
    expect(hitOf({ name: 'キム・ジョンウン' }, '20157')?.level).toBe('potential');
  });

  it('reads word for word: a typo on a reading is no match', () => {
    // キム・ジョンウク reads Kim Jong Uk, one letter from Un: the typed Latin name's typo tolerance is not the reading's.
    const hits = screenPerson(real, { type: 'person', name: 'キム・ジョンウク', dob: '1984-01-08' }).hits;
    expect(hits.filter((h) => h.sourceId === '20157')).toEqual([]);
  });

  const all = applicants();
  it(`${all.length} Japanese names in katakana with random birth dates: no strong, no potential match`, () => {
    const matched: string[] = [];
    for (const a of all) {
      const result = screenPerson(real, { type: 'person', ...a });
      for (const h of result.hits) matched.push(`${a.name} (${a.dob}) ~ ${h.name} ${h.score} ${h.level}`);
    }
    expect(matched).toEqual([]);
  });

  it('foreign names in katakana with random birth dates: no match their Latin spelling does not have', () => {
    const r = rng(20261209);
    const worse: string[] = [];
    const rank = { clear: 0, potential: 1, strong: 2 } as const;
    for (const [kana, latin] of FOREIGN)
      for (let i = 0; i < 20; i++) {
        const dob = dateOf(r);
        const inKana = screenPerson(real, { type: 'person', name: kana, dob }).outcome;
        const inLatin = screenPerson(real, { type: 'person', name: latin, dob }).outcome;
        if (rank[inKana] > rank[inLatin]) worse.push(`${kana} (${latin}, ${dob}): ${inKana}, in Latin ${inLatin}`);
      }
    expect(worse).toEqual([]);
  });
});
