import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { distinctApplicant } from '../support/applicants';
import { postOnboarding, startTestRuntime, waitForStatus } from '../support/local-runtime';

/**
 * Adversarial pass: a second identity paid into the first one's State Bank of India account, given with another
 * branch's IFSC (the transfer is credited all the same: the number is the bank's, not the branch's), linked to
 * nothing. On the local runtime, through the bank stage.
 */
describe('one Indian account under two branch codes', { timeout: 240_000 }, () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const applicant = async (n: number, ifsc: string) => {
    const r = distinctApplicant(n, 'ifsc');
    r.payment = { method: 'in-ifsc', accountHolder: `${r.contractor.legalName.givenNames} ${r.contractor.legalName.surname}`, accountNumber: '30012345678', ifsc };
    const res = await postOnboarding(rt, r, `ifsc-branch-${n}`);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return waitForStatus(rt, res.body.id, ['awaiting-interview', 'compliance-hold'], 180_000);
  };

  it('links the second applicant to the first: BANK_SHARED_ACCOUNT', async () => {
    const first = await applicant(0, 'SBIN0000001');
    expect(first.findings.codes).not.toContain('BANK_SHARED_ACCOUNT');
    const second = await applicant(1, 'SBIN0005943');
    expect(second.findings.codes).toContain('BANK_SHARED_ACCOUNT');
  });
});
