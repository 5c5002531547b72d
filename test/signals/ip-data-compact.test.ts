import * as fs from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compactIpDataFile } from '../../infra/ip-data-files';
import { createCsvIpIntelligence, IpDataError } from '../../shared/domain/signals/csv-ip-intelligence';
import { ipToNumber } from '../../shared/domain/signals/ip-address';
import { compactIpIntelligence, IP_DATA_FORMAT, loadCompactIpIntelligence } from '../../shared/adapters/ip-data/ip-data-compact';
import { buildCompactIpData } from '../../infra/tools/ip-data-compact-build';
import type { IpIntelligence } from '../../shared/domain/signals/ip-intelligence';

const projectRoot = join(import.meta.dirname, '..', '..');
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'ip');
const read = (...p: string[]) => fs.readFileSync(join(...p), 'utf8');

const v4 = (n: bigint) => [24n, 16n, 8n, 0n].map((s) => (n >> s) & 0xffn).join('.');
const v6 = (n: bigint) => [...Array(8).keys()].map((i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':');
const MAX4 = 0xffff_ffffn;
const MAX6 = (1n << 128n) - 1n;
const clamp = (n: bigint, max: bigint) => (n < 0n ? 0n : n > max ? max : n);

/** Every range boundary in the CSV texts, with its neighbours: where a flattening mistake would show. */
function boundaryAddresses(texts: string[]): string[] {
  const out: string[] = [];
  for (const text of texts)
    for (const line of text.split('\n')) {
      const [a, b] = line.split(',');
      for (const ip of [a, b]) {
        const n = ip ? ipToNumber(ip) : undefined;
        if (!n) continue;
        const [fmt, max] = n.family === 4 ? [v4, MAX4] : [v6, MAX6];
        for (const d of [-1n, 0n, 1n]) out.push(fmt(clamp(n.value + d, max)));
      }
    }
  return out;
}

describe('compact IP data (format and builder)', () => {
  const country = [read(fixtures, 'country-ipv4.csv'), read(fixtures, 'country-ipv6.csv')];
  const asn = [read(fixtures, 'asn-ipv4.csv'), read(fixtures, 'asn-ipv6.csv')];

  it('answers as the CSV lookup at every boundary of the fixture files', () => {
    const csv = createCsvIpIntelligence({ country, asn });
    const compact = compactIpIntelligence(buildCompactIpData({ country, asn }));
    for (const ip of [...boundaryAddresses([...country, ...asn]), '0.0.0.0', '255.255.255.255', '::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '::ffff:175.45.176.5', 'nope'])
      expect(compact.lookup(ip), ip).toEqual(csv.lookup(ip));
  });

  it('resolves overlapping and same-start rows as the CSV lookup does (last start at or below wins, up to its end)', () => {
    const texts = [
      '10.0.0.0,10.0.0.255,DE\n10.0.0.16,10.0.0.31,FR\n10.0.0.32,10.0.0.255,DE\n10.0.1.0,10.0.1.255,PL\n10.0.1.0,10.0.1.127,CZ\n2001:db8::,2001:db8::ff,US\n2001:db8::10,2001:db8::10,CA\n',
    ];
    const csv = createCsvIpIntelligence({ country: texts });
    const compact = compactIpIntelligence(buildCompactIpData({ country: texts }));
    for (const ip of boundaryAddresses(texts)) expect(compact.lookup(ip), ip).toEqual(csv.lookup(ip));
    expect(compact.lookup('10.0.0.20').country).toBe('FR');
    expect(compact.lookup('10.0.1.200').country).toBeUndefined(); // as the CSV lookup: CZ (same start, later) ends at .127
    expect(compact.lookup('2001:db8::10').country).toBe('CA'); // a single address, far below /64
    expect(compact.lookup('2001:db8::11').country).toBeUndefined();
  });

  it("fails at build on a bad row, with the CSV parser's message", () => {
    expect(() => buildCompactIpData({ country: ['10.0.0.0,10.0.0.255,Germany\n'] })).toThrow(/country file 1 line 1: expected a 2-letter country/);
  });

  it('refuses bytes that are not a compact file of this format', () => {
    const bytes = buildCompactIpData({ country });
    expect(() => compactIpIntelligence(new Uint8Array(bytes.length))).toThrow(IpDataError);
    const other = bytes.slice();
    new DataView(other.buffer).setUint32(4, IP_DATA_FORMAT + 1, true);
    expect(() => compactIpIntelligence(other)).toThrow(/rebuild/);
    expect(() => compactIpIntelligence(bytes.slice(0, bytes.length - 64))).toThrow(/out of bounds/);
  });

  it('reads bytes that are not 8-aligned in memory (copies them)', () => {
    const bytes = buildCompactIpData({ country, asn });
    const shifted = new Uint8Array(bytes.length + 4);
    shifted.set(bytes, 4);
    expect(compactIpIntelligence(shifted.subarray(4)).lookup('175.45.176.1')).toMatchObject({ country: 'KP', asn: 131279 });
  });
});

/**
 * The real ip-location-db files: the compact file the synth ships must give the same country and network
 * as the CSV lookup it replaces, on random addresses (uniform, and near the files' own range boundaries,
 * where IPv6 ranges split below /64).
 */
describe('compact IP data built from the ip-location-db packages', () => {
  const pkg = join(projectRoot, 'node_modules', '@ip-location-db');
  let reference: IpIntelligence;
  let compact: IpIntelligence;
  const bounds: { 4: bigint[]; 6: bigint[] } = { 4: [], 6: [] };

  beforeAll(() => {
    const country = [read(pkg, 'geo-whois-asn-country', 'geo-whois-asn-country-ipv4.csv'), read(pkg, 'geo-whois-asn-country', 'geo-whois-asn-country-ipv6.csv')];
    const asn = [read(pkg, 'asn', 'asn-ipv4.csv'), read(pkg, 'asn', 'asn-ipv6.csv')];
    reference = createCsvIpIntelligence({ country, asn });
    compact = loadCompactIpIntelligence(join(projectRoot, compactIpDataFile()));
    // Every 37th row's start and end: thousands of boundaries of each family without parsing every row.
    for (const text of [...country, ...asn]) {
      const lines = text.split('\n');
      for (let i = 0; i < lines.length; i += 37) {
        const [a, b] = lines[i]!.split(',');
        for (const n of [a && ipToNumber(a), b && ipToNumber(b)]) if (n) bounds[n.family].push(n.value);
      }
    }
  });

  const near = (family: 4 | 6, spread: bigint) =>
    fc.tuple(fc.nat(), fc.bigInt({ min: -spread, max: spread })).map(([i, d]) => {
      const list = bounds[family];
      return clamp(list[i % list.length]! + d, family === 4 ? MAX4 : MAX6);
    });

  it('IPv4: same country and ASN as the CSV lookup', () => {
    const address = fc.oneof(fc.bigInt({ min: 0n, max: MAX4 }), near(4, 2n), near(4, 4096n)).map(v4);
    fc.assert(
      fc.property(address, (ip) => {
        expect(compact.lookup(ip), ip).toEqual(reference.lookup(ip));
      }),
      { numRuns: 4000 },
    );
  });

  it('IPv6: same country and ASN as the CSV lookup (uniform in 2000::/3, near boundaries by a few addresses and by up to 2^70)', () => {
    const address = fc.oneof(fc.bigInt({ min: 0x2000n << 112n, max: (0x4000n << 112n) - 1n }), near(6, 2n), near(6, 1n << 70n)).map(v6);
    fc.assert(
      fc.property(address, (ip) => {
        expect(compact.lookup(ip), ip).toEqual(reference.lookup(ip));
      }),
      { numRuns: 4000 },
    );
  });

  it("places North Korea's 175.45.176.0/22 in KP and AS 131279, and IPv6 space the data gives KP in KP", () => {
    for (const ip of ['175.45.176.0', '175.45.179.255']) expect(compact.lookup(ip), ip).toMatchObject({ country: 'KP', asn: 131279 });
    expect(compact.lookup('175.45.180.0').country).not.toBe('KP');
    // AS 131279 announces no IPv6; these rows of geo-whois-asn-country-ipv6.csv say KP.
    for (const ip of ['2401:b60:12d0::1', '2401:b60:12df:ffff:ffff:ffff:ffff:ffff']) expect(compact.lookup(ip).country, ip).toBe('KP');
  });
});
