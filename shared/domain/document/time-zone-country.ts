import { TIME_ZONE_COUNTRIES } from './time-zone-countries';

/**
 * Countries that use an IANA time zone. Empty for zones tied to no country (UTC, Etc/GMT+3): a contractor
 * who states one of those has told us nothing about where they are.
 */
export function countriesOfTimeZone(timeZone: string): string[] {
  const v = TIME_ZONE_COUNTRIES[timeZone];
  return v ? v.split(',') : [];
}
