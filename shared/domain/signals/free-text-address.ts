import countries from '../countries';
import { countryCode } from '../screening/country';
import type { Address } from './address';

/**
 * Postal codes as most countries write them (in either case; matched on the text as written, whose length upper
 * case can change: ß is SS): the Netherlands' 1234 AB (before four digits alone), Poland's
 * 00-001, Sweden's and Czechia's 123 45, four to six digits (a US ZIP+4 too), the UK's and Canada's letter-digit codes.
 */
const POSTAL = /(?<![\p{L}\p{N}])(\d{4} ?[A-Z]{2}|\d{2}-\d{3}|\d{3} \d{2}|\d{4,6}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d)(?![\p{L}\p{N}])/iu;
/** A state or province written beside the postal code ("IL 62704", "ON M5V 2T6"): not the city. */
const REGION_ONLY = /^[A-Z]{2,3}$/;

/** Countries as Russian, Ukrainian, Belarusian and Kazakh addresses name them, and in Latin letters. */
const CYRILLIC_COUNTRY_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['RU', 'россия|российская федерация|рф|росія|расія|rossiya|rossiia|rossija|rossiyskaya federatsiya|rf'],
  ['UA', 'украина|україна|ukraina|ukrayina'],
  ['BY', "беларусь|белоруссия|білорусь|беларусь|республика беларусь|belarus|belarus'"],
  ['KZ', 'казахстан|қазақстан|республика казахстан|kazakhstan|qazaqstan'],
  ['KG', 'кыргызстан|киргизия|кыргыз республикасы|kyrgyzstan'],
  ['UZ', 'узбекистан|ўзбекистон|uzbekistan'],
  ['TJ', 'таджикистан|тоҷикистон'],
  ['MD', 'молдова|молдавия'],
  ['AM', 'армения'],
  ['GE', 'грузия'],
  ['AZ', 'азербайджан'],
  ['MN', 'монголия|монгол улс'],
  ['CN', 'китай|кнр'],
];
const COUNTRY_BY_NAME = new Map(CYRILLIC_COUNTRY_NAMES.flatMap(([code, names]) => names.split('|').map((n) => [n, code] as const)));

/** The country a part names (a code, an English name, a common alias such as "USA" or "UK", a Russian name), if any. */
function countryOf(part: string): string | undefined {
  const p = part.trim();
  return COUNTRY_BY_NAME.get(p.toLowerCase().replace(/\.$/, '')) ?? (/^[A-Za-z]{3}$/.test(p) ? countries.alpha3ToAlpha2(p.toUpperCase()) : undefined) ?? countryCode(p);
}

/**
 * An address the platform passed as one line of free text (a contact change of the `address` field: "ul.
 * Marszałkowska 10/5, 00-001 Warszawa", "12 Main St Apt 4B, Springfield, IL 62704, USA"), read into the
 * structured form intake takes, so that it is keyed like every other address (placeFingerprints) and meets
 * another applicant's home or equipment address. Comma- or semicolon-separated parts: the street first, the
 * country last when it names one (else `defaultCountry`, the applicant's residence), the city beside the
 * postal code or in the last part before it; with no commas at all, the street before the postal code and the city
 * after it ("Hauptstraße 5 10115 Berlin"). Undefined when no street and city can be told apart: such an
 * address is not keyed (a key made of a guess could only meet the wrong place).
 */
export function freeTextAddress(text: string, defaultCountry: string): Address | undefined {
  const parts = text
    .normalize('NFKC')
    .split(/[,;]/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  if (parts.length === 1) parts.splice(0, 1, ...splitAtPostalCode(parts[0]!));
  if (parts.length < 2) return undefined;
  const named = countryOf(parts[parts.length - 1]!);
  if (named) parts.pop();
  const country = named ?? defaultCountry.toUpperCase();
  if (parts.length < 2) return undefined;
  const russian = russianOrder(parts, country);
  if (russian !== undefined) return russian || undefined;
  let postalCode: string | undefined;
  let cityAt = parts.length - 1;
  let city: string | undefined;
  for (let i = parts.length - 1; i >= 1; i--) {
    const m = POSTAL.exec(parts[i]!);
    if (!m) continue;
    postalCode = m[1]!.toUpperCase();
    const rest = parts[i]!.slice(0, m.index) + parts[i]!.slice(m.index + m[1]!.length);
    const left = rest.replace(/\s+/g, ' ').trim();
    if (/\p{L}/u.test(left) && !REGION_ONLY.test(left)) {
      city = left;
      cityAt = i;
    } else if (i >= 2) {
      city = parts[i - 1];
      cityAt = i - 1;
    }
    break;
  }
  if (!city) {
    if (postalCode) return undefined;
    city = parts[parts.length - 1];
    cityAt = parts.length - 1;
  }
  if (!city || !/\p{L}/u.test(city) || cityAt < 1) return undefined;
  const line1 = parts[0]!;
  const line2 = parts.slice(1, cityAt).join(' ');
  return { line1, ...(line2 ? { line2 } : {}), city, ...(postalCode ? { postalCode } : {}), country };
}

/** "г. Владивосток", "м. Київ", "g. Vladivostok": a city with its word. */
const CITY_MARK = /^(?:(?:г|м)(?:\.\s*|\s+)|g\.\s*|(?:город|місто|gorod)\.?\s+)(?=\p{L})/iu;
/** A region's part ("Приморский край", "Московская обл.", "Первореченский р-н"): not the city, not the street. */
const REGION = /(?<!\p{L})(?:обл|область|край|респ|республика|р-н|район|округ|ао|облысы|oblast|obl|krai|kray|raion|rayon|region)(?!\p{L})/iu;
/** A part that opens with a Russian, Ukrainian or Belarusian street word, in Cyrillic or in Latin letters. */
const STREET_FIRST =
  /^(?:ул|улица|пр-т|просп|проспект|пер|переулок|б-р|бульвар|ш|шоссе|пл|площадь|наб|набережная|мкр|вул|вулиця|вуліца|ulitsa|ul|prospekt|pr-t|prosp|pereulok|per|bulvar|shosse|naberezhnaya|mkr|vul|vulytsia)(?![\p{L}-])/iu;
const wholePostal = (part: string | undefined): string | undefined => {
  const m = part === undefined ? null : POSTAL.exec(part);
  return m && part!.replace(m[1]!, '').trim() === '' ? m[1]!.toUpperCase() : undefined;
};

/**
 * The order Russian, Ukrainian and Belarusian addresses are written in, big to small: "690091, г. Владивосток, ул.
 * Ленина, д. 7, кв. 12" (a country (read as the address's) and a region may come first, the postal code first or last). Read when the
 * address opens with its postal code alone, with its city's word (г., м.), with a city (no digits) before a part
 * that opens with a street's word ("Владивосток, ул. Ленина, …"), or, in Cyrillic, with its postal code and city; "" when it opens with a postal code but no city and street follow; undefined when it does not open so, or opens with a word and
 * reads no city and street ("G. Marconi 5, 00100 Roma" is read in the usual order).
 */
function russianOrder(given: readonly string[], residence: string): Address | '' | undefined {
  const parts = [...given];
  const isRegion = (p: string | undefined) => p !== undefined && REGION.test(p) && !/\d/.test(p);
  const leading = parts.length > 2 && !/\d/.test(parts[0]!) ? countryOf(parts[0]!) : undefined;
  if (leading) parts.shift();
  const country = leading ?? residence;
  while (isRegion(parts[0])) parts.shift();
  let postalCode = wholePostal(parts[0]);
  const postalFirst = POSTAL.exec(parts[0]!)?.index === 0;
  let city: string | undefined;
  if (postalCode) parts.shift();
  else {
    const m = POSTAL.exec(parts[0]!);
    const after = m?.index === 0 ? parts[0]!.slice(m[1]!.length).trim() : '';
    if (m?.index === 0 && /[\u0400-\u04ff]/.test(after) && !/\d/.test(after)) {
      postalCode = m[1]!.toUpperCase();
      city = after;
      parts.shift();
    } else if (!CITY_MARK.test(parts[0]!) && !(/^[\p{L}\s.-]+$/u.test(parts[0]!) && STREET_FIRST.test(parts[1] ?? ''))) return undefined;
  }
  while (!city && isRegion(parts[0])) parts.shift();
  city ??= parts.shift();
  while (isRegion(parts[0])) parts.shift();
  const last = wholePostal(parts[parts.length - 1]);
  if (!postalCode && last) {
    postalCode = last;
    parts.pop();
  }
  city = city?.replace(CITY_MARK, '');
  // Opened with a postal code, nothing else reads it; opened with a word ("G. Marconi 5, …"), the usual order may.
  if (!city || !/\p{L}/u.test(city) || /\d/.test(city) || parts.length === 0) return postalFirst ? '' : undefined;
  const line2 = parts.slice(1).join(' ');
  return { line1: parts[0]!, ...(line2 ? { line2 } : {}), city, ...(postalCode ? { postalCode } : {}), country };
}

/** One part with a postal code between a street and a city ("ul. Długa 1 80-001 Gdańsk"): the two; else the part. */
function splitAtPostalCode(part: string): string[] {
  const m = POSTAL.exec(part);
  if (!m) return [part];
  const before = part.slice(0, m.index).trim();
  const after = part.slice(m.index + m[1]!.length).trim();
  return /\p{L}/u.test(before) && /\p{L}/u.test(after) ? [before, `${m[1]!} ${after}`] : [part];
}

/**
 * The readings of a free-text address to key: freeTextAddress's, and, when no postal code places the city and the
 * last of three parts or more names no country this reads ("…, Warszawa, Polska": a country in its own language),
 * the reading with that part taken as the country and the part before it as the city. Both keep street, number and
 * city in the key: the second can only meet the same street and number in the city it names. An address in
 * Cyrillic that names no country is read in the country its letters say too (scriptCountry): an applicant living
 * in Poland who moves the laptop to "690091, г. Владивосток, ул. Ленина, д. 7, кв. 12" moved it to Russia.
 */
export function freeTextAddressReadings(text: string, defaultCountry: string): Address[] {
  const readings = countryReadings(text, defaultCountry);
  const script = scriptCountry(text);
  if (!script || readings.length === 0) return readings;
  return [...readings, ...countryReadings(text, script).filter((r) => readings.every((x) => x.country !== r.country))];
}

function countryReadings(text: string, defaultCountry: string): Address[] {
  const first = freeTextAddress(text, defaultCountry);
  if (!first || first.postalCode) return first ? [first] : [];
  const parts = text.split(/[,;]/).filter((p) => p.trim());
  if (parts.length < 3) return [first];
  const second = freeTextAddress(parts.slice(0, -1).join(','), defaultCountry);
  return second && second.city !== first.city ? [first, second] : [first];
}

/**
 * The country whose alphabet a Cyrillic text is written in, by the letters only one of them has: Belarusian ў (or
 * і beside ы or э), Kazakh ә ғ қ ұ һ, Kyrgyz ң ө ү, Ukrainian і ї є ґ; else Russian. Undefined for other scripts.
 */
function scriptCountry(text: string): string | undefined {
  const t = text.toLowerCase();
  if (!/[\u0400-\u04ff]/.test(t)) return undefined;
  if (/ў/.test(t) || (/і/.test(t) && /[ыэ]/.test(t))) return 'BY';
  if (/[әғқұһ]/.test(t)) return 'KZ';
  if (/[ңөү]/.test(t)) return 'KG';
  if (/[іїєґ]/.test(t)) return 'UA';
  return 'RU';
}
