import countries from '../countries';
import { foldText } from './normalize-name';

/**
 * Country wording used by OFAC and the UN that the ISO name tables do not know. Keys are folded text.
 * Why: nationality comparison must work across "Korea, North", "Democratic People's Republic of Korea"
 * and the ISO code a query carries.
 */
const ALIASES: Record<string, string> = {
  'korea north': 'KP',
  'north korea': 'KP',
  'democratic peoples republic of korea': 'KP',
  'dprk': 'KP',
  'korea dprk': 'KP',
  'korea south': 'KR',
  'south korea': 'KR',
  'republic of korea': 'KR',
  'korea': 'KR',
  'burma': 'MM',
  'syria': 'SY',
  'palestinian': 'PS',
  'palestine': 'PS',
  'west bank': 'PS',
  'gaza': 'PS',
  'congo democratic republic of the': 'CD',
  'democratic republic of the congo': 'CD',
  'congo republic of the': 'CG',
  'laos': 'LA',
  'macau': 'MO',
  'macao': 'MO',
  'iran islamic republic of': 'IR',
  'russian federation': 'RU',
  'the former yugoslav republic of macedonia': 'MK',
  'north macedonia': 'MK',
  'turkiye': 'TR',
  'united states': 'US',
  'usa': 'US',
  'uae': 'AE',
  'united arab emirates': 'AE',
  'united kingdom of great britain and northern ireland': 'GB',
  'venezuela bolivarian republic of': 'VE',
  'bolivia plurinational state of': 'BO',
  'tanzania united republic of': 'TZ',
  'viet nam': 'VN',
  'moldova republic of': 'MD',
  'cote d ivoire': 'CI',
  'cote divoire': 'CI',
  'ivory coast': 'CI',
  'brunei darussalam': 'BN',
  'czech republic': 'CZ',
  'sudan south': 'SS',
  'south sudan': 'SS',
  'gambia the': 'GM',
  'bahamas the': 'BS',
  'kosovo': 'XK',
  'soviet union': 'SU',
  'ussr': 'SU',
  'yugoslavia': 'YU',
  'taiwan': 'TW',
  'hong kong': 'HK',
  'region hong kong': 'HK',
};

const cache = new Map<string, string | undefined>();

/** ISO 3166-1 alpha-2 for a country name or code, or undefined when unknown. */
export function countryCode(input: string | undefined): string | undefined {
  if (!input) return undefined;
  const trimmed = input.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const up = trimmed.toUpperCase();
    return countries.isValid(up) || up === 'XK' ? up : undefined;
  }
  if (cache.has(trimmed)) return cache.get(trimmed);
  const folded = foldText(trimmed);
  let code: string | undefined = ALIASES[folded];
  if (!code) code = countries.getAlpha2Code(trimmed, 'en') ?? undefined;
  if (!code) {
    // "China (mainland)", "Iran, Islamic Republic of": try the part before a comma or parenthesis.
    const head = trimmed.split(/[,(]/)[0]?.trim();
    if (head && head !== trimmed) code = ALIASES[foldText(head)] ?? countries.getAlpha2Code(head, 'en') ?? undefined;
  }
  cache.set(trimmed, code);
  return code;
}

/** Code when recognised, else the original wording (so nothing the list says is lost). */
export function countryOrRaw(input: string): string {
  return countryCode(input) ?? input.trim();
}
