import type { Finding } from '../finding';

/**
 * What a finding is about, for counting: the risk decision adds each fact once, at the weight of its
 * strongest finding, so that one payout bank in China seen by three checks (BANK_CHINA_BANK,
 * BANK_COUNTRY_NOT_RESIDENCE, DOC_BANK_COUNTRY_MISMATCH) is one red flag, not three.
 *
 * A finding names its fact where it is produced (`finding.fact`). Findings that do not (older evidence in
 * the table, a stage that has not been taught yet) get one from the table below; a code the table does not
 * know is its own fact (`code:<CODE>`), which is how the decision counted before facts existed.
 */

/** Facts several checks observe. Keys are finding codes; values the fact, or how to read it from the finding. */
const factByCode: Record<string, string | ((f: Finding) => string)> = {
  // Where the payout account is.
  BANK_DPRK_BANK: 'bank.country',
  BANK_CHINA_BANK: 'bank.country',
  BANK_HIGH_RISK_COUNTRY: 'bank.country',
  BANK_COUNTRY_NOT_RESIDENCE: 'bank.country',
  DOC_BANK_COUNTRY_MISMATCH: 'bank.country',
  // Whose payout account it is.
  BANK_HOLDER_NAME_MISMATCH: 'bank.holder',
  BANK_HOLDER_IS_COMPANY: 'bank.holder',
  DOC_NAME_MISMATCH_BANK_HOLDER: 'bank.holder',
  // How the contractor wants to be paid (the bank stage sees the request, the platform sees the ask).
  BANK_CRYPTO_PAYOUT: 'payout.method',
  SIG_PAYMENT_CRYPTO: 'payout.method',
  BANK_PAYMENT_PLATFORM: 'payout.method',
  BANK_DETAILS_CHANGED: 'payout.changes',
  BANK_DETAILS_CHANGED_FREQUENTLY: 'payout.changes',
  SIG_PAYMENT_CHANGES: 'payout.changes',
  BANK_MICRO_DEPOSIT_FAILED: 'bank.ownership',
  BANK_OWNERSHIP_UNVERIFIED: 'bank.ownership',
  // The phone and the email given.
  SIG_PHONE_DPRK: 'contact.phone',
  SIG_PHONE_INVALID: 'contact.phone',
  SIG_PHONE_VOIP: 'contact.phone',
  SIG_PHONE_COUNTRY_MISMATCH: 'contact.phone',
  DOC_PHONE_COUNTRY_MISMATCH: 'contact.phone',
  SIG_EMAIL_DISPOSABLE: 'contact.email',
  SIG_EMAIL_FREEMAIL: 'contact.email',
  // Who the document says the person is.
  DOC_NAME_MISMATCH_APPLICATION: 'document.name',
  DOC_NATIONALITY_MISMATCH: 'document.nationality',
  // The person's own ties to a listed country (nationality, residence, document): one exposure, however
  // many of the fields show it.
  DOC_DPRK_DOCUMENT: 'profile.country',
  DOC_DPRK_NATIONALITY: 'profile.country',
  DOC_HIGH_RISK_COUNTRY: 'profile.country',
  // Where the logins come from, and whether that is one person moving.
  SIG_DPRK_IP: 'login.country',
  SIG_LOGIN_HIGH_RISK_COUNTRY: 'login.country',
  SIG_LOGIN_FOREIGN_COUNTRY: 'login.country',
  SIG_LOGIN_MANY_COUNTRIES: 'login.travel',
  SIG_LOGIN_MANY_COUNTRIES_DAY: 'login.travel',
  SIG_IMPOSSIBLE_TRAVEL: 'login.travel',
  SIG_LOGIN_VPN: 'login.network',
  SIG_LOGIN_HOSTING: 'login.network',
  SIG_SHIPPING_COUNTRY_MISMATCH: 'shipping.address',
  SIG_SHIPPING_ADDRESS_MISMATCH: 'shipping.address',
  // Where nobody lives (a forwarder, a mail drop) is another fact than "elsewhere than the residence".
  SIG_SHIPPING_FORWARDER: 'shipping.destination',
  SIG_SHIPPING_MAIL_DROP: 'shipping.destination',
  SIG_SHIPPING_CHANGED_BEFORE_SHIPPING: 'shipping.change',
  // The same country rule over every field (shared/domain/risk/country-exposure.ts) names the field it saw.
  SYS_COUNTRY_HARD_STOP: (f) => exposureFact(f),
  SYS_COUNTRY_HIGH_RISK: (f) => exposureFact(f),
  SIG_HARD_STOP_COUNTRY: (f) => {
    const kind = f.evidence[0]?.kind;
    return kind === 'contact' ? 'contact.phone' : kind === 'login' ? 'login.country' : kind === 'shipping' ? 'shipping.address' : `code:${f.code}`;
  },
  // A sanctions match is about one screened subject (the applicant, a reference, the firm), however many
  // list entries it resembles.
  SCR_STRONG_MATCH: (f) => `screening:${f.evidence[0]?.field ?? 'contractor'}`,
  SCR_POTENTIAL_MATCH: (f) => `screening:${f.evidence[0]?.field ?? 'contractor'}`,
  // A reference's email address (free mail, disposable, another domain) is one fact per reference.
  REF_FREE_MAIL: (f) => f.evidence[0]?.field ?? `code:${f.code}`,
  REF_DISPOSABLE_EMAIL: (f) => f.evidence[0]?.field ?? `code:${f.code}`,
  REF_DOMAIN_MISMATCH: (f) => f.evidence[0]?.field ?? `code:${f.code}`,
  // Links to other applicants: one fact per set of other applicants, whatever identifier they share.
  LINK_SHARED_CONTACT: (f) => linkFact(f, 'otherCases'),
  LINK_SHARED_REFERENCE: (f) => linkFact(f, 'otherCases'),
  LINK_SHARED_SHIPPING_ADDRESS: (f) => linkFact(f, 'otherCases'),
  BANK_SHARED_ACCOUNT: (f) => linkFact(f, 'linkedCases'),
  SIG_SHARED_IP: (f) => linkFact(f, 'otherApplicants'),
};

/** The fact a country-exposure field is about: the person's own ties are one fact, however many fields show them. */
export const countryFactOfField: Readonly<Record<string, string>> = {
  nationality: 'profile.country',
  residenceCountry: 'profile.country',
  documentIssuingCountry: 'profile.country',
  documentNationality: 'profile.country',
  bankCountry: 'bank.country',
  phoneCountry: 'contact.phone',
  loginCountries: 'login.country',
  employerCountries: 'employment.country',
};

function exposureFact(f: Finding): string {
  const facts = new Set(f.evidence.map((e) => countryFactOfField[e.field ?? ''] ?? 'profile.country'));
  return facts.size === 1 ? [...facts][0]! : 'profile.country';
}

function linkFact(f: Finding, key: string): string {
  const ids = new Set<string>();
  for (const e of f.evidence) {
    const list = e.detail?.[key];
    if (Array.isArray(list))
      for (const x of list) {
        if (typeof x === 'string') ids.add(x);
        else if (x && typeof x === 'object' && typeof (x as { caseId?: unknown }).caseId === 'string') ids.add((x as { caseId: string }).caseId);
      }
  }
  return ids.size > 0 ? linkFactOf([...ids]) : `code:${f.code}`;
}

/** The fact for a link to other applicants: `link:<caseId>` (sorted and joined when several). */
export function linkFactOf(caseIds: readonly string[]): string {
  return `link:${[...new Set(caseIds)].sort().join(',')}`.slice(0, 200);
}

/** The fact a finding counts under. */
export function factOf(f: Finding): string {
  if (f.fact) return f.fact;
  const rule = factByCode[f.code];
  if (rule === undefined) return `code:${f.code}`;
  return typeof rule === 'string' ? rule : rule(f);
}

/** The codes the derivation table knows, for tests that check it against the catalogue. */
export const codesWithDerivedFact: readonly string[] = Object.keys(factByCode);
