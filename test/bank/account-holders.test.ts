import { beforeAll, describe, expect, it } from 'vitest';
import { otherAccountHolders, otherHolders } from '../../shared/domain/bank/account-holder';
import { checkBankAccount } from '../../shared/domain/bank/check-bank';
import { checkPayoutChange } from '../../shared/domain/bank/payout-change';
import { payeeScreen } from '../../shared/domain/bank/payee-screen';
import type { PaymentDetailsChange } from '../../shared/domain/bank/payment-history';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { makeRequest } from '../document/request-fixture';
import { FIXTURE_DIR } from '../screening/fixture-dir';

/**
 * Adversarial pass: the payout account held jointly with, or for, someone else. "Ingrid Lindqvist & Jan Nowak",
 * "Jan Nowak c/o Ingrid Lindqvist" or "Ingrid Lindqvist Kim Yong Chol" contain the contractor's name, so the holder
 * check read each as the contractor's own account; and screening read the field as one person's name (with the
 * contractor's birth date at intake), so a listed co-holder screened clear.
 */
const own = ['Ingrid Sofia Lindqvist'];
const iban = (accountHolder: string) => ({ method: 'iban' as const, accountHolder, iban: 'PL61109010140000071219812874' });
const request = makeRequest();
const holderFindings = (accountHolder: string) => checkBankAccount({ request: { ...request, payment: iban(accountHolder) } }).filter((f) => f.code === 'BANK_HOLDER_NAME_MISMATCH');

describe('the people a payout account holder names beside the contractor', () => {
  it.each([
    ['Ingrid Sofia Lindqvist & Jan Nowak', ['Jan Nowak'], false],
    ['Ingrid Lindqvist and Jan Nowak', ['Jan Nowak'], false],
    ['Lindqvist Ingrid / Nowak Jan', ['Nowak Jan'], false],
    ['Ingrid Lindqvist or Jan Nowak', ['Jan Nowak'], false],
    ['Jan Nowak c/o Ingrid Lindqvist', ['Jan Nowak'], true],
    ['Jan Nowak FBO Ingrid Sofia Lindqvist', ['Jan Nowak'], true],
    ['Ingrid Lindqvist on behalf of Kim Yong Chol', ['Kim Yong Chol'], true],
    ['Ingrid Sofia Lindqvist Kim Yong Chol', ['kim yong chol'], false],
    ['Jan Nowak', ['Jan Nowak'], false],
  ])('%s names %j beside the contractor', (holder, others, onBehalf) => {
    expect(otherHolders(holder, own)).toEqual({ others, onBehalf });
  });

  it.each([
    'Ingrid Sofia Lindqvist',
    'LINDQVIST, Ingrid Sofia',
    'Mrs Ingrid S. Lindqvist',
    'Ingrid Lindqvist',
    'Ingrid Sofia Lindqvist-Berg',
    'Ingrid Sofia Lindqvist née Berg',
    'Ingrid Sofia Lindqvist Jr',
  ])('%s is the contractor alone', (holder) => {
    expect(otherHolders(holder, own).others).toEqual([]);
  });

  it('a Spanish name with its particles and both surnames is one person', () => {
    expect(otherHolders('José Ortega y Gasset', ['José Ortega Gasset']).others).toEqual([]);
    expect(otherHolders('Ana de la Cruz', ['Ana Cruz']).others).toEqual([]);
  });

  it("the holder is read against the contractor's other names and the document's name too", () => {
    const app = makeRequest({ contractor: { ...request.contractor, otherNames: ['Ingrid Berg'] }, payment: iban('Ingrid Berg') });
    expect(otherAccountHolders(app)).toEqual([]);
    expect(otherAccountHolders(makeRequest({ payment: iban('Ingrid Lindqvist & Jan Nowak') }))).toEqual(['Jan Nowak']);
    expect(otherAccountHolders(makeRequest({ payment: { method: 'crypto', currency: 'USDT', walletAddress: '0x52908400098527886E0F7030069857D2E4169EE7' } }))).toEqual([]);
  });
});

describe('the bank check: a joint account or one held for someone else is not the worker’s own', () => {
  it('a joint account with another person is BANK_HOLDER_NAME_MISMATCH (medium); held for or by another, high', () => {
    expect(holderFindings('Ingrid Sofia Lindqvist & Jan Nowak').map((f) => f.severity)).toEqual(['medium']);
    expect(holderFindings('Ingrid Sofia Lindqvist Kim Yong Chol').map((f) => f.severity)).toEqual(['medium']);
    expect(holderFindings('Jan Nowak c/o Ingrid Sofia Lindqvist').map((f) => f.severity)).toEqual(['high']);
    expect(holderFindings('Jan Nowak c/o Ingrid Sofia Lindqvist')[0]!.message).not.toContain('Nowak');
  });
  it('the contractor alone, however written, is no finding', () => {
    expect(holderFindings('LINDQVIST, Ingrid Sofia')).toEqual([]);
    expect(holderFindings('Ingrid Lindqvist')).toEqual([]);
  });
});

describe('a listed co-holder on a payout change is screened on their own', () => {
  let index: ScreeningIndex;
  beforeAll(async () => {
    index = (await loadLists(FIXTURE_DIR)).index;
  });
  const policy = loadPolicy();
  const history: PaymentDetailsChange[] = [{ changedAt: '2026-03-01T00:00:00Z', accountRef: 'a', method: 'iban', masked: 'IBAN PL…2874', accountHolder: 'Ingrid Sofia Lindqvist' }];
  const change = (accountHolder: string) =>
    checkPayoutChange({ application: request, payment: { method: 'iban', accountHolder, iban: 'DE89370400440532013000' }, history, screen: payeeScreen(index), linkedApplicants: [], policy });

  it.each(['Ingrid Sofia Lindqvist & Kim Yong Chol', 'Kim Yong Chol c/o Ingrid Sofia Lindqvist', 'Ingrid Sofia Lindqvist Kim Yong Chol'])('%s: a sanctions finding', (holder) => {
    const codes = change(holder).map((f) => f.code);
    expect(
      codes.some((c) => c === 'BANK_SANCTIONS_HIT' || c === 'BANK_SANCTIONS_POSSIBLE_HIT'),
      codes.join(','),
    ).toBe(true);
  });
  it('an innocent co-holder is no sanctions finding', () => {
    expect(change('Ingrid Sofia Lindqvist & Jan Nowak').filter((f) => f.code.startsWith('BANK_SANCTIONS'))).toEqual([]);
  });
});
