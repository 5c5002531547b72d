import { IpDataError, readAsnRows, readCountryRows, type RangeSink } from '../../shared/domain/signals/csv-ip-intelligence';
import { IP_DATA_FORMAT, IP_DATA_MAGIC, SECTIONS, type IpDataHeader, type SectionName } from '../../shared/adapters/ip-data/ip-data-compact';

/**
 * Builds the compact IP data file (format in ip-data-compact.ts) from ip-location-db CSV texts, with the
 * CSV lookup's own parser and validation. Runs at synth (infra/ip-data-files.ts), never in the Lambda.
 */
export function buildCompactIpData(sources: { country?: readonly string[]; asn?: readonly string[]; versions?: Record<string, string> }): Uint8Array {
  const country = new Rows<string>();
  const asn = new Rows<{ asn: number; org: string }>();
  readCountryRows(sources.country ?? [], country);
  readAsnRows(sources.asn ?? [], asn);

  const countries: string[] = [];
  const countryIndex = new Map<string, number>();
  const countryValue = (code: string) => {
    let v = countryIndex.get(code);
    if (v === undefined) {
      countries.push(code);
      countryIndex.set(code, (v = countries.length));
    }
    return v;
  };
  const ownerAsns: number[] = [];
  const ownerOrgs: string[] = [];
  const ownerIndex = new Map<string, number>();
  const ownerValue = (o: { asn: number; org: string }) => {
    const key = `${o.asn}\u0000${o.org}`;
    let v = ownerIndex.get(key);
    if (v === undefined) {
      ownerAsns.push(o.asn);
      ownerOrgs.push(o.org);
      ownerIndex.set(key, (v = ownerAsns.length));
    }
    return v;
  };

  const c4 = flatten(country.v4, 0xffff_ffffn, countryValue);
  const c6 = flatten(country.v6, (1n << 128n) - 1n, countryValue);
  const a4 = flatten(asn.v4, 0xffff_ffffn, ownerValue);
  const a6 = flatten(asn.v6, (1n << 128n) - 1n, ownerValue);
  if (countries.length > 255) throw new IpDataError(`${countries.length} country codes: more than the format's u8 holds`);
  if (ownerAsns.some((n) => n > 0xffff_ffff)) throw new IpDataError('an AS number above 32 bits');

  const encoder = new TextEncoder();
  const orgs = ownerOrgs.map((o) => encoder.encode(o));
  const orgBytes = new Uint8Array(orgs.reduce((n, b) => n + b.length, 0));
  const orgEnd = new Uint32Array(orgs.length);
  let at = 0;
  for (const [i, b] of orgs.entries()) {
    orgBytes.set(b, at);
    orgEnd[i] = at += b.length;
  }
  const half = (starts: bigint[], shift: bigint) => BigUint64Array.from(starts, (s) => (shift ? s >> 64n : s & 0xffff_ffff_ffff_ffffn));
  const data: Record<SectionName, ArrayBufferView> = {
    'country4.starts': Uint32Array.from(c4.starts, Number),
    'country4.values': Uint8Array.from(c4.values),
    'country6.hi': half(c6.starts, 64n),
    'country6.lo': half(c6.starts, 0n),
    'country6.values': Uint8Array.from(c6.values),
    'asn4.starts': Uint32Array.from(a4.starts, Number),
    'asn4.values': Uint32Array.from(a4.values),
    'asn6.hi': half(a6.starts, 64n),
    'asn6.lo': half(a6.starts, 0n),
    'asn6.values': Uint32Array.from(a6.values),
    'owners.asn': Uint32Array.from(ownerAsns),
    'owners.orgEnd': orgEnd,
    'owners.orgBytes': orgBytes,
  };

  // The header's offsets depend on its own length: lay out with a fixed-width guess, then recompute once the
  // JSON is known (offsets grow the JSON by at most a few bytes per section; two passes settle).
  const align = (n: number) => Math.ceil(n / 8) * 8;
  let headerLength = 0;
  let header: IpDataHeader;
  let json: Uint8Array;
  for (;;) {
    let offset = align(12 + headerLength);
    const sections = {} as IpDataHeader['sections'];
    for (const name of Object.keys(SECTIONS) as SectionName[]) {
      const view = data[name];
      sections[name] = [offset, view.byteLength / (view as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT];
      offset = align(offset + view.byteLength);
    }
    header = { sections, countries, sources: sources.versions ?? {} };
    json = encoder.encode(JSON.stringify(header));
    if (json.length === headerLength) break;
    headerLength = json.length;
  }
  const last = header.sections['owners.orgBytes'];
  const out = new Uint8Array(align(last[0] + last[1]));
  out.set(encoder.encode(IP_DATA_MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, IP_DATA_FORMAT, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  for (const name of Object.keys(SECTIONS) as SectionName[]) {
    const v = data[name];
    out.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), header.sections[name][0]);
  }
  return out;
}

/** Rows in file order, IPv4 and IPv6 apart, all as BigInt (build time only). */
class Rows<T> implements RangeSink<T> {
  readonly v4: { start: bigint; end: bigint; value: T }[] = [];
  readonly v6: { start: bigint; end: bigint; value: T }[] = [];
  add4(start: number, end: number, value: T): void {
    this.v4.push({ start: BigInt(start), end: BigInt(end), value });
  }
  add6(start: bigint, end: bigint, value: T): void {
    this.v6.push({ start, end, value });
  }
}

/**
 * Ranges -> points (start, value; 0 = no data), answering as the CSV lookup does: rows sorted by start (stable,
 * so of rows with the same start the later one in the files wins), the row with the last start at or below an
 * address answers if the address is at or below its end. So row i covers [start_i, min(end_i, start_i+1 - 1)];
 * beyond that up to the next start is a gap. Neighbouring points with the same value merge.
 */
function flatten<T>(rows: { start: bigint; end: bigint; value: T }[], max: bigint, toValue: (v: T) => number): { starts: bigint[]; values: number[] } {
  const sorted = [...rows].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const starts: bigint[] = [];
  const values: number[] = [];
  let current = 0;
  // Starts only grow: a gap point (end + 1) lies before the next row's start.
  const point = (start: bigint, value: number) => {
    if (value === current) return;
    starts.push(start);
    values.push(value);
    current = value;
  };
  for (let i = 0; i < sorted.length; i++) {
    const row = sorted[i]!;
    const next = sorted[i + 1]?.start;
    if (next === row.start) continue; // a later row with the same start answers for all of it
    const limit = next === undefined ? max : next - 1n;
    const end = row.end < limit ? row.end : limit;
    point(row.start, toValue(row.value));
    if (end < limit) point(end + 1n, 0);
  }
  // No point for "no data" before the first start: a lookup there finds index -1, which means the same.
  return { starts, values };
}
