import type { Finding } from '../finding';
import { countryRisk } from '../policy/policy-queries';
import type { Policy } from '../policy/policy-schema';
import type { Address } from './address';
import { sameShippingAddress } from './shipping-address-key';
import type { Signal } from './signal-schema';
import { signalFinding } from './signal-finding';

type Of<T extends Signal['type']> = Extract<Signal, { type: T }>;

/**
 * Equipment: the laptop-farm pattern (FBI 2024, 2025): the work laptop goes to a facilitator's address,
 * not the worker's, and is then driven by remote-desktop software or an IP-KVM.
 */
export function evaluateEquipment(ctx: {
  shipping: readonly Of<'shipping-address'>[];
  remoteDesktop: readonly Of<'remote-desktop-detected'>[];
  residenceCountry: string;
  residenceAddress?: Address;
  policy: Policy;
}): Finding[] {
  const out: Finding[] = [];
  const residence = ctx.residenceCountry.toUpperCase();
  const shipEv = (s: Of<'shipping-address'>) => ({ kind: 'shipping-address', field: 'address', detail: { time: s.time, country: s.address.country, city: s.address.city } });

  const hardStop = ctx.shipping.filter((s) => countryRisk(ctx.policy, s.address.country) === 'hard-stop');
  if (hardStop.length > 0)
    out.push(
      signalFinding(
        'SIG_HARD_STOP_COUNTRY',
        `Equipment was to be shipped to ${[...new Set(hardStop.map((s) => s.address.country))].join(', ')}, which the policy treats as a hard stop.`,
        hardStop.map(shipEv),
      ),
    );
  const abroad = ctx.shipping.filter((s) => s.address.country !== residence && !hardStop.includes(s));
  if (abroad.length > 0)
    out.push(
      signalFinding(
        'SIG_SHIPPING_COUNTRY_MISMATCH',
        `Equipment is to be shipped to ${[...new Set(abroad.map((s) => s.address.country))].join(', ')} although the applicant claims to live in ${residence}.`,
        abroad.map(shipEv),
      ),
    );
  // Same country, different address: only checkable when intake had an address.
  const elsewhere = ctx.residenceAddress ? ctx.shipping.filter((s) => s.address.country === residence && !sameShippingAddress(s.address, ctx.residenceAddress!)) : [];
  if (elsewhere.length > 0)
    out.push(
      signalFinding(
        'SIG_SHIPPING_ADDRESS_MISMATCH',
        `Equipment is to be shipped to an address in ${elsewhere.map((s) => s.address.city).join(', ')} other than the residence on file, the pattern of a laptop farm.`,
        elsewhere.map(shipEv),
      ),
    );

  if (ctx.remoteDesktop.length > 0) {
    const tools = [...new Set(ctx.remoteDesktop.map((r) => r.tool.toLowerCase()))];
    out.push(
      signalFinding(
        'SIG_REMOTE_DESKTOP',
        `Remote-control tools detected (${tools.join(', ')}): someone other than the applicant may be at the keyboard.`,
        ctx.remoteDesktop.slice(0, 10).map((r) => ({ kind: 'remote-desktop', field: 'tool', detail: { time: r.time, tool: r.tool } })),
      ),
    );
  }
  return out;
}
