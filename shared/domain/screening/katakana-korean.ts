/**
 * Korean names in Japanese katakana, read back as romanized Korean. Japanese papers, the Japanese press and
 * Zainichi Koreans write a Korean name by its Korean sound in katakana: 김정은 (KIM Jong Un) is キム・ジョンウン,
 * 김영철 (KIM Yong Chol) キム・ヨンチョル, 최룡해 (CHOE Ryong Hae) チェ・リョンヘ. No romanization relates the two,
 * and each screened clear with the listed birth date (adversarial pass, December 2026).
 *
 * Each word is cut into Korean syllables: a mora (キ, ジョ, クォ) and, closing it, ン (ㄴ or ㅇ), ム (ㅁ), ク (ㄱ),
 * ル (ㄹ) or プ (ㅂ) when the kana after it does not make it a syllable of its own (キム is Kim, ムン Mun). Katakana
 * is how Japanese write every foreign name, so only a Korean-shaped name is read: one word of it a Korean
 * surname as katakana writes it (SURNAMES), the given name one or two syllables, no kana Korean names are not
 * written with (ー, ッ, ヴ, ツ, ザ...). Tanaka Hiroshi, John Smith (ジョン・スミス) and Kim Basinger (キム・ベイシンガー)
 * are not read. Readings count word for word only (screen-person.ts: `strict`). Pure.
 */

import { combine, type Ranked } from './korean-syllables';

/** Kana with a vowel of their own -> initial and vowel as romanized Korean. */
const MORA: Record<string, string> = {};
const ROWS: readonly [string, string][] = [
  // the kana of a row (a i u e o; a space where there is none a Korean name is written with) and its initial
  ['アイウエオ', ''],
  ['カキクケコ', 'k'],
  ['ガギグゲゴ', 'g'],
  ['サシスセソ', 's'],
  ['タチ テト', 't'],
  ['ダ デド', 'd'],
  ['ナニヌネノ', 'n'],
  ['ハヒフヘホ', 'h'],
  ['バビブベボ', 'b'],
  ['パピプペポ', 'p'],
  ['マミムメモ', 'm'],
  ['ヤ ユ ヨ', 'y'],
  ['ラリルレロ', 'r'],
  ['ワ   ヲ', 'w'],
];
const VOWELS = 'aiueo';
for (const [kana, initial] of ROWS)
  [...kana].forEach((k, i) => {
    if (k !== ' ') MORA[k] = initial + VOWELS[i]!;
  });
Object.assign(MORA, { チ: 'chi', ジ: 'ji', フ: 'hu', ヲ: 'o', ヂ: 'ji' });

/** A kana and the small kana after it: its initial with a glide (キョ kyo, クォ kwo, チェ che). */
const GLIDES: Readonly<Record<string, string>> = { ャ: 'ya', ュ: 'yu', ョ: 'yo', ァ: 'wa', ィ: 'wi', ゥ: 'u', ェ: 'we', ォ: 'wo' };
/** The initial of a kana before a small ャュョ (キ k, シ s, チ ch, ジ j) or ァィェォ (ク k, グ g, フ h, ウ w). */
const Y_INITIAL: Readonly<Record<string, string>> = { キ: 'k', ギ: 'g', シ: 's', ジ: 'j', チ: 'ch', ニ: 'n', ヒ: 'h', ビ: 'b', ピ: 'p', ミ: 'm', リ: 'r' };
const W_INITIAL: Readonly<Record<string, string>> = { ク: 'k', グ: 'g', フ: 'h', ウ: '', ス: 's', ツ: 'ch', ヌ: 'n', ト: 't', ド: 'd' };
/** Small ェ after an i-column kana is ㅔ or ㅖ (チェ, ジェ, シェ, イェ), ィ after テ and デ is ㅣ (ティ). */
const SPECIAL: Readonly<Record<string, string>> = { チェ: 'che', ジェ: 'je', シェ: 'se', イェ: 'ye', ヒェ: 'hye', ティ: 'ti', ディ: 'di', トゥ: 'tu', ドゥ: 'du' };

/** Kana that end a syllable (the final consonant katakana writes for Korean) and the finals they stand for, likeliest first. */
const FINAL_OF: Readonly<Record<string, readonly string[]>> = { ム: ['m'], ク: ['k'], ル: ['l'], プ: ['p'] };

/**
 * Vowels with more than one Korean reading, beyond what the Korean matcher's own spellings cover ("e" is ㅔ and ㅐ,
 * "o" ㅗ and ㅓ, "u" ㅜ ㅡ ㅓ): チェ is 최 as well as 채 and 제, ケ 계 as well as 게, ヘ 혜 as well as 해.
 */
const MORE_READINGS: Readonly<Record<string, readonly string[]>> = { che: ['che', 'choe'], ke: ['ke', 'kye'], he: ['he', 'hye'], se: ['se', 'sye'] };

/**
 * Korean surnames as katakana writes them (a name is read only when one of its words is one of these), and the
 * list's spelling of those no syllable rule reads (イ is 이, which the lists write Ri).
 */
export const SURNAMES: ReadonlyMap<string, readonly string[] | undefined> = new Map<string, readonly string[] | undefined>([
  ...'キム パク チョン ジョン カン チョ ジョ ユン チャン ジャン イム リム ハン オ ソ シン クォン ファン アン ソン ユ リュ ホン コ ムン ヤン リャン ペク ホ ナム ノ ロ ハ クァク チャ チュ ジュ ウ ク ヒョン チ マ ヨン リョン パン ピョン キル ト ソク ミン ユク チン オム ヨム リョム ウォン ミョン ハム キ ヨ ラ ナ メン ポン オク タク ソル ウィ ピョ ウン スン カム クク モク シム ピ チェガル ファンボ ナムグン ソヌ'
    .split(' ')
    .map((k): [string, undefined] => [k, undefined]),
  ['イ', ['Ri']],
  ['リ', ['Ri']],
  ['チェ', ['Choe', 'Chae']],
  ['ペ', ['Pae']],
  ['テ', ['Thae', 'Tae']],
  ['ケ', ['Kye']],
]);

/** A name of katakana (or hiragana) words only: the cheap test every other name fails at its first letter. */
const KANA_NAME = /^[\s\u30a1-\u30fa\u30fb\u30fc\u3041-\u3096\uff65-\uff9f\u3000,，、=＝゠\-‐]+$/u;
/** Kana no Korean name is written with: the long vowel mark, a small tsu, vu, tsu, za zu ze zo, and the small ka and ke. */
export const NOT_KOREAN = /[ーｰッヴツザズゼゾヅヰヱヵヶヮ]/u;

export type Syllable = Ranked[];

/**
 * The Korean syllables of one katakana word, each as its romanized readings, likeliest first; undefined when it does
 * not cut. `ends`, when given, receives where each syllable ends in the word.
 */
export function syllables(word: string, ends?: number[]): Syllable[] | undefined {
  const kana = [...word];
  const out: Syllable[] = [];
  let i = 0;
  while (i < kana.length) {
    const k = kana[i]!;
    const small = kana[i + 1] !== undefined && GLIDES[kana[i + 1]!] !== undefined ? kana[i + 1]! : undefined;
    let sound: string | undefined;
    if (small) {
      const pair = k + small;
      const glide = GLIDES[small]!;
      if (SPECIAL[pair]) sound = SPECIAL[pair];
      else if ('ャュョ'.includes(small) && Y_INITIAL[k] !== undefined) sound = Y_INITIAL[k] + (k === 'チ' || k === 'ジ' ? glide.slice(1) : glide);
      else if ('ァィェォ'.includes(small) && W_INITIAL[k] !== undefined) sound = W_INITIAL[k] + glide;
      else return undefined;
      i += 2;
    } else {
      sound = MORA[k];
      if (sound === undefined) return undefined;
      i += 1;
    }
    // What closes the syllable: ン always; ム ク ル プ unless a small kana or ン makes them a syllable of their own.
    let finals: readonly string[] = [''];
    const next = kana[i];
    if (next === 'ン') {
      finals = /[ao]$/.test(sound) && !sound.endsWith('wo') ? ['ng', 'n'] : ['n', 'ng'];
      i += 1;
    } else if (next !== undefined && FINAL_OF[next] && kana[i + 1] !== 'ン' && (kana[i + 1] === undefined || GLIDES[kana[i + 1]!] === undefined)) {
      finals = FINAL_OF[next]!;
      i += 1;
    }
    const vowels = MORE_READINGS[sound] ?? [sound];
    out.push(vowels.flatMap((v, vi) => finals.map((f, fi): Ranked => [capital(v + f), vi + fi])));
    ends?.push(i);
  }
  return out.length > 0 ? out : undefined;
}

const capital = (r: string): string => r[0]!.toUpperCase() + r.slice(1);

/** A surname's readings: the list's spelling where SURNAMES gives one, else its syllables read. */
export function surnameReadings(word: string): Ranked[] | undefined {
  if (!SURNAMES.has(word)) return undefined;
  const fixed = SURNAMES.get(word);
  if (fixed) return fixed.map((r, rank): Ranked => [r, rank]);
  const cut = syllables(word);
  return cut && combine(cut, '').map(([r, rank]): Ranked => [capital(r.toLowerCase()), rank]);
}

/** A given name's readings from its words' syllables: each syllable a word ("Jong Un"), then, a step less likely, joined ("Jongun"). */
export function givenReadings(cuts: readonly Syllable[][]): Ranked[] | undefined {
  const all = cuts.flat();
  if (all.length === 0 || all.length > 2) return undefined;
  const spaced = combine(all, ' ');
  if (all.length === 1) return spaced;
  const joined = combine(all, '').map(([r, rank]): Ranked => [capital(r.toLowerCase()), rank + 1]);
  return [...spaced, ...joined].sort((a, b) => a[1] - b[1]);
}

/** The word as katakana: hiragana moved to its katakana, half-width kana made full (NFKC). */
export function katakanaWords(name: string): string[] {
  return name
    .normalize('NFKC')
    .replace(/[\u3041-\u3096]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .split(/[\s・,，、=＝゠\-‐]+/u)
    .filter(Boolean);
}

const MAX_READINGS = 16;

/** Any kana, full-width or half-width, katakana or hiragana. */
const ANY_KANA = /[\u3041-\u3096\u30a1-\u30fa\uff66-\uff9f]/u;
/**
 * An honorific or title after the name (キム・ジョンウンさん, キム・ジョンウン様, キム・ジョンウン 同志): each screened clear with the
 * listed birth date (adversarial pass, December 2026), the name no longer wholly kana or its last word one syllable
 * too long. Left out, as the fold leaves out a Hangul one (not サン: the syllable 산 or 상 of a given name).
 */
const HONORIFIC_AFTER = /[\s・\u3000]*(?:さん|さま|くん|ちゃん|どの|様|樣|殿|氏|同志|先生)$/u;

/**
 * The romanized Korean readings of a Korean name in katakana (キム・ジョンウン: Kim Jong Un), with a middle dot,
 * a space or nothing between its parts, in full-width or half-width kana, or in hiragana: its first or last word a
 * Korean surname, the rest a given name of one or two syllables; or one word of three or four syllables, a
 * surname and a given name. None for anything else, and none for a name not wholly in kana. At most 16, likeliest first.
 */
export function katakanaKoreanReadings(typed: string): string[] {
  // The cheap test every name without kana fails, before any normalization.
  if (!ANY_KANA.test(typed)) return [];
  const name = typed.normalize('NFKC').replace(HONORIFIC_AFTER, '');
  if (!KANA_NAME.test(name)) return [];
  const words = katakanaWords(name);
  if (words.length === 0 || words.length > 3 || words.some((w) => NOT_KOREAN.test(w))) return [];
  const out: Ranked[] = [];
  const read = (surname: Ranked[] | undefined, given: string[]): void => {
    if (!surname) return;
    const cuts = given.map((w) => syllables(w));
    if (cuts.some((c) => c === undefined)) return;
    const readings = givenReadings(cuts as Syllable[][]);
    if (readings) out.push(...combine([surname, readings], ' '));
  };
  if (words.length === 1) {
    // The whole name run together (キムジョンウン): three syllables or four, cut where a syllable ends (キム is Kim,
    // never キ and ム), the first one or two a surname of the table. Not two: a Japanese word of two (ホンダ, カンナ)
    // would read as a surname and a given name.
    const word = words[0]!;
    const ends: number[] = [];
    const all = syllables(word, ends);
    if (!all || all.length < 3 || all.length > 4) return [];
    for (const n of [1, 2]) if (out.length === 0) read(surnameReadings(word.slice(0, ends[n - 1])), [word.slice(ends[n - 1])]);
  } else {
    read(surnameReadings(words[0]!), words.slice(1));
    // In the order of Western names (ジョンウン・キム), when the first word is no surname.
    if (out.length === 0) read(surnameReadings(words[words.length - 1]!), words.slice(0, -1));
  }
  const seen = new Set<string>();
  return out
    .sort((a, b) => a[1] - b[1])
    .map(([r]) => r)
    .filter((r) => !seen.has(r) && seen.add(r))
    .slice(0, MAX_READINGS);
}
