import { describe, expect, it } from 'vitest';
import { ipFingerprints, signalFingerprints } from '../../shared/domain/cases/fingerprints';
import { ipv6Network } from '../../shared/domain/signals/ip-address';

/**
 * Adversarial pass: a laptop farm on an IPv6 connection. Every device on one home network has its own address in
 * the subscriber's /64 (SLAAC privacy addresses change every day), so two applicants driven from one farm never
 * logged in from "the same IP address": SIG_SHARED_IP keyed the whole address. An IPv6 address is now keyed by
 * its /64 network too, the unit an ISP gives one subscriber (RFC 6177, 3GPP: one /64 per mobile device).
 */
const key = Buffer.alloc(32, 3);
const hmacs = (ip: string) => new Set(ipFingerprints(key, ip).map((p) => p.hmac));
const meet = (a: string, b: string) => [...hmacs(a)].some((h) => hmacs(b).has(h));

describe('an IPv6 address counts by its /64 network too', () => {
  it('the /64 of an address, however it is written; none for IPv4 or an IPv6 address that carries IPv4', () => {
    expect(ipv6Network('2a00:1450:4001:82b::200e')).toBe('2a00:1450:4001:82b::/64');
    expect(ipv6Network('2A00:1450:4001:082B:1C4F:9A2E:77D1:3B05')).toBe('2a00:1450:4001:82b::/64');
    expect(ipv6Network('2001:db8::7')).toBe('2001:db8::/64');
    expect(ipv6Network('81.2.69.161')).toBeUndefined();
    expect(ipv6Network('::ffff:81.2.69.161')).toBeUndefined();
    expect(ipv6Network('2002:af2d:b00a::1')).toBeUndefined();
    expect(ipv6Network('not an address')).toBeUndefined();
  });

  it('two devices of one home network (two interface ids in one /64) meet; the next /64 does not', () => {
    expect(meet('2a00:1450:4001:82b::200e', '2a00:1450:4001:82b:1c4f:9a2e:77d1:3b05')).toBe(true);
    expect(meet('2a00:1450:4001:82b::200e', '2a00:1450:4001:82c::200e')).toBe(false);
    expect(meet('81.2.69.161', '81.2.69.162')).toBe(false);
  });

  it('the address itself keeps its prints (as written and canonical): cases keyed before still meet', () => {
    const prints = ipFingerprints(key, '2A00:1450:4001:082B:0:0:0:200E');
    expect(prints).toHaveLength(3);
    expect(meet('2A00:1450:4001:082B:0:0:0:200E', '2a00:1450:4001:82b::200e')).toBe(true);
    expect(ipFingerprints(key, '81.2.69.161')).toHaveLength(1);
  });

  it('the reprint keys the signals the same way', () => {
    const login = { type: 'login' as const, time: '2026-11-25T11:00:00Z', ip: '2a00:1450:4001:82b:1c4f:9a2e:77d1:3b05', accountId: 'a' };
    const reprinted = new Set(signalFingerprints(key, [login], 'PL').map((p) => p.hmac));
    expect([...hmacs('2a00:1450:4001:82b::200e')].some((h) => reprinted.has(h))).toBe(true);
  });
});
