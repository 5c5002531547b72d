import { arabicScriptReadings } from './arabic-script';
import type { ScreeningIndex } from './build-index';
import { cyrillicKoreanReadings, unmarkedIcaoReadings } from './cyrillic-korean';
import { europeanKoreanReadings } from './european-korean';
import { cyrillicTransliterations } from './cyrillic-words';
import { europeanRussianReadings } from './european-russian';
import { greekReadings } from './greek-script';
import { hanjaKoreanReadings } from './hanja-korean';
import { katakanaKoreanReadings } from './katakana-korean';
import { mixedKoreanReadings } from './mixed-script';
import { joinSpelledOut, namesInOneField } from './name-parts';
import { pinyinKoreanReadings } from './pinyin-korean';
import { koreanReadingOf } from './romanize';
import { inspectName, undisguiseAscii, withoutInvisibles } from './unicode-fold';

/** The other readings of a typed name screening tries beside the name as typed (screen-person.ts). */
/**
 * The text as a screen shows it where a right-to-left override (U+202E) reverses what follows it, up to a
 * pop (U+202C) or the end: "\u202elohc gnoy mik" displays as "kim yong chol" and screened clear as typed
 * (adversarial pass, December 2026). Other text is returned as it is.
 */
export function asDisplayed(text: string): string {
  if (!text.includes('\u202e')) return text;
  return text.replace(/\u202e([^\u202c]*)\u202c?/g, (_, run: string) => [...run].reverse().join(''));
}

/**
 * A whole Korean name written as one word ("Kimyongchol", "JinRYU"): the ways to cut the word into two to
 * four Korean syllables that are listed name tokens ("Kim Yong Chol", "Ki Myong Chol"), at most eight;
 * none for anything else. A whole name in one word screened clear (adversarial pass, December 2026).
 * Only Korean-shaped pieces: "Johnson" stays.
 */
export function splitJoinedKoreanName(index: ScreeningIndex, words: readonly string[]): string[] {
  // The whole name in one word only: a South Korean given name joined on a passport ("Choi Youngjun") is
  // one token of a name in several words, and cutting it read ordinary names as listed ones.
  if (words.length !== 1 || words[0]!.length < 5 || index.rawTokens.has(words[0]!)) return [];
  const word = words[0]!;
  const out: string[] = [];
  const cut = (from: number, pieces: string[]): void => {
    if (out.length >= 8 || pieces.length > 4) return;
    if (from === word.length) {
      if (pieces.length >= 2) out.push(pieces.join(' '));
      return;
    }
    for (let to = from + 1; to <= Math.min(word.length, from + 5); to++) {
      const piece = word.slice(from, to);
      if (index.rawTokens.has(piece) && koreanReadingOf(piece)) cut(to, [...pieces, piece]);
    }
  };
  cut(0, []);
  return out;
}

/** A typed name as reasons show it: invisible characters and look-alikes spelled out as code points. */
export const visibleName = (name: string): string => (/^[\x20-\x7e]*$/.test(name) ? name : inspectName(name).visible);

/**
 * Other readings of a typed name (`folded`: its words folded, `words`: its tokens), each screened beside it as a form of its own, with
 * the reading said in the reasons: a whole Korean name in one word cut into syllables; a lower-case l ending
 * a word of capitals, which the fold reads as I, also read as L ("CHOl": Chol or Choi); a capital and an l as
 * a word ("Rl") also read as Ri (Al and El, the Arabic article, are left alone); and the letters behind a
 * right-to-left override as displayed. Each screened clear before (adversarial passes, December 2026).
 */
/** Another reading of a typed name; `strict`: it counts only where every word meets a listed one as the same spelling or romanization (no typo, no joined words). */
export interface Reading {
  name: string;
  shown: string;
  strict?: boolean;
  /** With `strict`: words of the reading as typed in Latin letters (folded), which keep a Latin name's typo and joined-word tolerance (mixed-script.ts). */
  typed?: readonly string[];
  /** It counts only beside other evidence the name came from Russian papers (fromRussianPapers). */
  corroborate?: boolean;
  /**
   * A Korean name read from its Hanja's Mandarin (pinyin-korean.ts) or from the Hanja themselves (hanja-korean.ts):
   * it counts only beside a corroborating birth date, for the whole listed name, and strong only with the listed
   * date itself. Nearly every Chinese name reads as some Korean one, and a nationality says nothing here.
   */
  hanja?: boolean;
  /**
   * A name in Arabic script read as a listed Latin name by consonant skeleton (arabic-script.ts): counted as `hanja`
   * is, beside a corroborating birth date, for the whole listed name, strong only with the listed date itself.
   */
  skeleton?: boolean;
  /** Letters that look like others read as those ("Kirn" as Kim): it counts only beside the listed birth date itself, and never as strong. */
  lookalike?: boolean;
}

/** Letter pairs that print like one letter: "rn" reads as m in most typefaces ("Kirn Jong Un"), "vv" as w, "cl" as d. */
const LOOKALIKE_PAIRS: readonly [string, string][] = [
  ['rn', 'm'],
  ['vv', 'w'],
  ['cl', 'd'],
];

/** The name with every look-alike pair of one kind read as its letter (folded words, so case and marks are gone). */
export function lookalikeReadings(folded: readonly string[]): string[] {
  const text = folded.join(' ');
  const out = new Set<string>();
  for (const [pair, letter] of LOOKALIKE_PAIRS) if (text.includes(pair)) out.add(text.replaceAll(pair, letter));
  if (out.size > 1) out.add(LOOKALIKE_PAIRS.reduce((t, [pair, letter]) => t.replaceAll(pair, letter), text));
  return [...out];
}

/**
 * Countries whose passports write a name by transliterating its Cyrillic (Russia's ICAO table and its
 * neighbours' like it): a Korean name from them reads KAN REN, not KANG Ryong.
 */
export const CYRILLIC_PASSPORT_COUNTRIES = new Set(['RU', 'BY', 'UA', 'KZ', 'KG', 'UZ', 'TJ', 'TM', 'MD', 'AM', 'AZ', 'GE', 'MN']);
export { CORROBORATING_DOB } from './birth-date';

export function otherReadings(index: ScreeningIndex, name: string, folded: readonly string[], words: readonly string[], unmarked: boolean, dob: string | undefined): Reading[] {
  const shown = visibleName(name);
  // The readers of other scripts read the name as the fold does, without characters that render as nothing: a
  // zero-width space inside キム・ジョンウン or 金正恩 screened clear with the listed birth date (December 2026).
  const text = withoutInvisibles(name);
  const dobGiven = dob !== undefined;
  const out: Reading[] = splitJoinedKoreanName(index, words).map((split) => ({ name: split, shown: `${shown} (read as ${split})` }));
  // Only an l ending a word of capitals is in doubt; one between capitals ("KlM") the fold reads as I in both.
  const finalL = /(?<=[A-Z])l(?![\p{L}])/gu;
  if (undisguiseAscii(name) !== name && finalL.test(name)) out.push({ name: name.replace(finalL, 'L'), shown: `${shown} (l read as L)` });
  const capitalAndL = /(?<![\p{L}])([B-DF-Z])l(?![\p{L}])/gu;
  if (capitalAndL.test(name)) out.push({ name: name.replace(capitalAndL, '$1I'), shown: `${shown} (l read as I)` });
  // Several names in one field: "Kim Yong Chol (Kim Young Chul)", "Kim Jong Un (김정은)", "X a.k.a. Y", "X / Y",
  // or one in Hangul or Cyrillic after one in Latin letters. Each copy was a run of unmatched words for the
  // other, and the field screened clear with the listed birth date (tenth session's pass): each part of two
  // words or more is screened as a name of its own.
  for (const part of namesInOneField(name)) out.push({ name: part, shown: `${shown} (the part ${visibleName(part)})` });
  // Letters spelled out one by one ("K I M J O N G U N", "K/I/M J/O/N/G"): the run as one word, and that word
  // cut as a whole Korean name.
  // From the folded words as typed (`folded`): tokenizeName drops a weak letter said twice (e, y), which these need.
  const spelled = joinSpelledOut(folded);
  if (spelled) {
    out.push({ name: spelled.join(' '), shown: `${shown} (read as ${spelled.join(' ')})` });
    for (const split of splitJoinedKoreanName(index, spelled)) out.push({ name: split, shown: `${shown} (read as ${split})` });
  }
  const displayed = asDisplayed(name);
  if (displayed !== name) out.push({ name: displayed, shown: `${shown} (displayed as ${displayed})` });
  // A Korean name in Russian papers (Ким Ён Чхоль): its romanized Korean readings (cyrillic-korean.ts). Up to
  // sixteen of them: typo tolerance on each made near misses of innocent names (KHAN EN KHO ~ CHANG Myong Ho).
  for (const reading of cyrillicKoreanReadings(text)) out.push({ name: reading, shown: `${shown} (read as Korean: ${reading})`, strict: true });
  // A Korean name as another European language spells it (Kim Dzong Un, Kim Čong-un, Kim Dschong Un): read as
  // Korean only where a word has a mark of that spelling (european-korean.ts), word for word like the above.
  for (const reading of europeanKoreanReadings(text)) out.push({ name: reading, shown: `${shown} (read as Korean: ${reading})`, strict: true });
  // A Korean name in Japanese katakana (キム・ジョンウン): read as Korean only where one word is a Korean surname as
  // katakana writes it and the given name has one or two syllables (katakana-korean.ts), word for word like the above.
  for (const reading of katakanaKoreanReadings(text)) out.push({ name: reading, shown: `${shown} (read as Korean from katakana: ${reading})`, strict: true });
  // A Korean name in one field mixing Latin words with katakana or Cyrillic ones (キム Jong Un, Choe Рёнхэ): each word
  // read in its script, under the rules of that script's reader (mixed-script.ts), word for word like the above.
  for (const { name: reading, typed } of mixedKoreanReadings(text)) out.push({ name: reading, shown: `${shown} (read as Korean, each word in its script: ${reading})`, strict: true, typed });
  // Words in Greek letters (Νικόλαος Μαζιώτης for MAZIOTIS, Nikolaos), which the fold reads only where they pass for Latin
  // ones (Κιμ as Kiu): transliterated as Greek passports do, and by sound (greek-script.ts), and screened as Latin names are.
  for (const reading of greekReadings(text)) out.push({ name: reading, shown: `${shown} (read from Greek as ${reading})` });
  // Words in Cyrillic made only of letters that look like Latin ones (Хасанов, Орехов), which the fold reads as a
  // disguise (xacahob): transliterated too (cyrillic-words.ts), and screened as Latin names are.
  for (const reading of cyrillicTransliterations(text)) out.push({ name: reading, shown: `${shown} (read from Cyrillic as ${reading})` });
  // A Russian name as German, Polish, Czech or GOST Latin writes it (Murat Chassanow, Jurij Orechow, Xasanov): read as
  // English transliteration writes it (european-russian.ts), and screened as Latin names are.
  for (const reading of europeanRussianReadings(folded)) out.push({ name: reading, shown: `${shown} (read as a Russian name in English letters: ${reading})` });
  // The same Latin line without a mark of it (KAN REN for Кан Рён: KANG Ryong; PAK YON SIK): it screened
  // clear, but so would every Chinese or Korean name read this way, so only beside corroboration (`unmarked`:
  // the query has some), and the likeliest eight.
  if (unmarked)
    for (const reading of unmarkedIcaoReadings(text).slice(0, 8)) out.push({ name: reading, shown: `${shown} (read as Korean from Russian papers: ${reading})`, strict: true, corroborate: true });
  // A Korean name in Chinese papers (Jin Zhengen for 金正恩): only a birth date can corroborate it, so it is not
  // even read without one.
  if (dobGiven) for (const reading of pinyinKoreanReadings(text)) out.push({ name: reading, shown: `${shown} (read as Korean from Chinese pinyin: ${reading})`, strict: true, hanja: true });
  // A Korean name in Hanja (金正恩 for KIM Jong Un, 崔龙海 for CHOE Ryong Hae): its Sino-Korean readings in Hangul,
  // North and South (hanja-korean.ts), screened as typed Hangul is. Chinese names read as Korean ones as readily as
  // from pinyin: counted as pinyin readings are, and not even read without a birth date.
  if (dobGiven) for (const reading of hanjaKoreanReadings(text)) out.push({ name: reading, shown: `${shown} (read as Korean from Hanja: ${reading})`, hanja: true });
  // A listed name's own spelling in Arabic script (قاسم سليماني for QASEM SOLEIMANI): the listed names whose consonant
  // skeleton it has, among listed persons born when the query says (arabic-script.ts); counted as pinyin readings are.
  if (dob !== undefined)
    // A field mixing Latin words with Arabic-script ones (قاسم Soleimani) too: each Latin word must be a listed word's spelling.
    for (const reading of arabicScriptReadings(index, text, dob, { mixed: true })) out.push({ name: reading, shown: `${shown} (read from Arabic script as ${reading})`, strict: true, skeleton: true });
  // Letters that print like another ("Kirn Jong Un" for Kim, with the listed birth date, screened clear): read
  // as that letter, beside the listed birth date only, and at most a potential match (a reviewer looks).
  if (dobGiven) for (const reading of lookalikeReadings(folded)) out.push({ name: reading, shown: `${shown} (read with look-alike letters: ${reading})`, lookalike: true });
  return out;
}
