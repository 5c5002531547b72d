import table from './time-zone-countries.json' with { type: 'json' };

/**
 * IANA zone (canonical or alias) -> comma-separated ISO alpha-2 countries that use it. The table is data
 * (time-zone-countries.json, bundled like confusables-latin.json), generated from the IANA tz database by
 * infra/tools/generate-time-zone-countries.ts; do not edit it by hand.
 */
export const TIME_ZONE_COUNTRIES: Readonly<Record<string, string>> = table;
