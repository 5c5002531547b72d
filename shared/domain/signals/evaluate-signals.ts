import type { Finding } from '../finding';
import { parsePolicyObject } from '../policy/policy-document';
import { defaultPolicy } from '../policy/default-policy';
import type { Policy } from '../policy/policy-schema';
import type { Address } from './address';
import { evaluateConduct } from './conduct-rules';
import { evaluateEquipment } from './equipment-rules';
import { evaluateContacts } from './contact-rules';
import type { IpIntelligence } from './ip-intelligence';
import { evaluateLogins } from './login-rules';
import { evaluateFootprint } from './footprint-rules';
import type { LinkVisit } from './link-visit';
import { evaluateShipping } from './shipping-rules';
import type { Signal } from './signal-schema';

/** What the applicant declared at intake, to compare the platform's observations with. */
export interface SignalApplication {
  residenceCountry: string;
  /** A phone from the country of nationality is not a country mismatch (the same rule as at intake). */
  nationality?: string;
  phone?: string;
  email?: string;
  address?: Address;
  /** True when the contractor works through a company (engagement.company): free-mail is then a flag. */
  businessEmailExpected?: boolean;
}

export interface EvaluateSignalsInput {
  /** All signals received for the case so far, not only the latest batch: windows span batches. */
  signals: readonly Signal[];
  application: SignalApplication;
  /** Other onboardings seen behind each login IP (from the IP fingerprint index), this one excluded. */
  otherApplicantsByIp?: Readonly<Record<string, readonly string[]>>;
  ipIntel: IpIntelligence;
  /** The contractor's own requests to their links (shared/domain/signals/link-visit.ts), judged after the platform's signals. */
  linkVisits?: readonly LinkVisit[];
  /** Thresholds and countries; the built-in default when omitted. */
  policy?: Policy;
}

let fallbackPolicy: Policy | undefined;

/**
 * Turns platform signals into SIG_ findings. Pure apart from the IP lookups through the port; the same
 * input always gives the same findings, in a stable order (logins, contacts, equipment, conduct).
 */
export function evaluateSignals(input: EvaluateSignalsInput): Finding[] {
  const policy = input.policy ?? (fallbackPolicy ??= parsePolicyObject(defaultPolicy, 'default policy'));
  const { application: app } = input;
  const by = groupByType(input.signals);
  const contactChanges = by['contact-change'];
  const changed = (field: 'phone' | 'email') => contactChanges.filter((c) => c.field === field).map((c) => ({ value: c.new, source: `contact-change ${c.time}` }));

  return [
    ...evaluateLogins({
      logins: by.login,
      residenceCountry: app.residenceCountry,
      ipIntel: input.ipIntel,
      ...(input.otherApplicantsByIp && { otherApplicantsByIp: input.otherApplicantsByIp }),
      policy,
    }),
    ...evaluateContacts({
      residenceCountry: app.residenceCountry,
      ...(app.nationality && { nationality: app.nationality }),
      phones: [...(app.phone ? [{ value: app.phone, source: 'intake' }] : []), ...changed('phone')],
      emails: [...(app.email ? [{ value: app.email, source: 'intake' }] : []), ...changed('email')],
      businessEmailExpected: app.businessEmailExpected ?? false,
      contactChanges,
      policy,
    }),
    ...evaluateEquipment({
      shipping: by['shipping-address'],
      remoteDesktop: by['remote-desktop-detected'],
      residenceCountry: app.residenceCountry,
      ...(app.address && { residenceAddress: app.address }),
      policy,
    }),
    ...evaluateShipping({ shipping: by['shipping-address'], policy }),
    ...evaluateConduct({ offPlatform: by['off-platform-request'], paymentChanges: by['payment-method-change'], policy }),
    ...evaluateFootprint({
      visits: input.linkVisits ?? [],
      residenceCountry: app.residenceCountry,
      ...(app.nationality && { nationality: app.nationality }),
      ipIntel: input.ipIntel,
      ...(input.otherApplicantsByIp && { otherApplicantsByIp: input.otherApplicantsByIp }),
      policy,
    }),
  ];
}

type Grouped = { [T in Signal['type']]: Extract<Signal, { type: T }>[] };

/** Exhaustive on purpose: a new signal type does not compile until a rule looks at it. */
function groupByType(signals: readonly Signal[]): Grouped {
  const g: Grouped = {
    login: [],
    'contact-change': [],
    'off-platform-request': [],
    'payment-method-change': [],
    'shipping-address': [],
    'remote-desktop-detected': [],
    'payout-account-change': [],
  };
  for (const s of signals) {
    switch (s.type) {
      case 'login':
        g.login.push(s);
        break;
      case 'contact-change':
        g['contact-change'].push(s);
        break;
      case 'off-platform-request':
        g['off-platform-request'].push(s);
        break;
      case 'payment-method-change':
        g['payment-method-change'].push(s);
        break;
      case 'shipping-address':
        g['shipping-address'].push(s);
        break;
      case 'remote-desktop-detected':
        g['remote-desktop-detected'].push(s);
        break;
      // Re-runs the bank checks (shared/domain/bank/payout-change.ts), never kept among the signals.
      case 'payout-account-change':
        g['payout-account-change'].push(s);
        break;
      default:
        s satisfies never;
    }
  }
  return g;
}
