import { isIP } from 'node:net';
import * as z from '../schemas/zod';
import { issuesToFieldErrors } from '../http/issue-wording';
import type { FieldError } from '../http/responses';
import { addressSchema } from '../schemas/onboarding';
import { freeTextCheck, isoDate, shortText, singleLineCheck } from '../schemas/common';
import { paymentDetailsSchema } from '../bank/payment-schema';

/**
 * Body of POST /onboardings/{id}/signals: what the HRIS or freelance platform saw during onboarding.
 * Every event is a strict object (an unknown field is a 400 naming it, so a platform's typo cannot
 * silently disable a rule) and carries the time it happened, which the rules need for windows.
 */

const time = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 timestamp such as "2026-03-01T10:00:00Z"' }).check(
  // Rules count signals in time windows: a login "in 2999" would stay inside every window for ever.
  z.refine(
    (t) => {
      const ms = Date.parse(t);
      return Number.isNaN(ms) || (ms >= Date.parse('2000-01-01T00:00:00Z') && ms <= Date.parse('2100-01-01T00:00:00Z'));
    },
    { message: 'expected a time from 2000 to 2100', abort: true },
  ),
);

export const ipAddress = z.string().check(
  z.maxLength(45),
  z.refine((s) => isIP(s) !== 0, { message: 'expected an IPv4 or IPv6 address' }),
);

export const loginSignal = z.strictObject({
  type: z.literal('login'),
  time,
  ip: ipAddress,
  accountId: shortText(128),
  userAgent: z.optional(z.string().check(z.maxLength(512), singleLineCheck())),
});

export const contactFieldSchema = z.enum(['email', 'phone', 'address', 'name', 'messaging']);

export const contactChangeSignal = z.strictObject({
  type: z.literal('contact-change'),
  time,
  field: contactFieldSchema,
  old: z.optional(z.string().check(z.maxLength(500), singleLineCheck())),
  new: z.string().check(z.minLength(1), z.maxLength(500), singleLineCheck()),
});

export const offPlatformRequestSignal = z.strictObject({
  type: z.literal('off-platform-request'),
  time,
  channel: z.enum(['email', 'phone', 'whatsapp', 'telegram', 'signal', 'skype', 'discord', 'wechat', 'slack', 'other']),
  text: z.optional(z.string().check(z.maxLength(2000), freeTextCheck())),
});

/** Same methods as intake's payment details (shared/domain/bank/payment-schema.ts). */
export const paymentMethodSchema = z.enum(['iban', 'us-ach', 'in-ifsc', 'uk-sort-code', 'swift', 'crypto', 'payment-platform']);

export const paymentMethodChangeSignal = z.strictObject({
  type: z.literal('payment-method-change'),
  time,
  method: paymentMethodSchema,
});

export const shippingAddressSignal = z.strictObject({
  type: z.literal('shipping-address'),
  time,
  /** The structured address as at intake; its `country` is the shipping country. */
  address: addressSchema,
  /** When the equipment is planned to ship (YYYY-MM-DD): an address change shortly before it is a finding. */
  shipDate: z.optional(isoDate),
});

/**
 * A new payout account after the bank check, in the same schema as intake's payment details (validated the
 * same way, a malformed account is a 400 naming the field). The bank stage's checks run again on it
 * (shared/domain/bank/payout-change.ts); the account itself is never kept in the signals evidence.
 */
export const payoutAccountChangeSignal = z.strictObject({
  type: z.literal('payout-account-change'),
  time,
  payment: paymentDetailsSchema,
});

export const remoteDesktopSignal = z.strictObject({
  type: z.literal('remote-desktop-detected'),
  time,
  /** e.g. "anydesk", "teamviewer", "chrome-remote-desktop", "rustdesk", "ip-kvm". */
  tool: shortText(100),
});

export const signalSchema = z.discriminatedUnion('type', [
  loginSignal,
  contactChangeSignal,
  offPlatformRequestSignal,
  paymentMethodChangeSignal,
  shippingAddressSignal,
  remoteDesktopSignal,
  payoutAccountChangeSignal,
]);
export type Signal = z.infer<typeof signalSchema>;
export type SignalType = Signal['type'];
export type LoginSignal = z.infer<typeof loginSignal>;
export type PayoutAccountChangeSignal = z.infer<typeof payoutAccountChangeSignal>;

export const signalsBodySchema = z.strictObject({
  /** Platform name for the evidence trail, e.g. "upwork" or "workday". */
  source: z.optional(shortText(64)),
  signals: z.array(signalSchema).check(z.minLength(1, 'expected at least one signal'), z.maxLength(500, 'at most 500 signals per request')),
});
export type SignalsBody = z.infer<typeof signalsBodySchema>;

export type SignalsParseResult = { success: true; data: SignalsBody } | { success: false; errors: FieldError[] };

/** Parses a request body; never throws, whatever the input (see the property test). */
export function parseSignalsBody(input: unknown): SignalsParseResult {
  const result = signalsBodySchema.safeParse(input, { reportInput: true });
  return result.success ? { success: true, data: result.data } : { success: false, errors: issuesToFieldErrors(result.error.issues, input) };
}
