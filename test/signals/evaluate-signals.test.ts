import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/domain/finding';
import { loadPolicy, parsePolicyObject } from '../../shared/adapters/files/load-policy';
import { decideRisk } from '../../shared/domain/risk/decide';
import { evaluateSignals, type SignalApplication } from '../../shared/domain/signals/evaluate-signals';
import type { Signal } from '../../shared/domain/signals/signal-schema';
import { fixtureIpIntel as ipIntel } from './ip-fixture';

// Fixture IPs (test/fixtures/ip): PL home broadband, US residential, IN mobile, AWS, M247 VPN, a hosting
// provider, RU, CN, DPRK, Fiji (no centroid), and an address with no data.
const IP = {
  pl: '83.10.0.1',
  pl2: '83.10.0.2',
  pl3: '83.10.0.3',
  pl4: '83.10.0.4',
  us: '24.1.2.3',
  in: '49.36.1.1',
  aws: '3.5.6.7',
  vpn: '146.70.1.1',
  vpnByName: '193.27.13.1',
  hosting: '185.220.101.1',
  ru: '5.8.1.1',
  cn: '36.100.1.1',
  kp: '175.45.178.10',
  fj: '103.1.181.1',
  unknown: '192.0.2.1',
};

const policy = loadPolicy();
const app: SignalApplication = {
  residenceCountry: 'PL',
  phone: '+48601234567',
  email: 'jan.kowalski@softwarehouse.pl',
  address: { line1: 'ul. Prosta 12', city: 'Warszawa', postalCode: '00-838', country: 'PL' },
};

let minute = 0;
const at = (m: number) => new Date(Date.UTC(2026, 2, 1, 9, 0) + m * 60_000).toISOString();
const login = (ip: string, m = (minute += 240), accountId = 'acc-1'): Signal => ({ type: 'login', time: at(m), ip, accountId });

function run(signals: Signal[], overrides: Partial<Parameters<typeof evaluateSignals>[0]> = {}): Finding[] {
  return evaluateSignals({ signals, application: app, ipIntel, policy, ...overrides });
}
const codes = (findings: Finding[]) => findings.map((f) => f.code).sort();
const only = (findings: Finding[], code: string) => {
  const hits = findings.filter((f) => f.code === code);
  expect(hits, `${code} in ${codes(findings).join(',')}`).toHaveLength(1);
  return hits[0]!;
};

describe('evaluateSignals: a clean applicant', () => {
  it('finds nothing for home logins in the residence country and ordinary contacts', () => {
    expect(run([login(IP.pl, 0), login(IP.pl, 600), login(IP.pl2, 2000)])).toEqual([]);
  });
  it('finds nothing with no signals at all', () => {
    expect(run([])).toEqual([]);
  });
  it('does not guess about an IP the data does not know', () => {
    expect(run([login(IP.unknown, 0), login(IP.pl, 1)])).toEqual([]);
  });
});

describe('login rules', () => {
  it('SIG_DPRK_IP: a login from North Korean address space is a hard stop that holds the case', () => {
    const out = run([login(IP.pl, 0), login(IP.kp, 600)]);
    const f = only(out, 'SIG_DPRK_IP');
    expect(f).toMatchObject({ stage: 'signals', severity: 'critical', hardStop: true });
    expect(f.evidence[0]!.detail).toMatchObject({ ip: IP.kp, country: 'KP', asn: 131279 });
    expect(f.guidance).toMatch(/2022 DPRK IT worker advisory/);
    expect(codes(out)).not.toContain('SIG_LOGIN_FOREIGN_COUNTRY');
    expect(decideRisk({ findings: out, policy }).outcome).toBe('hold');
  });

  it('SIG_HARD_STOP_COUNTRY: a login from another country the policy makes a hard stop', () => {
    const strict = parsePolicyObject({ version: 't', countries: { hardStop: ['KP', 'IR', 'RU'], highRisk: ['CN'] } });
    const f = only(run([login(IP.ru, 0)], { policy: strict }), 'SIG_HARD_STOP_COUNTRY');
    expect(f).toMatchObject({ hardStop: true, severity: 'critical' });
    expect(f.message).toMatch(/RU/);
  });

  it('SIG_LOGIN_HIGH_RISK_COUNTRY: logins from a high-risk country other than the residence', () => {
    const out = run([login(IP.cn, 0), login(IP.pl, 600)]);
    expect(only(out, 'SIG_LOGIN_HIGH_RISK_COUNTRY')).toMatchObject({ severity: 'high' });
    expect(codes(out)).not.toContain('SIG_LOGIN_FOREIGN_COUNTRY');
  });

  it('does not flag logins from the residence country even when it is high risk (the profile check does that)', () => {
    expect(run([login(IP.cn, 0)], { application: { ...app, residenceCountry: 'CN', phone: '+8613800138000' } })).toEqual([]);
  });

  it('SIG_LOGIN_FOREIGN_COUNTRY: logins from a country other than the claimed residence', () => {
    const f = only(run([login(IP.us, 0), login(IP.us, 10), login(IP.pl, 4000)]), 'SIG_LOGIN_FOREIGN_COUNTRY');
    expect(f).toMatchObject({ severity: 'medium', hardStop: false });
    expect(f.message).toMatch(/2 login\(s\) from US although the applicant claims to live in PL/);
    expect(f.evidence).toHaveLength(1); // one per IP, not per login
  });

  it('SIG_LOGIN_VPN: logins through a VPN provider, by curated ASN or by org name', () => {
    const f = only(run([login(IP.vpn, 0), login(IP.vpnByName, 4000)], { application: { ...app, residenceCountry: 'GB' } }), 'SIG_LOGIN_VPN');
    expect(f.message).toMatch(/M247 Europe SRL/);
    expect(f.evidence).toHaveLength(2);
  });

  it('SIG_LOGIN_HOSTING: logins from a data centre, not reported twice when it is a VPN', () => {
    const out = run([login(IP.hosting, 0), login(IP.vpn, 4000)], { application: { ...app, residenceCountry: 'DE' } });
    const f = only(out, 'SIG_LOGIN_HOSTING');
    expect(f.evidence.map((e) => e.detail?.ip)).toEqual([IP.hosting]);
    expect(codes(out)).toContain('SIG_LOGIN_VPN');
  });

  it('SIG_LOGIN_MANY_IPS: more distinct IPs than the policy allows inside the window, not outside it', () => {
    const burst = [login(IP.pl, 0), login(IP.pl2, 10), login(IP.pl3, 20), login(IP.pl4, 30)];
    const f = only(run(burst), 'SIG_LOGIN_MANY_IPS');
    expect(f.message).toMatch(/4 different IP addresses within 60 minutes \(policy allows 3\)/);
    expect(f.evidence[0]!.detail).toMatchObject({ from: at(0), to: at(30) });
    const spread = [login(IP.pl, 0), login(IP.pl2, 40), login(IP.pl3, 80), login(IP.pl4, 120)];
    expect(codes(run(spread))).not.toContain('SIG_LOGIN_MANY_IPS');
  });

  it('SIG_LOGIN_MANY_COUNTRIES: several countries within the window', () => {
    const f = only(run([login(IP.pl, 0), login(IP.us, 20)]), 'SIG_LOGIN_MANY_COUNTRIES');
    expect(f.message).toMatch(/2 countries \(PL, US\) within 60 minutes/);
    expect(codes(run([login(IP.pl, 0), login(IP.us, 61)]))).not.toContain('SIG_LOGIN_MANY_COUNTRIES');
  });

  it('SIG_LOGIN_MANY_ACCOUNTS: more platform accounts than the policy allows', () => {
    const f = only(run([login(IP.pl, 0, 'acc-1'), login(IP.pl, 500, 'acc-2')]), 'SIG_LOGIN_MANY_ACCOUNTS');
    expect(f.evidence[0]!.detail).toEqual({ accounts: ['acc-1', 'acc-2'] });
  });

  describe('SIG_IMPOSSIBLE_TRAVEL', () => {
    it('flags two countries too far apart for the time between logins', () => {
      // Warsaw area to India (~5,600 km) in 3 hours: ~1,900 km/h.
      const f = only(run([login(IP.pl, 0), login(IP.in, 180)]), 'SIG_IMPOSSIBLE_TRAVEL');
      expect(f.severity).toBe('high');
      expect(f.message).toMatch(/PL and IN 3\.0 h apart, about \d+ km apart \(\d+ km\/h\)/);
      expect(f.evidence[0]!.detail).toMatchObject({ fromCountry: 'PL', toCountry: 'IN', impossiblePairs: 1, uncheckedPairs: 0 });
    });
    it('accepts the same trip when there was time to fly it', () => {
      expect(codes(run([login(IP.pl, 0), login(IP.in, 12 * 60)]))).not.toContain('SIG_IMPOSSIBLE_TRAVEL');
    });
    it('flags two countries at the same moment', () => {
      expect(only(run([login(IP.pl, 0), login(IP.us, 0)]), 'SIG_IMPOSSIBLE_TRAVEL').message).toMatch(/at the same moment/);
    });
    it('ignores hops shorter than the minimum distance (centroids are too coarse)', () => {
      // PL -> DE (~700 km points apart) needs a lower minimum to count; raise it and the pair is ignored.
      const wide = parsePolicyObject({ version: 't', signals: { ...policy.signals, impossibleTravelMinKm: 2000 } });
      expect(codes(run([login(IP.pl, 0), login(IP.hosting, 5)], { policy: wide }))).not.toContain('SIG_IMPOSSIBLE_TRAVEL');
    });
    it('skips pairs whose country has no point in the table, and says so when it reports others', () => {
      expect(codes(run([login(IP.pl, 0), login(IP.fj, 30)]))).not.toContain('SIG_IMPOSSIBLE_TRAVEL');
      const f = only(run([login(IP.fj, 0), login(IP.pl, 30), login(IP.us, 60)]), 'SIG_IMPOSSIBLE_TRAVEL');
      expect(f.evidence[0]!.detail).toMatchObject({ uncheckedPairs: 1, impossiblePairs: 1 });
    });
  });

  it('SIG_SHARED_IP: other applicants behind the same IP (laptop farm)', () => {
    const out = run([login(IP.us, 0), login(IP.pl, 5000)], { otherApplicantsByIp: { [IP.us]: ['onb_2', 'onb_3'], [IP.pl]: [] } });
    const f = only(out, 'SIG_SHARED_IP');
    expect(f.severity).toBe('high');
    expect(f.message).toMatch(/^2 other applicant\(s\)/);
    expect(f.evidence).toEqual([{ kind: 'shared-ip', field: 'ip', detail: { ip: IP.us, otherApplicants: ['onb_2', 'onb_3'], count: 2 } }]);
    expect(decideRisk({ findings: out, policy }).score).toBeGreaterThanOrEqual(policy.thresholds.review);
  });
  it('SIG_SHARED_IP says when the shared IP is a hosting/VPN exit', () => {
    const f = only(run([login(IP.aws, 0)], { application: { ...app, residenceCountry: 'US', phone: '+12025550123' }, otherApplicantsByIp: { [IP.aws]: ['onb_9'] } }), 'SIG_SHARED_IP');
    expect(f.message).toMatch(/hosting\/VPN exits/);
  });
});

describe('contact rules', () => {
  const withContacts = (phone: string | undefined, email: string | undefined, extra: Partial<SignalApplication> = {}) => run([], { application: { ...app, phone, email, ...extra } });

  it('SIG_PHONE_INVALID: a number valid in no numbering plan', () => {
    expect(only(withContacts('+4812', undefined), 'SIG_PHONE_INVALID').evidence[0]).toEqual({ kind: 'contact', field: 'phone', detail: { source: 'intake' } });
  });
  it('SIG_PHONE_VOIP: a number the metadata types as VOIP', () => {
    const out = withContacts('+445601234567', undefined, { residenceCountry: 'GB' });
    expect(only(out, 'SIG_PHONE_VOIP').severity).toBe('medium');
    expect(codes(out)).not.toContain('SIG_PHONE_COUNTRY_MISMATCH');
    expect(decideRisk({ findings: out, policy }).score).toBe(20); // byCode weight in the default policy
  });
  it('SIG_PHONE_COUNTRY_MISMATCH: a phone from another country than the residence', () => {
    const f = only(withContacts('+919876543210', undefined), 'SIG_PHONE_COUNTRY_MISMATCH');
    expect(f.message).toMatch(/from IN although the applicant claims to live in PL/);
  });
  it('SIG_PHONE_DPRK: a +850 number is a hard stop', () => {
    const out = withContacts('+85023812345', undefined);
    expect(only(out, 'SIG_PHONE_DPRK')).toMatchObject({ hardStop: true, severity: 'critical' });
    expect(codes(out)).not.toContain('SIG_PHONE_COUNTRY_MISMATCH');
  });
  it('SIG_HARD_STOP_COUNTRY: a phone from another hard-stop country of the policy', () => {
    const strict = parsePolicyObject({ version: 't', countries: { hardStop: ['KP', 'IR'] } });
    expect(only(run([], { application: { ...app, phone: '+989121234567' }, policy: strict }), 'SIG_HARD_STOP_COUNTRY').message).toMatch(/IR/);
  });
  it('checks a phone number given later through a contact change, naming where it came from', () => {
    const out = run([{ type: 'contact-change', time: at(0), field: 'phone', old: app.phone, new: '+445601234567' }]);
    expect(only(out, 'SIG_PHONE_VOIP').evidence[0]!.detail).toEqual({ source: `contact-change ${at(0)}`, country: 'GB' });
  });

  it('SIG_EMAIL_DISPOSABLE: a throw-away domain, subdomains included', () => {
    expect(only(withContacts(undefined, 'dev@mailinator.com'), 'SIG_EMAIL_DISPOSABLE').evidence[0]!.detail).toEqual({ source: 'intake', domain: 'mailinator.com' });
    expect(codes(withContacts(undefined, 'dev@inbox.yopmail.com'))).toEqual(['SIG_EMAIL_DISPOSABLE']);
  });
  it('SIG_EMAIL_FREEMAIL: only where a business address is expected', () => {
    expect(withContacts(undefined, 'dev@gmail.com')).toEqual([]);
    const f = only(withContacts(undefined, 'dev@gmail.com', { businessEmailExpected: true }), 'SIG_EMAIL_FREEMAIL');
    expect(f.severity).toBe('low');
    expect(withContacts(undefined, 'dev@softwarehouse.pl', { businessEmailExpected: true })).toEqual([]);
  });

  it('SIG_CONTACT_CHANGES: more changes than the policy allows within the window', () => {
    const change = (day: number, field: 'email' | 'phone' | 'messaging'): Signal => ({
      type: 'contact-change',
      time: new Date(Date.UTC(2026, 2, 1 + day)).toISOString(),
      field,
      new: field === 'email' ? `dev${day}@softwarehouse.pl` : field === 'phone' ? '+48601234567' : `tg${day}`,
    });
    const f = only(run([change(0, 'email'), change(3, 'phone'), change(10, 'messaging')]), 'SIG_CONTACT_CHANGES');
    expect(f.message).toMatch(/changed 3 times within 30 days \(email, phone, messaging\)/);
    expect(codes(run([change(0, 'email'), change(40, 'phone'), change(80, 'messaging')]))).not.toContain('SIG_CONTACT_CHANGES');
    expect(codes(run([change(0, 'email'), change(3, 'phone')]))).not.toContain('SIG_CONTACT_CHANGES');
  });
});

describe('equipment rules', () => {
  const ship = (address: { line1: string; city: string; postalCode?: string; country: string }): Signal => ({ type: 'shipping-address', time: at(0), address });

  it('SIG_SHIPPING_COUNTRY_MISMATCH: the laptop goes to another country', () => {
    const f = only(run([ship({ line1: '1 Main St', city: 'Austin', postalCode: '78701', country: 'US' })]), 'SIG_SHIPPING_COUNTRY_MISMATCH');
    expect(f).toMatchObject({ severity: 'high' });
    expect(f.evidence[0]!.detail).toMatchObject({ country: 'US', city: 'Austin' });
  });
  it('SIG_SHIPPING_ADDRESS_MISMATCH: same country, another address than the residence', () => {
    expect(only(run([ship({ line1: 'ul. Długa 5', city: 'Kraków', country: 'PL' })]), 'SIG_SHIPPING_ADDRESS_MISMATCH').severity).toBe('medium');
  });
  it('treats the residence written differently as the same address', () => {
    expect(run([ship({ line1: 'UL PROSTA 12', city: 'warszawa', postalCode: '00838', country: 'PL' })])).toEqual([]);
  });
  it('cannot compare addresses in the same country when intake had none', () => {
    expect(run([ship({ line1: 'ul. Długa 5', city: 'Kraków', country: 'PL' })], { application: { ...app, address: undefined } })).toEqual([]);
  });
  it('SIG_HARD_STOP_COUNTRY: shipping to North Korea', () => {
    const out = run([ship({ line1: 'x', city: 'Pyongyang', country: 'KP' })]);
    expect(only(out, 'SIG_HARD_STOP_COUNTRY').hardStop).toBe(true);
    expect(codes(out)).not.toContain('SIG_SHIPPING_COUNTRY_MISMATCH');
  });
  it('SIG_REMOTE_DESKTOP: remote-control tools or IP-KVMs', () => {
    const f = only(
      run([
        { type: 'remote-desktop-detected', time: at(0), tool: 'AnyDesk' },
        { type: 'remote-desktop-detected', time: at(5), tool: 'ip-kvm' },
      ]),
      'SIG_REMOTE_DESKTOP',
    );
    expect(f.message).toMatch(/anydesk, ip-kvm/);
    expect(f.severity).toBe('high');
  });
});

describe('conduct rules', () => {
  it('SIG_OFF_PLATFORM_REQUEST: moving the conversation elsewhere, with an excerpt for the reviewer', () => {
    const f = only(run([{ type: 'off-platform-request', time: at(0), channel: 'telegram', text: 'x'.repeat(300) }]), 'SIG_OFF_PLATFORM_REQUEST');
    expect(f.evidence[0]!.detail).toMatchObject({ channel: 'telegram' });
    expect(String(f.evidence[0]!.detail!.excerpt)).toHaveLength(200);
  });
  it('SIG_PAYMENT_CHANGES: more payment-method changes than the policy allows', () => {
    const change = (m: number, method: 'iban' | 'swift'): Signal => ({ type: 'payment-method-change', time: at(m), method });
    expect(run([change(0, 'iban')])).toEqual([]);
    expect(only(run([change(0, 'iban'), change(10, 'swift')]), 'SIG_PAYMENT_CHANGES').message).toMatch(/changed 2 times \(policy allows 1\)/);
  });
  it('SIG_PAYMENT_CRYPTO: asking to be paid in virtual currency', () => {
    expect(only(run([{ type: 'payment-method-change', time: at(0), method: 'crypto' }]), 'SIG_PAYMENT_CRYPTO').severity).toBe('high');
  });
});

describe('signals and the decision together', () => {
  it('the laptop-farm picture reaches a compliance hold on score alone', () => {
    const out = run(
      [
        login(IP.vpn, 0),
        login(IP.us, 30),
        { type: 'shipping-address', time: at(40), address: { line1: '9 Elm St', city: 'Dallas', country: 'US' } },
        { type: 'remote-desktop-detected', time: at(50), tool: 'anydesk' },
      ],
      { otherApplicantsByIp: { [IP.us]: ['onb_7'] } },
    );
    const d = decideRisk({ findings: out, policy });
    expect(d.outcome).toBe('hold');
    expect(d.level).toBe('high');
    expect(d.drivers[0]!.code).toBe('SIG_SHARED_IP');
  });
  it('uses the built-in policy when none is given', () => {
    expect(codes(evaluateSignals({ signals: [login(IP.kp, 0)], application: app, ipIntel }))).toContain('SIG_DPRK_IP');
  });
  it('is deterministic whatever the order the signals arrive in', () => {
    const signals = [login(IP.pl, 0), login(IP.in, 100), login(IP.us, 50), login(IP.vpn, 20)];
    expect(run([...signals].reverse())).toEqual(run(signals));
  });
});
