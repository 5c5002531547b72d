import type { EvidenceRef, Finding } from '../finding';
import { countriesOfTimeZone } from '../document/time-zone-country';
import { TIME_ZONE_COUNTRIES } from '../document/time-zone-countries';
import { countryRisk } from '../policy/policy-queries';
import type { Policy } from '../policy/policy-schema';
import { linkFactOf } from '../risk/facts';
import { isDprkNetwork, type IpInfo, type IpIntelligence } from './ip-intelligence';
import { byPreference, formatUtcOffset, maskIp, visitKey, type FootprintPurpose, type LinkVisit } from './link-visit';
import { basisOf, signalFinding } from './signal-finding';

/**
 * The contractor's footprint from the links they open (issue 18 item 1), judged as the platform's logins
 * are: where the address is (versus the claimed residence; DPRK and hard-stop address space), what network
 * it is (hosting, VPN), who else used it; and what the browser says: Korean as the preferred language from
 * someone claiming another origin, a clock set to a time zone the residence does not have.
 *
 * Every finding carries its reading ("Opened the slot link from an address in DE, while claiming residence
 * in PL") and masked addresses only (203.0.113.x); the raw address stays in the visit, which erasure scrubs.
 * Facts: the address's country and network are the same facts as the platform's logins (`login.country`,
 * `login.network`): one place the applicant connects from, not two red flags.
 */
export interface FootprintContext {
  visits: readonly LinkVisit[];
  residenceCountry: string;
  nationality?: string;
  ipIntel: IpIntelligence;
  /** Other onboardings seen behind each address (logins or link visits), this one excluded. */
  otherApplicantsByIp?: Readonly<Record<string, readonly string[]>>;
  policy: Policy;
}

/** Visits with one key merged: first and latest time, the purposes and methods seen. */
interface Footprint {
  ip: string;
  info: IpInfo;
  languages: LinkVisit['languages'];
  browserTimeZone?: string;
  statedUtcOffset?: number;
  first: string;
  latest: string;
  purposes: FootprintPurpose[];
  methods: ('GET' | 'POST')[];
  /** Opened (GET) from a hosting network without languages (none, or only `*`) and never submitted: a mail-security scanner. */
  likelyScanner: boolean;
}

const MAX_LISTED = 10;
const KOREAN_EXEMPT = new Set(['KR', 'KP']);
/** A language counts as preferred when it has the highest weight in the header and at least this one. */
const PREFERRED_MIN_Q = 0.5;

const linkName: Record<FootprintPurpose, string> = {
  'slot-picking': 'slot link',
  'info-response': 'information link',
  'micro-deposit': 'micro-deposit link',
};

export function evaluateFootprint(ctx: FootprintContext): Finding[] {
  if (ctx.visits.length === 0) return [];
  const residence = ctx.residenceCountry.toUpperCase();
  const nationality = ctx.nationality?.toUpperCase();
  const prints = mergeVisits(ctx.visits, ctx.ipIntel);
  // Mail-security scanners open links from data centres (they never submit, and send no languages): not
  // the contractor, so only the address-space hard stops look at them.
  const person = prints.filter((p) => !p.likelyScanner);
  const out: Finding[] = [];
  const opened = (list: readonly Footprint[]) => `Opened the ${joinWords([...new Set(list.flatMap((p) => p.purposes))].map((p) => linkName[p]))}`;
  const addressEvidence = (p: Footprint, reading: string): EvidenceRef => ({
    kind: 'link-visit',
    field: 'ip',
    detail: {
      reading,
      ip: maskIp(p.ip),
      country: p.info.country ?? null,
      network: p.info.org ?? (p.info.asn ? `AS${p.info.asn}` : null),
      links: p.purposes.map((x) => linkName[x]),
      first: p.first,
      latest: p.latest,
      ...(p.likelyScanner ? { note: 'opened only, from a data centre, without languages: possibly a mail scanner' } : {}),
    },
  });
  // Readings name countries and networks, never the address: only the `ip` field (masked) does, which erasure scrubs.
  // Every footprint a country finding counts, listed or not: a clearance of it holds until one more is counted.
  const basis = (list: readonly Footprint[]) => basisOf(list.map((p) => `${p.ip}|${p.first}|${p.latest}|${p.purposes.join(',')}`));
  const countryReading = (p: Footprint) => `${opened([p])} from an address in ${p.info.country}, while claiming residence in ${residence}`;

  const dprk = prints.filter((p) => isDprkNetwork(p.info));
  if (dprk.length > 0)
    out.push(
      signalFinding(
        'SIG_LINK_DPRK_IP',
        `${opened(dprk)} from North Korean address space. This is a sanctions hard stop.`,
        dprk.slice(0, MAX_LISTED).map((p) => addressEvidence(p, `${opened([p])} from North Korean address space`)),
        'login.country',
        basis(dprk),
      ),
    );
  const abroad = (from: readonly Footprint[]) => from.filter((p) => p.info.country && p.info.country !== residence && !isDprkNetwork(p.info));
  const hardStop = abroad(prints).filter((p) => countryRisk(ctx.policy, p.info.country) === 'hard-stop');
  if (hardStop.length > 0)
    out.push(
      signalFinding(
        'SIG_LINK_HARD_STOP_COUNTRY',
        `${opened(hardStop)} from an address in ${countriesOf(hardStop)}, which the policy treats as a hard stop.`,
        hardStop.slice(0, MAX_LISTED).map((p) => addressEvidence(p, countryReading(p))),
        'login.country',
        basis(hardStop),
      ),
    );
  const highRisk = abroad(person).filter((p) => countryRisk(ctx.policy, p.info.country) === 'high');
  if (highRisk.length > 0)
    out.push(
      signalFinding(
        'SIG_LINK_HIGH_RISK_COUNTRY',
        `${opened(highRisk)} from an address in high-risk ${countriesOf(highRisk)}, while claiming residence in ${residence}.`,
        highRisk.slice(0, MAX_LISTED).map((p) => addressEvidence(p, countryReading(p))),
        'login.country',
        basis(highRisk),
      ),
    );
  const foreign = abroad(person).filter((p) => countryRisk(ctx.policy, p.info.country) === 'standard');
  if (foreign.length > 0)
    out.push(
      signalFinding(
        'SIG_LINK_FOREIGN_COUNTRY',
        `${opened(foreign)} from an address in ${countriesOf(foreign)}, while claiming residence in ${residence}.`,
        foreign.slice(0, MAX_LISTED).map((p) => addressEvidence(p, countryReading(p))),
        'login.country',
        basis(foreign),
      ),
    );

  const vpn = person.filter((p) => p.info.isVpn);
  if (vpn.length > 0)
    out.push(
      signalFinding(
        'SIG_LINK_VPN',
        `${opened(vpn)} through a VPN provider's network (${orgsOf(vpn)}), which hides where the contractor really is.`,
        vpn.slice(0, MAX_LISTED).map((p) => addressEvidence(p, `${opened([p])} through ${orgOf(p)}, a VPN provider`)),
        'login.network',
      ),
    );
  const hosting = person.filter((p) => p.info.isHosting && !p.info.isVpn);
  if (hosting.length > 0)
    out.push(
      signalFinding(
        'SIG_LINK_HOSTING',
        `${opened(hosting)} from a hosting or data-centre network (${orgsOf(hosting)}), typical of a remote desktop or proxy rather than a home connection.`,
        hosting.slice(0, MAX_LISTED).map((p) => addressEvidence(p, `${opened([p])} from ${orgOf(p)}, a hosting network`)),
        'login.network',
      ),
    );

  const shared = [...new Map(person.map((p) => [p.ip, p])).values()]
    .map((p) => ({ p, others: ctx.otherApplicantsByIp?.[p.ip] ?? [] }))
    .filter((x) => x.others.length >= ctx.policy.signals.sharedIpMinOtherApplicants);
  if (shared.length > 0) {
    const others = [...new Set(shared.flatMap((x) => x.others))];
    const viaProxy = shared.some((x) => x.p.info.isHosting);
    out.push(
      signalFinding(
        'SIG_LINK_SHARED_IP',
        `${opened(shared.map((x) => x.p))} from an address that ${others.length} other applicant(s) also used${shared.some((x) => x.p.ip.includes(':')) ? ' (an IPv6 address counts by its /64, one home network)' : ''}, the pattern of a laptop farm${viaProxy ? ' (some of these addresses are hosting/VPN exits, which are shared more innocently)' : ''}.`,
        shared.slice(0, MAX_LISTED).map((x) => ({
          kind: 'shared-ip',
          field: 'ip',
          detail: {
            reading: `${opened([x.p])} from an address also used by ${x.others.length} other applicant(s)`,
            ip: maskIp(x.p.ip),
            otherApplicants: x.others.slice(0, MAX_LISTED),
            count: x.others.length,
          },
        })),
        linkFactOf(others),
      ),
    );
  }

  const exempt = KOREAN_EXEMPT.has(residence) || (nationality !== undefined && KOREAN_EXEMPT.has(nationality));
  const korean = exempt ? [] : person.map((p) => ({ p, lang: preferredKorean(p.languages) })).filter((x): x is { p: Footprint; lang: string } => x.lang !== undefined);
  if (korean.length > 0) {
    const tags = [...new Set(korean.map((k) => k.lang))].join(', ');
    const claim = `${nationality ? `nationality ${nationality} and ` : ''}residence in ${residence}`;
    out.push(
      signalFinding(
        'SIG_LINK_KOREAN_LANGUAGE',
        `Browser prefers Korean (${tags}) while claiming ${claim}.`,
        korean.slice(0, MAX_LISTED).map((k) => ({
          kind: 'link-visit',
          field: 'languages',
          detail: {
            reading: `${opened([k.p])} with a browser that prefers Korean (${k.lang})`,
            acceptLanguage: k.p.languages.map((l) => (l.q === 1 ? l.tag : `${l.tag};q=${l.q}`)).join(','),
            first: k.p.first,
            latest: k.p.latest,
          },
        })),
        'footprint.language',
      ),
    );
  }

  const zones = person.flatMap((p) => timeZoneMismatches(p, residence));
  if (zones.length > 0)
    out.push(
      signalFinding(
        'SIG_LINK_TIME_ZONE_MISMATCH',
        `${zones.map((z) => z.reading).join('; ')}: not a time of ${residence}, the claimed residence (${formatOffsets(residenceOffsets(residence, Date.parse(zones[0]!.p.latest)))}).`,
        zones.slice(0, MAX_LISTED).map((z) => ({ kind: 'link-visit', field: z.field, detail: { reading: z.reading, value: z.value, first: z.p.first, latest: z.p.latest } })),
        'footprint.timeZone',
      ),
    );
  return out;
}

function mergeVisits(visits: readonly LinkVisit[], ipIntel: IpIntelligence): Footprint[] {
  const byKey = new Map<string, Footprint>();
  const info = new Map<string, IpInfo>();
  // Sorted by time then key, so the result never depends on the order the evidence was read in.
  const sorted = [...visits].map((v) => ({ v, key: visitKey(v) })).sort((a, b) => Date.parse(a.v.time) - Date.parse(b.v.time) || cmp(a.key, b.key));
  for (const { v, key } of sorted) {
    const known = byKey.get(key);
    if (known) {
      if (Date.parse(v.time) > Date.parse(known.latest)) known.latest = v.time;
      if (!known.purposes.includes(v.purpose)) known.purposes.push(v.purpose);
      if (!known.methods.includes(v.method)) known.methods.push(v.method);
      continue;
    }
    let i = info.get(v.ip);
    if (!i) info.set(v.ip, (i = ipIntel.lookup(v.ip)));
    byKey.set(key, {
      ip: v.ip,
      info: i,
      languages: v.languages,
      ...(v.browserTimeZone !== undefined && { browserTimeZone: v.browserTimeZone }),
      ...(v.statedUtcOffset !== undefined && { statedUtcOffset: v.statedUtcOffset }),
      first: v.time,
      latest: v.time,
      purposes: [v.purpose],
      methods: [v.method],
      likelyScanner: false,
    });
  }
  const prints = [...byKey.values()];
  for (const p of prints) p.likelyScanner = p.info.isHosting && !p.info.isVpn && p.languages.every((l) => l.tag === '*') && !p.methods.includes('POST');
  return prints;
}

/** The Korean range the browser prefers (`ko`, `ko-KR`, `ko-KP`...), if it prefers one. */
export function preferredKorean(languages: LinkVisit['languages']): string | undefined {
  const ranked = byPreference(languages.filter((l) => l.tag !== '*'));
  const top = ranked[0];
  if (!top || top.q < PREFERRED_MIN_Q) return undefined;
  return ranked.find((l) => l.q === top.q && l.tag.toLowerCase().split('-')[0] === 'ko')?.tag;
}

interface ZoneMismatch {
  p: Footprint;
  field: 'browserTimeZone' | 'statedUtcOffset';
  value: string;
  reading: string;
}

/**
 * A clock the residence does not have: the browser's zone (or the offset the contractor chose) is at an
 * offset none of the residence's zones has, at the visit or half a year either side (summer time). A zone
 * of a neighbouring country at the same offset (Europe/Berlin for someone in Poland) is not a finding.
 */
function timeZoneMismatches(p: Footprint, residence: string): ZoneMismatch[] {
  const at = Date.parse(p.latest);
  const home = residenceOffsets(residence, at);
  if (home.size === 0) return [];
  const out: ZoneMismatch[] = [];
  if (p.browserTimeZone && !countriesOfTimeZone(p.browserTimeZone).includes(residence) && countriesOfTimeZone(p.browserTimeZone).length > 0) {
    const offset = offsetOf(p.browserTimeZone, at);
    if (offset !== undefined && !home.has(offset))
      out.push({
        p,
        field: 'browserTimeZone',
        value: p.browserTimeZone,
        reading: `The browser's clock is set to ${p.browserTimeZone} (${formatUtcOffset(offset)}, ${countriesOfTimeZone(p.browserTimeZone).join('/')})`,
      });
  }
  if (p.statedUtcOffset !== undefined && !home.has(p.statedUtcOffset))
    out.push({ p, field: 'statedUtcOffset', value: formatUtcOffset(p.statedUtcOffset), reading: `The contractor said their local time is ${formatUtcOffset(p.statedUtcOffset)}` });
  return out;
}

const halfYear = 182 * 86_400_000;

/** The UTC offsets (minutes) the residence's zones have at `at` and half a year either side. */
export function residenceOffsets(country: string, at: number): Set<number> {
  const out = new Set<number>();
  for (const [zone, countries] of Object.entries(TIME_ZONE_COUNTRIES)) {
    if (!countries.split(',').includes(country)) continue;
    for (const t of [at - halfYear, at, at + halfYear]) {
      const o = offsetOf(zone, t);
      if (o !== undefined) out.add(o);
    }
  }
  return out;
}

function offsetOf(zone: string, at: number): number | undefined {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(at)).find((x) => x.type === 'timeZoneName')?.value ?? '';
    if (name === 'GMT') return 0;
    const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : undefined;
  } catch {
    return undefined;
  }
}

function formatOffsets(offsets: Set<number>): string {
  return [...offsets]
    .sort((a, b) => a - b)
    .map(formatUtcOffset)
    .join(', ');
}

function countriesOf(list: readonly Footprint[]): string {
  return [...new Set(list.map((p) => p.info.country))].join(', ');
}

function orgOf(p: Footprint): string {
  return p.info.org || (p.info.asn ? `AS${p.info.asn}` : 'an unnamed network');
}

function orgsOf(list: readonly Footprint[]): string {
  return [...new Set(list.map(orgOf))].slice(0, 5).join(', ');
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? 'link') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
