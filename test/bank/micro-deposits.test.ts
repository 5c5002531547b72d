import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LocalMicroDepositSender, generateMicroDepositAmounts, parseMicroDepositAmount, startMicroDepositVerification, verifyMicroDeposits } from '../../shared/domain/bank/micro-deposits';
import { BANK_CODES } from '../../shared/domain/bank/bank-codes';

const now = new Date('2026-03-01T10:00:00Z');

async function start(amounts: [number, number] = [12, 47]) {
  const sender = new LocalMicroDepositSender(() => now);
  let i = 0;
  const challenge = await startMicroDepositVerification(sender, { caseId: 'case-1', accountRef: 'hmac-abc', currency: 'EUR', now }, () => amounts[i++]!);
  return { sender, challenge };
}

describe('micro-deposits', () => {
  it('generates two distinct amounts between 0.01 and 0.99', () => {
    for (let n = 0; n < 200; n++) {
      const [a, b] = generateMicroDepositAmounts();
      expect(a).not.toBe(b);
      for (const x of [a, b]) expect(x >= 1 && x <= 99 && Number.isInteger(x)).toBe(true);
    }
    let calls = 0;
    const seq = [5, 5, 5, 9];
    expect(generateMicroDepositAmounts(() => seq[calls++]!)).toEqual([5, 9]);
  });

  it('the local sender records the send with the account fingerprint only', async () => {
    const { sender, challenge } = await start();
    expect(sender.sent).toEqual([{ caseId: 'case-1', accountRef: 'hmac-abc', currency: 'EUR', amounts: [12, 47], sendId: 'local-1', sentAt: now.toISOString() }]);
    expect(challenge).toMatchObject({ status: 'pending', attempts: 0, sendId: 'local-1' });
  });

  it('verifies the right amounts in either order and in common notations', async () => {
    const { challenge } = await start();
    expect(verifyMicroDeposits(challenge, ['0.47', '0,12']).outcome).toBe('verified');
    expect(verifyMicroDeposits(challenge, [0.12, 0.47]).challenge.status).toBe('verified');
    expect(verifyMicroDeposits(challenge, ['.12', '0.47']).findings).toEqual([]);
  });

  it('unparseable answers do not use an attempt', async () => {
    const { challenge } = await start();
    for (const bad of ['12', 'abc', '1.20', '0.00', '', '-0.12']) {
      const r = verifyMicroDeposits(challenge, [bad, '0.47']);
      expect(r.outcome, bad).toBe('invalid-input');
      expect(r.challenge.attempts).toBe(0);
    }
  });

  it('three wrong answers fail the challenge with BANK_MICRO_DEPOSIT_FAILED', async () => {
    let { challenge } = await start();
    const first = verifyMicroDeposits(challenge, ['0.12', '0.48']);
    expect([first.outcome, first.attemptsLeft]).toEqual(['wrong', 2]);
    const second = verifyMicroDeposits(first.challenge, ['0.13', '0.47']);
    expect([second.outcome, second.attemptsLeft]).toEqual(['wrong', 1]);
    const third = verifyMicroDeposits(second.challenge, ['0.01', '0.02']);
    expect(third.outcome).toBe('failed');
    expect(third.findings.map((f) => [f.code, f.severity])).toEqual([[BANK_CODES.microDepositFailed, 'high']]);
    challenge = third.challenge;
    // A closed challenge cannot be reopened by guessing right afterwards.
    expect(verifyMicroDeposits(challenge, ['0.12', '0.47']).outcome).toBe('not-pending');
  });

  it('never throws on arbitrary answers', async () => {
    const { challenge } = await start();
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double()), fc.oneof(fc.string(), fc.double()), (a, b) => {
        const r = verifyMicroDeposits(challenge, [a, b]);
        expect(['verified', 'wrong', 'invalid-input']).toContain(r.outcome);
        expect(parseMicroDepositAmount(a) ?? 1).toBeGreaterThan(0);
      }),
    );
  });
});
