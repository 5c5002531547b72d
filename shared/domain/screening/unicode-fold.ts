import latinTable from './confusables-latin.json' with { type: 'json' };
import { romanizeHangul } from './hangul';

/**
 * The Unicode half of name normalization: what makes "Kim Yоng" (Cyrillic о), "Kim Y\u200Bong" (a
 * zero-width space) and "Ｋｉｍ Ｙｏｎｇ" (full-width) the same text as "Kim Yong" before anything is compared.
 * Used through foldText (normalize-name.ts), which the index build and every query call once per name.
 *
 * Steps: NFKC (full-width and mathematical letters, ligatures); format characters (general category Cf:
 * zero-width space/joiners, word joiner, invisible operators, bidi controls, soft hyphen) removed and the
 * Hangul fillers read as a space; letters of other scripts that look like Latin letters mapped to them
 * with the Unicode TR39 confusables data (confusables-latin.json, from npm `unhomoglyph`); Hangul romanized.
 * Diacritics and case are folded by the caller.
 */

/** Invisible characters that are not Cf but render as nothing or as a blank: Hangul fillers and friends. */
const BLANK_FILLERS = new Set([0x3164, 0x115f, 0x1160, 0xffa0, 0x2800]);
/** Invisible and not Cf either: combining grapheme joiner, variation selectors (both Mn). */
const isInvisibleMark = (cp: number): boolean => cp === 0x034f || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
const FORMAT = /\p{Cf}/u;

/**
 * Confusable letter -> lower-case Latin: the Latin part of TR39's table (confusables-latin.json, built from
 * the npm package `unhomoglyph` by confusables-build.ts), keyed by hex code point.
 */
const LATIN_OF = new Map<number, string>(Object.entries(latinTable as Record<string, string>).map(([hex, latin]) => [Number.parseInt(hex, 16), latin]));
// Capitals whose lower case looks different (Greek Η/η, Cyrillic В/в): map the capital itself first.
for (const [cap, latin] of Object.entries({ Η: 'h', Ν: 'n', В: 'b', Н: 'h', М: 'm', Т: 't', К: 'k', Р: 'p', Χ: 'x', Ρ: 'p', Β: 'b', Μ: 'm', Τ: 't', Κ: 'k', Ζ: 'z' }))
  LATIN_OF.set(cap.codePointAt(0)!, latin);
// Lower-case Cyrillic letters TR39 maps to small capitals or not at all but which read as Latin in a name.
for (const [cyr, latin] of Object.entries({ к: 'k', м: 'm', т: 't', в: 'b', н: 'h', ԁ: 'd', ѵ: 'v' })) LATIN_OF.set(cyr.codePointAt(0)!, latin);

const LATIN_LETTER = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/;

/** One character that does not belong in a typed Latin name, with its position for the reviewer. */
export interface SuspectCharacter {
  /** "U+043E" */
  codePoint: string;
  /** Unicode name-ish label: "invisible (Cf)", "Cyrillic look-alike of o", ... */
  kind: 'invisible' | 'look-alike';
  /** For look-alikes: the Latin letter it imitates. */
  imitates?: string;
  index: number;
}

export interface NameInspection {
  /** The name folded for matching (lower-case ASCII where possible), same as foldText. */
  folded: string;
  suspects: SuspectCharacter[];
  /** True when Latin letters sit beside letters of another script that imitate Latin ones. */
  mixedScript: boolean;
  /** The name as typed with every suspect character made visible: "Kim Y<U+043E>ng". */
  visible: string;
}

export const codePointLabel = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

const isInvisible = (ch: string, cp: number): boolean => FORMAT.test(ch) || BLANK_FILLERS.has(cp) || isInvisibleMark(cp);

/**
 * NFKC, invisible characters out (fillers become spaces), confusables to Latin, Hangul romanized. The
 * result may still carry diacritics and upper case; foldText removes those.
 */
// Look-alikes that NFKC would turn into another non-Latin letter first (Greek lunate sigma ϲ -> ς): mapped
// before NFKC.
const BEFORE_NFKC = new Map<string, string>();
for (const [cp, latin] of LATIN_OF) {
  const ch = String.fromCodePoint(cp);
  const nfkc = ch.normalize('NFKC');
  if (nfkc !== ch && !/^[\x00-\x7f]*$/.test(nfkc)) BEFORE_NFKC.set(ch, latin);
}
const BEFORE_NFKC_RE = new RegExp(`[${[...BEFORE_NFKC.keys()].join('')}]`, 'gu');

export function unicodeSkeleton(input: string): string {
  const s = (BEFORE_NFKC.size ? input.replace(BEFORE_NFKC_RE, (c) => BEFORE_NFKC.get(c) ?? c) : input).normalize('NFKC');
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += ch;
    else if (BLANK_FILLERS.has(cp)) out += ' ';
    else if (!(FORMAT.test(ch) || isInvisibleMark(cp))) out += ch;
  }
  // Look-alikes to Latin, token by token: in a token with Latin letters (a disguise) or made only of
  // look-alikes ("КІМ"); a genuine Cyrillic or Greek word ("Иван") is left in its script.
  out = out.replace(/[^\s]+/g, (token) => {
    if (/^[\x00-\x7f]*$/.test(token)) return token;
    let mapped = '';
    let latin = false;
    let unmapped = false;
    for (const ch of token) {
      const cp = ch.codePointAt(0)!;
      const l = cp < 0x80 ? undefined : LATIN_OF.get(cp);
      if (l) mapped += l;
      else {
        mapped += ch;
        if (/[A-Za-z]/.test(ch) || LATIN_LETTER.test(ch)) latin = true;
        else if (LETTER.test(ch)) unmapped = true;
      }
    }
    return latin || !unmapped ? mapped : token;
  });
  // Hangul becomes its romanization (spaces between syllables so that surname and given names align
  // with listed spellings however they are joined).
  return HANGUL.test(out) ? romanizeHangul(out) : out;
}

/**
 * What a reviewer must see about a typed name: invisible characters, and look-alike letters of another
 * script among Latin ones. A name entirely in Cyrillic or Hangul is not suspect: it is another script,
 * not a disguise. Pure and cheap; call it on the names an applicant typed, not on list entries.
 */
export function inspectName(input: string): Omit<NameInspection, 'folded'> {
  const suspects: SuspectCharacter[] = [];
  const chars = [...input];
  let latin = 0;
  let otherLetters = 0;
  const lookAlikes: SuspectCharacter[] = [];
  chars.forEach((ch, index) => {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      if (/[A-Za-z]/.test(ch)) latin++;
      return;
    }
    if (isInvisible(ch, cp)) {
      suspects.push({ codePoint: codePointLabel(cp), kind: 'invisible', index });
      return;
    }
    if (!LETTER.test(ch)) return;
    const nfkc = ch.normalize('NFKC');
    // Full-width and mathematical letters fold to Latin by NFKC: imitations of Latin in another block.
    if (nfkc !== ch && /^[A-Za-z]+$/.test(nfkc)) {
      lookAlikes.push({ codePoint: codePointLabel(cp), kind: 'look-alike', imitates: nfkc.toLowerCase(), index });
      return;
    }
    if (LATIN_LETTER.test(ch)) {
      latin++;
      return;
    }
    otherLetters++;
    const imitates = LATIN_OF.get(cp);
    if (imitates) lookAlikes.push({ codePoint: codePointLabel(cp), kind: 'look-alike', imitates, index });
  });
  // Latin beside look-alikes ("Kim Yоng"), or a name made only of look-alikes ("КІМ"): a disguise.
  const mixedScript = lookAlikes.length > 0 && (latin > 0 || lookAlikes.length === otherLetters);
  if (mixedScript) suspects.push(...lookAlikes);
  suspects.sort((a, b) => a.index - b.index);
  const flagged = new Set(suspects.map((s) => s.index));
  const visible = chars.map((ch, i) => (flagged.has(i) ? `<${codePointLabel(ch.codePointAt(0)!)}>` : ch)).join('');
  return { suspects, mixedScript, visible };
}
