import { describe, expect, it } from 'vitest';
import type { CaseRecord, EvidenceRecord } from '../../shared/domain/cases/case-model';
import { finding } from '../../shared/domain/finding';
import { loadPolicy, parsePolicyObject } from '../../shared/adapters/files/load-policy';
import { approvalBlockers, currentPayoutMethod } from '../../shared/domain/risk/approval-blockers';
import * as z from '../../shared/domain/schemas/zod';
import { onboardingRequestSchema, type OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import request from '../fixtures/onboarding-request.json' with { type: 'json' };

const policy = loadPolicy();
const application: OnboardingRequest = z.parse(onboardingRequestSchema, request);
const clean: Pick<CaseRecord, 'application' | 'risk'> = { application };
const crypto: Pick<CaseRecord, 'application' | 'risk'> = {
  application: { ...application, payment: { method: 'crypto', currency: 'USDT', walletAddress: 'TXYZ1234567890abcdefghijklmnopqrst' } },
};
const ev = (stage: EvidenceRecord['stage'], recordedAt: string, findings: EvidenceRecord['findings'], data?: Record<string, unknown>): EvidenceRecord => ({
  caseId: 'ob_1',
  stage,
  runId: 'r',
  recordedAt,
  inputs: {},
  findings,
  ...(data && { data }),
});
const cameraOff = finding({ code: 'INT_CAMERA_OFF', stage: 'interview', severity: 'high', message: 'camera off' });

describe('approvalBlockers', () => {
  it('nothing blocks a clean case', () => {
    expect(approvalBlockers(clean, [], policy)).toEqual([]);
  });

  it('a crypto payout blocks approval while the policy refuses crypto, and says to ask for a bank account', () => {
    const [line] = approvalBlockers(crypto, [], policy);
    expect(line).toMatch(/cryptocurrency.*allowCryptoPayment.*bank account.*request information/);
    const allowing = parsePolicyObject({ version: 't', engagement: { ...policy.engagement, allowCryptoPayment: true } });
    expect(approvalBlockers(crypto, [], allowing)).toEqual([]);
  });

  it('the payout in force is the last one the platform reported, so a switch to a bank account lifts the block', () => {
    const switched = ev('signals', '2026-01-02T00:00:00Z', [], { batch: [{ type: 'payment-method-change', time: '2026-01-02T00:00:00Z', method: 'iban' }] });
    expect(currentPayoutMethod(crypto, [switched])).toBe('iban');
    expect(approvalBlockers(crypto, [switched], policy)).toEqual([]);
    const toCrypto = ev('signals', '2026-01-03T00:00:00Z', [], { batch: [{ type: 'payment-method-change', time: '2026-01-03T00:00:00Z', method: 'crypto' }] });
    expect(approvalBlockers(clean, [switched, toCrypto], policy)).toHaveLength(1);
  });

  it('a new payout account counts as the payout in force too: a bank account lifts the crypto block, a wallet imposes it', () => {
    const account = (time: string, method: string): EvidenceRecord => ({
      ...ev('bank', time, []),
      inputs: { trigger: 'payout-account-change' },
      data: { version: { changedAt: time, accountRef: `ref-${time}`, method, masked: method === 'crypto' ? 'wallet T…qrst' : 'IBAN DE…3000' } },
    });
    expect(currentPayoutMethod(crypto, [account('2026-01-02T00:00:00Z', 'iban')])).toBe('iban');
    expect(approvalBlockers(crypto, [account('2026-01-02T00:00:00Z', 'iban')], policy)).toEqual([]);
    expect(approvalBlockers(clean, [account('2026-01-02T00:00:00Z', 'crypto')], policy)).toHaveLength(1);
    // The later event wins, whichever kind: a method change back to a bank after the wallet.
    const back = ev('signals', '2026-01-03T00:00:00Z', [], { batch: [{ type: 'payment-method-change', time: '2026-01-03T00:00:00Z', method: 'iban' }] });
    expect(currentPayoutMethod(clean, [account('2026-01-02T00:00:00Z', 'crypto'), back])).toBe('iban');
  });

  it('a camera-off interview blocks approval by a reviewer, not by a compliance officer', () => {
    const evidence = [ev('interview', '2026-01-02T00:00:00Z', [cameraOff])];
    expect(approvalBlockers(clean, evidence, policy, { email: 'rita.reviewer@example.com' })[0]).toMatch(/camera.*requireCameraOnInterview.*compliance officer/);
    const withCompliance = parsePolicyObject({ version: 't', reviewerPools: { compliance: ['Omar.Officer@example.com'] } });
    expect(approvalBlockers(clean, evidence, withCompliance, { email: 'omar.officer@example.com' })).toEqual([]);
    const notRequired = parsePolicyObject({ version: 't', engagement: { ...policy.engagement, requireCameraOnInterview: false } });
    expect(approvalBlockers(clean, evidence, notRequired)).toEqual([]);
  });

  it('a newer interview with the camera on replaces the camera-off one', () => {
    const evidence = [ev('interview', '2026-01-02T00:00:00Z', [cameraOff]), ev('interview', '2026-01-05T00:00:00Z', [])];
    expect(approvalBlockers(clean, evidence, policy)).toEqual([]);
  });

  it('a strong sanctions match blocks, from the decision or from the evidence', () => {
    expect(
      approvalBlockers({ ...clean, risk: { outcome: 'hold', score: 100, level: 'critical', fourEyesRequired: true, policyVersion: 'x', drivers: ['SCR_STRONG_MATCH'] } }, [], policy),
    ).toHaveLength(1);
    const strong = finding({ code: 'SCR_STRONG_MATCH', stage: 'screening', severity: 'critical', hardStop: true, message: 'match' });
    expect(approvalBlockers(clean, [ev('screening', '2026-01-01T00:00:00Z', [strong])], policy)[0]).toMatch(/strong sanctions match/);
  });

  it('a strong match compliance cleared no longer blocks; one recorded after the clearance does', () => {
    const strong = finding({ code: 'SCR_STRONG_MATCH', stage: 'screening', severity: 'critical', hardStop: true, message: 'match' });
    const cleared = { ...clean, clearances: [{ at: '2026-01-03T00:00:00Z', by: ['ines@x.com', 'jonas@x.com'], codes: ['SCR_STRONG_MATCH'], reasons: ['another person'] }] };
    expect(approvalBlockers(cleared, [ev('screening', '2026-01-01T00:00:00Z', [strong])], policy)).toEqual([]);
    expect(approvalBlockers(cleared, [ev('screening', '2026-01-01T00:00:00Z', [strong]), ev('screening', '2026-01-05T00:00:00Z', [strong])], policy)).toHaveLength(1);
  });
});
