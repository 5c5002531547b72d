import { finding, type Finding } from '../finding';
import type { Policy } from '../policy/policy-schema';
import type { OnboardingRequest } from '../schemas/onboarding';
import { compareNames } from '../document/name-compare';
import { ADVISORY_2022, BANK_CODES as C, FBI_2025 } from './bank-codes';
import { checkBankAccount, type LinkedApplicant, type ScreenFn } from './check-bank';
import { maskAccount } from './account-identifier';
import { bankCountryOf } from './bank-country';
import { microDepositsRequired } from '../policy/policy-queries';
import type { PaymentDetails } from './payment-schema';
import type { PaymentDetailsChange } from './payment-history';

const DAY_MS = 86_400_000;

/**
 * One version of the payout account as the payout changes keep it: masked, the keyed fingerprint as its
 * reference, and instead of a third party's name (which an erasure of the case would not know to remove)
 * whether the holder is someone other than the contractor.
 */
export type PayoutVersion = PaymentDetailsChange & { otherHolder?: boolean };

/** Whether an account holder is someone other than the contractor (by the legal name or another name given). */
export function isOtherHolder(application: OnboardingRequest, holder: string | undefined): boolean {
  if (!holder) return false;
  const { givenNames, surname } = application.contractor.legalName;
  return [`${givenNames} ${surname}`, ...application.contractor.otherNames].every((n) => compareNames(holder, n).verdict === 'mismatch');
}

export interface PayoutChangeInput {
  /** The application as at intake; its payment is replaced by the new account for the checks. */
  application: OnboardingRequest;
  payment: PaymentDetails;
  /** Every version of the payout account so far, this one included (intake first). No account numbers: masked and keyed refs. */
  history: readonly PayoutVersion[];
  screen?: ScreenFn;
  /** Other applicants behind this account or any earlier one of this case (the fingerprint index). */
  linkedApplicants: readonly LinkedApplicant[];
  policy: Policy;
}

/**
 * A new payout account after the bank check (issue 18 item 4): the bank stage's checks again, on the new
 * account (route, country, holder, payee BIC and wallet screening, accounts shared with other applicants),
 * and how often the account changed. Pure: the screening and the index lookups are passed in.
 */
export function checkPayoutChange(input: PayoutChangeInput): Finding[] {
  const findings = checkBankAccount({
    request: { ...input.application, payment: input.payment },
    ...(input.screen ? { screen: input.screen } : {}),
    linkedApplicants: [...input.linkedApplicants],
    policy: {
      holdOnAccountSharedWithHeldCase: input.policy.bank.holdOnAccountSharedWithHeldCase,
      // No intake judges a new account's country: the policy's lists do here.
      hardStopCountries: input.policy.countries.hardStop,
      highRiskCountries: input.policy.countries.highRisk,
      screenHolder: true,
    },
  });
  // Whether the new account is the contractor's (newAccountOwnershipFindings) is not the bank evidence's to
  // say: it is the micro-deposits' finding, so that confirming the deposits sent to it clears it.
  return [...findings, ...payoutChangeFindings(input.history, input.policy.signals.maxPayoutChanges, input.policy.signals.payoutChangeWindowDays)];
}

/**
 * Test deposits prove one account: the one they were sent to. A new bank account the policy would have
 * asked to prove (bank.microDeposits for its country) is unproven until the contractor confirms the deposits
 * sent to it, so a contractor cannot verify their own account and then switch the pay to a facilitator's.
 * Recorded with the micro-deposits of that account (shared/app/bank/micro-deposit-flow.ts, startPayoutRound).
 */
export function newAccountOwnershipFindings(payment: PaymentDetails, policy: Policy): Finding[] {
  if (payment.method === 'crypto' || payment.method === 'payment-platform') return [];
  const country = bankCountryOf(payment);
  if (!microDepositsRequired(policy, country)) return [];
  return [
    finding({
      code: C.ownershipUnverified,
      stage: 'bank',
      severity: 'medium',
      message: `The new payout account ${maskAccount(payment)} has not been proven to be the contractor's: the policy asks for test deposits on accounts${country ? ` in ${country}` : ''}, and those confirmed (if any) proved the earlier account only. Two new deposits go to this account; it stays unproven until the contractor confirms them. Verify the new account before approving or paying it.`,
      evidence: [{ kind: 'payout-change', field: 'payment', detail: { account: maskAccount(payment), ...(country ? { bankCountry: country } : {}) } }],
      guidance: FBI_2025,
    }),
  ];
}

/** The account changes (a version whose account differs from the one before), oldest first. */
export function accountChanges(history: readonly PaymentDetailsChange[]): PaymentDetailsChange[] {
  const sorted = [...history].sort((a, b) => Date.parse(a.changedAt) - Date.parse(b.changedAt));
  return sorted.filter((v, i) => i > 0 && v.accountRef !== sorted[i - 1]!.accountRef);
}

/** The most account changes inside any window of `windowDays` days (time is the versions' own). */
export function mostChangesWithin(changes: readonly PaymentDetailsChange[], windowDays: number): { count: number; from?: string; to?: string } {
  let best: { count: number; from?: string; to?: string } = { count: 0 };
  const at = changes.map((c) => Date.parse(c.changedAt));
  for (let i = 0, j = 0; j < at.length; j++) {
    while (at[j]! - at[i]! > windowDays * DAY_MS) i++;
    if (j - i + 1 > best.count) best = { count: j - i + 1, from: changes[i]!.changedAt, to: changes[j]!.changedAt };
  }
  return best;
}

/**
 * Frequent changes: more than `maxChanges` new accounts within `windowDays` days (policy
 * signals.maxPayoutChanges / signals.payoutChangeWindowDays) is BANK_DETAILS_CHANGED_FREQUENTLY, high when
 * the accounts are held by different people (the FBI's "frequently changing payment accounts", workers
 * rotating their pay through each other's accounts); fewer is BANK_DETAILS_CHANGED, recorded for the
 * reviewer (a single change is usually a correction or a new bank).
 */
export function payoutChangeFindings(history: readonly PayoutVersion[], maxChanges: number, windowDays: number): Finding[] {
  const changes = accountChanges(history);
  if (changes.length === 0) return [];
  const densest = mostChangesWithin(changes, windowDays);
  const frequent = densest.count > maxChanges;
  const holders = [...new Set(history.map((h) => h.accountHolder).filter((h): h is string => !!h))];
  const differentHolders = history.some((h) => h.otherHolder) || holders.some((h) => holders.some((k) => compareNames(h, k).verdict === 'mismatch'));
  const versions = [...history]
    .sort((a, b) => Date.parse(a.changedAt) - Date.parse(b.changedAt))
    .map((h) => ({ changedAt: h.changedAt, account: h.masked, ...(h.bankCountry ? { bankCountry: h.bankCountry } : {}) }));
  const evidence = [{ kind: 'payment-history', field: 'payment', detail: { changes: changes.length, mostWithinWindow: densest.count, windowDays, versions: versions.slice(-10) } }];
  if (frequent)
    return [
      finding({
        code: C.detailsChangedFrequently,
        fact: 'payout.changes',
        stage: 'bank',
        severity: differentHolders ? 'high' : 'medium',
        message: `The payout account was changed ${densest.count} times within ${windowDays} days (the policy allows ${maxChanges})${differentHolders ? ', to accounts held by different people' : ''}. Frequently changing payout accounts is a red flag for workers paid through accounts that are not their own; confirm each account's owner before paying.`,
        evidence,
        guidance: FBI_2025,
      }),
    ];
  return [
    finding({
      code: C.detailsChanged,
      fact: 'payout.changes',
      stage: 'bank',
      severity: differentHolders ? 'medium' : 'low',
      message: `The payout account was changed after the bank check (${changes.length} change${changes.length > 1 ? 's' : ''})${differentHolders ? ', to an account held by someone else' : ''}. The bank checks ran again on the new account; a single change is usually a correction, recorded for the reviewer.`,
      evidence,
      guidance: ADVISORY_2022,
    }),
  ];
}
