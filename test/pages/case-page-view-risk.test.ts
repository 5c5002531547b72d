import { describe, expect, it } from 'vitest';
import type { CaseRecord, EvidenceRecord } from '../../shared/domain/cases/case-model';
import { riskSummaryOf } from '../../shared/domain/cases/risk-summary';
import { finding } from '../../shared/domain/finding';
import { casePageView } from '../../shared/domain/links/case-page-view';
import type { LinkRecord } from '../../shared/domain/links/link-model';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import { approvalBlockers } from '../../shared/domain/risk/approval-blockers';
import { decideRisk } from '../../shared/domain/risk/decide';
import { onboardingRequestSchema } from '../../shared/domain/schemas/onboarding';
import * as z from '../../shared/domain/schemas/zod';
import fixture from '../fixtures/onboarding-request.json' with { type: 'json' };

const policy = loadPolicy();
const application = z.parse(onboardingRequestSchema, fixture);
const findings = [
  finding({ code: 'BANK_CHINA_BANK', stage: 'bank', severity: 'high', message: 'bank in China' }),
  finding({ code: 'BANK_COUNTRY_NOT_RESIDENCE', stage: 'bank', severity: 'medium', message: 'bank abroad' }),
];
const c: CaseRecord = {
  id: 'ob_1',
  clientId: 'hris',
  externalId: 'x-1',
  status: 'awaiting-approval',
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
  executionName: 'ob-1',
  application: { ...application, payment: { method: 'crypto', currency: 'USDT', walletAddress: 'TQn9Y2khEsLJW1ChVWFMSMeRDow5000001' } },
  stages: {},
  risk: riskSummaryOf(decideRisk({ findings, policy })),
};
const ev = (stage: EvidenceRecord['stage'], inputs: Record<string, unknown>, f = findings, data?: Record<string, unknown>): EvidenceRecord => ({
  caseId: 'ob_1',
  stage,
  runId: 'r1',
  recordedAt: '2026-01-02T00:00:00Z',
  inputs,
  findings: f,
  ...(data && { data }),
});
const evidence = [ev('bank', {}), ev('interview', { interviewerId: 'iv-1', slotStart: '2026-01-02T09:00:00Z' }, [], { answers: [{ question: 'Camera on throughout?', answer: 'Yes' }] })];
const link: LinkRecord = {
  tokenHash: 'h',
  caseId: 'ob_1',
  task: 'approval',
  callbackId: 'cb1',
  purpose: 'review',
  actions: ['approve', 'reject', 'request-info'],
  recipient: { name: 'Rita Reviewer', email: 'rita.reviewer@example.com', role: 'reviewer' },
  createdAt: '2026-01-02T00:00:00Z',
  expiresAt: '2026-01-04T00:00:00Z',
};

describe('casePageView: the stored arithmetic, the blockers and the interviewer by name', () => {
  const view = casePageView({
    c,
    evidence,
    audit: [],
    link,
    csrf: 't',
    approvalBlockers: approvalBlockers(c, evidence, policy, link.recipient),
    interviewers: [{ id: 'iv-1', name: 'Ines Interviewer' }],
  });
  it('shows the risk decision as stored with it', () => {
    expect(view.risk).toMatchObject({ outcome: 'review', score: 35, thresholds: { review: 30, hold: 100 }, hardStops: [] });
    expect(view.risk!.facts).toEqual([{ fact: 'bank.country', weight: 35, code: 'BANK_CHINA_BANK', codes: ['BANK_CHINA_BANK', 'BANK_COUNTRY_NOT_RESIDENCE'] }]);
    expect(view.risk!.explanation.join('\n')).toMatch(/Score 35 = 35\./);
  });
  it('takes approve away while the payout is crypto, and says why', () => {
    expect(view.actions.allowed).toEqual(['reject', 'request-info']);
    expect(view.actions.approveBlockedReason).toMatch(/cryptocurrency/);
  });
  it('names the interviewer and shows the questions and answers', () => {
    expect(view.interview).toMatchObject({ interviewerName: 'Ines Interviewer', answers: [{ question: 'Camera on throughout?', answer: 'Yes' }] });
  });
});
