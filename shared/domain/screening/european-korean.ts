/**
 * Korean names as other European languages spell them, read back as romanized Korean. Polish papers and press
 * write 김정은 Kim Dzong Un (dz, dż for ㅈ, cz for ㅊ, j for the glide of 영: Kim Jong Czol is KIM Yong Chol),
 * Czech and Slovak Kim Čong-un (č, čch, ö, ä), Croatian, Serbian and Slovene Kim Džong-un, German Kim Dschong Un,
 * Hungarian Kim Dzsongun, Romanian Kim Giong Un, French Kim Djong-oun, Turkish Kim Cong Un with a ç or ş beside it. None of those is a
 * romanization the Korean matcher knows, and each screened clear against KIM Jong Un with his birth date
 * (adversarial pass, December 2026).
 *
 * A name is read by a language's table only where it has a mark of that spelling (dz, cz, dž, č, dsch, dzs, gi
 * before a vowel, ş...): an ordinary name is never cut, and a marked one must still cut into Korean syllables in
 * two words at least. Readings count word for word only (screen-person.ts: `strict`). Pure.
 */

import { readWords, type Spelling } from './korean-syllables';

const COMMON_INITIALS: Readonly<Record<string, string>> = { '': '', k: 'k', g: 'g', n: 'n', t: 't', d: 'd', r: 'r', l: 'l', m: 'm', p: 'p', b: 'b', s: 's', h: 'h', ch: 'ch', j: 'j' };
const COMMON_VOWELS: Readonly<Record<string, readonly string[]>> = {
  a: ['a'],
  o: ['o'], // ㅗ and ㅓ alike, as "o" is in the Korean matcher
  u: ['u'], // ㅜ, and ㅡ as most of these languages write it (Un for 은)
  e: ['e', 'eo'],
  i: ['i'],
  ae: ['ae'],
  oe: ['oe'],
  ui: ['ui'],
  wa: ['wa'],
  wo: ['wo'],
  we: ['we'],
  wi: ['wi'],
  // English-like glides beside the language's own (a name mixes them: Kim Yong Czol)
  yo: ['yo'],
  ya: ['ya'],
  yu: ['yu'],
  ye: ['ye'],
};
/** The glide of 영, 여, 유 as the languages whose j is English y write it (Jong for Yong, Rjong for Ryong). */
const J_GLIDES: Readonly<Record<string, readonly string[]>> = { jo: ['yo'], ja: ['ya'], ju: ['yu'], je: ['ye', 'yo'] };
const FINALS: Readonly<Record<string, readonly string[]>> = { '': [''], k: ['k'], n: ['n'], ng: ['ng'], t: ['t'], l: ['l'], ł: ['l'], m: ['m'], p: ['p'] };

function spelling(initials: Readonly<Record<string, string>>, vowels: Readonly<Record<string, readonly string[]>>): Spelling {
  return {
    initials: { ...COMMON_INITIALS, ...initials },
    vowels: { ...COMMON_VOWELS, ...vowels },
    finals: FINALS,
    openVowels: {},
    maxInitial: Math.max(...Object.keys(initials).map((k) => k.length), 2),
  };
}

interface Family {
  name: string;
  /** A mark only this spelling makes, in a lower-case word (NFC). */
  mark: RegExp;
  spelling: Spelling;
}

/** Alternatives of a table's spellings for a regular expression, longest first. */
const anyOf = (table: Readonly<Record<string, unknown>>): string =>
  Object.keys(table)
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .join('|');
/**
 * A word of one to four syllables as a family's table writes them: one regular expression test that spares the
 * cutting of a marked name no word of which is Korean-shaped (Krzysztof Olszewski has cz and sz).
 */
const koreanShaped = (sp: Spelling): RegExp => new RegExp(`^(?:(?:${anyOf(sp.initials)})?(?:${anyOf(sp.vowels)})(?:${anyOf(sp.finals)})?){1,4}$`, 'u');

const FAMILY_TABLES: readonly Family[] = [
  {
    name: 'Polish',
    mark: /dz|cz|sz|[żźśćłńąę]/,
    spelling: spelling({ dz: 'j', dż: 'j', dź: 'j', ż: 'j', cz: 'ch', ć: 'ch', sz: 's', ś: 's', ł: 'r', ch: 'h' }, { ...J_GLIDES, y: ['eu'], ó: ['u'] }),
  },
  {
    // Czech and Slovak write ㅊ čch (Čchö Rjong-hä), and the South Slavic languages č or ć: both are ch, ㅈ or ㅊ.
    name: 'Czech, Slovak, Croatian, Serbian, Slovene',
    mark: /[čćšžđřěůďťňŭ]/,
    spelling: spelling(
      { č: 'ch', ć: 'ch', čch: 'chh', dž: 'j', đ: 'j', ž: 'j', š: 's', kch: 'kh', tch: 'th', pch: 'ph', ch: 'h', ř: 'r' },
      { ...J_GLIDES, ŭ: ['eu'], ö: ['oe', 'eo'], ä: ['ae'], ě: ['ye'], ů: ['u'], y: ['i'], á: ['a'], é: ['e'], í: ['i'], ó: ['o'], ú: ['u'] },
    ),
  },
  {
    name: 'German',
    mark: /dsch|tsch/,
    spelling: spelling({ dsch: 'j', tsch: 'ch', sch: 's' }, { ...J_GLIDES, ö: ['oe', 'eo'], ä: ['ae'], ü: ['wi', 'u'] }),
  },
  {
    name: 'Hungarian',
    mark: /dzs|cs|zs|sz|[őű]/,
    spelling: spelling({ dzs: 'j', cs: 'ch', zs: 'j', sz: 's', gy: 'j' }, { ...J_GLIDES, ö: ['eo', 'oe'], ő: ['eo'], ü: ['u', 'wi'], ű: ['u'], á: ['a'], é: ['e'], í: ['i'], ó: ['o'], ú: ['u'] }),
  },
  {
    // Ge, gi, ce, ci before a vowel are the soft g and c, the e or i unsounded (Giong is 정, Ciol 철).
    name: 'Romanian',
    // At a word's start only, where a Korean syllable begins: within a word it is Garcia, Patricia, Lucia.
    mark: /^[gc][ei][aou]|[șşțţăâî]/,
    spelling: spelling({ gi: 'j', ge: 'j', ci: 'ch', ce: 'ch', ș: 's', ş: 's' }, { ă: ['eo'], â: ['eu'], î: ['eu'], io: ['yo'], ia: ['ya'], iu: ['yu'] }),
  },
  {
    name: 'French',
    mark: /dj/,
    spelling: spelling({ dj: 'j', tch: 'ch' }, { ou: ['u'], eu: ['eu', 'eo'], io: ['yo'] }),
  },
  {
    name: 'Turkish',
    mark: /[çşğı]/,
    spelling: spelling({ c: 'j', ç: 'ch', ş: 's' }, { ı: ['eu'], ö: ['oe', 'eo'], ü: ['u', 'wi'] }),
  },
];
const FAMILIES = FAMILY_TABLES.map((f) => ({ ...f, word: koreanShaped(f.spelling) }));

/**
 * The cheap test first, the union of the families' marks: most names screened have none and are rejected here in
 * one regular expression test (a letter with a diacritic is no mark by itself: Müller and José are not read).
 */
const ANY_MARK = /dz|cz|sz|zs|cs|dsch|tsch|dj|(?<![\p{L}])[gc][ei][aou]|[żźśćłńąęčšžđřěůďťňŭőűșşțţăâîçğı]/iu;
const LATIN_WORD = /^[\p{Script=Latin}]+$/u;

/**
 * The romanized Korean readings of a name in a European language's spelling of Korean: by the table of each
 * language with a mark in the name, words that do not cut staying as typed, two words at least reading as
 * Korean. None for a name with no such mark or not in Latin letters. At most 16, likeliest first.
 */
export function europeanKoreanReadings(name: string): string[] {
  if (!ANY_MARK.test(name)) return [];
  const words = name
    .normalize('NFC')
    .replace(/\p{Cf}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  if (words.length < 2 || !words.every((w) => LATIN_WORD.test(w))) return [];
  const typed = words.join(' ');
  const out = new Set<string>();
  for (const family of FAMILIES) {
    if (!words.some((w) => family.mark.test(w)) || words.filter((w) => family.word.test(w)).length < 2) continue;
    for (const r of readWords(words, () => family.spelling, 2)) if (r.toLowerCase() !== typed) out.add(r);
  }
  return [...out].slice(0, 16);
}
