import { CYRILLIC_LATIN_CENTRAL_ASIAN, cyrillicToLatin } from '../cyrillic-latin';
import { unicodeSkeleton } from '../screening/unicode-fold';
import type { Address } from './address';

/**
 * An address of the Cyrillic-writing countries keyed so that its Cyrillic form and the usual Latin
 * transliterations of it meet: "ул. Ленина, д. 7, кв. 12, Владивосток" is "ul. Lenina 7-12, Vladivostok",
 * "Lenina str. 7, apt 12", "ulitsa Lenina, dom 7, kvartira 12" and "Wladiwostok". Cyrillic is transliterated
 * (cyrillic-latin.ts), then every word is reduced to a transliteration-neutral form (Kh/H/X, Ts/C/Tz, Yu/Iu/Ju,
 * Ya/Ia/Ja, Shch/Sch/Šč, Zh/Ž, Ch/Č/Tch, soft and hard signs, ё as e or yo, й as y/i/j, W for В are one each), and
 * the Russian, Ukrainian and Belarusian address words and their Latin forms are read as what they name: the
 * street's type, the house (дом, корпус, строение, литера) and the flat (квартира, офис, комната).
 *
 * A reading beside the others (shipping-address-key.ts), under keys of its own (`cyr-city:`, `cyr-postal:`): the
 * fold is coarser than the other keys' and stays in its own key space. What stays apart: the house, its korpus
 * and stroenie, the flat, the city or postal code, and the street's type when one is given other than the
 * default улица (проспект Ленина and улица Ленина are two streets of one city); "Ленина 7" with no type is the
 * улица.
 */

/** Countries whose addresses are written in Cyrillic or transliterated from it: a Latin address there gets this reading too. */
const CYRILLIC_COUNTRIES = new Set(['RU', 'UA', 'BY', 'KZ', 'KG', 'TJ', 'UZ', 'TM', 'MD', 'MN', 'AM', 'AZ', 'GE']);
const CYRILLIC = /[\u0400-\u04ff]/;
const CYRILLIC_G = /[\u0400-\u04ff]/g;

/** Latin letters of scholarly and national transliterations that NFKD would take to a plain letter of another sound (ISO 9's â and û are я and ю). */
const CARON: Readonly<Record<string, string>> = { š: 'sh', č: 'ch', ž: 'zh', ŝ: 'shch', ĉ: 'ch', ẑ: 'zh', ǧ: 'g', ŭ: 'u', ħ: 'h', ł: 'l', ß: 'ss', â: 'ia', û: 'iu' };

/** Text as lower-case Latin words: a Cyrillic word transliterated, look-alikes inside a Latin word read as Latin. */
function latinWords(text: string): string {
  const words = text
    .normalize('NFKC')
    .replace(/[\u2116]/g, ' no ')
    .split(/\s+/)
    .map((w) => {
      // A word mixing scripts: mostly Latin ("Маin", "Рark"), its look-alikes are a disguise of the Latin word
      // (unicodeSkeleton); mostly Cyrillic ("Ленинa"), its Latin letters are typed for the Cyrillic ones.
      const cyrillic = w.match(CYRILLIC_G)?.length ?? 0;
      const word = cyrillic > 0 && (w.match(/[A-Za-z]/g)?.length ?? 0) >= cyrillic ? unicodeSkeleton(w) : w;
      return cyrillicToLatin(word.toLowerCase(), CYRILLIC_LATIN_CENTRAL_ASIAN);
    });
  return (
    words
      .join(' ')
      .replace(/[šžčŝĉẑǧŭħłßâû]/g, (c) => CARON[c] ?? c)
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      // Soft and hard signs written as apostrophes or quotes, and quotes around a name: nothing.
      .replace(/['’‘`´ʼʻʹʺ"«»„“”]/g, '')
      // Abbreviations written with a hyphen: пр-т, б-р, пр-д, кв-л, мкр-н, р-н.
      .replace(/(?<![a-z])(pr-t|b-r|pr-d|kv-l|mkr-n|r-n|st-tsa|ul-tsa)(?![a-z])/g, (m) => m.replace('-', ''))
      // Ordinal street names: "1-я", "1-ya", "2nd".
      .replace(/(?<![\p{L}\p{N}])(\d+)(?:-?(?:st|nd|rd|th)|-(?:[aoiy]?[iyj]|[aoi]?[iyj]a|aya|go|e))(?![\p{L}\p{N}])/gu, ' n$1 ')
  );
}

const FOLD = /shch|shh|sch|sh|tch|ch|zh|kh|ts|tz|x|h|c|g|w|ph|[ijy]+/g;
const FOLDED: Readonly<Record<string, string>> = { shch: 'S', shh: 'S', sch: 'S', sh: 'S', tch: 'C', ch: 'C', zh: 'Z', kh: 'H', h: 'H', g: 'H', ts: 'c', tz: 'c', c: 'c', w: 'v', ph: 'f' };

/**
 * One Latin word in its transliteration-neutral form: ш and щ as S, ч as C, ж as Z, х (and г: Ukrainian writes it
 * h) as H, ц as c, W as V, й/ы/и/ї and the y/i/j of я, ю, є as one i; "ie" and "io" as e (Yekaterinburg and
 * Ekaterinburg, ё as yo or e), doubled letters once. "x" after a or e is "ks" (Aleksandra, Maksima); elsewhere х.
 */
export function neutralWord(word: string): string {
  return word
    .replace(FOLD, (m: string, at: number) => (m === 'x' ? (/[ae]/.test(word[at - 1] ?? '') ? 'ks' : 'H') : (FOLDED[m] ?? 'i')))
    .replace(/i[eo]/g, 'e')
    .replace(/(.)\1+/g, '$1');
}

type Role = 'house' | 'flat' | 'korpus' | 'stroenie' | 'litera' | 'skip' | { type: string };
/** Address words in their Latin forms (Cyrillic ones arrive transliterated), by what they name. */
const WORDS: ReadonlyArray<[Role, string]> = [
  [{ type: '' }, 'ulitsa ulica ulitza ulitca ul ultsa street st strasse vulytsia vulitsa vulica vulytsya vul vulitsia koshesi kosesi kochosu'],
  [{ type: 'pr' }, 'prospekt prospect prosp pr prt avenue ave av praspekt prosp dangyly'],
  [{ type: 'per' }, 'pereulok per provulok prov zavulak zav lane ln tyksyk'],
  [{ type: 'blvd' }, 'bulvar bulvard boulevard blvd bul br'],
  [{ type: 'sh' }, 'shosse sh highway hwy'],
  [{ type: 'pl' }, 'ploshchad ploshcha ploshcha plosca square sq pl'],
  [{ type: 'nab' }, 'naberezhnaya naberezhna nab embankment'],
  [{ type: 'prd' }, 'proezd proyezd prd passage'],
  [{ type: 'tup' }, 'tupik tup'],
  [{ type: 'al' }, 'alleya al alley'],
  [{ type: 'mkr' }, 'mikrorayon mikroraion mkr mkrn microdistrict'],
  [{ type: 'kvl' }, 'kvartal kvl'],
  ['house', 'dom d house budynok bud uy'],
  ['flat', 'kvartira kvartyra kvatera kv apt apartment apartament appt app flat unit suite ste room rm komnata komn kom ofis office of pomeshchenie pom pater'],
  ['korpus', 'korpus korp k building bldg block blok'],
  ['stroenie', 'stroenie stroyeniye stroyenie'],
  ['litera', 'litera liter lit'],
  ['skip', 'no nr number im imeni the gorod g city misto m horad pgt poselok pos selo derevnya der'],
];
const ROLE = new Map<string, Role>(WORDS.flatMap(([role, words]) => words.split(' ').map((w) => [neutralWord(w), role] as [string, Role])));
const roleOf = (t: string): Role | undefined => (/^\p{L}+$/u.test(t) ? ROLE.get(neutralWord(t)) : undefined);

/** A house number as typed at once ("7", "7a", "7k2", "7s1", "7ak2s1"): number, letter, korpus, stroenie. */
const HOUSE = /^0*(\d+)([a-z]?)(?:k0*(\d+))?(?:s0*(\d+))?$/;
const digitsOnly = (t: string) => t.replace(/^0+(?=.)/, '');

interface Reading {
  name: string[];
  type: string;
  house: string;
  units: string[];
}

/** The street's name, its type, the house and the flats, of an address's line 1 and line 2. */
function readStreet(text: string): Reading {
  const tokens = latinWords(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    // A unit's word joined to its number ("д.7" is split already; "кв12", "korp2" are not).
    .flatMap((t) => {
      const m = /^([a-z]+)(\d+[a-z]?)$/.exec(t);
      const role = m ? roleOf(m[1]!) : undefined;
      return m && role !== undefined && typeof role !== 'object' && role !== 'skip' ? [m[1]!, m[2]!] : [t];
    });
  const name: string[] = [];
  const units: string[] = [];
  const types: string[] = [];
  let number: RegExpExecArray | undefined;
  let letter = '';
  let korpus = '';
  let stroenie = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1] ?? '';
    const nextNumber = /^\d/.test(next);
    // "str" after a house is строение ("д. 7, стр. 2"); before one it is the street ("Lenina str. 7").
    const role = t === 'str' ? (number && nextNumber ? 'stroenie' : { type: '' }) : roleOf(t);
    if (role === 'house' && nextNumber && !number) {
      number = HOUSE.exec(next) ?? undefined;
      if (!number) units.push(digitsOnly(next));
      i++;
    } else if ((role === 'flat' || role === 'house') && nextNumber) {
      units.push(digitsOnly(next));
      i++;
    } else if (role === 'korpus' && /^[\p{L}\p{N}]+$/u.test(next) && (nextNumber || next.length === 1)) {
      korpus = digitsOnly(next);
      i++;
    } else if (role === 'stroenie' && nextNumber) {
      stroenie = digitsOnly(next);
      i++;
    } else if (role === 'litera' && /^[a-z]$/.test(next)) {
      letter = next;
      i++;
    } else if (role !== undefined && typeof role === 'object') {
      if (role.type) types.push(role.type);
    } else if (role !== undefined) {
      continue;
    } else if (/^\d/.test(t)) {
      const house = number ? undefined : HOUSE.exec(t);
      if (house) {
        number = house;
        // "7 а": a lone letter after the number is the house's.
        if (/^[a-z]$/.test(next) && !roleOf(next) && !house[2]) {
          letter = next;
          i++;
        }
      } else units.push(digitsOnly(t));
    } else name.push(neutralWord(t));
  }
  const house = number ? `${number[1]}${number[2] || letter}${korpus || number[3] ? `k${korpus || number[3]}` : ''}${stroenie || number[4] ? `s${stroenie || number[4]}` : ''}` : '';
  // A street named by its type's word alone ("ул. Набережная", "пр-т Набережная"): the last such word is its name.
  if (name.length === 0 && types.length > 0) name.push(types.pop()!);
  return { name: name.sort(), type: [...new Set(types)].sort().join(' '), house, units: units.sort() };
}

/** Big cities' English and former names, in neutral form: the name the key uses. */
const CITY_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['moskva', 'moskva|moscow|moskau'],
  ['sankt-peterburg', 'sankt-peterburg|saint petersburg|st petersburg|sankt petersburg|spb|peterburg'],
  ['kyiv', 'kyiv|kiev|kiiv|kyyiv'],
  ['kharkiv', 'kharkiv|kharkov'],
  ['lviv', 'lviv|lvov|lwow|lemberg'],
  ['dnipro', 'dnipro|dnepr|dnipropetrovsk|dnepropetrovsk'],
  ['almaty', 'almaty|alma-ata'],
  ['tashkent', 'tashkent|toshkent'],
];
/** Built on first use: cityWords needs the address words above. */
let cities: Map<string, string> | undefined;

function cityWords(city: string): string {
  return latinWords(city)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t && roleOf(t) !== 'skip')
    .map(neutralWord)
    .join(' ');
}

/** The city in neutral form, a big city's other names as one. */
function neutralCity(city: string): string {
  cities ??= new Map(CITY_NAMES.flatMap(([canonical, names]) => names.split('|').map((n) => [cityWords(n), canonical] as const)));
  const words = cityWords(city);
  return cities.get(words) ?? words;
}

/**
 * The keys of the transliteration-neutral reading, when the address is written in Cyrillic or is in a country
 * whose addresses are: by city and by postal code (`postal`, as shippingAddressKeys reads it), like the other
 * readings. None without a street name.
 */
export function cyrillicAddressKeys(address: Address, postal: string | undefined): string[] {
  const country = address.country.toUpperCase();
  const text = `${address.line1} ${address.line2 ?? ''}`;
  if (!CYRILLIC_COUNTRIES.has(country) && !CYRILLIC.test(`${text} ${address.city}`)) return [];
  const { name, type, house, units } = readStreet(text);
  if (name.length === 0) return [];
  const where = `${country}|${name.join(' ')}|${type}|${house}|${units.join(',')}`;
  return [`cyr-city:${where}|${neutralCity(address.city)}`, ...(postal ? [`cyr-postal:${where}|${postal}`] : [])];
}
