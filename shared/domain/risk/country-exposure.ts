import { finding, type Finding } from '../finding';
import { countryRisk } from '../policy/policy-queries';
import type { Policy } from '../policy/policy-schema';
import { guidanceFor } from './catalogue';
import { countryFactOfField } from './facts';

/**
 * The one place policy.countries is applied to an applicant's profile, so a country added to the policy
 * takes effect everywhere. Signals (login IPs, phone) apply it to what the platform sees; this applies it
 * to what the applicant declares.
 */
export interface CountryProfile {
  nationality?: string;
  residenceCountry?: string;
  documentIssuingCountry?: string;
  documentNationality?: string;
  bankCountry?: string;
  phoneCountry?: string;
  employerCountries?: readonly string[];
}

const labels: Record<keyof CountryProfile, string> = {
  nationality: 'nationality',
  residenceCountry: 'country of residence',
  documentIssuingCountry: 'document issuing country',
  documentNationality: 'nationality on the document',
  bankCountry: 'bank country',
  phoneCountry: 'phone country',
  employerCountries: 'previous employer country',
};

/**
 * One hard-stop finding (any field in a hard-stop country) and one high-risk finding per fact (the
 * person, the bank, the phone, the employers), so that the decision counts a Chinese bank once whether the
 * bank stage or this rule saw it, and a Chinese national living in China once, not three times.
 */
export function assessCountryExposure(profile: CountryProfile, policy: Policy): Finding[] {
  const hits: Record<'hard-stop' | 'high', { field: keyof CountryProfile; country: string }[]> = { 'hard-stop': [], high: [] };
  for (const key of Object.keys(labels) as (keyof CountryProfile)[]) {
    const value = profile[key];
    const countries = value === undefined ? [] : typeof value === 'string' ? [value] : value;
    for (const raw of new Set(countries.map((c) => c.toUpperCase()))) {
      const risk = countryRisk(policy, raw);
      if (risk !== 'standard') hits[risk].push({ field: key, country: raw });
    }
  }
  const out: Finding[] = [];
  const describe = (list: { field: keyof CountryProfile; country: string }[]) => list.map((h) => `${labels[h.field]} ${h.country}`).join(', ');
  const evidence = (list: { field: keyof CountryProfile; country: string }[]) => list.map((h) => ({ kind: 'profile-country', field: h.field, detail: { country: h.country } }));
  if (hits['hard-stop'].length > 0)
    out.push(
      finding({
        code: 'SYS_COUNTRY_HARD_STOP',
        stage: 'system',
        severity: 'critical',
        hardStop: true,
        message: `The profile is linked to a country under comprehensive sanctions (${describe(hits['hard-stop'])}). Dealing with this person may be prohibited; compliance must review before anything else happens.`,
        evidence: evidence(hits['hard-stop']),
        guidance: guidanceFor('SYS_COUNTRY_HARD_STOP'),
      }),
    );
  const byFact = new Map<string, { field: keyof CountryProfile; country: string }[]>();
  const own = new Set([profile.nationality, profile.residenceCountry].filter((c): c is string => !!c).map((c) => c.toUpperCase()));
  // A phone from the person's own country says nothing the nationality or residence did not already say.
  const factOf = (h: { field: keyof CountryProfile; country: string }) => (h.field === 'phoneCountry' && own.has(h.country) ? 'profile.country' : (countryFactOfField[h.field] ?? 'profile.country'));
  for (const h of hits.high) byFact.set(factOf(h), [...(byFact.get(factOf(h)) ?? []), h]);
  for (const [fact, list] of byFact)
    out.push(
      finding({
        code: 'SYS_COUNTRY_HIGH_RISK',
        stage: 'system',
        severity: 'medium',
        fact,
        message: `The profile is linked to a country the policy lists as high risk (${describe(list)}). This alone is not a red flag about the person; it raises the weight of other signals.`,
        evidence: evidence(list),
        guidance: guidanceFor('SYS_COUNTRY_HIGH_RISK'),
      }),
    );
  return out;
}
