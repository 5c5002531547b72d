/**
 * Name normalization shared by the index and the query side. Everything that makes two spellings of the
 * same name compare equal must happen here, once, so both sides agree.
 */

import { cyrillicToLatin } from '../cyrillic-latin';
import { undisguiseAscii, unicodeSkeleton } from './unicode-fold';

// Letters NFKD does not decompose into ASCII but that appear in listed names.
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
  ŀ: 'l',
  ħ: 'h',
};

// Arabic letters written more than one way: Persian and Urdu keyboards type ی and ک for ي and ك, final
// yeh is often written as alef maqsura ى, ta marbuta ة as heh, and the tatweel stretch (ـ) is decoration.
// Listed Arabic names use one form, applicants another: screened clear before (adversarial pass).
const ARABIC_VARIANTS: Record<string, string> = { '\u06cc': '\u064a', '\u0649': '\u064a', '\u06a9': '\u0643', '\u0629': '\u0647', '\u06c0': '\u0647', '\u0640': '' };
const ARABIC_VARIANT_RE = /[\u06cc\u0649\u06a9\u0629\u06c0\u0640]/g;

// A word in Cyrillic that is not a disguise of a Latin one (unicodeSkeleton left it in its script): its
// letters in the usual English transliteration (BGN/PCGN without diacritics), so "Козлов Сергей" meets the
// listed "KOZLOV, Sergey" (cyrillic-latin.ts, shared with the address keys). Applied before NFKD, which would
// take й and ё apart.
const CYRILLIC_RE = /[\u0400-\u04ff]/;

// Letters spelled out with dots ("K.i.m", "Y.O.N.G"): one word. Two initials ("J.R.") stay apart.
const DOTTED_WORD = /(?<!\p{L})\p{L}(?:\.\p{L})+(?!\p{L})/gu;
const joinDotted = (m: string): string => (/\p{Ll}/u.test(m.slice(1)) || m.length >= 5 ? m.replace(/\./g, '') : m);

/** Lowercase ASCII-folded text: case, diacritics and punctuation are irrelevant to identity. */
export function foldText(input: string): string {
  let s: string;
  // ASCII stand-ins for letters ("K1m Y0ng", "KlM") and dotted words ("K.i.m"), read back first.
  const plain = undisguiseAscii(input.includes('.') ? input.replace(DOTTED_WORD, joinDotted) : input);
  // Most listed names are plain ASCII: skip Unicode decomposition for them (list load time).
  if (/^[\x20-\x7e]*$/.test(plain)) s = plain.toLowerCase();
  else {
    // Invisible characters, look-alike letters of other scripts, full-width forms, Hangul (unicode-fold.ts).
    s = undisguiseAscii(unicodeSkeleton(plain)).replace(ARABIC_VARIANT_RE, (c) => ARABIC_VARIANTS[c] ?? c);
    if (CYRILLIC_RE.test(s)) s = cyrillicToLatin(s.toLowerCase());
    s = s
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    s = s.replace(/[ßæœøđðþłıŀħ]/g, (c) => SPECIAL_LETTERS[c] ?? c);
  }
  // Apostrophes inside romanized names (Onso'ng, Ch'en, O'Brien) mark syllable breaks or aspiration that
  // other spellings omit: drop them rather than split the token.
  s = s.replace(/['’‘`´ʼʻ]/g, '');
  // Hyphens, dots, commas and other punctuation separate tokens ("Yong-chol" -> "yong chol").
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ');
  return s.trim();
}

/** Tokens of a name in the order written (order is ignored later, but adjacency matters for joins). */
export function nameTokens(input: string): string[] {
  const folded = foldText(input);
  return folded === '' ? [] : folded.split(' ');
}

/** True when the text is in a script we cannot fold to Latin (e.g. Hangul, Cyrillic original script). */
export function isLatinFoldable(input: string): boolean {
  return /[a-z0-9]/.test(foldText(input)) && !/[^\x00-\x7f]/.test(foldText(input));
}
