import type { PaymentDetails } from './payment-schema';
import { bankCountryOf, accountHolderOf } from './bank-country';
import { maskAccount } from './account-identifier';

/**
 * One version of the payment details as kept on the case. `accountRef` is any stable identifier of the
 * account (the lead stores the keyed HMAC of {@link normalizedAccountIdentifier}; tests may use the plain
 * identifier): only equality matters here. No full account number is kept in the history.
 */
export interface PaymentDetailsChange {
  changedAt: string;
  accountRef: string;
  method: PaymentDetails['method'];
  bankCountry?: string;
  accountHolder?: string;
  masked: string;
}

export function paymentChangeOf(payment: PaymentDetails, changedAt: string, accountRef: string): PaymentDetailsChange {
  const bankCountry = bankCountryOf(payment);
  const accountHolder = accountHolderOf(payment);
  return {
    changedAt,
    accountRef,
    method: payment.method,
    ...(bankCountry ? { bankCountry } : {}),
    ...(accountHolder ? { accountHolder } : {}),
    masked: maskAccount(payment),
  };
}

/** Number of times the account actually changed (re-submitting the same account is not a change). */
export function countAccountChanges(history: readonly PaymentDetailsChange[]): number {
  const sorted = [...history].sort((a, b) => a.changedAt.localeCompare(b.changedAt));
  let changes = 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.accountRef !== sorted[i - 1]!.accountRef) changes++;
  return changes;
}
