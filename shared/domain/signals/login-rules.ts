import type { Finding } from '../finding';
import { countryRisk } from '../policy/policy-queries';
import type { Policy } from '../policy/policy-schema';
import { countryPoints, distanceKm } from './country-centroids';
import { isDprkNetwork, type IpInfo, type IpIntelligence } from './ip-intelligence';
import type { LoginSignal } from './signal-schema';
import { linkFactOf } from '../risk/facts';
import { basisOf, signalFinding } from './signal-finding';

/**
 * Rules over login events: where the applicant really connects from, compared with what they claim.
 * Red flags from the 2022 advisory (one account from many IPs, several accounts) and later FBI notices
 * (VPNs, hosting networks, laptop farms behind one IP).
 */
export interface LoginContext {
  logins: readonly LoginSignal[];
  residenceCountry: string;
  ipIntel: IpIntelligence;
  otherApplicantsByIp?: Readonly<Record<string, readonly string[]>>;
  policy: Policy;
}

interface Located {
  login: LoginSignal;
  at: number;
  info: IpInfo;
}

const MAX_LISTED = 10; // evidence stays readable and well under item limits

export function evaluateLogins(ctx: LoginContext): Finding[] {
  if (ctx.logins.length === 0) return [];
  const infoByIp = new Map<string, IpInfo>();
  const located: Located[] = ctx.logins
    .map((login) => {
      let info = infoByIp.get(login.ip);
      if (!info) infoByIp.set(login.ip, (info = ctx.ipIntel.lookup(login.ip)));
      return { login, at: Date.parse(login.time), info };
    })
    // Ties broken by IP and account so the findings do not depend on the order the platform sent events in.
    .sort((a, b) => a.at - b.at || cmp(a.login.ip, b.login.ip) || cmp(a.login.accountId, b.login.accountId));
  const residence = ctx.residenceCountry.toUpperCase();
  const s = ctx.policy.signals;
  const out: Finding[] = [];
  const ipEvidence = (l: Located) => ({
    kind: 'login',
    field: 'ip',
    detail: { ip: l.login.ip, time: l.login.time, country: l.info.country ?? null, asn: l.info.asn ?? null, org: l.info.org ?? null },
  });
  const firstPerIp = (list: Located[]) => [...new Map(list.map((l) => [l.login.ip, l])).values()].slice(0, MAX_LISTED);
  // Every login a country finding counts, listed or not: a clearance of it holds until one more is counted.
  const basis = (list: Located[]) => basisOf(list.map((l) => `${l.login.ip}|${l.login.time}|${l.login.accountId}`));

  // DPRK address space: the one login signal that is a hard stop on its own.
  const dprk = located.filter((l) => isDprkNetwork(l.info));
  if (dprk.length > 0)
    out.push(signalFinding('SIG_DPRK_IP', `${dprk.length} login(s) came from North Korean address space. This is a sanctions hard stop.`, firstPerIp(dprk).map(ipEvidence), undefined, basis(dprk)));

  const foreign = located.filter((l) => l.info.country && l.info.country !== residence && !isDprkNetwork(l.info));
  const byRisk = (risk: ReturnType<typeof countryRisk>) => foreign.filter((l) => countryRisk(ctx.policy, l.info.country) === risk);
  const hardStop = byRisk('hard-stop');
  if (hardStop.length > 0)
    out.push(
      signalFinding('SIG_HARD_STOP_COUNTRY', `Logins from ${listCountries(hardStop)}, which the policy treats as a hard stop.`, firstPerIp(hardStop).map(ipEvidence), undefined, basis(hardStop)),
    );
  const highRisk = byRisk('high');
  if (highRisk.length > 0)
    out.push(
      signalFinding(
        'SIG_LOGIN_HIGH_RISK_COUNTRY',
        `Logins from high-risk ${listCountries(highRisk)} although the applicant claims to live in ${residence}.`,
        firstPerIp(highRisk).map(ipEvidence),
        undefined,
        basis(highRisk),
      ),
    );
  const other = byRisk('standard');
  if (other.length > 0)
    out.push(
      signalFinding(
        'SIG_LOGIN_FOREIGN_COUNTRY',
        `${other.length} login(s) from ${listCountries(other)} although the applicant claims to live in ${residence}.`,
        firstPerIp(other).map(ipEvidence),
        undefined,
        basis(other),
      ),
    );

  const vpn = located.filter((l) => l.info.isVpn);
  if (vpn.length > 0)
    out.push(signalFinding('SIG_LOGIN_VPN', `${vpn.length} login(s) through VPN provider networks (${listOrgs(vpn)}), which hide where the applicant really is.`, firstPerIp(vpn).map(ipEvidence)));
  const hosting = located.filter((l) => l.info.isHosting && !l.info.isVpn);
  if (hosting.length > 0)
    out.push(
      signalFinding(
        'SIG_LOGIN_HOSTING',
        `${hosting.length} login(s) from hosting or data-centre networks (${listOrgs(hosting)}), typical of remote desktops and proxies rather than a home connection.`,
        firstPerIp(hosting).map(ipEvidence),
      ),
    );

  const shortWindowMs = s.loginWindowMinutes * 60_000;
  const busiest = (key: (l: Located) => string | undefined, windowMs = shortWindowMs) => {
    let best = { count: 0, from: 0, to: 0, values: [] as string[] };
    for (let i = 0; i < located.length; i++) {
      const values = new Set<string>();
      let j = i;
      for (; j < located.length && located[j]!.at - located[i]!.at <= windowMs; j++) {
        const v = key(located[j]!);
        if (v !== undefined) values.add(v);
      }
      if (values.size > best.count) best = { count: values.size, from: i, to: j - 1, values: [...values] };
    }
    return best;
  };
  const windowEvidence = (w: { from: number; to: number; values: string[] }, field: string) => ({
    kind: 'login-window',
    field,
    detail: { from: located[w.from]!.login.time, to: located[w.to]!.login.time, distinct: w.values.slice(0, MAX_LISTED) },
  });
  const ips = busiest((l) => l.login.ip);
  if (ips.count > s.maxDistinctIps)
    out.push(signalFinding('SIG_LOGIN_MANY_IPS', `${ips.count} different IP addresses within ${s.loginWindowMinutes} minutes (policy allows ${s.maxDistinctIps}).`, [windowEvidence(ips, 'ip')]));
  const countries = busiest((l) => l.info.country);
  if (countries.count > s.maxDistinctCountries)
    out.push(
      signalFinding('SIG_LOGIN_MANY_COUNTRIES', `Logins from ${countries.count} countries (${countries.values.join(', ')}) within ${s.loginWindowMinutes} minutes.`, [
        windowEvidence(countries, 'country'),
      ]),
    );
  else {
    // Slower than the short window but still no one's travel: several countries within one day (a team
    // sharing an account across time zones, or hopping VPN exits). Same fact as the short window.
    const day = busiest((l) => l.info.country, 24 * 3_600_000);
    if (day.count > s.maxDistinctCountriesPerDay)
      out.push(
        signalFinding('SIG_LOGIN_MANY_COUNTRIES_DAY', `Logins from ${day.count} countries (${day.values.join(', ')}) within 24 hours (policy allows ${s.maxDistinctCountriesPerDay}).`, [
          windowEvidence(day, 'country'),
        ]),
      );
  }

  const accounts = [...new Set(located.map((l) => l.login.accountId))];
  if (accounts.length > s.maxAccounts)
    out.push(
      signalFinding('SIG_LOGIN_MANY_ACCOUNTS', `${accounts.length} different platform accounts were used by this applicant.`, [
        { kind: 'login', field: 'accountId', detail: { accounts: accounts.slice(0, MAX_LISTED) } },
      ]),
    );

  const travel = impossibleTravel(located, s.impossibleTravelKmh, s.impossibleTravelMinKm);
  if (travel.worst)
    out.push(
      signalFinding(
        'SIG_IMPOSSIBLE_TRAVEL',
        `Logged in from ${travel.worst.fromCountry} and ${travel.worst.toCountry} ${formatGap(travel.worst.hours)}, about ${Math.round(travel.worst.km)} km apart${travel.worst.kmh === Infinity ? '' : ` (${Math.round(travel.worst.kmh)} km/h)`}: not one person travelling.`,
        [
          {
            kind: 'login-pair',
            field: 'time',
            detail: {
              ...travel.worst,
              kmh: travel.worst.kmh === Infinity ? null : Math.round(travel.worst.kmh),
              km: Math.round(travel.worst.km),
              impossiblePairs: travel.count,
              uncheckedPairs: travel.unchecked,
            },
          },
        ],
      ),
    );

  const shared = [...infoByIp.keys()].map((ip) => ({ ip, others: ctx.otherApplicantsByIp?.[ip] ?? [] })).filter((x) => x.others.length >= s.sharedIpMinOtherApplicants);
  if (shared.length > 0) {
    const total = new Set(shared.flatMap((x) => x.others)).size;
    const viaProxy = shared.some((x) => infoByIp.get(x.ip)!.isHosting);
    out.push(
      signalFinding(
        'SIG_SHARED_IP',
        `${total} other applicant(s) logged in from the same IP address${shared.length > 1 ? 'es' : ''} as this one${shared.some((x) => x.ip.includes(':')) ? ' (an IPv6 address counts by its /64, one home network)' : ''}, the pattern of a laptop farm${viaProxy ? ' (some of these IPs are hosting/VPN exits, which are shared more innocently)' : ''}.`,
        shared.slice(0, MAX_LISTED).map((x) => ({ kind: 'shared-ip', field: 'ip', detail: { ip: x.ip, otherApplicants: x.others.slice(0, MAX_LISTED), count: x.others.length } })),
        linkFactOf(shared.flatMap((x) => x.others)),
      ),
    );
  }
  return out;
}

interface Travel {
  fromCountry: string;
  toCountry: string;
  fromTime: string;
  toTime: string;
  km: number;
  hours: number;
  kmh: number;
}

/**
 * Consecutive logins in different countries, compared by distance over time. Pairs where a country is
 * unknown or not in the points table are counted as unchecked, not guessed.
 */
function impossibleTravel(located: Located[], maxKmh: number, minKm: number): { worst?: Travel; count: number; unchecked: number } {
  let worst: Travel | undefined;
  let count = 0;
  let unchecked = 0;
  for (let i = 1; i < located.length; i++) {
    const a = located[i - 1]!;
    const b = located[i]!;
    if (a.info.country === b.info.country) continue;
    const pa = a.info.country ? countryPoints[a.info.country] : undefined;
    const pb = b.info.country ? countryPoints[b.info.country] : undefined;
    if (!pa || !pb) {
      unchecked++;
      continue;
    }
    const km = distanceKm(pa, pb);
    if (km < minKm) continue;
    const hours = (b.at - a.at) / 3_600_000;
    const kmh = hours > 0 ? km / hours : Infinity;
    if (kmh <= maxKmh) continue;
    count++;
    if (!worst || kmh > worst.kmh) worst = { fromCountry: a.info.country!, toCountry: b.info.country!, fromTime: a.login.time, toTime: b.login.time, km, hours, kmh };
  }
  return { ...(worst && { worst }), count, unchecked };
}

function listCountries(list: Located[]): string {
  return [...new Set(list.map((l) => l.info.country))].join(', ');
}

function listOrgs(list: Located[]): string {
  return [...new Set(list.map((l) => l.info.org || (l.info.asn ? `AS${l.info.asn}` : l.login.ip)))].slice(0, 5).join(', ');
}

function formatGap(hours: number): string {
  if (hours <= 0) return 'at the same moment';
  return `${hours < 1 ? `${Math.round(hours * 60)} min` : `${hours.toFixed(1)} h`} apart`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
