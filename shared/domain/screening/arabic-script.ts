/**
 * A name in Arabic script against listed names in Latin letters. Many listed persons are Iranian, Syrian, Iraqi,
 * Lebanese or Yemeni, and OFAC gives their names in Latin letters only: قاسم سليماني, the applicant's own spelling of
 * QASEM SOLEIMANI, shared no letter with it and screened clear with the listed birth date (December 2026).
 *
 * Both are compared word for word as consonant skeletons (arabic-skeleton.ts), the article (ال, al-, el-, ar-R...)
 * and bin, ibn, abu left out, عبد, abd, abdul, abdur joined to the name after it and left out (عبد الرحمن, Abdulrahman
 * and Abd al-Rahman are all Rahman), and Allah written apart joined to the name before it (نصر الله is Nasrallah).
 * Skeletons are coarse: the reading counts only for a listed person whose birth date corroborates the query's
 * (exact, same year, compatible), for the whole listed name, and strong only with the listed date itself
 * (screen-person.ts, as pinyin readings). Looked at: the names of listed persons born in the query's year only. Pure.
 */

import { arabicSkeletons, consonantCount, latinSkeleton, sameSkeleton } from './arabic-skeleton';
import { compareBirthDate, CORROBORATING_DOB } from './birth-date';
import type { ScreeningIndex } from './build-index';
import { WEAK_TOKENS } from './name-tokens';
import { foldText } from './normalize-name';
import { romanizationKey } from './romanize';

/** A name with a letter of the Arabic block: the cheap test every Latin name fails. */
const ARABIC_LETTER = /[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]/u;
const ARABIC_WEAK = new Set(['بن', 'ابن', 'بنت', 'ابو', 'أبو', 'ال']);
const LATIN_DROPPED = new Set(['al', 'el', 'ul', 'bin', 'ibn', 'bint', 'ben', 'abu', 'abou', 'abd']);
/** The article assimilated to a sun letter and written apart (ar-Rashid, ash-Shami): left out before its letter. */
const SUN_ARTICLE = /^[aeu](?:[dnrstz]|sh|th|dh)$/;

/** A listed or typed Latin word without its joined article or abd (Alrashid, Abdulrahman, Abdullah), or undefined when nothing is left. */
function withoutPrefix(word: string): string | undefined {
  if (word.startsWith('abd')) {
    const rest = word.slice(3);
    // abdul, abdur, abdel: the article of the next word
    if (/^[aeiou]*(?:[lrdnstz]|sh|th|dh)?$/.test(rest)) return undefined;
    const m = /^[aeiou](?:l|([^aeiou])(?=\1))/.exec(rest);
    return m ? rest.slice(m[0].length) : rest;
  }
  return word;
}

/**
 * Allah written apart from the word it ends (نصر الله, Nasr Allah: Nasrallah) joined to it, unless that word is عبد
 * or abd (عبد الله is Abdullah, which the skeletons read as Allah alone).
 */
function joinAllah(words: readonly string[], allah: string, abd: string): string[] {
  const out: string[] = [];
  for (const w of words) {
    const prev = out[out.length - 1];
    if (w === allah && prev !== undefined && prev !== abd) out[out.length - 1] = prev + w;
    else out.push(w);
  }
  return out;
}

/**
 * A word as compared: its skeleton options, and for a Latin word the romanization keys of its spellings (with and
 * without a joined article), which a Latin word of a mixed query must meet (romanize.ts: Qassem is Qasem).
 */
interface Word {
  skeletons: string[];
  keys: string[];
}

/** The words of a name in Latin letters (weak words and articles out), each as skeletons and keys. */
function latinWords(names: readonly string[]): Word[] {
  const out: Word[] = [];
  const raw = joinAllah(names, 'allah', 'abd');
  raw.forEach((w, i) => {
    if (WEAK_TOKENS.has(w) || LATIN_DROPPED.has(w) || (SUN_ARTICLE.test(w) && raw[i + 1]?.[0] === w[w.length - 1])) return;
    const bare = withoutPrefix(w);
    if (bare === undefined) return;
    const spellings = [bare];
    // A joined article (Alrashid, Elkhatib): with it and without.
    if (/^[ae]l../.test(bare)) spellings.push(bare.slice(2));
    const kept = spellings.filter((o) => consonantCount(latinSkeleton(o)) > 0);
    if (kept.length > 0) out.push({ skeletons: kept.map(latinSkeleton), keys: kept.map(romanizationKey) });
  });
  return out;
}

/** The words of a listed name as compared; undefined when fewer than two remain. */
function listedSkeletons(names: readonly string[]): Word[] | undefined {
  const out = latinWords(names);
  return out.length >= 2 ? out : undefined;
}

/** Whether a query word can be a listed word: an Arabic one by skeleton, a Latin one (no skeletons) by romanization key. */
function wordMeets(query: QueryWord, listed: Word): boolean {
  if (query.latin) return query.latin.keys.some((k) => listed.keys.includes(k));
  for (let i = 0; i < query.skeletons.length; i++) for (let j = 0; j < listed.skeletons.length; j++) if (sameSkeleton(query.skeletons[i]!, listed.skeletons[j]!)) return true;
  return false;
}

/** Whether the query's words from `q` on pair up one to one with the listed words not `used` (bits). */
function pairUp(query: readonly QueryWord[], listed: readonly Word[], q = 0, used = 0): boolean {
  if (q === query.length) return true;
  for (let l = 0; l < listed.length; l++) if (!(used & (1 << l)) && wordMeets(query[q]!, listed[l]!) && pairUp(query, listed, q + 1, used | (1 << l))) return true;
  return false;
}

interface ArabicIndex {
  /** Birth year -> ids of the names of listed persons a date in that year can corroborate. */
  namesByYear: Map<number, number[]>;
  /** Birth year -> those names of two words or more, by their count of words, with their words' skeletons: worked out when the year is first asked for. */
  skeletonsByYear: Map<number, Map<number, [id: number, words: Word[]][]>>;
}
const byIndex = new WeakMap<ScreeningIndex, ArabicIndex>();

/** The names of a birth year by count of words, with their skeletons. */
function skeletonsOfYear(index: ScreeningIndex, a: ArabicIndex, year: number): Map<number, [number, Word[]][]> {
  let byCount = a.skeletonsByYear.get(year);
  if (byCount) return byCount;
  byCount = new Map();
  for (const id of a.namesByYear.get(year) ?? []) {
    const skeletons = listedSkeletons(index.names[id]!.raw);
    if (skeletons) (byCount.get(skeletons.length) ?? byCount.set(skeletons.length, []).get(skeletons.length)!).push([id, skeletons]);
  }
  a.skeletonsByYear.set(year, byCount);
  return byCount;
}

/** The years a listed date allows (a range of at most twenty years). */
function yearsOf(d: ScreeningIndex['entries'][number]['dobs'][number]): number[] {
  switch (d.kind) {
    case 'exact':
      return [Number(d.date.slice(0, 4))];
    case 'month':
    case 'year':
      return [d.year];
    case 'circa':
      return [d.year - 2, d.year - 1, d.year, d.year + 1, d.year + 2];
    case 'range': {
      const from = Number(d.from.slice(0, 4));
      const to = Math.min(Number(d.to.slice(0, 4)), from + 20);
      return Array.from({ length: to - from + 1 }, (_, i) => from + i);
    }
  }
}

/** Built on the first query in Arabic script, once per index: most indexes never see one. */
function arabicIndex(index: ScreeningIndex): ArabicIndex {
  let a = byIndex.get(index);
  if (a) return a;
  const namesByYear = new Map<number, number[]>();
  index.names.forEach((n, id) => {
    const e = index.entries[n.entry]!;
    if (e.type !== 'person' || n.kind === 'original-script') return;
    for (const year of new Set(e.dobs.flatMap(yearsOf))) (namesByYear.get(year) ?? namesByYear.set(year, []).get(year)!).push(id);
  });
  byIndex.set(index, (a = { namesByYear, skeletonsByYear: new Map() }));
  return a;
}

/** A word of the query: in Arabic script its skeletons; in Latin letters (a mixed name) its skeletons and keys as well. */
interface QueryWord {
  skeletons: string[];
  latin?: Word;
}

/**
 * The words of a name in Arabic script, each as its skeletons: bin, abu and a lone article or عبد left out. With
 * `mixed`, words in Latin letters beside them too, read as a listed name's words are (latinWords); otherwise a name
 * with a word not in Arabic script has none.
 */
function querySkeletons(name: string, mixed: boolean): QueryWord[] | undefined {
  const words = name
    .normalize('NFKC')
    .replace(/[\u0640\p{Mn}\p{Cf}]/gu, '')
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  const arabic = words.filter((w) => ARABIC_LETTER.test(w));
  const latin = words.filter((w) => !ARABIC_LETTER.test(w));
  if (latin.length > 0 && (!mixed || latin.some((w) => !/^[a-z]+$/.test(foldText(w))))) return undefined;
  const out: QueryWord[] = joinAllah(arabic, 'الله', 'عبد')
    .filter((w) => !ARABIC_WEAK.has(w) && w !== 'عبد')
    .map((word) => {
      let w = word;
      if (w.startsWith('عبد') && w.length > 3) w = w.slice(3);
      if (w.startsWith('ال') && w.length > 3) w = w.slice(2);
      return { skeletons: arabicSkeletons(w) };
    });
  for (const w of latinWords(latin.map(foldText))) out.push({ skeletons: w.skeletons, latin: w });
  const least = out.reduce((n, k) => n + consonantCount(k.skeletons[0]!), 0);
  return out.length >= 2 && out.every((k) => consonantCount(k.skeletons[0]!) > 0) && least >= 4 ? out : undefined;
}

/**
 * The listed names (in their Latin spelling) a name in Arabic script can be, by consonant skeleton, among listed
 * persons whose birth date corroborates `dob`: each the whole listed name, word for word. With `mixed`, a name of
 * Arabic-script words and Latin ones (قاسم Soleimani): each Latin word must be a listed word's spelling by
 * romanization key, never by skeleton. None for a name not wholly in Arabic script (with `mixed`: in Arabic script
 * and Latin letters), of fewer than two words or of fewer than four consonants. At most eight.
 */
export function arabicScriptReadings(index: ScreeningIndex, name: string, dob: string, { mixed = false }: { mixed?: boolean } = {}): string[] {
  if (!ARABIC_LETTER.test(name)) return [];
  const query = querySkeletons(name, mixed);
  const year = Number(dob.slice(0, 4));
  if (!query || !Number.isInteger(year)) return [];
  const a = arabicIndex(index);
  const out = new Set<string>();
  const names = skeletonsOfYear(index, a, year).get(query.length) ?? [];
  for (let k = 0; k < names.length; k++) {
    const [id, listed] = names[k]!;
    const n = index.names[id]!;
    if (!pairUp(query, listed) || !CORROBORATING_DOB.has(compareBirthDate(dob, index.entries[n.entry]!.dobs))) continue;
    out.add(n.name);
    if (out.size >= 8) break;
  }
  return [...out];
}
