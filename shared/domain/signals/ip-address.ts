import { isIPv4, isIPv6 } from 'node:net';

/** An IP address as a number in its family, for range search. IPv4-mapped IPv6 written a.b.c.d counts as IPv4. */
export interface IpNumber {
  family: 4 | 6;
  value: bigint;
}

/** The address as written (the ranges of the IP data are read with this: 2002::/16 is an IPv6 range). */
export function ipToNumber(ip: string): IpNumber | undefined {
  const text = ip.trim();
  if (isIPv4(text)) return { family: 4, value: v4(text) };
  if (!isIPv6(text)) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  if (mapped && isIPv4(mapped[1]!)) return { family: 4, value: v4(mapped[1]!) };
  return { family: 6, value: v6(text) };
}

/** 64:ff9b::/96, its top 96 bits. */
const NAT64_PREFIX = 0x64ff9b0000000000000000n;

/**
 * A client's address as the number to look up: an IPv6 address that carries an IPv4 one is that IPv4 address,
 * however it is written: IPv4-mapped (::ffff:af2d:b00a as well as ::ffff:175.45.176.10), NAT64's well-known
 * prefix (64:ff9b::/96) and 6to4 (2002:af2d:b00a::/48). Written in hex, a DPRK address passed for an unplaced
 * IPv6 one (second adversarial pass).
 */
export function addressToNumber(ip: string): IpNumber | undefined {
  const n = ipToNumber(ip);
  if (n?.family !== 6) return n;
  if (n.value >> 32n === 0xffffn || n.value >> 32n === NAT64_PREFIX) return { family: 4, value: n.value & 0xffffffffn };
  if (n.value >> 112n === 0x2002n) return { family: 4, value: (n.value >> 80n) & 0xffffffffn };
  return n;
}

/**
 * One spelling per address, for fingerprints: IPv4 dotted, IPv6 as RFC 5952 writes it (lower case, no leading
 * zeros, the longest run of zero groups as ::), and an IPv6 address that carries an IPv4 one as that IPv4
 * (addressToNumber). `::ffff:81.2.69.161` and `81.2.69.161`, or `2A00:1450:4001:082B:0:0:0:200E` and
 * `2a00:1450:4001:82b::200e`, met no one on the index (tenth session's pass). Not an address: as written.
 */
export function canonicalIp(ip: string): string {
  const n = addressToNumber(ip);
  if (!n) return ip.trim().toLowerCase();
  if (n.family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((n.value >> shift) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((n.value >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.len < 2) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}

/**
 * The /64 network of an IPv6 address (`2a00:1450:4001:82b::/64`), the unit an ISP gives one subscriber's home
 * network (RFC 6177) and a mobile network one device (3GPP): every device behind one router has its own address
 * in it, and privacy addresses (RFC 8981) change daily. Undefined for IPv4, an IPv6 address that carries IPv4
 * (addressToNumber) and what is not an address. A laptop farm on IPv6 gave each applicant's logins another
 * address of one /64, and SIG_SHARED_IP, keyed by the whole address, never met (adversarial pass).
 */
export function ipv6Network(ip: string): string | undefined {
  const n = addressToNumber(ip);
  if (n?.family !== 6) return undefined;
  const network = canonicalIp(Array.from({ length: 8 }, (_, i) => (i < 4 ? ((n.value >> BigInt((7 - i) * 16)) & 0xffffn).toString(16) : '0')).join(':'));
  return `${network}/64`;
}

function v4(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6(ip: string): bigint {
  // An embedded IPv4 tail (e.g. 64:ff9b::1.2.3.4) becomes two hextets first.
  let text = ip.toLowerCase().replace(/%.*$/, '');
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const n = v4(tail[1]!);
    text = text.slice(0, -tail[1]!.length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const fill = rest === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].reduce((acc, h) => (acc << 16n) | BigInt(parseInt(h, 16)), 0n);
}
