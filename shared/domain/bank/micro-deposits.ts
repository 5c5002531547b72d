import { randomInt, timingSafeEqual } from 'node:crypto';
import { finding, type Finding } from '../finding';
import { BANK_CODES } from './bank-codes';

/**
 * Ownership proof by micro-deposits: two small amounts are paid into the declared account and the
 * contractor types them back through a secure link. Only the account's owner (who sees the statement)
 * can answer, which defeats an account "borrowed" by name only when the borrower does not share access.
 */

/** Amounts in minor units (cents), each 1..99, never equal so that the pair carries more information. */
export type MicroDepositAmounts = readonly [number, number];

export interface MicroDepositSendRequest {
  caseId: string;
  /** The HMAC fingerprint of the account, never the account number (the adapter may log it). */
  accountRef: string;
  currency: string;
  amounts: MicroDepositAmounts;
}

export interface MicroDepositSendReceipt {
  sendId: string;
  sentAt: string;
}

/** Port: an adapter for a real payout provider implements this; the local one only records. */
export interface MicroDepositSender {
  send(request: MicroDepositSendRequest): Promise<MicroDepositSendReceipt>;
}

/** Local/test adapter: records sends in memory; the lead persists them on the case. */
export class LocalMicroDepositSender implements MicroDepositSender {
  readonly sent: (MicroDepositSendRequest & MicroDepositSendReceipt)[] = [];
  constructor(private readonly clock: () => Date = () => new Date()) {}

  async send(request: MicroDepositSendRequest): Promise<MicroDepositSendReceipt> {
    const receipt = { sendId: `local-${this.sent.length + 1}`, sentAt: this.clock().toISOString() };
    this.sent.push({ ...request, ...receipt });
    return receipt;
  }
}

/** Two distinct amounts in 1..99 cents from the CSPRNG (Math.random would make them guessable). */
export function generateMicroDepositAmounts(rand: (min: number, max: number) => number = randomInt): MicroDepositAmounts {
  const a = rand(1, 100);
  let b = rand(1, 100);
  while (b === a) b = rand(1, 100);
  return [a, b];
}

export const MAX_MICRO_DEPOSIT_ATTEMPTS = 3;

export interface MicroDepositChallenge {
  caseId: string;
  amounts: MicroDepositAmounts;
  currency: string;
  sendId: string;
  attempts: number;
  status: 'pending' | 'verified' | 'failed';
  createdAt: string;
  /**
   * The account the deposits went to (its keyed fingerprint): they prove that account and no other.
   * Absent on challenges stored before it was kept (the bank stage's, the account given at intake).
   */
  accountRef?: string;
  /** A payout change's round (absent: the bank stage's challenge). */
  roundId?: string;
}

/** Generates the amounts, sends them through the port and returns the challenge to persist. */
export async function startMicroDepositVerification(
  sender: MicroDepositSender,
  args: { caseId: string; accountRef: string; currency: string; now: Date; roundId?: string },
  rand?: (min: number, max: number) => number,
): Promise<MicroDepositChallenge> {
  const amounts = generateMicroDepositAmounts(rand);
  const receipt = await sender.send({ caseId: args.caseId, accountRef: args.accountRef, currency: args.currency, amounts });
  return {
    caseId: args.caseId,
    amounts,
    currency: args.currency,
    sendId: receipt.sendId,
    attempts: 0,
    status: 'pending',
    createdAt: args.now.toISOString(),
    accountRef: args.accountRef,
    ...(args.roundId ? { roundId: args.roundId } : {}),
  };
}

/**
 * Parses what the contractor typed: "0.32", ".32", "0,32" (decimal comma) or a number 0.32. Integers
 * ("32") are refused rather than guessed: "32" could mean 32 cents or 32 units.
 */
export function parseMicroDepositAmount(input: string | number): number | undefined {
  const s = typeof input === 'number' ? input.toFixed(2) : input.trim().replace(',', '.');
  const m = /^0?\.([0-9]{2})$/.exec(s);
  if (!m) return undefined;
  const cents = Number(m[1]);
  return cents >= 1 && cents <= 99 ? cents : undefined;
}

export type MicroDepositOutcome = 'verified' | 'wrong' | 'failed' | 'invalid-input' | 'not-pending';

export interface MicroDepositVerification {
  outcome: MicroDepositOutcome;
  /** The updated challenge to persist (unchanged for invalid input or a closed challenge). */
  challenge: MicroDepositChallenge;
  attemptsLeft: number;
  findings: Finding[];
}

/** Sorted pair as 2 bytes: the contractor may type the amounts in either order. */
function encode(pair: readonly number[]): Buffer {
  return Buffer.from([...pair].sort((x, y) => x - y));
}

/**
 * Checks an answer. The comparison is constant-time so response timing reveals nothing about which amount
 * was right; an unparseable answer does not consume an attempt (it is a 400 for the link handler).
 * The third wrong answer fails the challenge and yields BANK_MICRO_DEPOSIT_FAILED.
 */
export function verifyMicroDeposits(challenge: MicroDepositChallenge, answer: readonly [string | number, string | number]): MicroDepositVerification {
  const left = (c: MicroDepositChallenge) => Math.max(0, MAX_MICRO_DEPOSIT_ATTEMPTS - c.attempts);
  if (challenge.status !== 'pending') return { outcome: 'not-pending', challenge, attemptsLeft: left(challenge), findings: [] };
  const parsed = answer.map(parseMicroDepositAmount);
  if (parsed.some((p) => p === undefined)) return { outcome: 'invalid-input', challenge, attemptsLeft: left(challenge), findings: [] };

  const ok = timingSafeEqual(encode(parsed as number[]), encode(challenge.amounts));
  const attempts = challenge.attempts + 1;
  if (ok) {
    const next = { ...challenge, attempts, status: 'verified' as const };
    return { outcome: 'verified', challenge: next, attemptsLeft: left(next), findings: [] };
  }
  if (attempts < MAX_MICRO_DEPOSIT_ATTEMPTS) {
    const next = { ...challenge, attempts };
    return { outcome: 'wrong', challenge: next, attemptsLeft: left(next), findings: [] };
  }
  const next = { ...challenge, attempts, status: 'failed' as const };
  return {
    outcome: 'failed',
    challenge: next,
    attemptsLeft: 0,
    findings: [
      finding({
        code: BANK_CODES.microDepositFailed,
        stage: 'bank',
        severity: 'high',
        message: `The contractor could not confirm the two test deposits after ${MAX_MICRO_DEPOSIT_ATTEMPTS} attempts, so ownership of the payout account is not proven. The account may belong to someone else.`,
        evidence: [{ kind: 'micro-deposits', detail: { sendId: challenge.sendId, attempts } }],
      }),
    ],
  };
}
