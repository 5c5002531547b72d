import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/domain/finding';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import { decideRisk } from '../../shared/domain/risk/decide';
import { evaluateFootprint, preferredKorean } from '../../shared/domain/signals/footprint-rules';
import {
  FOOTPRINT_REFRESH_MS,
  isPublicAddress,
  linkVisitSchema,
  maskIp,
  MAX_FOOTPRINTS,
  parseAcceptLanguage,
  parseUtcOffset,
  visitKey,
  worthRecording,
  type LinkVisit,
} from '../../shared/domain/signals/link-visit';
import { evaluateSignals } from '../../shared/domain/signals/evaluate-signals';
import { fixtureIpIntel as ipIntel } from './ip-fixture';

// Fixture IPs (test/fixtures/ip): PL broadband, US residential, RU, DPRK, a hosting provider, a VPN, and
// IPv6 (PL documentation range; Google, a hosting network).
const IP = { pl: '83.10.0.1', us: '24.1.2.3', ru: '5.8.1.1', kp: '175.45.178.10', hosting: '185.220.101.1', vpn: '193.27.13.1', pl6: '2001:db8::7', google6: '2a00:1450:4001:80b::200e' };

const policy = loadPolicy();
// March: Warsaw is at UTC+01:00, Seoul at UTC+09:00.
const visit = (over: Partial<LinkVisit> = {}): LinkVisit => ({
  type: 'link-visit',
  time: '2026-03-02T09:00:00Z',
  ip: IP.pl,
  languages: parseAcceptLanguage('pl-PL,pl;q=0.9,en;q=0.8'),
  purpose: 'slot-picking',
  method: 'GET',
  ...over,
});
const run = (visits: LinkVisit[], over: Partial<Parameters<typeof evaluateFootprint>[0]> = {}): Finding[] =>
  evaluateFootprint({ visits, residenceCountry: 'PL', nationality: 'PL', ipIntel, policy, ...over });
const codes = (f: Finding[]) => f.map((x) => x.code).sort();
const only = (findings: Finding[], code: string) => {
  const hits = findings.filter((f) => f.code === code);
  expect(hits, `${code} in ${codes(findings).join(',')}`).toHaveLength(1);
  return hits[0]!;
};

describe('Accept-Language', () => {
  it('parses ranges with their weights, leaves out q=0 and malformed ranges, and stops at ten', () => {
    expect(parseAcceptLanguage('ko-KR,ko;q=0.9,en;q=0.8')).toEqual([
      { tag: 'ko-KR', q: 1 },
      { tag: 'ko', q: 0.9 },
      { tag: 'en', q: 0.8 },
    ]);
    expect(parseAcceptLanguage('en;q=0, fr ; q=0.5, <script>, de;q=2, *')).toEqual([
      { tag: 'fr', q: 0.5 },
      { tag: '*', q: 1 },
    ]);
    expect(parseAcceptLanguage(Array.from({ length: 50 }, () => 'en').join(','))).toHaveLength(10);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
  });

  it('counts Korean as preferred only when it has the top weight', () => {
    expect(preferredKorean(parseAcceptLanguage('ko-KR,ko;q=0.9,en;q=0.8'))).toBe('ko-KR');
    expect(preferredKorean(parseAcceptLanguage('ko-KP'))).toBe('ko-KP');
    expect(preferredKorean(parseAcceptLanguage('KO'))).toBe('KO');
    // Listed, but not preferred.
    expect(preferredKorean(parseAcceptLanguage('en-US,en;q=0.9,ko;q=0.1'))).toBeUndefined();
    expect(preferredKorean(parseAcceptLanguage('ko;q=0.1'))).toBeUndefined();
    // Weight, not order: the header may list the preferred language last.
    expect(preferredKorean(parseAcceptLanguage('en;q=0.5,ko-KR'))).toBe('ko-KR');
    // Other languages that start with the letters "ko" are not Korean.
    expect(preferredKorean(parseAcceptLanguage('kok-IN,kos'))).toBeUndefined();
  });
});

describe('link visits', () => {
  it('are validated as any stored observation is', () => {
    expect(linkVisitSchema.safeParse(visit()).success).toBe(true);
    expect(linkVisitSchema.safeParse({ ...visit(), ip: 'not-an-ip' }).success).toBe(false);
    expect(linkVisitSchema.safeParse({ ...visit(), purpose: 'review' }).success).toBe(false);
    expect(linkVisitSchema.safeParse({ ...visit(), browserTimeZone: 'Mars/Olympus' }).success).toBe(false);
  });

  it('mask addresses to their network, IPv4 and IPv6', () => {
    expect(maskIp('203.0.113.57')).toBe('203.0.113.x');
    expect(maskIp('::ffff:203.0.113.57')).toBe('203.0.113.x');
    expect(maskIp('2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:85a3::/48');
  });

  it('are one footprint whatever the spelling of the address, the time or the purpose', () => {
    expect(visitKey(visit({ ip: '2001:DB8::7' }))).toBe(visitKey(visit({ ip: '2001:db8:0:0:0:0:0:7', time: '2026-03-05T00:00:00Z', purpose: 'micro-deposit', method: 'POST' })));
    expect(visitKey(visit())).not.toBe(visitKey(visit({ browserTimeZone: 'Europe/Warsaw' })));
  });

  it('are recorded from public addresses only: loopback, private and documentation ranges place no one', () => {
    for (const ip of ['24.1.2.3', '2003::1', '175.45.176.1', '::ffff:24.1.2.3']) expect(isPublicAddress(ip), ip).toBe(true);
    for (const ip of [
      '127.0.0.1',
      '::1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '169.254.1.1',
      '203.0.113.5',
      'fd00::1',
      'fe80::1',
      '2001:db8::1',
      '::ffff:10.0.0.1',
      '::',
      'nonsense',
    ])
      expect(isPublicAddress(ip), ip).toBe(false);
  });

  it('are recorded again only after the refresh time, up to a number of footprints per case, and a retry is never dropped', () => {
    const first = visit({ ip: IP.us });
    const at = (ms: number) => new Date(Date.parse(first.time) + ms).toISOString();
    expect(worthRecording([first], [visit({ ip: IP.us, time: at(60_000), method: 'POST' })])).toEqual([]);
    expect(worthRecording([first], [visit({ ip: IP.us, time: at(FOOTPRINT_REFRESH_MS) })])).toHaveLength(1);
    // The same visit again (an attempt retried after a concurrent change): still to be decided on.
    expect(worthRecording([first], [first])).toEqual([first]);
    // Another footprint (a time zone given): recorded.
    expect(worthRecording([first], [visit({ ip: IP.us, time: at(60_000), browserTimeZone: 'Asia/Seoul' })])).toHaveLength(1);
    const many = Array.from({ length: MAX_FOOTPRINTS }, (_, i) => visit({ ip: `24.1.${Math.floor(i / 200)}.${i % 200}` }));
    expect(worthRecording(many, [visit({ ip: IP.ru })])).toEqual([]);
    // Past the cap all the same: what the caller says must never be dropped (DPRK or hard-stop address space).
    expect(worthRecording(many, [visit({ ip: IP.ru })], (v) => v.ip === IP.ru)).toHaveLength(1);
    expect(worthRecording(many, [visit({ ip: many[0]!.ip, time: at(FOOTPRINT_REFRESH_MS) })])).toHaveLength(1);
    // Platform signals are never filtered here.
    const login = { type: 'login' as const, time: first.time, ip: IP.us, accountId: 'a' };
    expect(worthRecording([login], [login])).toEqual([login]);
  });

  it('read stated UTC offsets as the page sends them', () => {
    expect(parseUtcOffset('+05:30')).toBe(330);
    expect(parseUtcOffset('-12:00')).toBe(-720);
    expect(parseUtcOffset('+15:00')).toBeUndefined();
    expect(parseUtcOffset('+05:20')).toBeUndefined();
    expect(parseUtcOffset('')).toBeUndefined();
  });
});

describe('evaluateFootprint', () => {
  it('finds nothing for a contractor at home in Poland with a Polish browser and clock', () => {
    expect(run([visit(), visit({ method: 'POST', browserTimeZone: 'Europe/Warsaw', statedUtcOffset: 60 }), visit({ ip: IP.pl6 })])).toEqual([]);
  });

  it('the done-when case: Korean browser and an address in another country, each with its reading', () => {
    const findings = run([visit({ ip: IP.us, languages: parseAcceptLanguage('ko-KR') })]);
    expect(codes(findings)).toEqual(['SIG_LINK_FOREIGN_COUNTRY', 'SIG_LINK_KOREAN_LANGUAGE']);
    expect(only(findings, 'SIG_LINK_FOREIGN_COUNTRY').message).toBe('Opened the slot link from an address in US, while claiming residence in PL.');
    expect(only(findings, 'SIG_LINK_KOREAN_LANGUAGE').message).toBe('Browser prefers Korean (ko-KR) while claiming nationality PL and residence in PL.');
    // The reviewer sees the network, never the host.
    const detail = only(findings, 'SIG_LINK_FOREIGN_COUNTRY').evidence[0]!.detail!;
    expect(detail).toMatchObject({ ip: '24.1.2.x', country: 'US', reading: 'Opened the slot link from an address in US, while claiming residence in PL' });
    // The address appears masked, in its own field only (which erasure scrubs), never in a reading.
    expect(JSON.stringify(findings.map((f) => [f.message, f.evidence.map((e) => e.detail?.reading)]))).not.toContain('24.1.2');
    expect(JSON.stringify(findings)).not.toContain(IP.us);
    // Two medium flags about two facts: a reviewer looks.
    expect(decideRisk({ findings, policy }).outcome).toBe('review');
  });

  it('does not flag Korean from someone Korean, or Korean only listed low', () => {
    const ko = visit({ languages: parseAcceptLanguage('ko-KR,ko;q=0.9,en;q=0.8') });
    expect(run([ko], { nationality: 'KR' })).toEqual([]);
    expect(run([ko], { residenceCountry: 'KR', nationality: 'PL', visits: [] })).toEqual([]);
    expect(run([visit({ languages: parseAcceptLanguage('pl-PL,en;q=0.8,ko;q=0.1') })])).toEqual([]);
    expect(codes(run([ko], { nationality: undefined }))).toEqual(['SIG_LINK_KOREAN_LANGUAGE']);
  });

  it('DPRK address space is a hard stop that holds the case, even for a scanner-like visit', () => {
    const findings = run([visit({ ip: IP.kp, languages: [] })]);
    const f = only(findings, 'SIG_LINK_DPRK_IP');
    expect(f.hardStop).toBe(true);
    expect(f.evidence[0]!.detail!.ip).toBe('175.45.178.x');
    expect(decideRisk({ findings, policy }).outcome).toBe('hold');
  });

  it('high-risk countries, VPN and hosting networks', () => {
    expect(codes(run([visit({ ip: IP.ru })]))).toEqual(['SIG_LINK_HIGH_RISK_COUNTRY']);
    expect(codes(run([visit({ ip: IP.vpn })]))).toEqual(['SIG_LINK_FOREIGN_COUNTRY', 'SIG_LINK_VPN']);
    expect(codes(run([visit({ ip: IP.hosting })]))).toEqual(['SIG_LINK_FOREIGN_COUNTRY', 'SIG_LINK_HOSTING']);
    expect(codes(run([visit({ ip: IP.google6, method: 'POST' })]))).toEqual(['SIG_LINK_FOREIGN_COUNTRY', 'SIG_LINK_HOSTING']);
  });

  it('a mail scanner (opened only, from a data centre, without languages) is not taken for the contractor', () => {
    expect(run([visit({ ip: IP.hosting, languages: [] })])).toEqual([]);
    expect(run([visit({ ip: IP.hosting, languages: parseAcceptLanguage('*') })])).toEqual([]);
    // The same address submitting the form is a person.
    expect(codes(run([visit({ ip: IP.hosting, languages: [] }), visit({ ip: IP.hosting, languages: [], method: 'POST', time: '2026-03-02T09:05:00Z' })]))).toEqual([
      'SIG_LINK_FOREIGN_COUNTRY',
      'SIG_LINK_HOSTING',
    ]);
  });

  it('links the applicants behind one address, as a fact about those applicants', () => {
    const findings = run([visit()], { otherApplicantsByIp: { [IP.pl]: ['ob_b', 'ob_a'] } });
    const f = only(findings, 'SIG_LINK_SHARED_IP');
    expect(f.fact).toBe('link:ob_a,ob_b');
    expect(f.message).toContain('2 other applicant(s)');
    expect(f.evidence[0]!.detail).toMatchObject({ ip: '83.10.0.x', otherApplicants: ['ob_b', 'ob_a'] });
  });

  it('a clock the residence does not have, from the browser or the question; a neighbour at the same offset is not one', () => {
    const seoul = run([visit({ method: 'POST', browserTimeZone: 'Asia/Seoul' })]);
    expect(only(seoul, 'SIG_LINK_TIME_ZONE_MISMATCH').message).toBe("The browser's clock is set to Asia/Seoul (UTC+09:00, KR): not a time of PL, the claimed residence (UTC+01:00, UTC+02:00).");
    expect(codes(run([visit({ method: 'POST', statedUtcOffset: 540 })]))).toEqual(['SIG_LINK_TIME_ZONE_MISMATCH']);
    expect(run([visit({ method: 'POST', browserTimeZone: 'Europe/Berlin', statedUtcOffset: 120 })])).toEqual([]);
    // UTC itself names no country: nothing learnt, nothing flagged.
    expect(run([visit({ method: 'POST', browserTimeZone: 'UTC' })])).toEqual([]);
  });

  it('many opens of one footprint are one, from the first to the latest time, whatever order they are read in', () => {
    const opens = Array.from({ length: 30 }, (_, i) => visit({ ip: IP.us, time: new Date(Date.parse('2026-03-02T09:00:00Z') + i * 3_600_000).toISOString() }));
    const a = run(opens);
    const b = run([...opens].reverse());
    expect(a).toEqual(b);
    const f = only(a, 'SIG_LINK_FOREIGN_COUNTRY');
    expect(f.evidence).toHaveLength(1);
    expect(f.evidence[0]!.detail).toMatchObject({ first: '2026-03-02T09:00:00.000Z', latest: '2026-03-03T14:00:00.000Z' });
  });

  it('is part of evaluateSignals, after the platform signals', () => {
    const findings = evaluateSignals({
      signals: [{ type: 'login', time: '2026-03-02T08:00:00Z', ip: IP.pl, accountId: 'a' }],
      linkVisits: [visit({ ip: IP.us })],
      application: { residenceCountry: 'PL', nationality: 'PL' },
      ipIntel,
      policy,
    });
    expect(codes(findings)).toEqual(['SIG_LINK_FOREIGN_COUNTRY']);
  });
});

describe('what a clearance of a link-visit finding rests on (Finding.basis)', () => {
  it('the same visits give the same basis whatever comes beside them; one more visit it counts changes it', () => {
    const dprk = visit({ ip: IP.kp, time: '2026-03-02T09:00:00Z' });
    const basisOf = (visits: LinkVisit[]) => only(run(visits), 'SIG_LINK_DPRK_IP').basis;
    expect(basisOf([dprk])).toBeTruthy();
    // A harmless visit from home beside it: the DPRK finding rests on the same facts.
    expect(basisOf([dprk, visit({ time: '2026-03-03T09:00:00Z' })])).toBe(basisOf([dprk]));
    // Another visit from DPRK address space a day later: a new fact.
    expect(basisOf([dprk, visit({ ip: IP.kp, time: '2026-03-03T09:00:00Z' })])).not.toBe(basisOf([dprk]));
  });
});
