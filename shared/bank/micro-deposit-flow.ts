import type { CaseRecord, EvidenceRecord } from '../cases/case-model';
import type { CaseRepository } from '../cases/case-repository';
import { finding, maxSeverity, type Finding } from '../domain/finding';
import type { RenderedEmail } from '../email/rendered-email';
import { renderMicroDepositRequestEmail } from '../email/micro-deposit-request';
import { contractorRecipient, issueLink } from '../links/issue-link';
import type { LinkRepository } from '../links/link-repository';
import type { Policy } from '../policy/policy-schema';
import { microDepositsRequired } from '../policy/policy-queries';
import { BANK_CODES } from './bank-codes';
import { bankCountryOf } from './bank-country';
import type { MicroDepositRepository, StoredMicroDepositChallenge } from './micro-deposit-repository';
import { MAX_MICRO_DEPOSIT_ATTEMPTS, startMicroDepositVerification, verifyMicroDeposits, type MicroDepositSender } from './micro-deposits';
import type { PaymentDetails } from './payment-schema';

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
  const currency = depositCurrency(bankCountryOf(c.application.payment));
  const challenge = await startMicroDepositVerification(deps.sender, { caseId: c.id, accountRef, currency, now });
  const deadline = new Date(now.getTime() + answerWindowMs);
  const contractor = c.application.contractor;
  const link = await issueLink(deps.links, deps.linkKey, deps.baseUrl, {
    caseId: c.id,
    task: 'micro-deposit',
    callbackId: 'micro-deposit',
    purpose: 'micro-deposit',
    actions: ['confirm-micro-deposits'],
    recipient: contractorRecipient(contractor.legalName.givenNames),
    deadline,
    now,
    ...(deps.reminderLeadMs !== undefined ? { reminderLeadMs: deps.reminderLeadMs } : {}),
  });
  await deps.deposits.createChallenge({ ...challenge, linkExpiresAt: link.expiresAt });
  await deps.repo.putEvidence({
    caseId: c.id,
    stage: MICRO_DEPOSIT_STAGE,
    runId: 'sent',
    recordedAt: now.toISOString(),
    inputs: { sendId: challenge.sendId, currency },
    findings: [],
    data: { status: 'pending', attempts: 0, attemptsLeft: MAX_MICRO_DEPOSIT_ATTEMPTS, sentAt: now.toISOString(), linkExpiresAt: link.expiresAt },
  });
  await deps.repo.setStage(c.id, MICRO_DEPOSIT_STAGE, { state: 'waiting', findings: 0 });
  // Never the amounts: the audit trail is readable by more people than the challenge.
  await deps.audit(c.id, 'stage:bank', 'micro-deposits.sent', { sendId: challenge.sendId, currency });
  await deps.send(
    contractor.email,
    renderMicroDepositRequestEmail({ contractorGivenName: contractor.legalName.givenNames, organisationName: deps.organisationName, currency, url: link.url, deadline: link.expiresAt, timeZone: contractor.timeZone }),
  );
  return true;
}

export type MicroDepositAnswerResult =
  | { kind: 'invalid-input' }
  | { kind: 'verified' }
  | { kind: 'wrong'; attemptsLeft: number }
  | { kind: 'failed' }
  | { kind: 'closed' };

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
  const findings = result.findings;
  await deps.repo.putEvidence({
    caseId: challenge.caseId,
    stage: MICRO_DEPOSIT_STAGE,
    runId: `attempt-${next.attempts}`,
    recordedAt: now.toISOString(),
    inputs: { sendId: challenge.sendId, currency: challenge.currency },
    findings,
    data: { status, attempts: next.attempts, attemptsLeft: result.attemptsLeft, ...(status === 'verified' ? { ownershipConfirmed: true } : {}) },
  });
  const top = maxSeverity(findings);
  await deps.repo.setStage(challenge.caseId, MICRO_DEPOSIT_STAGE, {
    state: status === 'verified' ? 'passed' : status === 'failed' ? 'findings' : 'waiting',
    findings: findings.length,
    ...(top ? { maxSeverity: top } : {}),
  });
  if (status === 'verified') return { kind: 'verified' };
  if (status === 'failed') return { kind: 'failed' };
  return { kind: 'wrong', attemptsLeft: result.attemptsLeft };
}

/** The micro-deposit evidence in force (newest record), or undefined when none were asked for. */
export function microDepositEvidence(evidence: readonly EvidenceRecord[]): EvidenceRecord | undefined {
  return evidence.filter((e) => e.stage === MICRO_DEPOSIT_STAGE).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)).at(-1);
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
      guidance: 'FBI public service announcements on DPRK IT workers (2023-2025): pay only accounts in the worker\'s own name',
    }),
  ];
}
