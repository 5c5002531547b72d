import { readFileSync } from 'node:fs';
import { IpDataError, toIpInfo } from '../../domain/signals/csv-ip-intelligence';
import { addressToNumber } from '../../domain/signals/ip-address';
import type { IpInfo, IpIntelligence } from '../../domain/signals/ip-intelligence';

/**
 * The compact IP data file the signals function ships instead of the ip-location-db CSVs (56 MB, about 2 s
 * and 400 MB to parse at cold start). Written at synth by ip-data-compact-build.ts from the same CSVs, read
 * here with no parsing: typed-array views on the file's bytes, searched by binary search.
 *
 * Layout (little-endian, as on every Lambda architecture):
 *   "VFIP", format version (u32), header length (u32), header (UTF-8 JSON), then the sections, each at an
 *   offset that is a multiple of 8 from the start of the file (so the views need no copy).
 * The header names the sections (byte offset, element count), the country table and the source packages.
 *
 * Each range table is a list of points: from starts[i] up to the next start, the answer is values[i]
 * (0 = no data, the gaps between ranges). Ranges are flattened at build time the way the CSV lookup answers
 * (the row with the last start at or below the address, if the address is at or below its end), so
 * overlapping rows in the files give the same answer here as there. IPv6 keeps the full 128 bits (upper and
 * lower 64 in two BigUint64Arrays): a few thousand rows in the files split below /64.
 *   country4: starts u32, values u8 (index into countries, 1-based)
 *   country6: hi u64, lo u64, values u8
 *   asn4:     starts u32, values u32 (index into owners, 1-based)
 *   asn6:     hi u64, lo u64, values u32
 *   owners:   asn u32, orgEnd u32 (end offset of each org name in orgBytes), orgBytes (UTF-8)
 */
export const IP_DATA_FILE = 'ip-ranges.bin';
export const IP_DATA_MAGIC = 'VFIP';
export const IP_DATA_FORMAT = 1;

export const SECTIONS = {
  'country4.starts': Uint32Array,
  'country4.values': Uint8Array,
  'country6.hi': BigUint64Array,
  'country6.lo': BigUint64Array,
  'country6.values': Uint8Array,
  'asn4.starts': Uint32Array,
  'asn4.values': Uint32Array,
  'asn6.hi': BigUint64Array,
  'asn6.lo': BigUint64Array,
  'asn6.values': Uint32Array,
  'owners.asn': Uint32Array,
  'owners.orgEnd': Uint32Array,
  'owners.orgBytes': Uint8Array,
} as const;
export type SectionName = keyof typeof SECTIONS;
type Sections = { [K in SectionName]: InstanceType<(typeof SECTIONS)[K]> };

export interface IpDataHeader {
  /** Section -> [byte offset from the start of the file, element count]. */
  sections: Record<SectionName, [number, number]>;
  /** Country codes; a value v in a country table is countries[v - 1]. */
  countries: string[];
  /** The packages (name -> version) the file was built from. */
  sources: Record<string, string>;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Parses the header and makes the section views (no copy unless the bytes are not 8-aligned in memory). */
export function readIpDataFile(input: Uint8Array): { header: IpDataHeader; sections: Sections } {
  if (!littleEndian) throw new IpDataError('the compact IP data is little-endian; this machine is not');
  const bytes = input.byteOffset % 8 === 0 ? input : new Uint8Array(input);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || new TextDecoder().decode(bytes.subarray(0, 4)) !== IP_DATA_MAGIC) throw new IpDataError('not a compact IP data file');
  const format = view.getUint32(4, true);
  if (format !== IP_DATA_FORMAT) throw new IpDataError(`compact IP data format ${format}, this code reads ${IP_DATA_FORMAT}: rebuild it (synth)`);
  const headerLength = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as IpDataHeader;
  const sections = {} as Record<string, unknown>;
  for (const [name, Type] of Object.entries(SECTIONS) as [SectionName, (typeof SECTIONS)[SectionName]][]) {
    const [offset, count] = header.sections[name] ?? [];
    if (offset === undefined || count === undefined || offset % 8 !== 0 || offset + count * Type.BYTES_PER_ELEMENT > bytes.byteLength)
      throw new IpDataError(`compact IP data: section ${name} missing or out of bounds`);
    sections[name] = new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset + offset, count);
  }
  return { header, sections: sections as Sections };
}

/** IpIntelligence over a compact IP data file's bytes. */
export function compactIpIntelligence(bytes: Uint8Array): IpIntelligence & { header: IpDataHeader } {
  const { header, sections: s } = readIpDataFile(bytes);
  const countries = header.countries;
  const decoder = new TextDecoder();
  const owner = (v: number) => {
    if (v === 0) return undefined;
    const i = v - 1;
    const org = decoder.decode(s['owners.orgBytes'].subarray(i === 0 ? 0 : s['owners.orgEnd'][i - 1], s['owners.orgEnd'][i]));
    return { asn: s['owners.asn'][i]!, org };
  };
  return {
    header,
    lookup(ip: string): IpInfo {
      const n = addressToNumber(ip);
      if (!n) return { ip, isHosting: false, isVpn: false };
      let c: number;
      let o: number;
      if (n.family === 4) {
        const v = Number(n.value);
        c = at(s['country4.values'], last4(s['country4.starts'], v));
        o = at(s['asn4.values'], last4(s['asn4.starts'], v));
      } else {
        const hi = n.value >> 64n;
        const lo = n.value & 0xffff_ffff_ffff_ffffn;
        c = at(s['country6.values'], last6(s['country6.hi'], s['country6.lo'], hi, lo));
        o = at(s['asn6.values'], last6(s['asn6.hi'], s['asn6.lo'], hi, lo));
      }
      return toIpInfo(ip, c === 0 ? undefined : countries[c - 1], owner(o));
    },
  };
}

/** Reads a compact IP data file from disk (one read, about 16 MB; no parsing). */
export function loadCompactIpIntelligence(file: string): IpIntelligence & { header: IpDataHeader } {
  return compactIpIntelligence(readFileSync(file));
}

const at = (values: Uint8Array | Uint32Array, i: number) => (i < 0 ? 0 : values[i]!);

/** The last index whose start is <= n, or -1. */
function last4(starts: Uint32Array, n: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= n) lo = mid + 1;
    else hi = mid - 1;
  }
  return hi;
}

/** The same over 128-bit starts held as upper and lower halves. */
function last6(his: BigUint64Array, los: BigUint64Array, h: bigint, l: bigint): number {
  let lo = 0;
  let hi = his.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const mh = his[mid]!;
    if (mh < h || (mh === h && los[mid]! <= l)) lo = mid + 1;
    else hi = mid - 1;
  }
  return hi;
}
