import { finding, type Finding } from '../domain/finding';
import { countryRisk } from '../policy/policy-queries';
import type { Policy } from '../policy/policy-schema';
import { guidanceFor } from './catalogue';

/**
 * The one place policy.countries is applied to an applicant's profile, so a country added to the policy
 * takes effect everywhere. Signals (login IPs, phone) apply it to what the platform sees; this applies it
 * to what the applicant declares.
 */
export interface CountryProfile {
  nationality?: string;
  residenceCountry?: string;
  documentIssuingCountry?: string;
  bankCountry?: string;
  employerCountries?: readonly string[];
}

const labels: Record<keyof CountryProfile, string> = {
  nationality: 'nationality',
  residenceCountry: 'country of residence',
  documentIssuingCountry: 'document issuing country',
  bankCountry: 'bank country',
  employerCountries: 'previous employer country',
};

export function assessCountryExposure(profile: CountryProfile, policy: Policy): Finding[] {
  const hits: Record<'hard-stop' | 'high', { field: string; country: string }[]> = { 'hard-stop': [], high: [] };
  for (const key of Object.keys(labels) as (keyof CountryProfile)[]) {
    const value = profile[key];
    const countries = value === undefined ? [] : typeof value === 'string' ? [value] : value;
    for (const raw of new Set(countries)) {
      const country = raw.toUpperCase();
      const risk = countryRisk(policy, country);
      if (risk !== 'standard') hits[risk].push({ field: key, country });
    }
  }
  const out: Finding[] = [];
  const describe = (list: { field: string; country: string }[]) =>
    list.map((h) => `${labels[h.field as keyof CountryProfile]} ${h.country}`).join(', ');
  if (hits['hard-stop'].length > 0)
    out.push(
      finding({
        code: 'SYS_COUNTRY_HARD_STOP',
        stage: 'system',
        severity: 'critical',
        hardStop: true,
        message: `The profile is linked to a country under comprehensive sanctions (${describe(hits['hard-stop'])}). Dealing with this person may be prohibited; compliance must review before anything else happens.`,
        evidence: hits['hard-stop'].map((h) => ({ kind: 'profile-country', field: h.field, detail: { country: h.country } })),
        guidance: guidanceFor('SYS_COUNTRY_HARD_STOP'),
      }),
    );
  if (hits.high.length > 0)
    out.push(
      finding({
        code: 'SYS_COUNTRY_HIGH_RISK',
        stage: 'system',
        severity: 'medium',
        message: `The profile is linked to a country the policy lists as high risk (${describe(hits.high)}). This alone is not a red flag about the person; it raises the weight of other signals.`,
        evidence: hits.high.map((h) => ({ kind: 'profile-country', field: h.field, detail: { country: h.country } })),
        guidance: guidanceFor('SYS_COUNTRY_HIGH_RISK'),
      }),
    );
  return out;
}
