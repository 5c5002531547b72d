import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backoffSchedule, signWebhook, verifyWebhookSignature, WEBHOOK_MAX_ATTEMPTS } from '../../shared/audit/webhook-signature';

const secret = 'whsec_test_0123456789';
const body = JSON.stringify({ onboardingId: 'onb_1', status: 'approved' });
const t = 1_780_000_000;

describe('signWebhook', () => {
  it('produces t=<unix>,v1=<hex hmac of "t.body">', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook({ secret, body, timestamp: t })).toBe(`t=${t},v1=${expected}`);
  });
  it('adds one v1 per secret during rotation and refuses empty secrets', () => {
    expect(signWebhook({ secret: ['new', 'old'], body, timestamp: t }).match(/v1=/g)).toHaveLength(2);
    expect(() => signWebhook({ secret: '', body, timestamp: t })).toThrow();
    expect(() => signWebhook({ secret, body, timestamp: 1.5 })).toThrow(RangeError);
  });
});

describe('verifyWebhookSignature', () => {
  const header = signWebhook({ secret, body, timestamp: t });
  it('accepts a fresh, untouched request', () => {
    expect(verifyWebhookSignature({ secret, body, header, now: t + 10 })).toMatchObject({ ok: true, timestamp: t });
  });
  it('rejects a changed body, a wrong secret and a moved timestamp', () => {
    expect(verifyWebhookSignature({ secret, body: body.replace('approved', 'rejected'), header, now: t })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature({ secret: 'other', body, header, now: t })).toEqual({ ok: false, reason: 'mismatch' });
    const moved = header.replace(`t=${t}`, `t=${t + 60}`);
    expect(verifyWebhookSignature({ secret, body, header: moved, now: t + 60 })).toEqual({ ok: false, reason: 'mismatch' });
  });
  it('rejects an expired request (replay after the tolerance window) and one from the future', () => {
    expect(verifyWebhookSignature({ secret, body, header, now: t + 301 })).toEqual({ ok: false, reason: 'expired' });
    expect(verifyWebhookSignature({ secret, body, header, now: t + 300 }).ok).toBe(true);
    expect(verifyWebhookSignature({ secret, body, header, now: t - 301 })).toEqual({ ok: false, reason: 'future' });
    expect(verifyWebhookSignature({ secret, body, header, now: t + 50, toleranceSeconds: 30 })).toEqual({ ok: false, reason: 'expired' });
  });
  it('rejects an exact replay inside the window when the receiver remembers signatures', () => {
    const first = verifyWebhookSignature({ secret, body, header, now: t });
    expect(first.ok).toBe(true);
    const seen = new Set([first.ok ? first.signature : '']);
    expect(verifyWebhookSignature({ secret, body, header, now: t + 5, seenSignatures: seen })).toEqual({ ok: false, reason: 'replayed' });
  });
  it('accepts any of several secrets while rotating', () => {
    const rotated = signWebhook({ secret: ['new-secret', secret], body, timestamp: t });
    expect(verifyWebhookSignature({ secret, body, header: rotated, now: t }).ok).toBe(true);
    expect(verifyWebhookSignature({ secret: ['x', 'new-secret'], body, header: rotated, now: t }).ok).toBe(true);
  });
  it.each([undefined, '', 'garbage', 't=abc,v1=00', `t=${t}`, `v1=${'a'.repeat(64)}`, `t=${t},v1=zz`, `t=${t},t=${t},v1=${'a'.repeat(64)}`, `t=${t},v1=${'a'.repeat(62)}`])(
    'treats malformed header %j as malformed, never throws',
    (h) => {
      expect(verifyWebhookSignature({ secret, body, header: h, now: t })).toEqual({ ok: false, reason: 'malformed' });
    },
  );
  it('ignores unknown schemes next to v1', () => {
    expect(verifyWebhookSignature({ secret, body, header: `${header},v0=deadbeef`, now: t }).ok).toBe(true);
  });
});

describe('backoffSchedule', () => {
  it('grows exponentially between half and the whole ceiling, with jitter', () => {
    expect(backoffSchedule(1, { random: () => 0 })).toBe(1000);
    expect(backoffSchedule(1, { random: () => 0.999999 })).toBe(2000);
    expect(backoffSchedule(2, { random: () => 0 })).toBe(2000);
    expect(backoffSchedule(5, { random: () => 0.5 })).toBe(24_000);
  });
  it('is capped and never overflows', () => {
    expect(backoffSchedule(40, { random: () => 0.999999 })).toBeLessThanOrEqual(3_600_000);
    expect(backoffSchedule(10_000, { random: () => 0 })).toBe(1_800_000);
  });
  it('spreads retries of the same attempt (jitter) and stays within bounds with Math.random', () => {
    const delays = Array.from({ length: 200 }, () => backoffSchedule(4));
    expect(new Set(delays).size).toBeGreaterThan(50);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(8000);
      expect(d).toBeLessThanOrEqual(16_000);
    }
  });
  it('rejects attempt numbers below 1', () => {
    expect(() => backoffSchedule(0)).toThrow(RangeError);
    expect(() => backoffSchedule(1.5)).toThrow(RangeError);
    expect(WEBHOOK_MAX_ATTEMPTS).toBeGreaterThan(3);
  });
});
