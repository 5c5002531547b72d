import { unicodeSkeleton } from '../screening/unicode-fold';
import type { Address } from './address';
import { cyrillicAddressKeys } from './cyrillic-address-key';

/**
 * The canonical form of a shipping address, so that the same delivery point typed two ways meets on the
 * fingerprint index: "Apt 4B, 12 Main St." and "12 MAIN STREET #4b" are one address, and so are spellings
 * an adversary uses to look like a different one: Cyrillic or Greek look-alike letters ("Маin"), zero-width
 * characters, full-width digits, accents, punctuation, street-type and unit-designator abbreviations
 * (Street/St/Str, Apartment/Apt/#/Unit/Suite/Ste/Flat/Room/PMB), the unit before or after the street, the
 * house number before or after the street name (European and US order), "No."/"Nr." before a number.
 *
 * What is deliberately NOT folded: different unit numbers stay different addresses (two flats in one
 * building are two households), and a postal code is compared only with a postal code (see
 * shippingAddressKeys): the same street, number and unit in the same city is one address.
 */

/** Street-type words and their abbreviations, to one form each (USPS Publication 28 suffixes and a few European ones). */
const STREET_WORDS: Readonly<Record<string, string>> = {
  street: 'st',
  st: 'st',
  str: 'st',
  strasse: 'st',
  stra: 'st',
  avenue: 'ave',
  ave: 'ave',
  av: 'ave',
  avda: 'ave',
  avenida: 'ave',
  road: 'rd',
  rd: 'rd',
  boulevard: 'blvd',
  blvd: 'blvd',
  bd: 'blvd',
  drive: 'dr',
  dr: 'dr',
  lane: 'ln',
  ln: 'ln',
  court: 'ct',
  ct: 'ct',
  place: 'pl',
  pl: 'pl',
  square: 'sq',
  sq: 'sq',
  highway: 'hwy',
  hwy: 'hwy',
  parkway: 'pkwy',
  pkwy: 'pkwy',
  terrace: 'ter',
  ter: 'ter',
  circle: 'cir',
  cir: 'cir',
  crescent: 'cres',
  cres: 'cres',
  north: 'n',
  n: 'n',
  south: 's',
  s: 's',
  east: 'e',
  e: 'e',
  west: 'w',
  w: 'w',
  northeast: 'ne',
  ne: 'ne',
  northwest: 'nw',
  nw: 'nw',
  southeast: 'se',
  se: 'se',
  southwest: 'sw',
  sw: 'sw',
  // More USPS Publication 28 suffixes, and the words of a street's name the USPS abbreviates (Saint, Mount, Fort:
  // "St Paul St" and "Saint Paul Street" both read "paul st st"). A farm's address typed "12 Oak Trl" and
  // "12 Oak Trail" were two places (adversarial pass).
  trail: 'trl',
  trl: 'trl',
  way: 'way',
  wy: 'way',
  center: 'ctr',
  centre: 'ctr',
  ctr: 'ctr',
  plaza: 'plz',
  plz: 'plz',
  route: 'rte',
  rte: 'rte',
  alley: 'aly',
  aly: 'aly',
  expressway: 'expy',
  expy: 'expy',
  freeway: 'fwy',
  fwy: 'fwy',
  heights: 'hts',
  hts: 'hts',
  point: 'pt',
  pt: 'pt',
  ridge: 'rdg',
  rdg: 'rdg',
  turnpike: 'tpke',
  tpke: 'tpke',
  crossing: 'xing',
  xing: 'xing',
  junction: 'jct',
  jct: 'jct',
  grove: 'grv',
  grv: 'grv',
  creek: 'crk',
  crk: 'crk',
  village: 'vlg',
  vlg: 'vlg',
  saint: 'st',
  mount: 'mt',
  mt: 'mt',
  fort: 'ft',
  ft: 'ft',
  floor: 'fl',
  fl: 'fl',
  building: 'bldg',
  bldg: 'bldg',
  // Ordinal street names as USPS writes them: "350 Fifth Avenue" is "350 5th Ave".
  first: '1st',
  second: '2nd',
  third: '3rd',
  fourth: '4th',
  fifth: '5th',
  sixth: '6th',
  seventh: '7th',
  eighth: '8th',
  ninth: '9th',
  tenth: '10th',
  // Russian street words in Latin letters (the Cyrillic ones are other letters, not look-alikes).
  prospekt: 'pr',
  prosp: 'pr',
  pr: 'pr',
  // French and Spanish: "12 r. de la Paix" is "12 rue de la Paix", "C/ Mayor 5" (read as "calle") "Calle Mayor 5".
  rue: 'rue',
  r: 'rue',
  calle: 'calle',
  cl: 'calle',
};

/** A house number written as a word ("One Infinite Loop"), where it opens the address. */
const NUMBER_WORDS: Readonly<Record<string, string>> = Object.fromEntries(
  ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'].map(
    (w, i) => [w, String(i + 1)],
  ),
);

/**
 * Street types after which a number is the unit of a house already numbered ("12 Main St 4B" is "12 Main St Apt 4B"),
 * and directions that may stand between. Not the numbered roads (Route 66, Highway 1, County Road 5), where the
 * number is the road's name.
 */
const UNIT_AFTER = new Set(['st', 'ave', 'blvd', 'dr', 'ln', 'ct', 'pl', 'sq', 'ter', 'cir', 'cres', 'trl', 'way', 'ctr', 'plz', 'aly', 'hts', 'pt', 'rdg', 'xing', 'grv', 'vlg', 'rue', 'calle']);
const DIRECTIONS = new Set(['n', 's', 'e', 'w', 'ne', 'nw', 'se', 'sw']);
const unitLike = (t: string) => /^\d+\p{L}?$/u.test(t) || /^\p{L}\d+$/u.test(t);

/** Words that carry no address information of their own: "No. 12", "ul. Prosta", "Nr 5". */
const NOISE_WORDS = new Set(['no', 'nr', 'number', 'num', 'ul', 'ulica', 'ulitsa', 'ulitza', 'the']);

/**
 * A post-office box in its spellings ("P.O. Box", "P O Box", "Post Office Box", "POB"), read as one token: a mail
 * drop's box given as "PO Box 123" and "Post Office Box #123" was two places (adversarial pass). The box number is
 * a unit of the box (`pobox123`), never a house number or an apartment of the same number.
 */
const PO_BOX = [['post', 'office', 'box'], ['p', 'o', 'box'], ['po', 'box'], ['pob']] as const;
function joinPoBox(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const form = PO_BOX.find((f) => f.every((w, k) => tokens[i + k] === w));
    if (form) i += form.length - 1;
    out.push(form ? 'pobox' : tokens[i]!);
  }
  return out;
}

/** Unit designators: the next token is the unit. "#" is read as one. PMB numbers a mailbox like a suite. */
const UNIT_WORDS = new Set(['apt', 'apartment', 'unit', 'suite', 'ste', '#', 'flat', 'room', 'rm', 'pmb', 'lok', 'lokal', 'm', 'app', 'appt', 'wohnung', 'kv', 'kvartira']);

const STROKED: Readonly<Record<string, string>> = { ł: 'l', đ: 'd', ø: 'o', æ: 'ae', œ: 'oe', ħ: 'h', ı: 'i', ŧ: 't', þ: 'th' };

/** Text folded to lower-case ASCII-ish tokens: look-alikes to Latin, invisible characters out, accents off. */
export function addressTokens(text: string): string[] {
  return (
    unicodeSkeleton(text)
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      // Letters NFKD does not take apart: Polish ł, Nordic ø/æ, Croatian đ, Turkish dotless ı...
      .replace(/[łđøæœħıŧþ]/g, (ch) => STROKED[ch] ?? ch)
      .replace(/#/g, ' # ')
      .split(/[^\p{L}\p{N}#]+/u)
      .filter(Boolean)
  );
}

/** A German compound street name keeps its name, its suffix folded: "Hauptstraße" and "Hauptstr." meet. */
function foldCompound(token: string): string {
  const m = /^(\p{L}{3,}?)(strasse|str)$/u.exec(token);
  return m ? `${m[1]}st` : token;
}

/** The street part (tokens sorted: the number before or after the name) and the units, of line 1 and line 2 together. */
export function streetAndUnits(address: Pick<Address, 'line1' | 'line2'>): { street: string; units: string[] } {
  // "C/" is Spanish for calle (its slash would split it off as a lone c).
  const tokens = joinPoBox(addressTokens(`${address.line1} ${address.line2 ?? ''}`.replace(/(?<![\p{L}\p{N}])[cC]\s*\/\s*/gu, 'calle ')));
  if (NUMBER_WORDS[tokens[0] ?? ''] && tokens.length > 2) tokens[0] = NUMBER_WORDS[tokens[0]!]!;
  // "N.W." is NW.
  for (let i = 0; i + 1 < tokens.length; i++) if ((tokens[i] === 'n' || tokens[i] === 's') && (tokens[i + 1] === 'e' || tokens[i + 1] === 'w')) tokens.splice(i, 2, tokens[i]! + tokens[i + 1]!);
  const street: string[] = [];
  const units: string[] = [];
  // A house number seen, then a street type (and a direction): a number-like word next is a unit without its word
  // (a unit typed so was another place: adversarial pass, December 2026).
  let numbered = false;
  let afterType = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (numbered && afterType && unitLike(t)) {
      units.push(t.replace(/^0+(?=.)/, ''));
      afterType = false;
      continue;
    }
    if (t === 'pobox') {
      let j = i + 1;
      while (j < tokens.length && (tokens[j] === '#' || NOISE_WORDS.has(tokens[j]!))) j++;
      units.push(`pobox${(tokens[j] ?? '').replace(/^0+(?=.)/, '')}`);
      i = j;
      continue;
    }
    if (UNIT_WORDS.has(t) && !(t === 'm' && !/\d/.test(tokens[i + 1] ?? ''))) {
      // "Apt #4B", "Suite # 300": designators in a row name one unit.
      let j = i + 1;
      while (j < tokens.length && UNIT_WORDS.has(tokens[j]!) && !/\d/.test(tokens[j]!)) j++;
      let unit = tokens[j];
      if (unit === undefined) continue;
      // "4-B", "4 B": a lone letter after the number belongs to it.
      if (/^\d+$/.test(unit) && /^\p{L}$/u.test(tokens[j + 1] ?? '')) {
        unit += tokens[j + 1];
        j++;
      }
      units.push(unit.replace(/^0+(?=.)/, ''));
      i = j;
      continue;
    }
    if (NOISE_WORDS.has(t)) continue;
    const w = STREET_WORDS[t] ?? foldCompound(t);
    afterType = UNIT_AFTER.has(w) || (afterType && DIRECTIONS.has(w));
    if (/^\d+\p{L}?$/u.test(w)) numbered = true;
    street.push(/^\d+$/.test(w) ? w.replace(/^0+(?=.)/, '') : w);
  }
  return { street: street.sort().join(' '), units: units.sort() };
}

function cityKey(city: string): string {
  return addressTokens(city).join(' ');
}

/** Postal codes compared as letters and digits; a US ZIP+4 as its five-digit ZIP. */
export function postalKey(postalCode: string | undefined, country: string): string | undefined {
  if (!postalCode) return undefined;
  const p = addressTokens(postalCode).join('').toUpperCase();
  if (!p) return undefined;
  return country === 'US' && /^\d{9}$/.test(p) ? p.slice(0, 5) : p;
}

/**
 * The keys one address is fingerprinted under: by city, and by postal code when given. Two addresses that
 * agree on street, number and unit meet when they agree on either (one applicant writes "New York", another
 * "NYC", both 10001); an address in Cyrillic, or in a country that writes in it, by its transliteration-neutral
 * reading too (cyrillic-address-key.ts). Never logged or stored in clear: the caller HMACs them (shared/domain/cases/fingerprints.ts).
 */
export function shippingAddressKeys(address: Address): string[] {
  const postal = postalKey(address.postalCode, address.country.toUpperCase());
  const keys = [address, ...slashReading(address)].flatMap((reading) => {
    const { street, units } = streetAndUnits(reading);
    const where = `${address.country.toUpperCase()}|${street}|${units.join(',')}`;
    return [`city:${where}|${cityKey(address.city)}`, ...(postal ? [`postal:${where}|${postal}`] : [])];
  });
  // Cyrillic and its transliterations in one form, beside the keys above (which stay as they were stored).
  return [...new Set([...keys, ...cyrillicAddressKeys(address, postal)])];
}

/** Countries whose post writes a flat before its house with a slash ("4/12 Main St" is Unit 4 at 12). */
const UNIT_FIRST = new Set(['AU', 'NZ']);
const SLASH_PAIR = /(?<![\p{L}\p{N}])(\d+\p{L}?)\s*\/\s*(\d+\p{L}?)(?![\p{L}\p{N}])/gu;

/**
 * A house and its flat written with a slash, read with the flat's word: Australia's and New Zealand's unit/number
 * ("4/12 Main St" is "12 Main St Unit 4"), and number/flat elsewhere (Poland's "Marszałkowska 10/5", Russia's
 * "Lenina 7/12": flat 5 at 10). A second reading beside the address as typed (a slash that numbers a corner house
 * or two buildings keeps its own key): the same flat typed with its word was another place (adversarial pass).
 */
function slashReading(address: Address): Address[] {
  const unitFirst = UNIT_FIRST.has(address.country.toUpperCase());
  const read = (line: string) => line.replace(SLASH_PAIR, (_, a: string, b: string) => (unitFirst ? `${b} unit ${a}` : `${a} unit ${b}`));
  const line1 = read(address.line1);
  const line2 = address.line2 === undefined ? undefined : read(address.line2);
  if (line1 === address.line1 && line2 === address.line2) return [];
  return [{ ...address, line1, ...(line2 === undefined ? {} : { line2 }) }];
}

/** The same delivery point (by the keys above): re-sending the address in another spelling is not a change. */
export function sameShippingAddress(a: Address, b: Address): boolean {
  const kb = new Set(shippingAddressKeys(b));
  return shippingAddressKeys(a).some((k) => kb.has(k));
}

/**
 * What a reviewer is shown of a shipping address: city, postal code and country in full (they say where the
 * laptop goes), the street reduced to its first letters and the house number, the unit kept (a shared unit
 * number is what links a farm). "12 Main St, Apt 4B" -> "12 M… St…, unit 4B".
 */
export function maskShippingAddress(address: Address): string {
  const words = `${address.line1}`
    .trim()
    .split(/\s+/)
    .map((w) => (/\d/.test(w) ? w : `${[...w][0] ?? ''}…`));
  const { units } = streetAndUnits(address);
  return [words.join(' '), units.length ? `unit ${units.join('/').toUpperCase()}` : '', [address.postalCode, address.city].filter(Boolean).join(' '), address.country].filter(Boolean).join(', ');
}
