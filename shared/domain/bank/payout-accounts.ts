import type { CaseRecord, EvidenceRecord } from '../cases/case-model';
import * as z from '../schemas/zod';
import { maskAccount } from './account-identifier';
import { otherAccountHolders } from './account-holder';
import { bankCountryOf } from './bank-country';
import type { PayoutVersion } from './payout-change';
import { paymentMethodSchema } from '../signals/signal-schema';

/** How a payout change marks its bank evidence, to tell it from the bank stage's own run. */
export const PAYOUT_CHANGE_TRIGGER = 'payout-account-change';

/** A stored version of the payout account: masked, with the keyed fingerprint as its reference. Never the account number, nor a third party's name. */
const storedVersion = z.object({
  changedAt: z.string(),
  accountRef: z.string(),
  method: paymentMethodSchema,
  bankCountry: z.optional(z.string()),
  masked: z.string(),
  otherHolder: z.optional(z.boolean()),
});

/**
 * The versions the payout changes recorded, read from storage and parsed: each change's bank evidence
 * (shared/config/payout-change.ts, the one writer) keeps the version it introduced, once, never rewritten.
 */
export function recordedPayoutVersions(evidence: readonly EvidenceRecord[]): PayoutVersion[] {
  return evidence.flatMap((e) => {
    if (e.stage !== 'bank' || e.inputs.trigger !== PAYOUT_CHANGE_TRIGGER) return [];
    const v = storedVersion.safeParse(e.data?.version);
    if (!v.success) return [];
    const { bankCountry, otherHolder, ...rest } = v.data;
    return [{ ...rest, ...(bankCountry ? { bankCountry } : {}), ...(otherHolder !== undefined ? { otherHolder } : {}) }];
  });
}

/** One payout account as people read it: masked, never the number. */
export interface PayoutAccountLine {
  account: string;
  method: string;
  bankCountry?: string;
  /** When it became the payout account: the intake's time for the account given at intake, else the change's (the HRIS's). */
  since: string;
  /** Held by someone other than the contractor (by the names given). */
  otherHolder?: boolean;
  /** The account given at intake. */
  intake?: boolean;
}

/** The current payout account and the earlier ones (oldest first), with the number of account changes. */
export interface PayoutAccounts {
  current: PayoutAccountLine;
  earlier: PayoutAccountLine[];
  changes: number;
}

/**
 * Which account the contractor is paid into now, and which they gave before: the application as submitted
 * is the first (it is never rewritten), each payout change recorded after it the next, in the order of the
 * changes' own times (the HRIS may deliver them out of order); the latest is current. A change to the
 * account already in use is no change.
 */
export function payoutAccountsOf(c: Pick<CaseRecord, 'application' | 'createdAt'>, evidence: readonly EvidenceRecord[]): PayoutAccounts {
  const intakeCountry = bankCountryOf(c.application.payment);
  const versions = [...recordedPayoutVersions(evidence)].sort((a, b) => Date.parse(a.changedAt) - Date.parse(b.changedAt));
  // The intake account comes first whatever the clocks say (as the payout change orders them).
  const intake: PayoutAccountLine = {
    account: maskAccount(c.application.payment),
    method: c.application.payment.method,
    ...(intakeCountry ? { bankCountry: intakeCountry } : {}),
    since: c.createdAt,
    intake: true,
  };
  // Each change's evidence names the intake account by its keyed fingerprint too (the application keeps only its details).
  const intakeRef = evidence.map((e) => (e.stage === 'bank' && e.inputs.trigger === PAYOUT_CHANGE_TRIGGER ? e.data?.intakeAccountRef : undefined)).find((r): r is string => typeof r === 'string');
  const lines: (PayoutAccountLine & { ref?: string })[] = [{ ...intake, ...(intakeRef ? { ref: intakeRef } : {}) }];
  for (const v of versions) {
    // The same account sent again (a retry with a new time, a correction of the holder) is no new account.
    if (lines[lines.length - 1]!.ref === v.accountRef) continue;
    lines.push({
      account: v.masked,
      method: v.method,
      ...(v.bankCountry ? { bankCountry: v.bankCountry } : {}),
      since: v.changedAt,
      ...(v.otherHolder ? { otherHolder: true } : {}),
      ref: v.accountRef,
    });
  }
  const shown = lines.map(({ ref: _ref, ...line }) => line);
  return { current: shown[shown.length - 1]!, earlier: shown.slice(0, -1), changes: shown.length - 1 };
}

/**
 * The case's payoutHolders with the other holders these newly given accounts name (otherAccountHolders: whoever the
 * holder names beside the contractor), each name once, in the order first given; undefined when there are none.
 */
export function payoutHoldersWith(c: Pick<CaseRecord, 'application' | 'payoutHolders'>, payments: readonly CaseRecord['application']['payment'][]): string[] | undefined {
  const names = [...(c.payoutHolders ?? []), ...payments.flatMap((payment) => otherAccountHolders({ ...c.application, payment }))];
  const seen = new Set<string>();
  const out = names.filter((n) => {
    const k = n.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/gu, ' ').trim();
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return out.length ? out : undefined;
}

/** What the case record keeps of the current payout account after a change, for the HRIS's events (masked). */
export interface CurrentPayout {
  account: string;
  method: string;
  bankCountry?: string;
  since: string;
  /** Account changes after intake. */
  changes: number;
}

export function currentPayoutOf(accounts: PayoutAccounts): CurrentPayout | undefined {
  if (accounts.changes === 0) return undefined;
  const { account, method, bankCountry, since } = accounts.current;
  return { account, method, ...(bankCountry ? { bankCountry } : {}), since, changes: accounts.changes };
}
