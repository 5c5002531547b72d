import { describe, expect, it } from 'vitest';
import { createCsvIpIntelligence, IpDataError } from '../../shared/domain/signals/csv-ip-intelligence';
import { addressToNumber, canonicalIp, ipToNumber } from '../../shared/domain/signals/ip-address';
import { dirname, join } from 'node:path';
import { compactIpDataFile } from '../../infra/ip-data-files';
import { loadIpIntelligence } from '../../shared/adapters/ip-data/ip-data';
import { isDprkNetwork } from '../../shared/domain/signals/ip-intelligence';
import { fixtureIpIntel as intel } from './ip-fixture';

describe('ipToNumber', () => {
  it('parses IPv4, IPv6 (compressed, full, embedded IPv4) and maps ::ffff:a.b.c.d to IPv4', () => {
    expect(ipToNumber('1.2.3.4')).toEqual({ family: 4, value: 0x01020304n });
    expect(ipToNumber('::1')).toEqual({ family: 6, value: 1n });
    expect(ipToNumber('2001:db8::1')?.value).toBe(ipToNumber('2001:0db8:0000:0000:0000:0000:0000:0001')?.value);
    expect(ipToNumber('::ffff:83.1.2.3')).toEqual(ipToNumber('83.1.2.3'));
    expect(ipToNumber('64:ff9b::1.2.3.4')?.value).toBe((0x64ff9bn << 96n) | 0x01020304n);
    // A client's address: whatever way IPv6 carries an IPv4 one, that IPv4 one (the data's ranges stay as written).
    for (const ip of ['::ffff:102:304', '64:ff9b::1.2.3.4', '64:ff9b::102:304', '2002:102:304::1']) expect(addressToNumber(ip), ip).toEqual({ family: 4, value: 0x01020304n });
    expect(ipToNumber('2002::')).toEqual({ family: 6, value: 0x2002n << 112n });
    expect(ipToNumber('300.1.1.1')).toBeUndefined();
    expect(ipToNumber('not an ip')).toBeUndefined();
  });
});

describe('canonicalIp: one spelling per address for the fingerprint index (tenth session: other spellings met no one)', () => {
  it.each([
    ['81.2.69.161', '81.2.69.161'],
    ['::ffff:81.2.69.161', '81.2.69.161'],
    ['::FFFF:5102:45A1', '81.2.69.161'],
    ['2A00:1450:4001:082B:0:0:0:200E', '2a00:1450:4001:82b::200e'],
    ['2a00:1450:4001:82b::200e', '2a00:1450:4001:82b::200e'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // the first of two equal runs of zeros
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // one zero group is not shortened
    ['::1', '::1'],
    ['not an ip', 'not an ip'],
  ])('%s is %s', (ip, canonical) => {
    expect(canonicalIp(ip)).toBe(canonical);
  });
});

describe('CSV IpIntelligence (ip-location-db format)', () => {
  it('finds country and ASN for an address inside a range, at both ends, and nothing just outside', () => {
    expect(intel.lookup('83.10.20.30')).toEqual({ ip: '83.10.20.30', country: 'PL', asn: 5617, org: 'Orange Polska Spolka Akcyjna', isHosting: false, isVpn: false });
    expect(intel.lookup('83.0.0.0').country).toBe('PL');
    expect(intel.lookup('83.31.255.255').country).toBe('PL');
    expect(intel.lookup('83.32.0.0')).toEqual({ ip: '83.32.0.0', isHosting: false, isVpn: false });
    expect(intel.lookup('2.255.255.255').country).toBeUndefined();
    expect(intel.lookup('0.0.0.0').country).toBeUndefined();
    expect(intel.lookup('255.255.255.255').country).toBeUndefined();
  });
  it('reads quoted org names with commas', () => {
    expect(intel.lookup('24.1.2.3').org).toBe('Comcast Cable Communications, LLC');
  });
  it('marks hosting by curated ASN and by org name, VPN by curated ASN and by org name', () => {
    expect(intel.lookup('3.5.6.7')).toMatchObject({ asn: 16509, isHosting: true, isVpn: false });
    expect(intel.lookup('185.220.101.1')).toMatchObject({ org: 'Example Hosting GmbH', isHosting: true, isVpn: false });
    expect(intel.lookup('146.70.1.1')).toMatchObject({ asn: 9009, isHosting: true, isVpn: true });
    expect(intel.lookup('193.27.13.1')).toMatchObject({ org: 'Acme Secure VPN Ltd', isVpn: true });
    expect(intel.lookup('24.1.2.3')).toMatchObject({ isHosting: false, isVpn: false });
  });
  it('looks up IPv6 and IPv4-mapped IPv6', () => {
    expect(intel.lookup('2a00:1450:4001:82a::200e')).toMatchObject({ country: 'IE', asn: 15169 });
    expect(intel.lookup('::ffff:175.45.176.5').country).toBe('KP');
    // The same address in the other ways IPv6 carries IPv4 (each passed for an unplaced IPv6 address before).
    for (const ip of ['::ffff:af2d:b005', '0:0:0:0:0:ffff:af2d:b005', '64:ff9b::af2d:b005', '64:ff9b::175.45.176.5', '2002:af2d:b005::1']) expect(isDprkNetwork(intel.lookup(ip)), ip).toBe(true);
    expect(intel.lookup('2a01::1').country).toBeUndefined();
  });
  it('recognises DPRK address space by country or by ASN', () => {
    expect(isDprkNetwork(intel.lookup('175.45.178.1'))).toBe(true);
    expect(isDprkNetwork({ ip: 'x', asn: 131279, isHosting: false, isVpn: false })).toBe(true);
    expect(isDprkNetwork(intel.lookup('83.1.1.1'))).toBe(false);
  });
  it('accepts unsorted rows and a header line', () => {
    const i = createCsvIpIntelligence({ country: ['start_ip,end_ip,country\n10.0.2.0,10.0.2.255,DE\n10.0.1.0,10.0.1.255,FR\n'] });
    expect(i.lookup('10.0.1.9').country).toBe('FR');
    expect(i.lookup('10.0.2.9').country).toBe('DE');
  });
  it('reads doubled quotes inside a quoted org name, and blank lines', () => {
    const i = createCsvIpIntelligence({ asn: ['\n10.0.0.0,10.0.0.255,64500,"The ""Best"" Hosting, Ltd"\n\n'] });
    expect(i.lookup('10.0.0.7')).toMatchObject({ asn: 64500, org: 'The "Best" Hosting, Ltd', isHosting: true });
  });
  it('returns an empty answer for something that is not an IP', () => {
    expect(intel.lookup('nope')).toEqual({ ip: 'nope', isHosting: false, isVpn: false });
  });
  it.each([
    ['10.0.0.0,10.0.0.255\n', /country file 1 line 1: expected 3 columns/],
    ['10.0.0.9,10.0.0.1,DE\n', /line 1: expected a range/],
    ['10.0.0.0,10.0.0.255,DE\n10.0.1.0,::1,FR\n', /line 2: expected a range/],
    ['10.0.0.0,10.0.0.255,Germany\n', /expected a 2-letter country/],
    ['10.0.0.0,10.0.0.255,"DE\n', /not valid CSV/],
    ['10.0.0.0,10.0.0.255,"DE"x\n', /not valid CSV/],
    ['10.0.0.0,10.0.0.256,DE\n', /expected a range/],
  ])('fails at load on a bad row, naming the line: %j', (csv, message) => {
    expect(() => createCsvIpIntelligence({ country: [csv] })).toThrow(IpDataError);
    expect(() => createCsvIpIntelligence({ country: [csv] })).toThrow(message);
  });
  it('fails at load on a bad AS number', () => {
    expect(() => createCsvIpIntelligence({ asn: ['10.0.0.0,10.0.0.255,AS12,Org\n'] })).toThrow(/ASN file 1 line 1: expected an AS number/);
  });
});

/** The real data, as the signals bundle ships it: the compact file the synth builds from node_modules/@ip-location-db. */
describe('ip-location-db data as shipped', () => {
  it("places North Korea's address space (175.45.176.0/22) in KP and AS 131279, at both ends of the range", () => {
    const real = loadIpIntelligence(dirname(join(import.meta.dirname, '..', '..', compactIpDataFile())));
    for (const ip of ['175.45.176.0', '175.45.177.10', '175.45.179.255']) {
      expect(real.lookup(ip), ip).toMatchObject({ country: 'KP', asn: 131279 });
      expect(isDprkNetwork(real.lookup(ip)), ip).toBe(true);
    }
    expect(isDprkNetwork(real.lookup('175.45.180.1'))).toBe(false);
    expect(real.lookup('8.8.8.8')).toMatchObject({ country: 'US', asn: 15169, isHosting: true });
  });
});
