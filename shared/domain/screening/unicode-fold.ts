import latinTable from './confusables-latin.json' with { type: 'json' };
import { assembleJamo, romanizeHangul } from './hangul';

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

/** "ᴀa ʙb": the code point of each pair's first character -> the Latin letter after it. */
export function letterPairs(pairs: string): Map<number, string> {
  return new Map(pairs.split(' ').map((p) => [p.codePointAt(0)!, [...p].slice(1).join('')]));
}

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
/** Lower-case Cyrillic letters that pass for Latin only beside Latin letters: in a word of their own they read as Cyrillic. */
const CAPITAL_ONLY_LOOKALIKE = new Set(['к', 'м', 'т', 'в', 'н', 'п', 'ц']);
// Greek and Cyrillic lower case that TR39 leaves out but that pass for Latin inside a Latin word in most
// fonts ("Kim Yoηg Chol", "Kim Yoпg Chol"): found by an adversarial pass, screened clear before.
for (const [cp, latin] of letterPairs('ηn пn ωw μu εe цu άa ӏl')) if (!LATIN_OF.has(cp)) LATIN_OF.set(cp, latin);

/**
 * Latin letters no national orthography writes a name with, that imitate plain ones: small capitals
 * ("ᴋɪᴍ ʏᴏɴɢ ᴄʜᴏʟ"), IPA and phonetic letters, hooks and strokes ("Cho\u026b", "\u0237ong"). TR39 maps only
 * some of them. Each is read as its plain letter for matching and reported as a disguise. (Letters of
 * living orthographies that look similar, Hausa ɓ ɗ ƙ ƴ, West African ɛ ɔ ŋ, Turkish ı, Polish ł, are
 * folded for matching elsewhere or kept, and never reported.)
 */
const DISGUISED_LATIN = letterPairs(
  // small capitals
  'ᴀa ʙb ᴄc ᴅd ᴇe ꜰf ɢg ʜh ɪi ᴊj ᴋk ʟl ᴍm ɴn ᴏo ᴘp ꞯq ʀr ꜱs ᴛt ᴜu ᴠv ᴡw ʏy ᴢz ' +
    // IPA, phonetic and hooked or stroked letters
    'ɑa ƀb ƈc ɕc ɖd ƌd ɘe ɡg ɠg ɦh ɨi ɩi ȷj ʝj ɟj ɫl ɬl ɭl ƚl ɱm ɲn ɳn ƞn ɵo ƥp ʠq ɽr ɾr ʂs ƭt ʈt ʉu ʋv ⱳw ȥz ʐz ʑz ' +
    // Latin Extended-D and others found by a second pass (kra, k with stroke, o with loop, n with descender)
    'ĸk ꝁk Ꝁk ꞣk Ꞣk ⱪk Ⱪk ꝋo Ꝋo ꞑn Ꞑn ꞥn Ꞥn ȴl ꞁl ʅl ' +
    // Tenth session's pass: the capitals of those (KIM YƟNG CHƟL screened clear while Kim Yɵng Chɵl did not),
    // letters with a stroke or bar (Ɏong Ȼhol, Ʉn, KƗM), and an epigraphic M
    'Ɑa Ƈc Ɠg Ɦh Ɩi Ɫl Ɱm Ɲn Ƞn Ƥp Ɽr Ʈt Ʋv Ȥz Ɵo Ʉu Ɨi Ɏy ɏy Ȼc ȼc Ǥg ǥg Ɇe ɇe Ᵽp ᵽp ꟽm ' +
    // Enclosed letters NFKC leaves alone: negative circled and squared (🅚, 🅺), regional indicators (🇰), and
    // parenthesized ones, which NFKC would turn into "(k)" (mapped before it, see BEFORE_NFKC)
    [0x1f150, 0x1f170, 0x1f1e6, 0x249c].flatMap((start) => Array.from({ length: 26 }, (_, i) => String.fromCodePoint(start + i) + String.fromCharCode(97 + i))).join(' ') +
    ' ' +
    // Coptic, Cherokee and Canadian syllabics letters that pass for Latin ones and that TR39 leaves out
    // (ⲔⲒⲘ ⲨⲞⲚⲄ, ᏦᎥᎷ ᎩᎾᏁᏀ ᏟᎻᎾᏞ, Uᑎ, Uᥒ); Cherokee's small letters are read through their capitals below
    'Ⲁa ⲁa Ⲃb ⲃb Ⲅg Ⲇd ⲇd Ⲉe ⲉe Ⲍz ⲍz Ⲓi ⲓi Ⲗl ⲗl Ⲝx ⲝx Ⲡp ⲡp Ⲫf ⲫf Ⲱo ⲱo ⲏh ⲙm ⲛn ⲧt ⲩy ⲭx ' +
    'Ꮎo Ꮑn Ꮻo ᗅa ᗷb ᑕc ᗪd ᕮe ᖴf ᕼh ᒍj ᒪl ᗰm ᑎn ᑭp ᑫq ᖇr ᔕs ᑌu ᐯv ᗯw ᙭x ᘔz ᥒn',
);
// Letters already in TR39's table keep its reading (Coptic Ⲣ is p, Ⲥ is c): these only fill its gaps.
for (const [cp, latin] of DISGUISED_LATIN) if (!LATIN_OF.has(cp) || cp < 0x2c80 || cp > 0x2cff) LATIN_OF.set(cp, latin);
// Cherokee small letters (ꮶꭵꮇ) as their capitals.
for (let cp = 0xab70; cp <= 0xabbf; cp++) {
  const capital = LATIN_OF.get(String.fromCodePoint(cp).toUpperCase().codePointAt(0)!);
  if (capital && !LATIN_OF.has(cp)) {
    LATIN_OF.set(cp, capital);
    DISGUISED_LATIN.set(cp, capital);
  }
}
// Letters of living orthographies that look like plain ones: folded for matching, never reported.
for (const [cp, latin] of letterPairs('ŋng Ŋng ɓb Ɓb ɗd Ɗd ƙk Ƙk ƴy Ƴy ɛe Ɛe ɔo Ɔo')) if (!LATIN_OF.has(cp)) LATIN_OF.set(cp, latin);

const LATIN_LETTER = /\p{Script=Latin}/u;
const DIGIT = /\p{Nd}/u;
/** The value of a decimal digit of any script: its place in its run of ten (Unicode keeps each run contiguous). */
function digitValue(cp: number): number {
  let start = cp;
  while (start > 0 && DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}
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

const ASCII_ONLY = /^[\x20-\x7e]*$/;
const isInvisible = (ch: string, cp: number): boolean => FORMAT.test(ch) || BLANK_FILLERS.has(cp) || isInvisibleMark(cp);

/**
 * The text without the characters that render as nothing (format characters, variation selectors), blank fillers as
 * spaces: as the fold reads a name, for the readers that read it in its own script (金\u200B正恩, 金\uFE00正恩 screened
 * clear with the listed birth date: the Hanja reader saw two names).
 */
export function withoutInvisibles(input: string): string {
  // An ASCII name (most of them) has none: no walk, no copy.
  if (ASCII_ONLY.test(input)) return input;
  let out = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0)!;
    if (BLANK_FILLERS.has(cp)) out += ' ';
    else if (!isInvisible(ch, cp)) out += ch;
  }
  return out;
}

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
  // Not when NFKC gives a letter the token pass below maps anyway: that pass keeps a genuine word of
  // another script in its script, and an Arabic presentation form (ﺎ, alef as copied from a PDF) must
  // become the Arabic letter of its word, not a Latin "l" in the middle of it.
  if (nfkc !== ch && !/^[\x00-\x7f]*$/.test(nfkc) && ![...nfkc].every((c) => LATIN_OF.has(c.codePointAt(0)!))) BEFORE_NFKC.set(ch, latin);
}
// Parenthesized letters (⒦): NFKC makes "(k)" of them, a word of one letter.
for (let i = 0; i < 26; i++) BEFORE_NFKC.set(String.fromCodePoint(0x249c + i), String.fromCharCode(97 + i));
const BEFORE_NFKC_RE = new RegExp(`[${[...BEFORE_NFKC.keys()].join('')}]`, 'gu');

/**
 * Characters that Unicode counts as letters (modifier letters, a Latin sinological dot, the katakana and Hangul
 * dashes, 一) but that read as a separator between Latin letters: "KimꞏYongꞏChol", "Kim JongㅡUn" screened
 * clear, as one word with a letter of no use (tenth session's pass). Between Latin letters they split the word
 * and are reported as a disguise. As NFKC leaves them (ｰ becomes ー, ㅡ becomes ᅳ). Apostrophe-like modifier
 * letters (ʻ ʼ ʾ ʿ) are foldText's, which drops them inside a word.
 */
const SEPARATOR_LIKE = /[\u02b9\u02c0-\u02c7\u02c9\u02cd-\u02df\u02e0-\u02ff\ua788\ua78f\u30fc\u3005\u0971\u0e46\u07fa\ua67f\u1d5a\u1173\u3161\u4e00]/u;
const SEPARATOR_LIKE_G = new RegExp(SEPARATOR_LIKE.source, 'gu');
const isSeparatorLike = (ch: string): boolean => SEPARATOR_LIKE.test(ch) || SEPARATOR_LIKE.test(ch.normalize('NFKC'));

export function unicodeSkeleton(input: string): string {
  const s = assembleJamo((BEFORE_NFKC.size ? input.replace(BEFORE_NFKC_RE, (c) => BEFORE_NFKC.get(c) ?? c) : input).normalize('NFKC'));
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += ch;
    else if (BLANK_FILLERS.has(cp)) out += ' ';
    else if (!(FORMAT.test(ch) || isInvisibleMark(cp))) out += ch;
  }
  // Look-alikes to Latin, token by token: in a token with Latin letters (a disguise) or made only of
  // look-alikes ("КІМ"); a genuine Cyrillic or Greek word ("Иван") is left in its script.
  out = out.replace(/[^\s]+/g, (whole) => {
    if (/^[\x00-\x7f]*$/.test(whole)) return whole;
    const token = SEPARATOR_LIKE.test(whole) && /[A-Za-z]/.test(whole) ? whole.replace(SEPARATOR_LIKE_G, ' ') : whole;
    if (token !== whole)
      return token
        .split(' ')
        .map((part) => unicodeSkeleton(part))
        .join(' ');
    let mapped = '';
    let latin = false;
    let unmapped = false;
    for (const ch of token) {
      const cp = ch.codePointAt(0)!;
      const l = cp < 0x80 ? undefined : LATIN_OF.get(cp);
      if (l) {
        mapped += l;
        // A letter that only looks like two Latin ones (Ы as "bl") makes no disguise of a whole word: a
        // word of such letters is read in its own script.
        if (l.length > 1 && !LATIN_LETTER.test(ch)) unmapped = true;
      } else if (cp >= 0x80 && DIGIT.test(ch)) {
        // A digit of another script ("Y\u1946ng", a Limbu zero) as the ASCII one: foldText reads a digit
        // inside a word of letters as the letter it imitates (undisguiseAscii).
        mapped += String(digitValue(cp));
      } else {
        mapped += ch;
        if (/[A-Za-z]/.test(ch) || LATIN_LETTER.test(ch)) latin = true;
        else if (LETTER.test(ch)) unmapped = true;
      }
    }
    return latin || !unmapped ? mapped : token;
  });
  // Hangul becomes its romanization (spaces between syllables so that surname and given names align
  // with listed spellings however they are joined).
  return HANGUL.test(out) ? romanizeHangul(out.replace(HANGUL_HONORIFIC, ' ')) : out;
}

/**
 * Korean titles and honorifics after a name in Hangul, as a word or joined to it (김정은 동지, 김영철씨,
 * 김정은님, 김영철 부부장): each of their syllables would be a word of the name, and they kept a listed person
 * clear with the listed birth date (tenth session's pass). Joined ones only after two syllables of name.
 */
const HANGUL_HONORIFIC = new RegExp(
  `(?<![\uac00-\ud7a3])(?:${'동지께서|동지|동무|선생님|선생|위원장님|위원장|부부장|부장|원수님|장군님|씨|님'})(?![\uac00-\ud7a3])|(?<=[\uac00-\ud7a3]{2})(?:${'동지께서|동지|동무|선생님|위원장님|위원장|부부장|원수님|장군님|씨|님'})(?![\uac00-\ud7a3])`,
  'gu',
);

/**
 * Digits and signs typed for the letters they resemble ("K1m Y0ng Ch0l", "Kw@ng", "KI|", "JAN9"); only
 * inside a word with letters. Ordinals ("3rd") are numbers.
 */
export const DIGIT_LETTERS: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '6': 'g',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '|': 'l',
  '!': 'i',
  '¡': 'i',
  '€': 'e',
};
const STAND_IN = /[0-9@$|!¡€]/;
const ORDINAL = /^[0-9]+(st|nd|rd|th)$/i;

/**
 * Plain-ASCII disguises, read back as the letters they imitate: digits and signs inside a word of letters
 * ("Ch0l", "Kw@ng") and a lower-case l among capitals, where it stands for I ("KlM", "JlN"); screening
 * also tries the l as an L ("CHOl": Chol or Choi, screen-person.ts). A capital I among lower case is left
 * alone: McIntyre and DeIulio are names. Words of one capital and an l ("Il") are left alone too.
 */
export function undisguiseAscii(input: string): string {
  if (!/[0-9@$|!¡€]|[A-Z]l|l[A-Z]/.test(input)) return input;
  return input.replace(/[^\s.,;:'"()\-–—/]+/g, (w) => {
    // The l first: an l that a sign stands for ("KI|") is an l.
    const out = w.includes('l') && /^[A-Zl]+$/.test(w) && w.replace(/l/g, '').length >= 2 ? w.replace(/l/g, 'I') : w;
    return /[A-Za-z]/.test(out) && STAND_IN.test(out) && !ORDINAL.test(out) ? out.replace(/[0-9@$|!¡€]/g, (d) => DIGIT_LETTERS[d] ?? d) : out;
  });
}

/**
 * What a reviewer must see about a typed name: invisible characters, look-alike letters of another
 * script among Latin ones, Latin letters no orthography uses (small capitals, IPA), letters of another
 * script inside a Latin word, and ASCII stand-ins (digits in a word, l among capitals). A name entirely
 * in Cyrillic or Hangul is not suspect: it is another script, not a disguise. Pure and cheap; call it on
 * the names an applicant typed, not on list entries.
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
    // Before the letter test: enclosed letters (🅚, ⒦) are symbols to Unicode.
    const disguised = DISGUISED_LATIN.get(cp);
    if (disguised) {
      suspects.push({ codePoint: codePointLabel(cp), kind: 'look-alike', imitates: disguised, index });
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
  // Latin beside look-alikes ("Kim Yоng"), or a name made only of look-alikes ("КІМ"): a disguise. Not a name with no
  // Latin letter whose lower case has a Cyrillic letter that looks Latin only as a capital (н, в, т: "Анна Серова",
  // "Мурат Хасанов"): a Russian name typed as Russians type it, reported as a disguise before (adversarial pass,
  // December 2026); its look-alike reading and its transliteration are both screened (cyrillic-words.ts).
  const ownScript = latin === 0 && chars.some((c) => CAPITAL_ONLY_LOOKALIKE.has(c));
  const mixedScript = lookAlikes.length > 0 && (latin > 0 || (lookAlikes.length === otherLetters && !ownScript));
  if (mixedScript) suspects.push(...lookAlikes);
  // Within one word: a letter of another script among Latin ones, look-alike or not ("Yo\u1946ng"), and
  // ASCII stand-ins ("Ch0l", "KlM").
  const flaggedSoFar = new Set(suspects.map((s) => s.index));
  let at = 0;
  for (const word of input.split(/(\s+)/)) {
    const letters = [...word];
    const hasLatin = letters.some((c) => /[A-Za-z]/.test(c) || (c.codePointAt(0)! >= 0x80 && LATIN_LETTER.test(c)));
    const lAmongCapitals = /^[A-Zl]+$/.test(word) && word.includes('l') && word.replace(/l/g, '').length >= 2;
    letters.forEach((c, k) => {
      const index = at + k;
      if (flaggedSoFar.has(index)) return;
      const cp = c.codePointAt(0)!;
      const foreign = hasLatin && cp >= 0x80 && (LETTER.test(c) || DIGIT.test(c)) && !LATIN_LETTER.test(c) && c.normalize('NFKC') === c;
      if (hasLatin && isSeparatorLike(c)) suspects.push({ codePoint: codePointLabel(cp), kind: 'look-alike', index });
      else if (foreign) suspects.push({ codePoint: codePointLabel(cp), kind: 'look-alike', ...(LATIN_OF.has(cp) ? { imitates: LATIN_OF.get(cp)! } : {}), index });
      // A digit or sign between two letters ("Ch0l", "Kw@ng"): "3M", "A1" and ordinals are not reported.
      else if (hasLatin && DIGIT_LETTERS[c] && /\p{L}/u.test(letters[k - 1] ?? '') && /\p{L}/u.test(letters[k + 1] ?? '') && !ORDINAL.test(word))
        suspects.push({ codePoint: codePointLabel(cp), kind: 'look-alike', imitates: DIGIT_LETTERS[c]!, index });
      else if (lAmongCapitals && c === 'l') suspects.push({ codePoint: codePointLabel(cp), kind: 'look-alike', imitates: 'i', index });
    });
    at += letters.length;
  }
  suspects.sort((a, b) => a.index - b.index);
  const flagged = new Set(suspects.map((s) => s.index));
  const visible = chars.map((ch, i) => (flagged.has(i) ? `<${codePointLabel(ch.codePointAt(0)!)}>` : ch)).join('');
  return { suspects, mixedScript: mixedScript || suspects.some((s) => s.kind === 'look-alike'), visible };
}
