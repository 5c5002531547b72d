import { onboardingRequestSchema, type OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import { td3 } from '../fixtures/documents/mrz-builder';

/**
 * A consistent, clean application: Ingrid Lindqvist, a Swedish national living in Poland, paid into a Polish IBAN in her
 * own name. Tests override one part at a time to produce exactly one finding.
 */
export const cleanInput = {
  externalId: 'hris-123',
  contractor: {
    legalName: { givenNames: 'Ingrid Sofia', surname: 'Lindqvist' },
    birthDate: '1990-08-12',
    nationality: 'SE',
    residenceCountry: 'PL',
    email: 'anna@example.com',
    phone: '+48601234567',
    timeZone: 'Europe/Warsaw',
  },
  document: {
    type: 'passport',
    issuingCountry: 'SE',
    number: '87654321',
    surname: 'Lindqvist',
    givenNames: 'Ingrid Sofia',
    birthDate: '1990-08-12',
    sex: 'F',
    nationality: 'SE',
    expiryDate: '2031-04-15',
    mrz: td3({
      issuing: 'SWE',
      surname: 'LINDQVIST',
      given: 'INGRID<SOFIA',
      number: '87654321',
      nationality: 'SWE',
      birth: '900812',
      sex: 'F',
      expiry: '310415',
    }),
  },
  payment: { method: 'iban', accountHolder: 'Ingrid Lindqvist', iban: 'PL61109010140000071219812874' },
  reviewers: [{ name: 'Rita Reviewer', email: 'rita@example.com' }],
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> | T[K] : T[K] };

/** Union members are replaced whole: merging a crypto payout into an IBAN would mix their fields. */
const REPLACED = new Set(['payment']);

function merge(base: any, over: any): any {
  if (over === undefined) return base;
  if (Array.isArray(over) || typeof over !== 'object' || over === null) return over;
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = v === undefined ? undefined : REPLACED.has(k) ? v : merge(base?.[k], v);
  return out;
}

/** Builds a request through the real intake schema, so tests never use a shape intake would reject. */
export function makeRequest(over: DeepPartial<typeof cleanInput> | Record<string, unknown> = {}): OnboardingRequest {
  return onboardingRequestSchema.parse(merge(cleanInput, over));
}
