import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { backoffSchedule, signWebhook, verifyWebhookSignature, WEBHOOK_MAX_ATTEMPTS, webhookKeyOf, webhookSecret } from '../../shared/domain/notify/webhook-signature';

const key = Buffer.from('0123456789abcdef0123456789abcdef', 'utf8');
const secret = webhookSecret(key);
const id = 'ob_0123456789abcdef0123456789abcdef.3';
const body = JSON.stringify({ onboardingId: 'onb_1', status: 'approved' });
const t = 1_780_000_000;

describe('signWebhook (Standard Webhooks)', () => {
  it('produces v1,<base64 hmac of "id.timestamp.body"> with the whsec_ secret\'s key, exactly as the standardwebhooks library signs', () => {
    const expected = createHmac('sha256', key).update(`${id}.${t}.${body}`).digest('base64');
    expect(secret).toBe(`whsec_${key.toString('base64')}`);
    expect(signWebhook({ key, id, body, timestamp: t })).toBe(`v1,${expected}`);
    expect(signWebhook({ key, id, body, timestamp: t })).toBe(new Webhook(secret).sign(id, new Date(t * 1000), body));
    expect(webhookKeyOf(secret)).toEqual(key);
  });
  it('adds one v1 per key during rotation, space-separated, and refuses empty keys, bad ids and bad secrets', () => {
    expect(signWebhook({ key: [Buffer.from('new-key-new-key-'), key], id, body, timestamp: t }).split(' ')).toHaveLength(2);
    expect(() => signWebhook({ key: Buffer.alloc(0), id, body, timestamp: t })).toThrow();
    expect(() => signWebhook({ key, id: '', body, timestamp: t })).toThrow();
    expect(() => signWebhook({ key, id, body, timestamp: 1.5 })).toThrow(RangeError);
    expect(() => webhookKeyOf('whsec_not base64!')).toThrow(/base64/);
    expect(() => webhookKeyOf('whsec_AAAA')).toThrow(/16 bytes/);
  });
});

describe('verifyWebhookSignature', () => {
  const signature = signWebhook({ key, id, body, timestamp: t });
  const headers = { id, timestamp: String(t), signature };
  it('accepts a fresh, untouched request', () => {
    expect(verifyWebhookSignature({ key, body, headers, now: t + 10 })).toMatchObject({ ok: true, timestamp: t });
  });
  it('rejects a changed body, a wrong key, a moved timestamp and another event id', () => {
    expect(verifyWebhookSignature({ key, body: body.replace('approved', 'rejected'), headers, now: t })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature({ key: Buffer.from('other-key-other-key'), body, headers, now: t })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature({ key, body, headers: { ...headers, timestamp: String(t + 60) }, now: t + 60 })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature({ key, body, headers: { ...headers, id: `${id}0` }, now: t })).toEqual({ ok: false, reason: 'mismatch' });
  });
  it('rejects an expired request (replay after the tolerance window) and one from the future', () => {
    expect(verifyWebhookSignature({ key, body, headers, now: t + 301 })).toEqual({ ok: false, reason: 'expired' });
    expect(verifyWebhookSignature({ key, body, headers, now: t + 300 }).ok).toBe(true);
    expect(verifyWebhookSignature({ key, body, headers, now: t - 301 })).toEqual({ ok: false, reason: 'future' });
    expect(verifyWebhookSignature({ key, body, headers, now: t + 50, toleranceSeconds: 30 })).toEqual({ ok: false, reason: 'expired' });
  });
  it('rejects an exact replay inside the window when the receiver remembers signatures', () => {
    const first = verifyWebhookSignature({ key, body, headers, now: t });
    expect(first.ok).toBe(true);
    const seen = new Set([first.ok ? first.signature : '']);
    expect(verifyWebhookSignature({ key, body, headers, now: t + 5, seenSignatures: seen })).toEqual({ ok: false, reason: 'replayed' });
  });
  it('accepts any of several keys while rotating', () => {
    const newKey = Buffer.from('new-key-new-key-new-key');
    const rotated = signWebhook({ key: [newKey, key], id, body, timestamp: t });
    expect(verifyWebhookSignature({ key, body, headers: { ...headers, signature: rotated }, now: t }).ok).toBe(true);
    expect(verifyWebhookSignature({ key: [Buffer.from('x'), newKey], body, headers: { ...headers, signature: rotated }, now: t }).ok).toBe(true);
  });
  it.each([undefined, '', 'garbage', 'v1,00', 'v1', `v1,${'a'.repeat(43)}`, `v1,${'a'.repeat(40)}=`, `v2,${signature.slice(3)}`])('treats malformed signature %j as malformed, never throws', (h) => {
    expect(verifyWebhookSignature({ key, body, headers: { ...headers, signature: h }, now: t })).toEqual({ ok: false, reason: 'malformed' });
  });
  it.each([undefined, '', 'abc', '1.5', '-1'])('treats malformed timestamp %j as malformed', (ts) => {
    expect(verifyWebhookSignature({ key, body, headers: { ...headers, timestamp: ts }, now: t })).toEqual({ ok: false, reason: 'malformed' });
  });
  it('ignores unknown schemes next to v1', () => {
    expect(verifyWebhookSignature({ key, body, headers: { ...headers, signature: `v1a,deadbeef ${signature}` }, now: t }).ok).toBe(true);
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
