import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { loadRequest, postOnboarding, postSignals, startTestRuntime, waitForStatus } from '../support/local-runtime';

/**
 * Tenth session's adversarial pass: two applicants' logins from one address, written two ways (IPv4 and the same
 * address IPv4-mapped in IPv6; an IPv6 address with its zeros written out and compressed), gave no
 * SIG_SHARED_IP: the index keyed the address as written. On the local runtime through the signals endpoint.
 */
describe('one IP address in two spellings links two applicants', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const applicant = async (n: string) => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = `ip-spelling-${n}`), (r.contractor.email = `ip-spelling-${n}@example.pl`), (r.contractor.phone = `+4860155${n.padStart(4, '0')}`))),
      `ip-spelling-000${n}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    await waitForStatus(rt, res.body.id, 'awaiting-interview');
    return res.body.id as string;
  };
  const login = async (id: string, ip: string, accountId: string) => {
    const r = await postSignals(rt, id, { signals: [{ type: 'login', time: '2026-11-25T11:00:00Z', ip, accountId }] });
    expect(r.status).toBe(202);
    return ((await r.json()) as { findings: string[] }).findings;
  };

  it.each([
    ['81.2.69.161', '::ffff:81.2.69.161', '1', '2'],
    ['2A00:1450:4001:082B:0:0:0:200E', '2a00:1450:4001:82b::200e', '3', '4'],
  ])('%s and %s are one address: SIG_SHARED_IP', async (first, second, a, b) => {
    const idA = await applicant(a);
    const idB = await applicant(b);
    await login(idA, first, `acct-${a}`);
    expect(await login(idB, second, `acct-${b}`)).toContain('SIG_SHARED_IP');
  });

  // Adversarial pass: a laptop farm on IPv6, each applicant's device with its own address in the one /64 of
  // the farm's home network, linked no one.
  it('two addresses of one IPv6 /64 (two devices behind one router) link the applicants; the next /64 does not', async () => {
    const idA = await applicant('5');
    const idB = await applicant('6');
    const idC = await applicant('7');
    await login(idA, '2a00:1450:4001:82b:1c4f:9a2e:77d1:3b05', 'acct-5');
    expect(await login(idB, '2a00:1450:4001:82b:8d3e:11ff:fe22:3344', 'acct-6')).toContain('SIG_SHARED_IP');
    expect(await login(idC, '2a00:1450:4001:82c:1c4f:9a2e:77d1:3b05', 'acct-7')).not.toContain('SIG_SHARED_IP');
  });
});
