import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paymentDetailsSchema } from '../../shared/bank/payment-schema';
import { parseSignalsBody, paymentMethodSchema, signalsBodySchema } from '../../shared/signals/signal-schema';
import * as z from '../../shared/schemas/zod';

const t = '2026-03-01T10:00:00Z';
const valid = {
  source: 'upwork',
  signals: [
    { type: 'login', time: t, ip: '83.1.2.3', accountId: 'acc-1', userAgent: 'Mozilla/5.0' },
    { type: 'login', time: '2026-03-01T11:00:00+05:30', ip: '2a00:1450::1', accountId: 'acc-1' },
    { type: 'contact-change', time: t, field: 'phone', old: '+48601234567', new: '+48601234568' },
    { type: 'off-platform-request', time: t, channel: 'telegram', text: 'lets talk on telegram' },
    { type: 'payment-method-change', time: t, method: 'crypto' },
    { type: 'shipping-address', time: t, address: { line1: '1 Main St', city: 'Austin', postalCode: '78701', country: 'US' } },
    { type: 'remote-desktop-detected', time: t, tool: 'anydesk' },
  ],
};

describe('signals body schema', () => {
  it('accepts every event type', () => {
    const r = parseSignalsBody(valid);
    expect(r.success).toBe(true);
    if (r.success) expect(r.data.signals.map((s) => s.type)).toEqual(valid.signals.map((s) => s.type));
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'hello', '(root): expected an object'],
    ['no signals', { source: 'x' }, 'signals: required (expected an array)'],
    ['an empty batch', { signals: [] }, 'signals: expected at least one signal'],
    ['an unknown top-level field', { signals: valid.signals, extra: 1 }, '(root): unknown field "extra"'],
    ['an unknown event type', { signals: [{ type: 'teleport', time: t }] }, 'signals[0].type: Invalid discriminator value. Expected \'login\' | \'contact-change\' | \'off-platform-request\' | \'payment-method-change\' | \'shipping-address\' | \'remote-desktop-detected\' | \'payout-account-change\''],
    ['a bad IP', { signals: [{ type: 'login', time: t, ip: '1.2.3', accountId: 'a' }] }, 'signals[0].ip: expected an IPv4 or IPv6 address'],
    ['a missing accountId', { signals: [{ type: 'login', time: t, ip: '1.2.3.4' }] }, 'signals[0].accountId: required (expected a string)'],
    ['a bad time', { signals: [{ type: 'login', time: 'yesterday', ip: '1.2.3.4', accountId: 'a' }] }, 'signals[0].time: expected an ISO 8601 timestamp such as "2026-03-01T10:00:00Z"'],
    ['a time without offset', { signals: [{ type: 'remote-desktop-detected', time: '2026-03-01T10:00:00', tool: 'x' }] }, 'signals[0].time: expected an ISO 8601 timestamp such as "2026-03-01T10:00:00Z"'],
    ['an unknown field on an event', { signals: [{ type: 'remote-desktop-detected', time: t, tool: 'x', pid: 4 }] }, 'signals[0]: unknown field "pid"'],
    ['an unknown contact field', { signals: [{ type: 'contact-change', time: t, field: 'fax', new: '1' }] }, 'signals[0].field: Invalid option: expected one of "email"|"phone"|"address"|"name"|"messaging"'],
    ['a contact change without new value', { signals: [{ type: 'contact-change', time: t, field: 'email' }] }, 'signals[0].new: required (expected a string)'],
    ['an unknown channel', { signals: [{ type: 'off-platform-request', time: t, channel: 'pigeon' }] }, 'signals[0].channel: Invalid option: expected one of "email"|"phone"|"whatsapp"|"telegram"|"signal"|"skype"|"discord"|"wechat"|"slack"|"other"'],
    ['an unknown payment method', { signals: [{ type: 'payment-method-change', time: t, method: 'cash' }] }, 'signals[0].method: Invalid option: expected one of "iban"|"us-ach"|"in-ifsc"|"uk-sort-code"|"swift"|"crypto"|"payment-platform"'],
    ['a lower-case shipping country', { signals: [{ type: 'shipping-address', time: t, address: { line1: 'x', city: 'y', country: 'us' } }] }, 'signals[0].address.country: expected an ISO 3166-1 alpha-2 country code such as "IN" or "PL"'],
    ['an empty tool', { signals: [{ type: 'remote-desktop-detected', time: t, tool: '  ' }] }, 'signals[0].tool: Too small: expected string to have >=1 characters'],
  ])('rejects %s with an error naming the field', (_name, body, issue) => {
    const r = parseSignalsBody(body);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues).toContain(issue);
  });

  it('caps a batch at 500 events', () => {
    const r = parseSignalsBody({ signals: Array.from({ length: 501 }, () => valid.signals[6]) });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues).toEqual(['signals: at most 500 signals per request']);
  });

  it('knows the same payment methods as intake', () => {
    const intake = paymentDetailsSchema.def.options.map((o) => o.shape.method.def.values[0]).sort();
    expect([...paymentMethodSchema.options].sort()).toEqual(intake);
  });
});

describe('signals body schema, property-based', () => {
  const neverThrowsOtherThanZod = (input: unknown) => {
    const result = signalsBodySchema.safeParse(input);
    if (!result.success) expect(result.error).toBeInstanceOf(z.core.$ZodError);
    const parsed = parseSignalsBody(input);
    if (!parsed.success) {
      expect(parsed.issues.length).toBeGreaterThan(0);
      for (const issue of parsed.issues) expect(issue).toMatch(/^(\(root\)|signals|source)[^:]*: /);
    }
  };

  it('gives a zod error, never another throw, for arbitrary values', () => {
    fc.assert(fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }), neverThrowsOtherThanZod), { numRuns: 500 });
  });

  it('gives a zod error for random JSON bodies shaped like signals', () => {
    const event = fc.record(
      {
        type: fc.constantFrom('login', 'contact-change', 'off-platform-request', 'payment-method-change', 'shipping-address', 'remote-desktop-detected', 'x'),
        time: fc.oneof(fc.constant(t), fc.string(), fc.integer()),
        ip: fc.oneof(fc.ipV4(), fc.ipV6(), fc.string()),
        accountId: fc.string(),
        field: fc.string(),
        new: fc.jsonValue(),
        channel: fc.string(),
        method: fc.string(),
        address: fc.jsonValue(),
        tool: fc.string(),
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(fc.property(fc.record({ signals: fc.array(event, { maxLength: 5 }) }, { requiredKeys: [] }), neverThrowsOtherThanZod), { numRuns: 500 });
  });

  it('accepts random well-formed logins', () => {
    const login = fc.record({
      type: fc.constant('login' as const),
      time: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      ip: fc.oneof(fc.ipV4(), fc.ipV6()),
      accountId: fc.string({ minLength: 1, maxLength: 50 }).filter((s) => s.trim().length > 0),
    });
    fc.assert(fc.property(fc.array(login, { minLength: 1, maxLength: 20 }), (signals) => {
      expect(parseSignalsBody({ signals }).success).toBe(true);
    }), { numRuns: 200 });
  });
});
