/**
 * Name normalization shared by the index and the query side. Everything that makes two spellings of the
 * same name compare equal must happen here, once, so both sides agree.
 */

import { unicodeSkeleton } from './unicode-fold';

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

/** Lowercase ASCII-folded text: case, diacritics and punctuation are irrelevant to identity. */
export function foldText(input: string): string {
  let s: string;
  // Most listed names are plain ASCII: skip Unicode decomposition for them (list load time).
  if (/^[\x20-\x7e]*$/.test(input)) s = input.toLowerCase();
  else {
    // Invisible characters, look-alike letters of other scripts, full-width forms, Hangul (unicode-fold.ts).
    s = unicodeSkeleton(input)
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
