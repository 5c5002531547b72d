import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json';
import * as z from '../schemas/zod';
import { timeZone } from '../schemas/common';
import { addressToNumber } from './ip-address';
import { ipAddress, type Signal } from './signal-schema';
import type { EvidenceRecord } from '../cases/case-model';

/**
 * The contractor's own footprint (issue 18 item 1): one request to one of their links (slot pick,
 * information, micro-deposits), as the links function saw it. Not a platform signal: the HRIS cannot send
 * one (the signals API does not accept the type); only the links function records it, for contractor links.
 * Kept in the signals evidence beside the platform's signals and judged by shared/domain/signals/footprint-rules.ts.
 */

const time = z.iso.datetime({ offset: true });

/** A language range of Accept-Language with its weight: `ko-KR` at q=1, `en` at q=0.8. */
export const languageSchema = z.strictObject({
  tag: z.string().check(z.regex(/^(\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)$/), z.maxLength(35)),
  q: z.number().check(z.gte(0), z.lte(1)),
});
export type Language = z.infer<typeof languageSchema>;

export const footprintPurposes = ['slot-picking', 'info-response', 'micro-deposit'] as const;
export type FootprintPurpose = (typeof footprintPurposes)[number];

/** UTC offsets a person can be at, in minutes (UTC-12:00 to UTC+14:00). */
export const MIN_UTC_OFFSET = -12 * 60;
export const MAX_UTC_OFFSET = 14 * 60;

export const linkVisitSchema = z.strictObject({
  type: z.literal('link-visit'),
  /** When the request came. */
  time,
  /** The request's source address (API Gateway's `requestContext.identity.sourceIp`). Erased with the case. */
  ip: ipAddress,
  /** Accept-Language as parsed (at most 10 ranges, weight order kept as sent). */
  languages: z.array(languageSchema).check(z.maxLength(10)),
  /** The browser's own IANA time zone, from the page's hidden field (filled only when the browser runs the page's one script). */
  browserTimeZone: z.optional(timeZone),
  /** The UTC offset the contractor chose in the page's visible question, in minutes. */
  statedUtcOffset: z.optional(z.number().check(z.int(), z.gte(MIN_UTC_OFFSET), z.lte(MAX_UTC_OFFSET))),
  purpose: z.enum(footprintPurposes),
  method: z.enum(['GET', 'POST']),
});
export type LinkVisit = z.infer<typeof linkVisitSchema>;

const maxLanguages = 10;

/**
 * Accept-Language (RFC 9110 12.5.4) as a list of ranges with weights, in the order sent. Ranges with q=0
 * ("not acceptable") and anything malformed are left out; a header of any length yields at most ten ranges.
 */
export function parseAcceptLanguage(header: string | undefined): Language[] {
  if (!header) return [];
  const out: Language[] = [];
  for (const part of header.slice(0, 1000).split(',')) {
    const [rangeRaw = '', ...params] = part.split(';');
    const tag = rangeRaw.trim();
    if (!/^(\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)$/.test(tag) || tag.length > 35) continue;
    let q = 1;
    let bad = false;
    for (const p of params) {
      const m = /^\s*q\s*=\s*(0(\.\d{0,3})?|1(\.0{0,3})?)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
      else bad = true;
    }
    if (bad || q === 0) continue;
    out.push({ tag, q });
    if (out.length >= maxLanguages) break;
  }
  return out;
}

/** Ranges by preference: highest weight first, ties in the order sent (a stable sort). */
export function byPreference(languages: readonly Language[]): Language[] {
  return [...languages].sort((a, b) => b.q - a.q);
}

/**
 * What makes two visits the same footprint: the address, the languages, the time zones. Purpose, method
 * and time are not part of it: the same person opening and then submitting a page is one footprint, seen
 * from a first to a latest time.
 */
export function visitKey(v: Pick<LinkVisit, 'ip' | 'languages' | 'browserTimeZone' | 'statedUtcOffset'>): string {
  const ip = addressToNumber(v.ip);
  const normalisedIp = ip ? `${ip.family}:${ip.value.toString(16)}` : v.ip.toLowerCase();
  return createHash('sha256')
    .update(canonicalJson({ ip: normalisedIp, languages: v.languages.map((l) => [l.tag.toLowerCase(), l.q]), tz: v.browserTimeZone ?? null, offset: v.statedUtcOffset ?? null }))
    .digest('hex')
    .slice(0, 32);
}

/**
 * An address as a reviewer may see it: the network, never the host. IPv4 keeps its /24 (203.0.113.x),
 * IPv6 its /48 (2001:db8:85a3::/48); an IPv4-mapped IPv6 address shows as IPv4.
 */
export function maskIp(ip: string): string {
  const n = addressToNumber(ip);
  if (!n) return '(not an address)';
  if (n.family === 4) return `${[24n, 16n, 8n].map((s) => ((n.value >> s) & 0xffn).toString()).join('.')}.x`;
  const hextets = [112n, 96n, 80n].map((s) => ((n.value >> s) & 0xffffn).toString(16));
  return `${hextets.join(':')}::/48`;
}

/** Parses a UTC offset as the page's select sends it ("+05:30", "-03:00", "+00:00"); undefined otherwise. */
export function parseUtcOffset(value: string | undefined): number | undefined {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return Number(m[3]) % 15 === 0 && minutes >= MIN_UTC_OFFSET && minutes <= MAX_UTC_OFFSET ? minutes : undefined;
}

export function formatUtcOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const v4 = (a: number, b: number, c: number, d: number) => (BigInt(a) << 24n) | (BigInt(b) << 16n) | (BigInt(c) << 8n) | BigInt(d);
/** [first address, prefix length] of the IPv4 and IPv6 blocks that are no one's public address (RFC 6890 and co). */
const special4: readonly [bigint, number][] = [
  [v4(0, 0, 0, 0), 8],
  [v4(10, 0, 0, 0), 8],
  [v4(100, 64, 0, 0), 10],
  [v4(127, 0, 0, 0), 8],
  [v4(169, 254, 0, 0), 16],
  [v4(172, 16, 0, 0), 12],
  [v4(192, 0, 0, 0), 24],
  [v4(192, 0, 2, 0), 24],
  [v4(192, 168, 0, 0), 16],
  [v4(198, 18, 0, 0), 15],
  [v4(198, 51, 100, 0), 24],
  [v4(203, 0, 113, 0), 24],
  [v4(224, 0, 0, 0), 3],
];
const special6: readonly [bigint, number][] = [
  [0n, 127],
  [0xfc00n << 112n, 7],
  [0xfe80n << 112n, 10],
  [0xff00n << 112n, 8],
  [0x20010db8n << 96n, 32],
];

/**
 * Whether an address is someone's on the public internet. Loopback, private, shared (CGNAT), link-local,
 * documentation and multicast addresses say nothing about where a person is, and would link every
 * applicant behind one office proxy or one laptop demo: link visits from them are not recorded.
 */
export function isPublicAddress(ip: string): boolean {
  const n = addressToNumber(ip);
  if (!n) return false;
  const bits = n.family === 4 ? 32 : 128;
  return !(n.family === 4 ? special4 : special6).some(([start, prefix]) => n.value >> BigInt(bits - prefix) === start >> BigInt(bits - prefix));
}

/** What the signals evidence holds: the platform's signals and the contractor's link visits. */
export type Observation = Signal | LinkVisit;

/** A footprint seen again within this time is not recorded again (its latest time is that precise). */
export const FOOTPRINT_REFRESH_MS = 6 * 3_600_000;
/** Distinct footprints (address, languages, time zone) kept per case; later new ones are dropped and logged. */
export const MAX_FOOTPRINTS = 50;

/**
 * The link visits of a batch worth recording: a footprint already recorded less than FOOTPRINT_REFRESH_MS
 * before is a repeat (reloading the page, a second tab), and past MAX_FOOTPRINTS a new footprint is not
 * kept, so opening a link again and again never grows the evidence without bound. A visit recorded
 * already as it is (a retried attempt) stays: it is the same event, and the decision must still follow.
 * `beyondCap`: visits recorded past MAX_FOOTPRINTS all the same (from DPRK or hard-stop address space: fifty
 * harmless footprints, made by varying the languages a browser sends, dropped the visit that would hold the case).
 */
export function worthRecording(known: readonly Observation[], batch: readonly Observation[], beyondCap: (visit: LinkVisit) => boolean = () => false): Observation[] {
  const stored = new Set(known.map((o) => canonicalJson(o)));
  const latestByKey = new Map<string, number>();
  for (const o of known) if (o.type === 'link-visit') latestByKey.set(visitKey(o), Math.max(latestByKey.get(visitKey(o)) ?? -Infinity, Date.parse(o.time)));
  return batch.filter((o) => {
    if (o.type !== 'link-visit' || stored.has(canonicalJson(o))) return true;
    const latest = latestByKey.get(visitKey(o));
    if (latest === undefined) return latestByKey.size < MAX_FOOTPRINTS || beyondCap(o);
    return Math.abs(Date.parse(o.time) - latest) >= FOOTPRINT_REFRESH_MS;
  });
}

/** Every observation in the case's signals evidence, once each: the same event sent twice is one event. */
export function receivedSignals(evidence: readonly EvidenceRecord[], batch: readonly Observation[] = []): Observation[] {
  const seen = new Map<string, Observation>();
  for (const e of evidence) if (e.stage === 'signals') for (const s of (e.data?.batch as Observation[] | undefined) ?? []) seen.set(canonicalJson(s), s);
  for (const s of batch) seen.set(canonicalJson(s), s);
  return [...seen.values()];
}
