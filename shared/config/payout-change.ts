import { createHash } from 'node:crypto';
import { maskAccount, normalizedAccountIdentifier } from '../bank/account-identifier';
import { bankCountryOf } from '../bank/bank-country';
import { payeeScreen } from '../bank/payee-screen';
import { paymentChangeOf } from '../bank/payment-history';
import { paymentMethodSchema } from '../signals/signal-schema';
import { checkPayoutChange, isOtherHolder, type PayoutVersion } from '../bank/payout-change';
import type { CaseRecord, EvidenceRecord } from '../cases/case-model';
import { fingerprint } from '../cases/fingerprints';
import { findLinkedCases } from '../cases/linked-applicants';
import { recordStageResult } from '../cases/record-stage';
import type { Finding } from '../domain/finding';
import * as z from '../schemas/zod';
import type { PayoutAccountChangeSignal, Signal } from '../signals/signal-schema';
import { activePolicy } from './policy';
import { propagateToEarlierApplicants } from './propagate-links';
import { sanctionsIndex } from './sanctions-lists';
import { loadKeys } from './secrets';
import { audit, env, repo } from './services';

/** How a payout-change run marks its bank evidence, to tell it from the bank stage's own run. */
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

/** The versions earlier payout changes recorded (their bank evidence), read from storage and parsed. */
function recordedVersions(evidence: readonly EvidenceRecord[]): PayoutVersion[] {
  return evidence.flatMap((e) => {
    if (e.stage !== 'bank' || e.inputs.trigger !== PAYOUT_CHANGE_TRIGGER) return [];
    const v = storedVersion.safeParse(e.data?.version);
    if (!v.success) return [];
    const { bankCountry, otherHolder, ...rest } = v.data;
    return [{ ...rest, ...(bankCountry ? { bankCountry } : {}), ...(otherHolder !== undefined ? { otherHolder } : {}) }];
  });
}

/**
 * Issue 18 item 4: each new payout account in the batch re-runs the bank stage's checks (shared/bank/payout-change.ts)
 * as evidence of its own (stage `bank`, so it is the bank evidence in force and the risk decision that follows
 * reads it): payee BIC and wallet screened against the lists, the account fingerprinted and looked up on the
 * index (its link propagated to the earlier applicants, as the bank stage does), and the history of changes
 * weighed. As the bank stage: the evidence holds the masked account and the keyed fingerprint, never the
 * number. Idempotent: a change (account and time) is one run, however often the batch is sent.
 */
export async function receivePayoutChanges(c: CaseRecord, evidence: readonly EvidenceRecord[], batch: readonly Signal[]): Promise<Finding[]> {
  const changes = batch.filter((s): s is PayoutAccountChangeSignal => s.type === 'payout-account-change').sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  if (!changes.length) return [];
  const keys = await loadKeys(env.SECRET_ARN);
  const policy = activePolicy();
  const { index } = await sanctionsIndex(env);
  const refOf = (p: CaseRecord['application']['payment']) => fingerprint(keys.fingerprintKey, 'bank-account', normalizedAccountIdentifier(p)).hmac;
  const recorded = recordedVersions(evidence);
  // The intake account comes first whatever the clocks say (the HRIS's event times and ours differ): only its
  // place in the order matters, it is not a change.
  const first = [c.createdAt, ...recorded.map((v) => v.changedAt), ...changes.map((s) => s.time)].reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
  const versionOf = (p: CaseRecord['application']['payment'], at: string): PayoutVersion => {
    const { accountHolder, ...v } = paymentChangeOf(p, at, refOf(p));
    return { ...v, otherHolder: isOtherHolder(c.application, accountHolder) };
  };
  const history: PayoutVersion[] = [versionOf(c.application.payment, first), ...recorded];
  const out: Finding[] = [];
  for (const change of changes) {
    const version = versionOf(change.payment, change.time);
    if (!history.some((h) => h.accountRef === version.accountRef && h.changedAt === version.changedAt)) history.push(version);
    // Every account this case ever gave: a switch to a clean account does not hide the shared one before it.
    const prints = [...new Set(history.map((h) => h.accountRef))].map((hmac) => ({ kind: 'bank-account' as const, hmac }));
    await repo.putFingerprints(c.id, [{ kind: 'bank-account', hmac: version.accountRef }]);
    const linked = [...new Map((await findLinkedCases(repo, c, prints)).map((l) => [l.caseId, l])).values()];
    const findings = checkPayoutChange({
      application: c.application,
      payment: change.payment,
      history: history.filter((h) => Date.parse(h.changedAt) <= Date.parse(change.time)),
      // No lists: BANK_SCREENING_UNAVAILABLE for each identifier, never a silent pass on an unscreened account.
      screen: index ? payeeScreen(index) : () => { throw new Error('sanctions lists unavailable'); },
      linkedApplicants: linked.map((l) => ({ caseId: l.caseId, status: l.status })),
      policy,
    });
    const runId = `payout-${createHash('sha256').update(`${version.accountRef}\n${change.time}`).digest('hex').slice(0, 24)}`;
    await recordStageResult(repo, audit, {
      caseId: c.id,
      stage: 'bank',
      runId,
      inputs: { trigger: PAYOUT_CHANGE_TRIGGER, changedAt: change.time, method: change.payment.method, account: maskAccount(change.payment), bankCountry: bankCountryOf(change.payment) ?? null },
      findings,
      data: { linkedCases: linked.map((l) => l.caseId), version },
    });
    await propagateToEarlierApplicants({ id: c.id, status: c.status, stage: 'bank', runId }, linked);
    out.push(...findings);
  }
  return out;
}
