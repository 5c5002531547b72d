import type { CaseRecord, EvidenceRecord } from '../../domain/cases/case-model';
import { evidenceInForce } from '../../domain/cases/latest-findings';
import type { CaseRepository } from '../../adapters/dynamodb/case-repository';
import { finding, maxSeverity, type Finding } from '../../domain/finding';
import type { RenderedEmail } from '../../domain/email/rendered-email';
import { renderMicroDepositRequestEmail } from '../../domain/email/micro-deposit-request';
import { contractorRecipient, issueLink } from '../links/issue-link';
import type { LinkRepository } from '../../adapters/dynamodb/link-repository';
import type { Policy } from '../../domain/policy/policy-schema';
import { microDepositsRequired } from '../../domain/policy/policy-queries';
import { BANK_CODES } from '../../domain/bank/bank-codes';
import { bankCountryOf } from '../../domain/bank/bank-country';
import type { MicroDepositRepository, StoredMicroDepositChallenge } from '../../adapters/dynamodb/micro-deposit-repository';
import { MAX_MICRO_DEPOSIT_ATTEMPTS, startMicroDepositVerification, verifyMicroDeposits, type MicroDepositSender } from '../../domain/bank/micro-deposits';
import type { PaymentDetails } from '../../domain/bank/payment-schema';

/** Evidence of the micro-deposits is kept under its own stage: the newest record per stage is in force. */
export const MICRO_DEPOSIT_STAGE = 'micro-deposits' as const;

/** The contractor's answer window: deposits take 1-3 working days to show on a statement. */
const answerWindowMs = 10 * 86_400_000;

type Audit = (caseId: string, actor: string, action: string, data: Record<string, unknown>) => Promise<void>;

/** Where micro-deposits stand, as the evidence in force says. */
export type MicroDepositStatus = 'pending' | 'verified' | 'failed';

/** Only a bank account can receive a deposit: never a wallet, nor a payment platform's account. */
export function isBankAccount(payment: PaymentDetails): boolean {
  return payment.method !== 'crypto' && payment.method !== 'payment-platform';
}

/** Whether this application's payout account must be proven by micro-deposits under the policy. */
export function microDepositsApply(policy: Policy, payment: PaymentDetails): boolean {
  return isBankAccount(payment) && microDepositsRequired(policy, bankCountryOf(payment));
}

const eurozone = new Set(['AT', 'BE', 'HR', 'CY', 'EE', 'FI', 'FR', 'DE', 'GR', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PT', 'SK', 'SI', 'ES']);
const national: Record<string, string> = { GB: 'GBP', IN: 'INR', US: 'USD', PL: 'PLN', UA: 'UAH', RO: 'RON', BG: 'BGN', CZ: 'CZK', HU: 'HUF', CH: 'CHF', SE: 'SEK', NO: 'NOK', DK: 'DKK' };

/** The currency the deposits are sent in: the account's country's, USD when unknown (SWIFT elsewhere). */
export function depositCurrency(bankCountry: string | undefined): string {
  if (!bankCountry) return 'USD';
  return national[bankCountry] ?? (eurozone.has(bankCountry) ? 'EUR' : 'USD');
}

export interface MicroDepositDeps {
  repo: CaseRepository;
  deposits: MicroDepositRepository;
  sender: MicroDepositSender;
  links: LinkRepository;
  linkKey: Buffer;
  baseUrl: string;
  /** The policy's reminder lead: an unanswered link gets one reminder before it expires. */
  reminderLeadMs?: number;
  audit: Audit;
  send: (to: string, mail: RenderedEmail) => Promise<void>;
  organisationName: string;
}

/**
 * Sends the two deposits through the port and emails the contractor a link to confirm them. Once per case,
 * however often the bank stage is retried or re-run. Non-blocking: nothing waits for the answer; the
 * reassessment after the interview weighs what has come in by then.
 */
export async function requestMicroDeposits(deps: MicroDepositDeps, c: CaseRecord, accountRef: string, now = new Date()): Promise<boolean> {
  if (!(await deps.repo.claimOnce(c.id, 'micro-deposits'))) return false;
  await sendRound(deps, c, { accountRef, currency: depositCurrency(bankCountryOf(c.application.payment)) }, now);
  return true;
}

/** A payout change's round of deposits: to the new account, named by the change (its run id and time). */
export interface PayoutRound {
  roundId: string;
  accountRef: string;
  /** The new account, masked. */
  account: string;
  currency: string;
  /** The change's own time: the latest change names the account whose proof is in force (evidenceInForce). */
  changedAt: string;
  /** Whether the policy asks to prove an account like it (a wallet or a platform account never can be). */
  required: boolean;
  /** Where the account's proof stands until the contractor answers: BANK_OWNERSHIP_UNVERIFIED. */
  findings: Finding[];
}

/**
 * Where an account's proof by test deposits stands on this case: the newest micro-deposits record for that
 * account (by its keyed fingerprint), and whether a link to answer is still open for it.
 */
export function accountProofOf(evidence: readonly EvidenceRecord[], accountRef: string, now: Date): { status: string; findings: Finding[]; linkOpen: boolean } | undefined {
  const records = evidence.filter((e) => e.stage === MICRO_DEPOSIT_STAGE && e.inputs.accountRef === accountRef).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  const newest = records.at(-1);
  if (!newest) return undefined;
  const expiries = records.flatMap((r) => (typeof r.data?.linkExpiresAt === 'string' ? [Date.parse(r.data.linkExpiresAt)] : []));
  return { status: String(newest.data?.status ?? ''), findings: newest.findings, linkOpen: expiries.some((t) => t > now.getTime()) };
}

/**
 * A payout change to a bank account the policy asks to prove (issue 18 item 4): the deposits the bank stage
 * sent proved the account they went to, not this one. So this account gets a round of its own: two new
 * deposits through the same port, a link for the contractor to confirm them, and the unproven ownership as
 * the finding in force until they do. Before anything is sent, the change is recorded with the finding,
 * so a crash between the claim and the mail leaves the account unproven, never silently proven. Once per
 * change (claimed by its round id): a retried or duplicated signal sends no second deposit and no second mail.
 * An account proven on this case before (a change back to it) needs no new deposits, nor does one whose
 * deposits are still open to answer; one that failed stays failed.
 */
export async function startPayoutRound(
  deps: MicroDepositDeps,
  c: CaseRecord,
  evidence: readonly EvidenceRecord[],
  round: PayoutRound,
  now = new Date(),
): Promise<{ outcome: 'sent' | 'proven-before' | 'open-before' | 'failed-before' | 'claimed' | 'not-required'; findings: Finding[] }> {
  const before = accountProofOf(evidence, round.accountRef, now);
  const inputs = { trigger: 'payout-account-change', accountRef: round.accountRef, account: round.account, changedAt: round.changedAt, currency: round.currency };
  const pointTo = async (status: string, findings: Finding[], data: Record<string, unknown> = {}) => {
    const top = maxSeverity(findings);
    await deps.repo.putEvidence({ caseId: c.id, stage: MICRO_DEPOSIT_STAGE, runId: round.roundId, recordedAt: now.toISOString(), inputs, findings, data: { status, ...data } });
    await deps.repo.setStage(c.id, MICRO_DEPOSIT_STAGE, {
      state: status === 'verified' || status === 'not-required' ? 'passed' : findings.length ? 'findings' : 'waiting',
      findings: findings.length,
      ...(top ? { maxSeverity: top } : {}),
    });
  };
  if (!round.required) {
    // Nothing to prove on this account; an earlier account's proof (or lack of it) is history now.
    if (evidence.some((e) => e.stage === MICRO_DEPOSIT_STAGE)) await pointTo('not-required', []);
    return { outcome: 'not-required', findings: [] };
  }
  if (before?.status === 'verified') {
    await pointTo('verified', [], { provenBefore: true });
    return { outcome: 'proven-before', findings: [] };
  }
  if (before?.status === 'failed') {
    await pointTo('failed', before.findings, { failedBefore: true });
    return { outcome: 'failed-before', findings: before.findings };
  }
  if (before?.status === 'pending' && before.linkOpen) {
    await pointTo('pending', round.findings, { openBefore: true });
    return { outcome: 'open-before', findings: round.findings };
  }
  await pointTo('pending', round.findings, { attempts: 0, attemptsLeft: MAX_MICRO_DEPOSIT_ATTEMPTS });
  if (!(await deps.repo.claimOnce(c.id, `micro-deposits#${round.roundId}`))) return { outcome: 'claimed', findings: round.findings };
  await sendRound(deps, c, { accountRef: round.accountRef, currency: round.currency, round }, now);
  return { outcome: 'sent', findings: round.findings };
}

/** The deposits, the challenge, the link, the evidence that they went out, the audit event and the mail. */
async function sendRound(deps: MicroDepositDeps, c: CaseRecord, args: { accountRef: string; currency: string; round?: PayoutRound }, now: Date): Promise<void> {
  const { currency, round } = args;
  const challenge = await startMicroDepositVerification(deps.sender, { caseId: c.id, accountRef: args.accountRef, currency, now, ...(round ? { roundId: round.roundId } : {}) });
  const deadline = new Date(now.getTime() + answerWindowMs);
  const contractor = c.application.contractor;
  const link = await issueLink(deps.links, deps.linkKey, deps.baseUrl, {
    caseId: c.id,
    task: 'micro-deposit',
    callbackId: round ? `${MICRO_DEPOSIT_CALLBACK}#${round.roundId}` : MICRO_DEPOSIT_CALLBACK,
    purpose: 'micro-deposit',
    actions: ['confirm-micro-deposits'],
    recipient: contractorRecipient(contractor.legalName.givenNames),
    deadline,
    now,
    ...(deps.reminderLeadMs !== undefined ? { reminderLeadMs: deps.reminderLeadMs } : {}),
  });
  await deps.deposits.createChallenge({ ...challenge, linkExpiresAt: link.expiresAt });
  const findings = round?.findings ?? [];
  await deps.repo.putEvidence({
    caseId: c.id,
    stage: MICRO_DEPOSIT_STAGE,
    runId: round ? `${round.roundId}-sent` : 'sent',
    recordedAt: now.toISOString(),
    inputs: {
      sendId: challenge.sendId,
      currency,
      accountRef: args.accountRef,
      ...(round ? { trigger: 'payout-account-change', account: round.account, changedAt: round.changedAt, roundId: round.roundId } : {}),
    },
    findings,
    data: { status: 'pending', attempts: 0, attemptsLeft: MAX_MICRO_DEPOSIT_ATTEMPTS, sentAt: now.toISOString(), linkExpiresAt: link.expiresAt },
  });
  const top = maxSeverity(findings);
  await deps.repo.setStage(c.id, MICRO_DEPOSIT_STAGE, { state: findings.length ? 'findings' : 'waiting', findings: findings.length, ...(top ? { maxSeverity: top } : {}) });
  // Never the amounts: the audit trail is readable by more people than the challenge.
  await deps.audit(c.id, 'stage:bank', 'micro-deposits.sent', { sendId: challenge.sendId, currency, ...(round ? { trigger: 'payout-account-change', account: round.account } : {}) });
  await deps.send(
    contractor.email,
    renderMicroDepositRequestEmail({
      contractorGivenName: contractor.legalName.givenNames,
      organisationName: deps.organisationName,
      currency,
      url: link.url,
      deadline: link.expiresAt,
      timeZone: contractor.timeZone,
    }),
  );
}

/** The callback id of the bank stage's link; a payout change's round adds `#<round id>`. */
export const MICRO_DEPOSIT_CALLBACK = 'micro-deposit';

/** The round a micro-deposit link answers (undefined: the bank stage's challenge). */
export function roundOfCallback(callbackId: string): string | undefined {
  return callbackId.startsWith(`${MICRO_DEPOSIT_CALLBACK}#`) ? callbackId.slice(MICRO_DEPOSIT_CALLBACK.length + 1) || undefined : undefined;
}

export type MicroDepositAnswerResult = { kind: 'invalid-input' } | { kind: 'verified' } | { kind: 'wrong'; attemptsLeft: number } | { kind: 'failed' } | { kind: 'closed' };

/**
 * Checks the contractor's answer against the stored challenge, records the attempt (audit, and evidence
 * whenever the status changes the picture: each attempt, so the case page shows attempts left) and says
 * what to show. `consume` marks the link used; it is called when the challenge closes.
 */
export async function answerMicroDeposits(
  deps: { repo: CaseRepository; deposits: MicroDepositRepository; audit: Audit; consume: () => Promise<boolean> },
  challenge: StoredMicroDepositChallenge,
  answer: readonly [string, string],
  now = new Date(),
): Promise<MicroDepositAnswerResult> {
  const result = verifyMicroDeposits(challenge, answer);
  if (result.outcome === 'invalid-input') return { kind: 'invalid-input' };
  if (result.outcome === 'not-pending') return { kind: 'closed' };
  const next = { ...result.challenge, linkExpiresAt: challenge.linkExpiresAt };
  // A concurrent answer spent this attempt first: the page is reloaded from the new state by the caller.
  if (!(await deps.deposits.saveAnswer(challenge, next))) return { kind: 'closed' };
  const status: MicroDepositStatus = next.status;
  if (status !== 'pending' && !(await deps.consume())) return { kind: 'closed' };
  await deps.audit(challenge.caseId, 'contractor', 'micro-deposits.attempt', { outcome: result.outcome, attempt: next.attempts, attemptsLeft: result.attemptsLeft });
  // A wrong answer proves nothing: the account stays as unproven as it was (the finding it had stands).
  const evidence = await deps.repo.listEvidence(challenge.caseId);
  const sameAccount = evidence.filter((e) => e.stage === MICRO_DEPOSIT_STAGE && e.inputs.accountRef === challenge.accountRef).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  const previous = sameAccount.at(-1)?.inputs;
  const carried = status === 'pending' ? (sameAccount.at(-1)?.findings ?? []).filter((f) => f.code === BANK_CODES.ownershipUnverified) : [];
  const findings = [...result.findings, ...carried];
  const recorded = await deps.repo.putEvidence({
    caseId: challenge.caseId,
    stage: MICRO_DEPOSIT_STAGE,
    runId: challenge.roundId ? `${challenge.roundId}-attempt-${next.attempts}` : `attempt-${next.attempts}`,
    recordedAt: now.toISOString(),
    inputs: {
      sendId: challenge.sendId,
      currency: challenge.currency,
      ...(challenge.accountRef ? { accountRef: challenge.accountRef } : {}),
      ...(challenge.roundId ? { roundId: challenge.roundId } : {}),
      // Which account, as the round's first record named it (never the change's time: an answer names no account paid now).
      ...(typeof previous?.trigger === 'string' ? { trigger: previous.trigger } : {}),
      ...(typeof previous?.account === 'string' ? { account: previous.account } : {}),
    },
    findings,
    data: { status, attempts: next.attempts, attemptsLeft: result.attemptsLeft, ...(status === 'verified' ? { ownershipConfirmed: true } : {}) },
  });
  // The stage shows the account paid now: an answer for an earlier account's deposits changes its record only.
  const inForce = microDepositEvidence([...evidence, recorded])!;
  const top = maxSeverity(inForce.findings);
  await deps.repo.setStage(challenge.caseId, MICRO_DEPOSIT_STAGE, {
    state: inForce.data?.status === 'verified' ? 'passed' : inForce.findings.length ? 'findings' : 'waiting',
    findings: inForce.findings.length,
    ...(top ? { maxSeverity: top } : {}),
  });
  if (status === 'verified') return { kind: 'verified' };
  if (status === 'failed') return { kind: 'failed' };
  return { kind: 'wrong', attemptsLeft: result.attemptsLeft };
}

/** The micro-deposit evidence in force (see evidenceInForce: the account paid now), or undefined when none were asked for. */
export function microDepositEvidence(evidence: readonly EvidenceRecord[]): EvidenceRecord | undefined {
  return evidenceInForce(evidence.filter((e) => e.stage === MICRO_DEPOSIT_STAGE)).get(MICRO_DEPOSIT_STAGE)?.[0];
}

/**
 * At the reassessment after the interview: deposits the policy asked for (they were sent) and that are
 * still not confirmed leave ownership of the payout account unproven. A failed challenge has its own,
 * stronger finding already; a confirmed one none.
 */
export function ownershipUnverifiedFindings(evidence: readonly EvidenceRecord[]): Finding[] {
  const inForce = microDepositEvidence(evidence);
  if (!inForce || inForce.data?.status !== 'pending') return [];
  if (inForce.findings.some((f) => f.code === BANK_CODES.ownershipUnverified)) return [];
  const attempts = Number(inForce.data?.attempts ?? 0);
  return [
    finding({
      code: BANK_CODES.ownershipUnverified,
      stage: 'bank',
      severity: 'medium',
      message: `The policy asks the contractor to prove the payout account is theirs by confirming two small test deposits, and by the end of the interview they had not (${attempts} wrong ${attempts === 1 ? 'answer' : 'answers'} so far). Ask them to confirm the deposits, or check ownership another way, before approving.`,
      evidence: [{ kind: 'micro-deposits', detail: { sendId: String(inForce.inputs.sendId ?? ''), attempts, status: 'pending' } }],
      guidance: "FBI public service announcements on DPRK IT workers (2023-2025): pay only accounts in the worker's own name",
    }),
  ];
}
