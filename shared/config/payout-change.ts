import { createHash } from 'node:crypto';
import { maskAccount, normalizedAccountIdentifier } from '../domain/bank/account-identifier';
import { bankCountryOf } from '../domain/bank/bank-country';
import { payeeScreen, payeeScreenUnavailable } from '../domain/bank/payee-screen';
import { paymentChangeOf } from '../domain/bank/payment-history';
import type { CaseRecord, EvidenceRecord } from '../domain/cases/case-model';
import { currentPayoutOf, payoutAccountsOf, payoutHoldersWith, PAYOUT_CHANGE_TRIGGER, recordedPayoutVersions } from '../domain/bank/payout-accounts';
import { depositCurrency, microDepositsApply, startPayoutRound, type MicroDepositDeps } from '../app/bank/micro-deposit-flow';
import { checkPayoutChange, isOtherHolder, newAccountOwnershipFindings, payoutChangeFindings, type PayoutVersion } from '../domain/bank/payout-change';
import { BANK_CODES } from '../domain/bank/bank-codes';
import { evidenceInForce } from '../domain/cases/latest-findings';
import { canonicalJson } from '../domain/audit/canonical-json';
import { sendEmail } from '../adapters/notify/mailer';
import { links, mailFrom, publicBaseUrl, reminderLeadMs } from './link-services';
import { deposits, depositSender } from './micro-deposit-services';
import { organisationName } from './organisation';
import { accountFingerprints, accountPrintBases, fingerprint, matchedBy } from '../domain/cases/fingerprints';
import { findLinkedCases } from '../app/cases/linked-applicants';
import { recordStageResult } from '../app/cases/record-stage';
import type { Finding } from '../domain/finding';
import type { PayoutAccountChangeSignal, Signal } from '../domain/signals/signal-schema';
import { activePolicy } from './policy';
import { propagateToEarlierApplicants } from './propagate-links';
import { sanctionsIndex } from './sanctions-lists';
import { loadKeys } from './secrets';
import { audit, auditEvent, env, repo } from './services';

export { PAYOUT_CHANGE_TRIGGER };

/**
 * Issue 18 item 4: each new payout account in the batch re-runs the bank stage's checks (shared/domain/bank/payout-change.ts)
 * as evidence of its own (stage `bank`, so it is the bank evidence in force and the risk decision that follows
 * reads it): payee BIC and wallet screened against the lists, the account fingerprinted and looked up on the
 * index (its link propagated to the earlier applicants, as the bank stage does), and the history of changes
 * weighed. As the bank stage: the evidence holds the masked account and the keyed fingerprint, never the
 * number. Idempotent: a change (account and time) is one run, however often the batch is sent.
 *
 * The latest change names the account paid now. When the policy asks to prove a bank account like it
 * (bank.microDeposits), that account gets its own round of test deposits (see startPayoutRound): the
 * deposits the bank stage sent proved the account they went to, never this one. And the case records the
 * current account (masked) for the HRIS's events; the history stays in the evidence, one record per change.
 */
export async function receivePayoutChanges(c: CaseRecord, evidence: readonly EvidenceRecord[], batch: readonly Signal[]): Promise<Finding[]> {
  const changes = batch.filter((s): s is PayoutAccountChangeSignal => s.type === 'payout-account-change').sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  if (!changes.length) return [];
  const keys = await loadKeys(env.SECRET_ARN);
  const policy = activePolicy();
  const { index, error } = await sanctionsIndex(env);
  const refOf = (p: CaseRecord['application']['payment']) => fingerprint(keys.fingerprintKey, 'bank-account', normalizedAccountIdentifier(p)).hmac;
  const recorded = recordedPayoutVersions(evidence);
  // The intake account comes first whatever the clocks say (the HRIS's event times and ours differ): only its
  // place in the order matters, it is not a change.
  const first = [c.createdAt, ...recorded.map((v) => v.changedAt), ...changes.map((s) => s.time)].reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
  const versionOf = (p: CaseRecord['application']['payment'], at: string): PayoutVersion => {
    const { accountHolder, ...v } = paymentChangeOf(p, at, refOf(p));
    return { ...v, otherHolder: isOtherHolder(c.application, accountHolder) };
  };
  const history: PayoutVersion[] = [versionOf(c.application.payment, first), ...recorded];
  const out: Finding[] = [];
  const processed: { change: PayoutAccountChangeSignal; version: PayoutVersion; runId: string }[] = [];
  const intakeAccountRef = history[0]!.accountRef;
  for (const change of changes) {
    const version = versionOf(change.payment, change.time);
    if (!history.some((h) => h.accountRef === version.accountRef && h.changedAt === version.changedAt)) history.push(version);
    // Every account this case ever gave: a switch to a clean account does not hide the shared one before it.
    // A payment platform's account under its mailbox too (accountFingerprints), the intake's and this one's.
    const linkPrints = (p: CaseRecord['application']['payment']) => accountFingerprints(keys.fingerprintKey, p).map((f) => f.hmac);
    const prints = [...new Set([...history.map((h) => h.accountRef), ...linkPrints(c.application.payment), ...linkPrints(change.payment)])].map((hmac) => ({ kind: 'bank-account' as const, hmac }));
    await repo.putFingerprints(
      c.id,
      linkPrints(change.payment).map((hmac) => ({ kind: 'bank-account', hmac })),
    );
    const met = await findLinkedCases(repo, c, prints);
    const linked = [...new Map(met.map((l) => [l.caseId, l])).values()];
    const bases = new Map([...accountPrintBases(keys.fingerprintKey, c.application.payment), ...accountPrintBases(keys.fingerprintKey, change.payment)]);
    const findings = checkPayoutChange({
      application: c.application,
      payment: change.payment,
      history: history.filter((h) => Date.parse(h.changedAt) <= Date.parse(change.time)),
      // No lists: BANK_SCREENING_UNAVAILABLE for each identifier, never a silent pass on an unscreened account.
      screen: index ? payeeScreen(index) : payeeScreenUnavailable(error ?? 'no lists'),
      linkedApplicants: met.map((l) => ({ caseId: l.caseId, status: l.status, ...matchedBy(bases, l.via) })),
      policy,
    });
    const runId = changeRunId(version.accountRef, change.time);
    await recordStageResult(repo, audit, {
      caseId: c.id,
      stage: 'bank',
      runId,
      inputs: { trigger: PAYOUT_CHANGE_TRIGGER, changedAt: change.time, method: change.payment.method, account: maskAccount(change.payment), bankCountry: bankCountryOf(change.payment) ?? null },
      findings,
      data: { linkedCases: linked.map((l) => l.caseId), version, intakeAccountRef },
    });
    await propagateToEarlierApplicants({ id: c.id, status: c.status, stage: 'bank', runId, accountBases: bases }, met);
    out.push(...findings);
    processed.push({ change, version, runId });
  }
  // The account paid now: the latest change of all, this batch's or one recorded before (the HRIS may send
  // them out of order). Only a change in this batch can have made it current.
  const current = history.reduce((a, b) => (Date.parse(b.changedAt) >= Date.parse(a.changedAt) ? b : a));
  const now = processed.find((p) => p.version.accountRef === current.accountRef && p.version.changedAt === current.changedAt);
  if (now) out.push(...(await proveNewAccount(c, evidence, now.change, now.version, now.runId)));
  else out.push(...(await recountCurrentChange(c.id, history, current)));
  await recordCurrentPayout(
    c.id,
    changes.map((s) => s.payment),
  );
  return out;
}

/** The bank evidence run of one change: named by the account and the change's time, so a resend is the same run. */
function changeRunId(accountRef: string, time: string): string {
  return `payout-${createHash('sha256').update(`${accountRef}\n${time}`).digest('hex').slice(0, 24)}`;
}

/**
 * A change delivered late (older than the account paid now, B after C): its checks are history, and the
 * account paid now keeps its checks in force (evidenceInForce orders the changes by their own time). But
 * the count of changes those checks weighed missed the late one: they are recorded again with the count
 * over every change (the account's own findings as they were: its details are not kept to check again).
 */
async function recountCurrentChange(caseId: string, history: readonly PayoutVersion[], current: PayoutVersion): Promise<Finding[]> {
  const policy = activePolicy();
  const evidence = await repo.listEvidence(caseId);
  const runId = changeRunId(current.accountRef, current.changedAt);
  const inForce = evidenceInForce(evidence).get('bank')?.[0];
  if (!inForce || inForce.inputs.trigger !== PAYOUT_CHANGE_TRIGGER || inForce.inputs.changedAt !== current.changedAt) return [];
  const counted = new Set<string>([BANK_CODES.detailsChanged, BANK_CODES.detailsChangedFrequently]);
  const findings = [...inForce.findings.filter((f) => !counted.has(f.code)), ...payoutChangeFindings(history, policy.signals.maxPayoutChanges, policy.signals.payoutChangeWindowDays)];
  const key = (fs: readonly Finding[]) => canonicalJson(fs.map((f) => [f.code, f.severity, f.message]).sort());
  if (key(findings) === key(inForce.findings)) return [];
  const versions = [...new Set(history.map((h) => `${h.accountRef}@${h.changedAt}`))].sort();
  const { version: _written, ...data } = inForce.data ?? {};
  await recordStageResult(repo, audit, {
    caseId,
    stage: 'bank',
    runId: `${runId}-recount-${createHash('sha256').update(versions.join('\n')).digest('hex').slice(0, 12)}`,
    inputs: inForce.inputs,
    findings,
    data: { ...data, recountedWith: versions.length },
  });
  return findings;
}

/** The round of test deposits for the account a payout change made current (see startPayoutRound). */
async function proveNewAccount(c: CaseRecord, evidence: readonly EvidenceRecord[], change: PayoutAccountChangeSignal, version: PayoutVersion, runId: string): Promise<Finding[]> {
  const policy = activePolicy();
  const required = microDepositsApply(policy, change.payment);
  const keys = await loadKeys(env.SECRET_ARN);
  const deps: MicroDepositDeps = {
    repo,
    deposits,
    sender: depositSender,
    links,
    linkKey: keys.linkKey,
    baseUrl: required ? publicBaseUrl() : '',
    reminderLeadMs: reminderLeadMs(),
    audit,
    send: async (to, mail) => void (await sendEmail(mailFrom(), [to], mail)),
    organisationName,
  };
  const findings = required ? newAccountOwnershipFindings(change.payment, policy) : [];
  const round = await startPayoutRound(deps, c, evidence, {
    roundId: runId,
    accountRef: version.accountRef,
    account: version.masked,
    currency: depositCurrency(bankCountryOf(change.payment)),
    changedAt: change.time,
    required,
    findings,
  });
  // The findings in force for the account paid now: unproven, failed before, or none (proven before, nothing to prove).
  return round.findings;
}

/**
 * The current payout account on the case record (masked), so the status events the HRIS is sent name it;
 * derived from the payout changes' evidence, which keeps the history. With it, the other holders the new
 * accounts name (payoutHolders): the repository rewrites the case's monitor item from them in the same write,
 * so the daily re-screening finds a co-holder listed after the change. Written on the case as read with that
 * evidence: a concurrent change conflicts, and the whole batch is tried again (retryOnConflict).
 */
async function recordCurrentPayout(caseId: string, payments: readonly PayoutAccountChangeSignal['payment'][]): Promise<void> {
  const { c, evidence } = await repo.mustGetCaseWithEvidence(caseId);
  const current = currentPayoutOf(payoutAccountsOf(c, evidence));
  const holders = payoutHoldersWith(c, payments);
  const payoutChanged = current !== undefined && canonicalJson(current) !== canonicalJson(c.payout ?? null);
  const holdersChanged = canonicalJson(holders ?? []) !== canonicalJson(c.payoutHolders ?? []);
  if (!payoutChanged && !holdersChanged) return;
  const event = payoutChanged
    ? auditEvent(caseId, 'system', 'payout.current', { since: current.since, changes: current.changes, method: current.method, ...(holdersChanged ? { otherHolders: holders?.length ?? 0 } : {}) })
    : auditEvent(caseId, 'system', 'payout.holders', { otherHolders: holders?.length ?? 0 });
  await repo.updateCase(c, (x) => ({ ...x, ...(payoutChanged ? { payout: current } : {}), ...(holders ? { payoutHolders: holders } : {}) }), { audit: event });
}
