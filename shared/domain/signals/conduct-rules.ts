import type { Finding } from '../finding';
import type { Policy } from '../policy/policy-schema';
import type { Signal } from './signal-schema';
import { signalFinding } from './signal-finding';

type Of<T extends Signal['type']> = Extract<Signal, { type: T }>;

/** Conduct on the platform: moving the conversation elsewhere, and how the applicant wants to be paid. */
export function evaluateConduct(ctx: { offPlatform: readonly Of<'off-platform-request'>[]; paymentChanges: readonly Of<'payment-method-change'>[]; policy: Policy }): Finding[] {
  const out: Finding[] = [];
  if (ctx.offPlatform.length > 0)
    out.push(
      signalFinding(
        'SIG_OFF_PLATFORM_REQUEST',
        `Asked ${ctx.offPlatform.length} time(s) to move the conversation off the platform (${[...new Set(ctx.offPlatform.map((o) => o.channel))].join(', ')}).`,
        ctx.offPlatform.slice(0, 10).map((o) => ({ kind: 'off-platform-request', field: 'channel', detail: { time: o.time, channel: o.channel, ...(o.text && { excerpt: o.text.slice(0, 200) }) } })),
      ),
    );
  const payEv = (p: Of<'payment-method-change'>) => ({ kind: 'payment-method-change', field: 'method', detail: { time: p.time, method: p.method } });
  if (ctx.paymentChanges.length > ctx.policy.signals.maxPaymentChanges)
    out.push(
      signalFinding(
        'SIG_PAYMENT_CHANGES',
        `Payment method changed ${ctx.paymentChanges.length} times (policy allows ${ctx.policy.signals.maxPaymentChanges}).`,
        ctx.paymentChanges.slice(0, 10).map(payEv),
      ),
    );
  // Flagged even where the policy allows crypto payouts: *asking* for crypto is the advisory's red flag.
  const crypto = ctx.paymentChanges.filter((p) => p.method === 'crypto');
  if (crypto.length > 0) out.push(signalFinding('SIG_PAYMENT_CRYPTO', 'Asked to be paid in virtual currency, which the 2022 advisory names as a red flag.', crypto.map(payEv)));
  return out;
}
