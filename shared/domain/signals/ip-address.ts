import { isIPv4, isIPv6 } from 'node:net';

/** An IP address as a number in its family, for range search. IPv4-mapped IPv6 counts as IPv4. */
export interface IpNumber {
  family: 4 | 6;
  value: bigint;
}

export function ipToNumber(ip: string): IpNumber | undefined {
  const text = ip.trim();
  if (isIPv4(text)) return { family: 4, value: v4(text) };
  if (!isIPv6(text)) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  if (mapped && isIPv4(mapped[1]!)) return { family: 4, value: v4(mapped[1]!) };
  return { family: 6, value: v6(text) };
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
