import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { loadRequest, postOnboarding, startTestRuntime, waitForStatus } from '../support/local-runtime';

/**
 * Adversarial pass: the payout account held jointly with a listed person. "Anna Maria Kowalska & Kim Yong Chol"
 * contains the contractor's name, so the bank check read it as her own account; screening read the field as one
 * person's name, with her birth date, and found no one. On the real local runtime: the co-holder is screened on
 * their own and the joint account is a finding.
 */
describe('a payout account held jointly with a listed person', { timeout: 240_000 }, () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('screens the co-holder on their own and reads the account as not the worker’s own', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = 'joint-holder-1'), (r.payment.accountHolder = 'Anna Maria Kowalska & Kim Yong Chol'))),
      'joint-holder-1',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const o = await waitForStatus(rt, res.body.id, ['compliance-hold', 'awaiting-interview'], 180_000);
    const codes: string[] = o.findings.codes;
    expect(
      codes.some((c) => c === 'SCR_POTENTIAL_MATCH' || c === 'SCR_STRONG_MATCH'),
      codes.join(','),
    ).toBe(true);
    expect(codes).toContain('BANK_HOLDER_NAME_MISMATCH');
  });

  // The account wholly in a listed person's name was screened as one of the contractor's names, with her birth date:
  // the listed holder's own (or none) is not hers, and the name screened clear.
  it('screens a holder who is not the contractor by name alone, not with the contractor’s birth date', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = 'joint-holder-2'), (r.contractor.email = 'joint-holder-2@example.pl'), (r.contractor.phone = '+48601234999'), (r.payment.accountHolder = 'Kim Yong Chol'))),
      'joint-holder-2',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const o = await waitForStatus(rt, res.body.id, ['compliance-hold', 'awaiting-interview'], 180_000);
    const codes: string[] = o.findings.codes;
    expect(
      codes.some((c) => c === 'SCR_POTENTIAL_MATCH' || c === 'SCR_STRONG_MATCH'),
      codes.join(','),
    ).toBe(true);
  });
});
