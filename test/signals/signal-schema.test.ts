import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paymentDetailsSchema } from '../../shared/domain/bank/payment-schema';
import { parseSignalsBody, paymentMethodSchema, signalsBodySchema } from '../../shared/domain/signals/signal-schema';
import * as z from '../../shared/domain/schemas/zod';
import type { FieldError } from '../../shared/domain/http/responses';

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

/** One line per error in the API's wording: the field, what is wrong, what is allowed. */
const worded = (errors: readonly FieldError[]) => errors.map((e) => `${e.field}: ${e.message}; allowed: ${e.allowed}`);

describe('signals body schema', () => {
  it('accepts every event type', () => {
    const r = parseSignalsBody(valid);
    expect(r.success).toBe(true);
    if (r.success) expect(r.data.signals.map((s) => s.type)).toEqual(valid.signals.map((s) => s.type));
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'hello', '(body): received a string; allowed: an object'],
    ['no signals', { source: 'x' }, 'signals: missing; allowed: an array'],
    ['an empty batch', { signals: [] }, 'signals: too few items; allowed: at least one signal'],
    [
      'an unknown top-level field',
      { signals: valid.signals, extra: 1 },
      'extra: unknown field; allowed: only the fields the API document describes (GET /openapi.json); field names are case-sensitive',
    ],
    [
      'an unknown event type',
      { signals: [{ type: 'teleport', time: t }] },
      'signals.0.type: not one of the accepted values; allowed: one of "login", "contact-change", "off-platform-request", "payment-method-change", "shipping-address", "remote-desktop-detected", "payout-account-change"',
    ],
    ['a bad IP', { signals: [{ type: 'login', time: t, ip: '1.2.3', accountId: 'a' }] }, 'signals.0.ip: not valid; allowed: an IPv4 or IPv6 address'],
    ['a missing accountId', { signals: [{ type: 'login', time: t, ip: '1.2.3.4' }] }, 'signals.0.accountId: missing; allowed: a string'],
    [
      'a bad time',
      { signals: [{ type: 'login', time: 'yesterday', ip: '1.2.3.4', accountId: 'a' }] },
      'signals.0.time: not a valid timestamp; allowed: an ISO 8601 timestamp such as "2026-03-01T10:00:00Z"',
    ],
    [
      'a time without offset',
      { signals: [{ type: 'remote-desktop-detected', time: '2026-03-01T10:00:00', tool: 'x' }] },
      'signals.0.time: not a valid timestamp; allowed: an ISO 8601 timestamp such as "2026-03-01T10:00:00Z"',
    ],
    [
      'an unknown field on an event',
      { signals: [{ type: 'remote-desktop-detected', time: t, tool: 'x', pid: 4 }] },
      'signals.0.pid: unknown field; allowed: only the fields the API document describes (GET /openapi.json); field names are case-sensitive',
    ],
    [
      'an unknown contact field',
      { signals: [{ type: 'contact-change', time: t, field: 'fax', new: '1' }] },
      'signals.0.field: not one of the accepted values; allowed: one of "email", "phone", "address", "name", "messaging"',
    ],
    ['a contact change without new value', { signals: [{ type: 'contact-change', time: t, field: 'email' }] }, 'signals.0.new: missing; allowed: a string'],
    [
      'an unknown channel',
      { signals: [{ type: 'off-platform-request', time: t, channel: 'pigeon' }] },
      'signals.0.channel: not one of the accepted values; allowed: one of "email", "phone", "whatsapp", "telegram", "signal", "skype", "discord", "wechat", "slack", "other"',
    ],
    [
      'an unknown payment method',
      { signals: [{ type: 'payment-method-change', time: t, method: 'cash' }] },
      'signals.0.method: not one of the accepted values; allowed: one of "iban", "us-ach", "in-ifsc", "uk-sort-code", "swift", "crypto", "payment-platform"',
    ],
    [
      'a lower-case shipping country',
      { signals: [{ type: 'shipping-address', time: t, address: { line1: 'x', city: 'y', country: 'us' } }] },
      'signals.0.address.country: not in the accepted form; allowed: an ISO 3166-1 alpha-2 country code such as "IN" or "PL"',
    ],
    ['an empty tool', { signals: [{ type: 'remote-desktop-detected', time: t, tool: '  ' }] }, 'signals.0.tool: empty; allowed: at least 1 character'],
  ])('rejects %s with an error naming the field', (_name, body, issue) => {
    const r = parseSignalsBody(body);
    expect(r.success).toBe(false);
    if (!r.success) expect(worded(r.errors)).toContain(issue);
  });

  it('caps a batch at 500 events', () => {
    const r = parseSignalsBody({ signals: Array.from({ length: 501 }, () => valid.signals[6]) });
    expect(r.success).toBe(false);
    if (!r.success) expect(worded(r.errors)).toEqual(['signals: too many items; allowed: at most 500 signals per request']);
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
      expect(parsed.errors.length).toBeGreaterThan(0);
      for (const e of parsed.errors) {
        // The body, a field of the schema, or an unknown field named as sent.
        expect(e.field.length).toBeGreaterThan(0);
        expect(e.message.length * e.allowed.length, JSON.stringify(e)).toBeGreaterThan(0);
      }
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
    fc.assert(
      fc.property(fc.array(login, { minLength: 1, maxLength: 20 }), (signals) => {
        expect(parseSignalsBody({ signals }).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
