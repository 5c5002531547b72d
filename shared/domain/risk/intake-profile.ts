import { bankCountryOf } from '../bank/bank-country';
import type { Finding } from '../finding';
import { parsePhoneNumberFromString } from '../phone/max';
import type { Policy } from '../policy/policy-schema';
import type { OnboardingRequest } from '../schemas/onboarding';
import { evaluateContacts } from '../signals/contact-rules';
import { assessCountryExposure } from './country-exposure';

/**
 * What the request itself says, judged when the case is checked (the identity-document stage records it):
 *  - the phone and email given, by the contact rules the platform signals use (shared/domain/signals/contact-rules.ts):
 *    +850 (DPRK) and hard-stop countries, VOIP, invalid numbers, disposable mail, free mail where the
 *    engagement is through a company;
 *  - the country exposure of the whole profile (shared/domain/risk/country-exposure.ts): nationality, residence,
 *    document, bank and phone against policy.countries, the same lists the signals apply to login IPs.
 * Findings keep their codes (SIG_PHONE_VOIP at intake is the same red flag as from the platform) and their
 * facts, so the decision counts a phone seen at intake and again from the platform once.
 */
export function judgeIntakeProfile(request: OnboardingRequest, policy: Policy): Finding[] {
  const c = request.contractor;
  const contacts = evaluateContacts({
    residenceCountry: c.residenceCountry,
    nationality: c.nationality,
    phones: c.phone ? [{ value: c.phone, source: 'intake' }] : [],
    emails: [{ value: c.email, source: 'intake' }],
    businessEmailExpected: Boolean(request.engagement?.company),
    contactChanges: [],
    policy,
  });
  const phoneCountry = phoneCountryOf(c.phone);
  const bankCountry = bankCountryOf(request.payment);
  const exposure = assessCountryExposure(
    {
      nationality: c.nationality,
      residenceCountry: c.residenceCountry,
      documentIssuingCountry: request.document.issuingCountry,
      documentNationality: request.document.nationality,
      ...(bankCountry && { bankCountry }),
      ...(phoneCountry && { phoneCountry }),
      employerCountries: request.employment.flatMap((j) => (j.country ? [j.country] : [])),
    },
    policy,
  );
  return [...contacts, ...exposure].map((f) => ({ ...f, stage: 'document' as const }));
}

function phoneCountryOf(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  try {
    return parsePhoneNumberFromString(phone)?.country;
  } catch {
    return undefined;
  }
}
