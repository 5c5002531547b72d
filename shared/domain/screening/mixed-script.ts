/**
 * A Korean name in one field mixing Latin letters with katakana or Cyrillic: キム Jong Un, Kim ジョンウン, Choe Рёнхэ.
 * Each reader (katakana-korean.ts, cyrillic-korean.ts) reads a name only when it is wholly in its script (or, for
 * Cyrillic, reads the Latin words as a Russian passport's line, which Choe and Jong are not), and each of these
 * screened clear with the listed birth date (December 2026). Here each word is read in its own script: a Latin word
 * as typed, a katakana word by its Korean syllables, a Cyrillic word by Kontsevich; then the whole name is matched
 * word for word (screen-person.ts: `strict`), as the reader of the script would, but for the Latin words, which
 * keep the typo and joined-word tolerance of a Latin name (キム Jongun: Kim Jong Un).
 *
 * The readers' rules are kept. Katakana: a katakana word is read only as a Korean surname of the table (first or
 * last word) or as a given name, the given name of one or two syllables, no kana Korean names are not written with
 * (ー, ッ, ヴ); where the surname is the Latin word it must be a Korean surname's spelling (Kim, Lee, Park; not John). Cyrillic:
 * every word reads as Korean (a Russian given name does not cut). Every word of the name must be read: a word of a
 * third script, or a Latin word that is no Korean syllable where one is needed, and there is no reading. Hangul
 * words need none of this (the fold romanizes them in place), and a Latin word with a Cyrillic look-alike in it is
 * a Latin word (unicode-fold.ts). Arabic script is read by skeleton (arabic-script.ts). Pure.
 */

import { cyrillicWordReadings } from './cyrillic-korean';
import { givenReadings, NOT_KOREAN, SURNAMES, surnameReadings, syllables, type Syllable } from './katakana-korean';
import { combine, type Ranked } from './korean-syllables';
import { koreanReadingOf, romanizationKey } from './romanize';
import { unicodeSkeleton } from './unicode-fold';

/** Letters of katakana, hiragana or Cyrillic beside ASCII letters: the cheap test every other name fails. */
const KANA_OR_CYRILLIC = /[\u3041-\u3096\u30a1-\u30fa\uff66-\uff9d\u0400-\u04ff]/u;
const KANA_WORD = /^[\u30a1-\u30fa\uff66-\uff9f\u3041-\u3096]+$/u;
const CYRILLIC_WORD = /^[\p{Script=Cyrillic}\p{M}]+$/u;
const LATIN_WORD = /^[a-z]+$/;
const MAX_WORDS = 4;
const MAX_READINGS = 16;

type Word = { script: 'latin'; text: string; folded: string } | { script: 'kana' | 'cyrillic'; text: string };

/** The words of a name and their scripts; undefined when a word is in none of the three. */
function wordsOf(name: string): Word[] | undefined {
  const out: Word[] = [];
  for (const w of name.normalize('NFKC').split(/[\s・･,，、=＝゠\-‐]+/u)) {
    if (!w) continue;
    // Hiragana as katakana, as the katakana reader takes it.
    const kana = w.replace(/[\u3041-\u3096]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
    if (KANA_WORD.test(kana)) {
      out.push({ script: 'kana', text: kana });
      continue;
    }
    if (CYRILLIC_WORD.test(w)) {
      out.push({ script: 'cyrillic', text: w });
      continue;
    }
    // A Latin word, look-alike letters of other scripts read as Latin ones ("Jоng" with a Cyrillic о).
    const folded = unicodeSkeleton(w)
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/['’‘`´ʼʻ]/g, '');
    if (!LATIN_WORD.test(folded)) return undefined;
    out.push({ script: 'latin', text: w, folded });
  }
  return out;
}

/** How many Korean syllables a Latin word is (Kim 1, Jongun 2); 0 when it is not Korean-shaped. */
const latinSyllables = (folded: string): number => (koreanReadingOf(folded)?.masks.length ?? 0) / 3;

/**
 * Korean surnames in Latin letters, by romanization key: those of the katakana table as it reads them (Kim, Pak,
 * Choe, Ri...) and their South Korean spellings. A Latin word that merely reads as a Korean syllable is no surname
 * here: John does (a Latin surname for any kana given name screened John ジョンウン as John Jong Un).
 */
let latinSurnameKeys: Set<string> | undefined;
const SOUTH_KOREAN_SURNAMES =
  'lee yi rhee park bak choi jung jeong chung cho jo yoon yun jang chang lim im rim han oh seo suh shin sin kwon hwang ahn an song yoo yu ryu hong jeon chun ko go moon mun yang ryang son bae pae baek paik heo hur nam noh roh ha kwak sung seong cha joo ju woo koo ku min jin ji uhm eom chae won bang kong hyun hyeon ham byun byeon yeom yeo chu do seok sul ma gil wi pyo myung gi ban geum ok yook maeng je mo tak guk eun kang kim gim';
function isLatinSurname(folded: string): boolean {
  if (!latinSurnameKeys) {
    latinSurnameKeys = new Set(SOUTH_KOREAN_SURNAMES.split(' ').map(romanizationKey));
    for (const kana of SURNAMES.keys()) for (const [r] of surnameReadings(kana) ?? []) latinSurnameKeys.add(romanizationKey(r.toLowerCase()));
  }
  return latinSurnameKeys.has(romanizationKey(folded));
}

/** Katakana and Latin: one end a Korean surname (a katakana one of the table, a Latin Korean syllable), the rest a given name of one or two syllables. */
function kanaReadings(words: readonly Word[]): Ranked[] {
  if (words.some((w) => w.script === 'kana' && NOT_KOREAN.test(w.text))) return [];
  const surnameOf = (w: Word): Ranked[] | undefined => (w.script === 'kana' ? surnameReadings(w.text) : w.script === 'latin' && isLatinSurname(w.folded) ? [[w.text, 0]] : undefined);
  const read = (surname: Ranked[], given: readonly Word[], surnameFirst: boolean): Ranked[] => {
    let count = 0;
    const lists: Ranked[][] = [];
    for (const w of given) {
      if (w.script === 'latin') {
        const n = latinSyllables(w.folded);
        if (n === 0) return [];
        count += n;
        lists.push([[w.text, 0]]);
      } else {
        const cut = syllables(w.text);
        const readings = cut && givenReadings([cut as Syllable[]]);
        if (!readings) return [];
        count += cut.length;
        lists.push(readings);
      }
    }
    if (count === 0 || count > 2) return [];
    return combine(surnameFirst ? [surname, ...lists] : [...lists, surname], ' ');
  };
  const first = surnameOf(words[0]!);
  const fromFirst = first ? read(first, words.slice(1), true) : [];
  if (fromFirst.length > 0) return fromFirst;
  const last = surnameOf(words[words.length - 1]!);
  return last ? read(last, words.slice(0, -1), false) : [];
}

/** Cyrillic and Latin: every Cyrillic word cut by Kontsevich, every Latin word a romanized Korean one, as typed. */
function cyrillicReadings(words: readonly Word[], name: string): Ranked[] {
  const lists: Ranked[][] = [];
  for (const w of words) {
    const options = w.script === 'latin' ? (latinSyllables(w.folded) > 0 ? [[w.text, 0] as Ranked] : undefined) : cyrillicWordReadings(w.text, name);
    if (!options) return [];
    lists.push(options);
  }
  return combine(lists, ' ');
}

/** A reading of a mixed name, and its Latin words as typed (folded): the scorer's typo and joined-word tolerance applies to those as to a Latin name. */
export interface MixedReading {
  name: string;
  typed: string[];
}

/**
 * The romanized Korean readings of a name mixing Latin words with katakana (or hiragana) words, or with Cyrillic
 * ones: each word read in its script, the whole name read as the reader of that script reads one. None for a name
 * in one script, in three, or of more than four words. At most 16, likeliest first.
 */
export function mixedKoreanReadings(name: string): MixedReading[] {
  if (!KANA_OR_CYRILLIC.test(name) || !/[A-Za-z]/.test(name)) return [];
  const words = wordsOf(name);
  if (!words || words.length < 2 || words.length > MAX_WORDS) return [];
  const scripts = new Set(words.map((w) => w.script));
  if (scripts.size !== 2 || !scripts.has('latin')) return [];
  const ranked = scripts.has('kana') ? (words.length <= 3 ? kanaReadings(words) : []) : cyrillicReadings(words, name);
  const typed = words.flatMap((w) => (w.script === 'latin' ? [w.folded] : []));
  const seen = new Set<string>();
  return ranked
    .sort((a, b) => a[1] - b[1])
    .filter(([r]) => !seen.has(r) && seen.add(r))
    .slice(0, MAX_READINGS)
    .map(([r]) => ({ name: r, typed }));
}
