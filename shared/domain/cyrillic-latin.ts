/**
 * Cyrillic letters in Latin ones, in one place for the two readers that need them: name screening (a name typed
 * in Cyrillic meets the listed Latin spelling: screening/normalize-name.ts) and address keys (an address typed in
 * Cyrillic meets the same address transliterated: signals/cyrillic-address-key.ts). The usual English
 * transliteration (BGN/PCGN without diacritics) of Russian, Ukrainian and Belarusian letters; the readers fold
 * what other systems write differently (ICAO's "iu", German "W") on their own side.
 */
const pairs = (s: string): Map<string, string> => new Map(s.split(' ').map((p) => [p[0]!, p.slice(1)]));

/** Russian, Ukrainian and Belarusian lower-case letters (screening's table: changing it changes screening). */
export const CYRILLIC_LATIN: ReadonlyMap<string, string> = pairs('аa бb вv гg дd еe ёe жzh зz иi йy кk лl мm нn оo пp рr сs тt уu фf хkh цts чch шsh щshch ъ ыy ь эe юyu яya іi їyi єye ґg ўu');

/** The table with the letters Kazakh, Kyrgyz and Tajik add (ә ғ қ ң ө ұ ү һ, ҳ ҷ ӣ ӯ). */
export const CYRILLIC_LATIN_CENTRAL_ASIAN: ReadonlyMap<string, string> = new Map([...CYRILLIC_LATIN, ...pairs('әa ғg қk ңng өo ұu үu һh ҳh ҷj ӣi ӯu')]);

/** Lower-case text with its Cyrillic letters (U+0400..U+04FF) in Latin; a letter the table lacks stays as it is. */
export function cyrillicToLatin(lowerCase: string, table: ReadonlyMap<string, string> = CYRILLIC_LATIN): string {
  return lowerCase.replace(/[\u0400-\u04ff]/g, (c) => table.get(c) ?? c);
}
