import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { distinctApplicant } from '../support/applicants';
import { getOnboarding, postOnboarding, postSignals, startTestRuntime, waitFor, waitForMail, waitForStatus } from '../support/local-runtime';

/**
 * A new home address the platform reports as a contact change (one line of free text) was not keyed: an
 * applicant could move, after intake, to a held applicant's address and stay linked to nothing. On the real
 * runtime: the signals function links it, and the links function (which re-evaluates the signals on the
 * contractor's visits, and reads the same free text) still serves the contractor's page.
 */
describe('an address changed to after intake, in free text', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime({ trustedProxies: ['127.0.0.1'] });
  }, 180_000);
  afterAll(async () => {
    await rt?.stop();
  });

  it("is another applicant's home: a shared postal address, on the case and after the contractor's visit", async () => {
    const first = distinctApplicant(1, 'addrchg');
    first.contractor.address = { line1: 'Marszałkowska 10', line2: 'm. 5', city: 'Warszawa', postalCode: '00-001', country: 'PL' };
    const a = await postOnboarding(rt, first, 'addrchg-1-key');
    await waitForStatus(rt, a.body.id, 'awaiting-interview');

    const second = distinctApplicant(2, 'addrchg');
    const b = await postOnboarding(rt, second, 'addrchg-2-key');
    const id = b.body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    expect((await getOnboarding(rt, id)).findings.codes).not.toContain('LINK_SHARED_CONTACT');

    const res = await postSignals(rt, id, {
      signals: [{ type: 'contact-change', time: '2026-11-25T10:00:00Z', field: 'address', old: 'Piękna 1, 00-002 Warszawa', new: 'ul. Marszalkowska 10/5, 00-001 Warszawa, Poland' }],
    });
    expect(res.status).toBe(202);
    await waitFor(
      'the shared address',
      () => getOnboarding(rt, id),
      (o) => o.findings.codes.includes('LINK_SHARED_CONTACT'),
    );

    // The contractor opens their slot link: the links function evaluates the signals with the address again.
    const { link } = await waitForMail(rt, second.contractor.email, /choose a time/i);
    expect((await fetch(link, { headers: { 'accept-language': 'pl-PL', 'x-forwarded-for': '83.10.50.1' } })).status).toBe(200);
    const o = await waitFor(
      'the visit recorded',
      () => getOnboarding(rt, id),
      (x) => x.stages.signals?.state !== undefined,
    );
    expect(o.findings.codes).toContain('LINK_SHARED_CONTACT');
  });
});
