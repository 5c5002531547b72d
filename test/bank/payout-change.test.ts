import { describe, expect, it } from 'vitest';
import { currentPayoutOf, payoutAccountsOf } from '../../shared/domain/bank/payout-accounts';
import { maskAccount } from '../../shared/domain/bank/account-identifier';
import { accountChanges, checkPayoutChange, isOtherHolder, mostChangesWithin, newAccountOwnershipFindings, payoutChangeFindings } from '../../shared/domain/bank/payout-change';
import { defaultPolicy } from '../../shared/domain/policy/default-policy';
import { parsePolicyObject } from '../../shared/domain/policy/policy-document';
import type { PaymentDetailsChange } from '../../shared/domain/bank/payment-history';
import type { ScreenFn } from '../../shared/domain/bank/check-bank';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import { parseSignalsBody } from '../../shared/domain/signals/signal-schema';
import { makeRequest } from '../document/request-fixture';

const v = (changedAt: string, accountRef: string, accountHolder = 'Anna Maria Kowalska'): PaymentDetailsChange => ({
  changedAt,
  accountRef,
  method: 'iban',
  masked: `IBAN DE…${accountRef}`,
  accountHolder,
});
const policy = loadPolicy();

describe('payout changes: how many, how close together (time is the versions\u2019 own)', () => {
  it('re-submitting the same account is no change; each other account is one', () => {
    expect(accountChanges([v('2026-03-01T00:00:00Z', 'a'), v('2026-03-02T00:00:00Z', 'a'), v('2026-03-03T00:00:00Z', 'b')])).toHaveLength(1);
  });
  it('the densest window counts, not the whole onboarding', () => {
    const changes = accountChanges([v('2026-01-01T00:00:00Z', 'a'), v('2026-01-02T00:00:00Z', 'b'), v('2026-03-01T00:00:00Z', 'c'), v('2026-03-20T00:00:00Z', 'd')]);
    expect(mostChangesWithin(changes, 30).count).toBe(2);
    expect(mostChangesWithin(changes, 90).count).toBe(3);
  });
  it('one change is BANK_DETAILS_CHANGED (low); two within the window BANK_DETAILS_CHANGED_FREQUENTLY; two far apart are not frequent', () => {
    expect(payoutChangeFindings([v('2026-03-01T00:00:00Z', 'a'), v('2026-03-05T00:00:00Z', 'b')], 1, 30).map((f) => [f.code, f.severity])).toEqual([['BANK_DETAILS_CHANGED', 'low']]);
    expect(payoutChangeFindings([v('2026-03-01T00:00:00Z', 'a'), v('2026-03-05T00:00:00Z', 'b'), v('2026-03-20T00:00:00Z', 'c')], 1, 30).map((f) => [f.code, f.severity])).toEqual([
      ['BANK_DETAILS_CHANGED_FREQUENTLY', 'medium'],
    ]);
    expect(payoutChangeFindings([v('2026-01-01T00:00:00Z', 'a'), v('2026-01-05T00:00:00Z', 'b'), v('2026-03-20T00:00:00Z', 'c')], 1, 30).map((f) => f.code)).toEqual(['BANK_DETAILS_CHANGED']);
    expect(payoutChangeFindings([v('2026-03-01T00:00:00Z', 'a')], 1, 30)).toEqual([]);
  });
  it('a holder other than the contractor, kept as a flag rather than a name, makes frequent changes high too', () => {
    const f = payoutChangeFindings([v('2026-03-01T00:00:00Z', 'a'), { ...v('2026-03-05T00:00:00Z', 'b'), accountHolder: undefined, otherHolder: true }, v('2026-03-06T00:00:00Z', 'c')], 1, 30);
    expect(f.map((x) => [x.code, x.severity])).toEqual([['BANK_DETAILS_CHANGED_FREQUENTLY', 'high']]);
    expect(isOtherHolder(makeRequest(), 'LINDQVIST Ingrid Sofia')).toBe(false);
    expect(isOtherHolder(makeRequest(), 'Li Wei')).toBe(true);
  });
  it('accounts held by different people make frequent changes high', () => {
    const f = payoutChangeFindings([v('2026-03-01T00:00:00Z', 'a'), v('2026-03-05T00:00:00Z', 'b', 'Li Wei'), v('2026-03-06T00:00:00Z', 'c', 'Kim Chol')], 1, 30);
    expect(f.map((x) => [x.code, x.severity])).toEqual([['BANK_DETAILS_CHANGED_FREQUENTLY', 'high']]);
    // Masked accounts only.
    expect(JSON.stringify(f)).toContain('IBAN DE…');
  });
});

describe('a new payout account: the bank checks run again on it', () => {
  const request = makeRequest();
  const history = [v('2026-03-01T00:00:00Z', 'a'), v('2026-03-05T00:00:00Z', 'b')];
  it('a listed BIC on the new account is BANK_SANCTIONS_HIT, a hard stop, whatever the intake account was', () => {
    const screen: ScreenFn = (id) => (id.kind === 'bic' && id.value.startsWith('KDBKKPPY') ? [{ hit: true, strong: true, sourceId: '9999', listName: 'OFAC SDN list: test' }] : []);
    const f = checkPayoutChange({
      application: request,
      payment: { method: 'swift', accountHolder: 'Anna Maria Kowalska', accountNumber: '12345678', bic: 'KDBKKPPY', bankCountry: 'KP' },
      history,
      screen,
      linkedApplicants: [],
      policy,
    });
    expect(f.filter((x) => x.hardStop).map((x) => x.code)).toEqual(expect.arrayContaining(['BANK_SANCTIONS_HIT', 'BANK_DPRK_BANK']));
    expect(f.map((x) => x.code)).toContain('BANK_DETAILS_CHANGED');
  });
  it('without lists the new account is not passed: BANK_SCREENING_UNAVAILABLE', () => {
    const screen: ScreenFn = () => {
      throw new Error('lists unavailable');
    };
    const f = checkPayoutChange({
      application: request,
      payment: { method: 'iban', accountHolder: 'Anna Maria Kowalska', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
      history,
      screen,
      linkedApplicants: [],
      policy,
    });
    expect(f.map((x) => x.code)).toContain('BANK_SCREENING_UNAVAILABLE');
  });
  it('the new account shared with a held applicant is BANK_SHARED_ACCOUNT, critical', () => {
    const f = checkPayoutChange({
      application: request,
      payment: { method: 'iban', accountHolder: 'Anna Maria Kowalska', iban: 'DE89370400440532013000' },
      history,
      linkedApplicants: [{ caseId: 'ob_x', status: 'compliance-hold' }],
      policy,
    });
    expect(f.find((x) => x.code === 'BANK_SHARED_ACCOUNT')?.severity).toBe('critical');
  });
  it('the signal carries intake\u2019s payment schema: a bad IBAN is a 400 naming the field, without echoing the number', () => {
    const bad = parseSignalsBody({ signals: [{ type: 'payout-account-change', time: '2026-03-05T00:00:00Z', payment: { method: 'iban', accountHolder: 'A B', iban: 'DE89370400440532013001' } }] });
    expect(bad.success).toBe(false);
    if (!bad.success) {
      expect(bad.errors.map((e) => e.field)).toContain('signals.0.payment.iban');
      expect(JSON.stringify(bad.errors)).not.toContain('0532013001');
    }
    expect(
      parseSignalsBody({ signals: [{ type: 'payout-account-change', time: '2026-03-05T00:00:00Z', payment: { method: 'iban', accountHolder: 'A B', iban: 'DE89370400440532013000' } }] }).success,
    ).toBe(true);
  });

  it('test deposits prove one account: a new bank account the policy would have asked to prove is BANK_OWNERSHIP_UNVERIFIED until proven', () => {
    const everywhere = parsePolicyObject({ ...defaultPolicy, bank: { ...defaultPolicy.bank, microDeposits: true } }, 'test');
    const nowhere = parsePolicyObject({ ...defaultPolicy, bank: { ...defaultPolicy.bank, microDeposits: false } }, 'test');
    const iban = { method: 'iban' as const, accountHolder: 'Anna Maria Kowalska', iban: 'DE89370400440532013000' };
    const found = newAccountOwnershipFindings(iban, everywhere);
    expect(found.map((f) => [f.code, f.severity])).toEqual([['BANK_OWNERSHIP_UNVERIFIED', 'medium']]);
    expect(found[0]!.message).not.toContain('0532013000');
    expect(newAccountOwnershipFindings(iban, nowhere)).toEqual([]);
    // A wallet or a platform account receives no deposit: nothing to prove that way (their own findings stand).
    expect(newAccountOwnershipFindings({ method: 'crypto', currency: 'USDT', walletAddress: 'TQn9Y2khEsLJW1ChVWFMSMeRDow5000001' } as never, everywhere)).toEqual([]);
  });

  it('the account paid now is the latest change by its own time; the application as submitted comes first; a resend of the same account is no new one', () => {
    const application = makeRequest();
    const run = (runId: string, version: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      caseId: 'c1',
      stage: 'bank' as const,
      runId,
      recordedAt: '2026-03-10T00:00:00Z',
      inputs: { trigger: 'payout-account-change' },
      findings: [],
      data: { version, intakeAccountRef: 'A', ...extra },
    });
    const c = { application, createdAt: '2026-03-01T00:00:00Z' };
    expect(payoutAccountsOf(c, [])).toEqual({ current: expect.objectContaining({ intake: true, since: '2026-03-01T00:00:00Z' }), earlier: [], changes: 0 });
    const b = { changedAt: '2026-03-05T00:00:00Z', accountRef: 'B', method: 'iban', bankCountry: 'DE', masked: 'IBAN DE…3000' };
    const cc = { changedAt: '2026-03-07T00:00:00Z', accountRef: 'C', method: 'iban', bankCountry: 'NL', masked: 'IBAN NL…4300', otherHolder: true };
    // Recorded out of order (C's evidence first), and B sent again at a later time, and a record that is not a version.
    const accounts = payoutAccountsOf(c, [run('c', cc), run('b', b), run('b2', { ...b, changedAt: '2026-03-08T00:00:00Z' }), run('junk', { masked: 1 })]);
    expect(accounts.current).toEqual({ account: 'IBAN DE…3000', method: 'iban', bankCountry: 'DE', since: '2026-03-08T00:00:00Z' });
    expect(accounts.earlier.map((a) => a.account)).toEqual([maskAccount(application.payment), 'IBAN DE…3000', 'IBAN NL…4300']);
    expect(accounts.earlier[2]!.otherHolder).toBe(true);
    expect(accounts.changes).toBe(3);
    // A change back to the intake account (same keyed fingerprint) right after intake is no change.
    expect(payoutAccountsOf(c, [run('a', { ...b, accountRef: 'A' })]).changes).toBe(0);
    expect(currentPayoutOf(accounts)).toEqual({ account: 'IBAN DE…3000', method: 'iban', bankCountry: 'DE', since: '2026-03-08T00:00:00Z', changes: 3 });
    expect(currentPayoutOf(payoutAccountsOf(c, []))).toBeUndefined();
  });
});
