import type { Finding } from '../finding';
import type { Policy } from '../policy/policy-schema';
import { mailDropsIn, type MailDrop } from './mail-drops';
import type { Signal } from './signal-schema';
import { signalFinding } from './signal-finding';
import { maskShippingAddress, sameShippingAddress } from './shipping-address-key';

type Shipping = Extract<Signal, { type: 'shipping-address' }>;

const DAY_MS = 86_400_000;

/** One change of the shipping address: the signal that gave another address than the one before it. */
export interface ShippingChange {
  change: Shipping;
  previous: Shipping;
  /** The ship date the change is measured against (YYYY-MM-DD). */
  shipDate: string;
  /** Days from the change to the start of the ship date (negative: on the ship day itself). */
  daysBefore: number;
}

/**
 * Address changes shortly before the laptop ships: the facilitator's address swapped in at the last moment,
 * after any check of the first one (FBI PSA January 2025: facilitators ask to change the delivery address
 * of company laptops). A change is a shipping signal whose address is not the previous one's (by the
 * fingerprint's folding, so a re-spelling is not a change). It is measured against its own ship date, or
 * else the latest ship date the HRIS sent (the current plan); without any ship date nothing is measured.
 * "Shortly" is `signals.shippingChangeWindowDays`; a change made on the ship day itself counts, one made
 * after the ship day does not (the laptop has left). Time is the signals' own: pure, no clock.
 */
export function changesBeforeShipping(shipping: readonly Shipping[], windowDays: number): ShippingChange[] {
  const sorted = [...shipping].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const plan = [...sorted].reverse().find((s) => s.shipDate)?.shipDate;
  const out: ShippingChange[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const change = sorted[i]!;
    const previous = sorted[i - 1]!;
    if (sameShippingAddress(change.address, previous.address)) continue;
    const shipDate = change.shipDate ?? plan;
    if (!shipDate) continue;
    const shipStart = Date.parse(`${shipDate}T00:00:00Z`);
    const at = Date.parse(change.time);
    const daysBefore = (shipStart - at) / DAY_MS;
    if (daysBefore <= windowDays && daysBefore > -1) out.push({ change, previous, shipDate, daysBefore });
  }
  return out;
}

const dropLabel: Record<MailDrop['kind'], string> = {
  forwarder: 'a package forwarder',
  cmra: 'a commercial mail-receiving agency (private mailbox)',
  'po-box': 'a post-office box',
  'parcel-locker': 'a parcel locker or pick-up point',
  'general-delivery': 'general delivery (collected at a post office)',
};

/**
 * The shipping-address rules of the laptop-farm pattern beside equipment-rules.ts: a change shortly
 * before shipping, and a destination where nobody lives (a forwarder, a mail drop). Addresses appear in
 * the evidence masked (maskShippingAddress); the marker that made it a mail drop is shown as found.
 */
export function evaluateShipping(ctx: { shipping: readonly Shipping[]; policy: Policy }): Finding[] {
  const out: Finding[] = [];
  const window = ctx.policy.signals.shippingChangeWindowDays;
  const changes = changesBeforeShipping(ctx.shipping, window);
  if (changes.length > 0) {
    const soonest = Math.min(...changes.map((c) => c.daysBefore));
    const when = soonest < 1 ? 'on the ship day itself' : `${Math.floor(soonest)} day(s) before the ship date`;
    out.push(
      signalFinding(
        'SIG_SHIPPING_CHANGED_BEFORE_SHIPPING',
        `The equipment shipping address was changed ${changes.length} time(s) within ${window} day(s) of shipping (the latest ${when}). Redirecting the laptop at the last moment is how a facilitator's address replaces the one that was checked: confirm the new address with the contractor by another channel before the laptop leaves.`,
        changes.slice(0, 10).map((c) => ({
          kind: 'shipping-change',
          field: 'address',
          detail: {
            changedAt: c.change.time,
            shipDate: c.shipDate,
            daysBefore: Math.round(c.daysBefore * 10) / 10,
            from: maskShippingAddress(c.previous.address),
            to: maskShippingAddress(c.change.address),
          },
        })),
        'shipping.change',
      ),
    );
  }
  const drops = ctx.shipping.map((s) => ({ s, drops: mailDropsIn(s.address) })).filter((x) => x.drops.length > 0);
  const ev = (x: { s: Shipping; drops: MailDrop[] }) => ({
    kind: 'shipping-address',
    field: 'address',
    detail: { time: x.s.time, address: maskShippingAddress(x.s.address), markers: x.drops.map((d) => d.marker), kinds: [...new Set(x.drops.map((d) => d.kind))] },
  });
  const forwarded = drops.filter((x) => x.drops.some((d) => d.kind === 'forwarder'));
  if (forwarded.length > 0)
    out.push(
      signalFinding(
        'SIG_SHIPPING_FORWARDER',
        `The equipment is to be shipped to a package forwarder (${[...new Set(forwarded.flatMap((x) => x.drops.filter((d) => d.kind === 'forwarder').map((d) => d.marker)))].join(', ')}), a service that receives parcels for someone abroad and sends them on. A work laptop has no reason to go there; it is how company laptops reach workers outside the country the contractor claims.`,
        forwarded.slice(0, 10).map(ev),
        'shipping.destination',
      ),
    );
  const mailDrops = drops.filter((x) => !forwarded.includes(x));
  if (mailDrops.length > 0)
    out.push(
      signalFinding(
        'SIG_SHIPPING_MAIL_DROP',
        `The equipment is to be shipped to ${[...new Set(mailDrops.flatMap((x) => x.drops.map((d) => dropLabel[d.kind])))].join(' / ')} (${[...new Set(mailDrops.flatMap((x) => x.drops.map((d) => d.marker)))].join(', ')}), not to where the contractor lives. Anyone with the box or the code collects it: ask for a residential delivery address.`,
        mailDrops.slice(0, 10).map(ev),
        'shipping.destination',
      ),
    );
  return out;
}
