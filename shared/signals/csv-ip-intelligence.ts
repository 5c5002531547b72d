import { parse } from 'csv-parse/sync';
import { ipToNumber } from './ip-address';
import type { IpInfo, IpIntelligence } from './ip-intelligence';
import { HOSTING_ASNS, HOSTING_ORG_PATTERN, VPN_ASNS, VPN_ORG_PATTERN } from './network-lists';

/**
 * IpIntelligence over CSV range files in the ip-location-db format:
 *   country files: start_ip,end_ip,country      (e.g. geo-whois-asn-country-ipv4.csv)
 *   ASN files:     start_ip,end_ip,asn,org      (e.g. asn-ipv4.csv; org may be quoted)
 * IPv4 and IPv6 rows may be mixed. Ranges are sorted once and searched by binary search, so a lookup
 * is O(log n) over a few hundred thousand rows.
 */

interface Range<T> {
  start: bigint;
  end: bigint;
  value: T;
}

class RangeTable<T> {
  private readonly v4: Range<T>[] = [];
  private readonly v6: Range<T>[] = [];

  add(family: 4 | 6, range: Range<T>): void {
    (family === 4 ? this.v4 : this.v6).push(range);
  }

  seal(): void {
    for (const list of [this.v4, this.v6]) list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  }

  find(family: 4 | 6, ip: bigint): T | undefined {
    const list = family === 4 ? this.v4 : this.v6;
    // Last range whose start <= ip; ranges in these files do not overlap.
    let lo = 0;
    let hi = list.length - 1;
    let hit = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.start <= ip) {
        hit = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const range = hit >= 0 ? list[hit] : undefined;
    return range && ip <= range.end ? range.value : undefined;
  }
}

export class IpDataError extends Error {
  override readonly name = 'IpDataError';
}

export interface CsvIpSources {
  /** Contents of country range files. */
  country?: readonly string[];
  /** Contents of ASN range files. */
  asn?: readonly string[];
  hostingAsns?: ReadonlySet<number>;
  vpnAsns?: ReadonlySet<number>;
}

export function createCsvIpIntelligence(sources: CsvIpSources): IpIntelligence {
  const countries = new RangeTable<string>();
  const asns = new RangeTable<{ asn: number; org: string }>();
  for (const [i, text] of (sources.country ?? []).entries())
    loadRows(text, `country file ${i + 1}`, 3, countries, ([country], where) => {
      const code = country!.trim().toUpperCase();
      if (!/^[A-Z]{2}$/.test(code)) throw new IpDataError(`${where}: expected a 2-letter country, got "${country}"`);
      return code;
    });
  for (const [i, text] of (sources.asn ?? []).entries())
    loadRows(text, `ASN file ${i + 1}`, 3, asns, ([asn, org], where) => {
      const n = Number(asn);
      if (!Number.isInteger(n) || n < 0) throw new IpDataError(`${where}: expected an AS number, got "${asn}"`);
      return { asn: n, org: (org ?? '').trim() };
    });
  countries.seal();
  asns.seal();
  const hosting = sources.hostingAsns ?? HOSTING_ASNS;
  const vpn = sources.vpnAsns ?? VPN_ASNS;

  return {
    lookup(ip: string): IpInfo {
      const n = ipToNumber(ip);
      if (!n) return { ip, isHosting: false, isVpn: false };
      const country = countries.find(n.family, n.value);
      const owner = asns.find(n.family, n.value);
      const isVpn = owner !== undefined && (vpn.has(owner.asn) || VPN_ORG_PATTERN.test(owner.org));
      const isHosting = owner !== undefined && (isVpn || hosting.has(owner.asn) || HOSTING_ORG_PATTERN.test(owner.org));
      return {
        ip,
        ...(country && { country }),
        ...(owner && { asn: owner.asn, org: owner.org }),
        isHosting,
        isVpn,
      };
    },
  };
}

function loadRows<T>(
  text: string,
  name: string,
  minColumns: number,
  table: RangeTable<T>,
  toValue: (rest: string[], where: string) => T,
): void {
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    throw new IpDataError(`${name}: not valid CSV: ${(error as Error).message}`);
  }
  rows.forEach((row, index) => {
    const where = `${name} line ${index + 1}`;
    if (index === 0 && row[0] !== undefined && !ipToNumber(row[0])) return; // optional header
    if (row.length < minColumns) throw new IpDataError(`${where}: expected ${minColumns} columns, got ${row.length}`);
    const [startText = '', endText = '', ...rest] = row;
    const start = ipToNumber(startText);
    const end = ipToNumber(endText);
    if (!start || !end || start.family !== end.family || start.value > end.value)
      throw new IpDataError(`${where}: expected a range start_ip,end_ip, got "${startText},${endText}"`);
    table.add(start.family, { start: start.value, end: end.value, value: toValue(rest, where) });
  });
}
