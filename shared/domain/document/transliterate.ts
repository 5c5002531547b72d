/**
 * Latin-script folding of personal names, following the ICAO 9303 part 3 transliteration table so that
 * a name typed into an HRIS ("Müller", "Шевченко") can be compared with the same name printed in a
 * machine-readable zone ("MUELLER" or "MULLER", "SHEVCHENKO"). Where ICAO allows two spellings (Ä as AE
 * or A) both are produced by {@link icaoVariants}.
 */
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'oe',
  þ: 'th',
  ð: 'd',
  đ: 'd',
  ł: 'l',
  ı: 'i',
  ŋ: 'n',
  ĳ: 'ij',
  ħ: 'h',
  ŧ: 't',
  // Cyrillic, ICAO 9303 part 3 table B (Russian and Ukrainian letters).
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: 'ie',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

/** German-style umlaut expansion ICAO prefers; the plain-vowel form is also accepted on passports. */
const UMLAUT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', å: 'aa' };

function fold(input: string, expandUmlauts: boolean): string {
  let out = '';
  for (const ch of input.toLowerCase()) {
    if (expandUmlauts && UMLAUT[ch] !== undefined) out += UMLAUT[ch];
    else if (SPECIAL[ch] !== undefined) out += SPECIAL[ch];
    else out += ch.normalize('NFKD').replace(/\p{M}+/gu, '');
  }
  return out;
}

/** Lower-case Latin letters, digits and spaces only; umlauts as plain vowels. */
export function foldToLatin(input: string): string {
  return fold(input, false);
}

/** Both ICAO spellings of a name (umlauts expanded and not), lower case, deduplicated. */
export function icaoVariants(input: string): string[] {
  return [...new Set([fold(input, true), fold(input, false)])];
}
