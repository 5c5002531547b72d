import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactIpDataFile } from '../../infra/ip-data-files';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import { decideRisk } from '../../shared/domain/risk/decide';
import { evaluateSignals } from '../../shared/domain/signals/evaluate-signals';
import { loadIpIntelligence } from '../../shared/adapters/ip-data/ip-data';
import type { Signal } from '../../shared/domain/signals/signal-schema';
import { fixtureIpIntel } from './ip-fixture';

const policy = loadPolicy();

/** The real ip-location-db data the signals bundle ships, with vetflow's hosting and VPN lists over it. */
describe('hosting and edge networks in the shipped data', () => {
  const real = loadIpIntelligence(dirname(join(import.meta.dirname, '..', '..', compactIpDataFile())));
  it.each([
    ['1.1.1.1', 'Cloudflare'],
    ['104.16.1.1', 'Cloudflare'],
    ['151.101.1.1', 'Fastly'],
    ['23.32.1.1', 'Akamai'],
    ['20.1.1.1', 'Microsoft'],
    ['8.8.8.8', 'Google'],
    ['3.5.6.7', 'Amazon'],
    ['159.89.1.1', 'DigitalOcean'],
    ['5.9.1.1', 'Hetzner'],
  ])('%s (%s) is hosting', (ip) => {
    expect(real.lookup(ip).isHosting, JSON.stringify(real.lookup(ip))).toBe(true);
  });
  it('a home broadband address is not', () => {
    expect(real.lookup('83.10.20.30')).toMatchObject({ country: 'PL', isHosting: false, isVpn: false });
  });
});

describe('many countries within a day, beside the short window', () => {
  const t = (h: number) => new Date(Date.UTC(2026, 2, 1, 6, 0) + h * 3_600_000).toISOString();
  const login = (ip: string, h: number): Signal => ({ type: 'login', time: t(h), ip, accountId: 'acc-1' });
  const run = (signals: Signal[]) => evaluateSignals({ signals, application: { residenceCountry: 'PL', phone: '+48601234567', email: 'jan@softwarehouse.pl' }, ipIntel: fixtureIpIntel, policy });
  // Fixture addresses: PL broadband, US residential, IN mobile.
  it('three countries within 24 hours, hours apart, is flagged once as the login-travel fact', () => {
    const out = run([login('83.10.0.1', 0), login('24.1.2.3', 8), login('49.36.1.1', 16)]);
    const day = out.filter((f) => f.code === 'SIG_LOGIN_MANY_COUNTRIES_DAY');
    expect(day).toHaveLength(1);
    expect(day[0]!.message).toMatch(/3 countries .* within 24 hours \(policy allows 2\)/);
    expect(out.some((f) => f.code === 'SIG_LOGIN_MANY_COUNTRIES')).toBe(false);
    const facts = decideRisk({ findings: out, policy }).facts.map((f) => f.fact);
    expect(facts.filter((f) => f === 'login.travel')).toHaveLength(1);
  });
  it('two countries in a day (a flight) or three over three days are not', () => {
    expect(run([login('83.10.0.1', 0), login('24.1.2.3', 12)]).some((f) => f.code === 'SIG_LOGIN_MANY_COUNTRIES_DAY')).toBe(false);
    expect(run([login('83.10.0.1', 0), login('24.1.2.3', 30), login('49.36.1.1', 60)]).some((f) => f.code === 'SIG_LOGIN_MANY_COUNTRIES_DAY')).toBe(false);
  });
});
