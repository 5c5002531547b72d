import { addressToNumber, ipToNumber, type IpNumber } from './ip-address';
import type { IpInfo, IpIntelligence } from './ip-intelligence';
import { HOSTING_ASNS, HOSTING_ORG_PATTERN, VPN_ASNS, VPN_ORG_PATTERN } from './network-lists';

/**
 * IpIntelligence over CSV range files in the ip-location-db format:
 *   country files: start_ip,end_ip,country      (e.g. geo-whois-asn-country-ipv4.csv)
 *   ASN files:     start_ip,end_ip,asn,org      (e.g. asn-ipv4.csv; org may be quoted)
 * IPv4 and IPv6 rows may be mixed. Ranges are sorted once and searched by binary search, so a lookup
 * is O(log n) over a few hundred thousand rows.
 */

/**
 * IPv4 ranges live in typed arrays (a real country file has a few hundred thousand rows: objects and
 * BigInts per row cost seconds and hundreds of MB at cold start); IPv6 keeps BigInt, its files are smaller.
 */
/** Where parsed rows go: the CSV lookup's RangeTable, or the compact-file builder (ip-data-compact-build.ts). */
export interface RangeSink<T> {
  add4(start: number, end: number, value: T): void;
  add6(start: bigint, end: bigint, value: T): void;
}

class RangeTable<T> implements RangeSink<T> {
  private pending4: { start: number; end: number; value: T }[] = [];
  private pending6: { start: bigint; end: bigint; value: T }[] = [];
  private starts4 = new Uint32Array(0);
  private ends4 = new Uint32Array(0);
  private values4: T[] = [];
  private list6: { start: bigint; end: bigint; value: T }[] = [];

  add4(start: number, end: number, value: T): void {
    this.pending4.push({ start, end, value });
  }

  add6(start: bigint, end: bigint, value: T): void {
    this.pending6.push({ start, end, value });
  }

  seal(): void {
    const v4 = this.pending4.sort((a, b) => a.start - b.start);
    this.starts4 = Uint32Array.from(v4, (r) => r.start);
    this.ends4 = Uint32Array.from(v4, (r) => r.end);
    this.values4 = v4.map((r) => r.value);
    this.list6 = this.pending6.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    this.pending4 = [];
    this.pending6 = [];
  }

  find(ip: IpNumber): T | undefined {
    if (ip.family === 4) {
      const n = Number(ip.value);
      const i = lastAtOrBelow(this.starts4.length, (k) => this.starts4[k]! <= n);
      return i >= 0 && n <= this.ends4[i]! ? this.values4[i] : undefined;
    }
    const i = lastAtOrBelow(this.list6.length, (k) => this.list6[k]!.start <= ip.value);
    const range = i >= 0 ? this.list6[i] : undefined;
    return range && ip.value <= range.end ? range.value : undefined;
  }
}

/** Binary search: the last index whose start is <= the address (ranges in these files do not overlap). */
function lastAtOrBelow(length: number, startAtOrBelow: (i: number) => boolean): number {
  let lo = 0;
  let hi = length - 1;
  let hit = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (startAtOrBelow(mid)) {
      hit = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return hit;
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

/** Country of a country-file row (after start_ip,end_ip), validated. */
export function parseCountry([country]: string[], where: string): string {
  const code = (country ?? '').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) throw new IpDataError(`${where}: expected a 2-letter country, got "${country}"`);
  return code;
}

/** Network owner of an ASN-file row (after start_ip,end_ip), validated. */
export function parseOwner([asn, org]: string[], where: string): { asn: number; org: string } {
  const n = Number(asn);
  if (!Number.isInteger(n) || n < 0) throw new IpDataError(`${where}: expected an AS number, got "${asn}"`);
  return { asn: n, org: (org ?? '').trim() };
}

/** Parses the rows of country files into `sink` (file names in errors: "country file 1 line 3"). */
export function readCountryRows(texts: readonly string[], sink: RangeSink<string>): void {
  for (const [i, text] of texts.entries()) loadRows(text, `country file ${i + 1}`, 3, sink, parseCountry);
}

/** Parses the rows of ASN files into `sink`. */
export function readAsnRows(texts: readonly string[], sink: RangeSink<{ asn: number; org: string }>): void {
  for (const [i, text] of texts.entries()) loadRows(text, `ASN file ${i + 1}`, 3, sink, parseOwner);
}

/** The IpInfo the rules see for a found country and owner: hosting and VPN from the curated lists. */
export function toIpInfo(
  ip: string,
  country: string | undefined,
  owner: { asn: number; org: string } | undefined,
  hosting: ReadonlySet<number> = HOSTING_ASNS,
  vpn: ReadonlySet<number> = VPN_ASNS,
): IpInfo {
  const isVpn = owner !== undefined && (vpn.has(owner.asn) || VPN_ORG_PATTERN.test(owner.org));
  const isHosting = owner !== undefined && (isVpn || hosting.has(owner.asn) || HOSTING_ORG_PATTERN.test(owner.org));
  return {
    ip,
    ...(country && { country }),
    ...(owner && { asn: owner.asn, org: owner.org }),
    isHosting,
    isVpn,
  };
}

export function createCsvIpIntelligence(sources: CsvIpSources): IpIntelligence {
  const countries = new RangeTable<string>();
  const asns = new RangeTable<{ asn: number; org: string }>();
  readCountryRows(sources.country ?? [], countries);
  readAsnRows(sources.asn ?? [], asns);
  countries.seal();
  asns.seal();
  const hosting = sources.hostingAsns ?? HOSTING_ASNS;
  const vpn = sources.vpnAsns ?? VPN_ASNS;

  return {
    lookup(ip: string): IpInfo {
      const n = addressToNumber(ip);
      if (!n) return { ip, isHosting: false, isVpn: false };
      return toIpInfo(ip, countries.find(n), asns.find(n), hosting, vpn);
    },
  };
}

function loadRows<T>(text: string, name: string, minColumns: number, table: RangeSink<T>, toValue: (rest: string[], where: string) => T): void {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '') continue;
    const where = `${name} line ${index + 1}`;
    const row = line.includes('"') ? splitQuoted(line, where) : line.split(',');
    if (index === 0 && !ipToNumber(row[0]!)) continue; // optional header
    if (row.length < minColumns) throw new IpDataError(`${where}: expected ${minColumns} columns, got ${row.length}`);
    const [startText = '', endText = '', ...rest] = row;
    const bad = () => new IpDataError(`${where}: expected a range start_ip,end_ip, got "${startText},${endText}"`);
    const start4 = dottedQuad(startText);
    if (start4 !== undefined) {
      const end4 = dottedQuad(endText);
      if (end4 === undefined || start4 > end4) throw bad();
      table.add4(start4, end4, toValue(rest, where));
      continue;
    }
    const start = ipToNumber(startText);
    const end = ipToNumber(endText);
    if (!start || !end || start.family !== end.family || start.value > end.value) throw bad();
    if (start.family === 4) table.add4(Number(start.value), Number(end.value), toValue(rest, where));
    else table.add6(start.value, end.value, toValue(rest, where));
  }
}

/** Fast path for the common row: a plain dotted quad, as a number (no BigInt, no regex). */
function dottedQuad(text: string): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return undefined;
    } else if (c === 46 && digits > 0 && dots < 3) {
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else return undefined;
  }
  return dots === 3 && digits > 0 ? value * 256 + part : undefined;
}

/**
 * RFC 4180 fields for the rare line with quotes (org names such as "Amazon.com, Inc."). A hand-written
 * split because a general CSV parser costs seconds on files of this size at cold start.
 */
function splitQuoted(line: string, where: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new IpDataError(`${where}: not valid CSV: unterminated quoted field`);
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      if (i < line.length && line[i] !== ',') throw new IpDataError(`${where}: not valid CSV: text after a closing quote`);
      fields.push(value);
      i++;
    } else {
      const comma = line.indexOf(',', i);
      const stop = comma < 0 ? line.length : comma;
      fields.push(line.slice(i, stop).trim());
      i = stop + 1;
    }
  }
  return fields;
}
