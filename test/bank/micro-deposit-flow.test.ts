import { describe, expect, it } from 'vitest';
import { depositCurrency, microDepositsApply, ownershipUnverifiedFindings } from '../../shared/app/bank/micro-deposit-flow';
import type { EvidenceRecord } from '../../shared/domain/cases/case-model';
import { evidenceInForce } from '../../shared/domain/cases/latest-findings';
import { parsePolicyObject } from '../../shared/adapters/files/load-policy';
import { BANK_CODES } from '../../shared/domain/bank/bank-codes';

const record = (runId: string, at: string, status: string, findings: EvidenceRecord['findings'] = []): EvidenceRecord => ({
  caseId: 'c1',
  stage: 'micro-deposits',
  runId,
  recordedAt: at,
  inputs: { sendId: 's1', currency: 'GBP' },
  findings,
  data: { status, attempts: runId === 'sent' ? 0 : 1 },
});

describe('micro-deposit flow (pure parts)', () => {
  const policy = parsePolicyObject({ version: 'x', bank: { microDeposits: { default: false, byCountry: { GB: true } } } });
  it('applies to bank accounts in the countries the policy names, never to wallets or platforms', () => {
    expect(microDepositsApply(policy, { method: 'uk-sort-code', accountHolder: 'x', sortCode: '089999', accountNumber: '66374958' })).toBe(true);
    expect(microDepositsApply(policy, { method: 'iban', accountHolder: 'x', iban: 'PL61109010140000071219812874' })).toBe(false);
    const everywhere = parsePolicyObject({ version: 'x', bank: { microDeposits: true } });
    expect(microDepositsApply(everywhere, { method: 'crypto', currency: 'USDT', walletAddress: 'TXYZabcdefghijklmnopqrstu' })).toBe(false);
    expect(microDepositsApply(everywhere, { method: 'payment-platform', provider: 'Payoneer', accountEmail: 'a@example.com' })).toBe(false);
  });

  it("sends in the account country's currency", () => {
    expect([depositCurrency('GB'), depositCurrency('IN'), depositCurrency('DE'), depositCurrency(undefined)]).toEqual(['GBP', 'INR', 'EUR', 'USD']);
  });

  it('flags unproven ownership only while the deposits are pending, once', () => {
    const sent = record('sent', '2026-03-01T10:00:00Z', 'pending');
    const [f] = ownershipUnverifiedFindings([sent]);
    expect(f).toMatchObject({ code: BANK_CODES.ownershipUnverified, severity: 'medium', stage: 'bank' });
    expect(f!.message.length).toBeGreaterThan(40);
    expect(f!.evidence[0]).toMatchObject({ kind: 'micro-deposits', detail: { sendId: 's1' } });
    expect(ownershipUnverifiedFindings([sent, record('attempt-1', '2026-03-02T10:00:00Z', 'verified')])).toEqual([]);
    expect(ownershipUnverifiedFindings([sent, record('attempt-3', '2026-03-02T10:00:00Z', 'failed')])).toEqual([]);
    expect(ownershipUnverifiedFindings([sent, record('unverified-r1', '2026-03-03T10:00:00Z', 'pending', [f!])])).toEqual([]);
    expect(ownershipUnverifiedFindings([])).toEqual([]);
  });

  it('a confirmation after the reassessment replaces the unverified finding in force', () => {
    const sent = record('sent', '2026-03-01T10:00:00Z', 'pending');
    const unverified = record('unverified-r1', '2026-03-03T10:00:00Z', 'pending', ownershipUnverifiedFindings([sent]));
    const confirmed = record('attempt-1', '2026-03-04T10:00:00Z', 'verified');
    expect(
      evidenceInForce([sent, unverified])
        .get('micro-deposits')![0]!
        .findings.map((x) => x.code),
    ).toEqual([BANK_CODES.ownershipUnverified]);
    expect(evidenceInForce([sent, unverified, confirmed]).get('micro-deposits')).toEqual([confirmed]);
  });

  it('deposits prove the account they went to: the account of the latest payout change is in force, whatever answer comes later', () => {
    const unverified = ownershipUnverifiedFindings([record('sent', '2026-03-01T10:00:00Z', 'pending')]);
    const at = (r: EvidenceRecord, inputs: Record<string, unknown>): EvidenceRecord => ({ ...r, inputs: { ...r.inputs, ...inputs } });
    const intakeSent = at(record('sent', '2026-03-01T10:00:00Z', 'pending'), { accountRef: 'A' });
    // Two changes, B then C (their own times), each with its round and the unproven finding.
    const toB = at(record('payout-b', '2026-03-02T10:00:00Z', 'pending', unverified), { accountRef: 'B', changedAt: '2026-03-02T09:00:00Z' });
    const toC = at(record('payout-c', '2026-03-03T10:00:00Z', 'pending', unverified), { accountRef: 'C', changedAt: '2026-03-03T09:00:00Z' });
    const inForce = (...rs: EvidenceRecord[]) => evidenceInForce(rs).get('micro-deposits')![0]!;
    expect(inForce(intakeSent, toB, toC)).toBe(toC);
    // B's and A's confirmations, recorded after the change to C, are theirs: C stays unproven.
    const bConfirmed = at(record('payout-b-attempt-1', '2026-03-04T10:00:00Z', 'verified'), { accountRef: 'B' });
    const aConfirmed = at(record('attempt-1', '2026-03-05T10:00:00Z', 'verified'), { accountRef: 'A' });
    expect(inForce(intakeSent, toB, toC, bConfirmed, aConfirmed)).toBe(toC);
    // The HRIS delivered the change to B after the one to C: C, the later change, is still the account paid.
    const lateB = { ...toB, recordedAt: '2026-03-06T10:00:00Z' };
    expect(inForce(intakeSent, toC, lateB)).toBe(toC);
    // C's own confirmation proves C.
    const cConfirmed = at(record('payout-c-attempt-1', '2026-03-04T11:00:00Z', 'verified'), { accountRef: 'C' });
    expect(inForce(intakeSent, toB, toC, bConfirmed, cConfirmed)).toBe(cConfirmed);
    // Without any payout change: the newest record, as before.
    expect(inForce(intakeSent, aConfirmed)).toBe(aConfirmed);
  });

  it('the bank checks in force are those of the latest payout change by its own time, not the last delivered nor the bank stage re-run', () => {
    const bankRun = (runId: string, recordedAt: string, inputs: Record<string, unknown>): EvidenceRecord => ({ caseId: 'c1', stage: 'bank', runId, recordedAt, inputs, findings: [] });
    const stage = bankRun('exec-1', '2026-03-01T10:00:00Z', { method: 'iban' });
    const toC = bankRun('payout-c', '2026-03-02T10:00:00Z', { trigger: 'payout-account-change', changedAt: '2026-03-02T09:00:00Z' });
    const lateB = bankRun('payout-b', '2026-03-03T10:00:00Z', { trigger: 'payout-account-change', changedAt: '2026-03-01T12:00:00Z' });
    const rerun = bankRun('exec-2', '2026-03-04T10:00:00Z', { method: 'iban' });
    expect(evidenceInForce([stage, toC, lateB, rerun]).get('bank')).toEqual([toC]);
    expect(evidenceInForce([stage, rerun]).get('bank')).toEqual([rerun]);
    const recount = { ...toC, runId: 'payout-c-recount-1', recordedAt: '2026-03-03T10:00:01Z' };
    expect(evidenceInForce([stage, toC, lateB, recount]).get('bank')).toEqual([recount]);
  });
});
