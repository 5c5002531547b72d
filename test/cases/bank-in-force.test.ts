import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../shared/domain/cases/case-model';
import { evidenceInForce, latestFindings } from '../../shared/domain/cases/latest-findings';
import { finding } from '../../shared/domain/finding';

const bank = (runId: string, recordedAt: string, changedAt: string | undefined, codes: string[]): EvidenceRecord => ({
  caseId: 'ob_1',
  stage: 'bank',
  runId,
  recordedAt,
  inputs: changedAt ? { trigger: 'payout-account-change', changedAt } : {},
  findings: codes.map((code) => finding({ code, stage: 'bank', severity: code === 'BANK_DETAILS_CHANGED' ? 'low' : 'critical', message: code })),
});

describe('the bank evidence in force', () => {
  const intake = bank('intake', '2026-12-01T09:00:00Z', undefined, []);
  // The HRIS delivered the later change first: to a Polish account at 10:00:30, then the move to a North
  // Korean bank made at 10:00:00. An adversarial pass saw the hard stop recorded but never holding.
  const polish = bank('change-pl', '2026-12-01T10:01:00Z', '2026-12-01T10:00:30Z', ['BANK_DETAILS_CHANGED']);
  const dprk = bank('change-kp', '2026-12-01T10:02:00Z', '2026-12-01T10:00:00Z', ['BANK_DPRK_BANK', 'BANK_SANCTIONS_HIT']);

  it('the account paid now is the latest change by its own time, and comes first', () => {
    expect(evidenceInForce([intake, polish, dprk]).get('bank')![0]!.runId).toBe('change-pl');
  });

  it('a move to a North Korean or listed bank stays in force beside it, whatever order the changes came in', () => {
    for (const order of [
      [intake, polish, dprk],
      [intake, dprk, polish],
    ])
      expect(latestFindings(order).map((f) => f.code)).toEqual(expect.arrayContaining(['BANK_DPRK_BANK', 'BANK_SANCTIONS_HIT', 'BANK_DETAILS_CHANGED']));
  });

  it('an ordinary earlier account does not', () => {
    const older = bank('change-de', '2026-12-01T09:30:00Z', '2026-12-01T09:30:00Z', ['BANK_DETAILS_CHANGED']);
    expect(
      evidenceInForce([intake, older, polish])
        .get('bank')!
        .map((e) => e.runId),
    ).toEqual(['change-pl']);
  });
});
