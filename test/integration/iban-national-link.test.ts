import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import type { PaymentDetails } from '../../shared/domain/bank/payment-schema';
import { distinctApplicant } from '../support/applicants';
import { postOnboarding, startTestRuntime, waitForStatus } from '../support/local-runtime';

/**
 * Adversarial pass: a second identity paid into the first one's German account, the first giving it as an IBAN and
 * the second as a SWIFT payment (the bank's BIC and the national account number), linked to nothing: each spelling
 * was keyed apart. On the local runtime, through the API's fingerprints and the bank stage, with the reviewer told how.
 */
describe('one German account as an IBAN and as SWIFT BIC and account number', { timeout: 240_000 }, () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const applicant = async (n: number, payment: (holder: string) => PaymentDetails) => {
    const r = distinctApplicant(n, 'iban');
    r.payment = payment(`${r.contractor.legalName.givenNames} ${r.contractor.legalName.surname}`);
    const res = await postOnboarding(rt, r, `iban-national-${n}`);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return waitForStatus(rt, res.body.id, ['awaiting-interview', 'compliance-hold'], 180_000);
  };

  it('links the second applicant to the first (BANK_SHARED_ACCOUNT), saying the account was written another way', async () => {
    const first = await applicant(0, (accountHolder) => ({ method: 'iban', accountHolder, iban: 'DE89 3704 0044 0532 0130 00' }));
    expect(first.findings.codes).not.toContain('BANK_SHARED_ACCOUNT');
    const second = await applicant(1, (accountHolder) => ({ method: 'swift', accountHolder, bic: 'COBADEFFXXX', accountNumber: '532013000', bankCountry: 'DE' }));
    expect(second.findings.codes).toContain('BANK_SHARED_ACCOUNT');
    const repo = new CaseRepository(DynamoDBDocumentClient.from(rt.dynamo.client), rt.tableName);
    const shared = (await repo.listEvidence(second.id)).flatMap((e) => e.findings).find((f) => f.code === 'BANK_SHARED_ACCOUNT')!;
    expect(shared.message).toContain('written another way');
    expect(shared.evidence[0]!.detail!.linkedCases).toEqual([{ caseId: first.id, status: expect.any(String), matchedBy: ['iban-and-national'] }]);
    // Links both ways: the first applicant's case says it too, naming the second.
    const back = (await repo.listEvidence(first.id))
      .filter((e) => e.stage === 'links')
      .flatMap((e) => e.findings)
      .find((f) => f.code === 'BANK_SHARED_ACCOUNT')!;
    expect(back.message).toContain(`Another applicant (case ${second.id}) gives the same payout account (written another way`);
  });
});
