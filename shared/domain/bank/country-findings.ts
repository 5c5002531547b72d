import { finding, type Finding, type Severity } from '../finding';
import type { OnboardingRequest } from '../schemas/onboarding';
import { bankCountryOf, bicOf } from './bank-country';
import { bicCountry } from './bic';
import { ADVISORY_2022, BANK_CODES as C, FBI_2025 } from './bank-codes';
import type { BankPolicy } from './check-bank';

type Evidence = { kind: string; field?: string; detail?: Record<string, unknown> };
const stage = 'bank' as const;

/**
 * The bank stage's country findings: the account's country and its BIC's (DPRK, China, the policy's hard-stop
 * and high-risk lists, a bank outside the residence). Pure.
 */
export function countryFindings(request: OnboardingRequest, policy: BankPolicy, account: Evidence): Finding[] {
  const out: Finding[] = [];
  const payment = request.payment;
  const country = bankCountryOf(payment);
  const residence = request.contractor.residenceCountry;
  const ev: Evidence = { ...account, detail: { ...account.detail, bankCountry: country, residenceCountry: residence } };

  const bic = bicOf(payment);
  const fromBic = bic ? bicCountry(bic) : undefined;
  if (payment.method === 'iban' && bic && country) {
    if (fromBic && fromBic !== country)
      out.push(
        finding({
          code: C.bicCountryMismatch,
          stage,
          severity: 'medium',
          message: `The IBAN is from ${country} but the BIC belongs to a bank in ${fromBic}. Legitimate set-ups exist (correspondent banks), but it is also how payments are routed to a different bank than the one declared; confirm with the contractor.`,
          evidence: [{ ...ev, detail: { ...ev.detail, bicCountry: fromBic } }],
        }),
      );
  }
  // The bank the BIC names is where the money goes too: a German IBAN with a North Korean BIC (ABCDKPPY)
  // stayed approved on a payout change with only a BIC-country mismatch (tenth session's pass).
  const viaBic = fromBic && fromBic !== country ? fromBic : undefined;
  if (viaBic === 'KP' || country === 'KP') {
    out.push(
      finding({
        code: C.dprkBank,
        fact: 'bank.country',
        stage,
        severity: 'critical',
        hardStop: true,
        message:
          country === 'KP'
            ? 'The payout account is held at a bank in North Korea (DPRK). Any dealing with DPRK banks is blocked under US sanctions; the case is on compliance hold.'
            : `The payout account's BIC belongs to a bank in North Korea (DPRK), whatever the account's own country (${country ?? 'none'}). Any dealing with DPRK banks is blocked under US sanctions; the case is on compliance hold.`,
        evidence: [{ ...ev, detail: { ...ev.detail, ...(viaBic ? { bicCountry: viaBic } : {}) } }],
        guidance: 'Executive Orders 13722 and 13810; 31 CFR part 510',
      }),
    );
    return out;
  }
  const hardStop = [country, viaBic].filter((c): c is string => c !== undefined && (policy.hardStopCountries ?? []).includes(c));
  if (hardStop.length > 0)
    out.push(
      finding({
        code: C.highRiskCountry,
        fact: 'bank.country',
        stage,
        severity: 'critical',
        hardStop: true,
        message: `The payout account ${hardStop.includes(country ?? '') ? 'is held' : 'is routed, by its BIC, through a bank'} in ${hardStop.join(', ')}, a country the compliance policy treats as a hard stop; the case is on compliance hold.`,
        evidence: [{ ...ev, detail: { ...ev.detail, ...(viaBic ? { bicCountry: viaBic } : {}) } }],
        guidance: 'Company compliance policy',
      }),
    );
  // China by the account's country or, the account elsewhere, by its BIC: one finding either way.
  if (country === 'CN' || viaBic === 'CN')
    out.push(
      finding({
        code: C.chinaBank,
        fact: 'bank.country',
        stage,
        severity: 'high',
        message: `${country === 'CN' ? `The payout account is held at a bank in China${residence === 'CN' ? '' : ` although the contractor says they live in ${residence}`}` : `The payout account's BIC belongs to a bank in China although the account is from ${country ?? 'no country'}`}. Payments through China-based banks are a named red flag for DPRK IT workers, many of whom operate from China.`,
        evidence: [country === 'CN' ? ev : { ...ev, detail: { ...ev.detail, bicCountry: viaBic } }],
        guidance: ADVISORY_2022,
      }),
    );
  if (!country) return out;

  if (country !== 'CN' && (policy.highRiskCountries ?? []).includes(country)) {
    out.push(
      finding({
        code: C.highRiskCountry,
        fact: 'bank.country',
        stage,
        severity: 'high',
        message: `The payout account is held in ${country}, a country the compliance policy lists as high risk. Review before paying.`,
        evidence: [ev],
        guidance: 'Company compliance policy',
      }),
    );
  }
  const accepted = policy.acceptedBankCountries ?? [];
  if (country !== residence && !accepted.includes(country)) {
    const severity: Severity = policy.bankCountryMustMatchResidence ? 'high' : 'medium';
    out.push(
      finding({
        code: C.countryNotResidence,
        fact: 'bank.country',
        stage,
        severity,
        message: `The bank account is in ${country} but the contractor says they live in ${residence}. A claimed location inconsistent with the bank country is a red flag; ask why the account is abroad.`,
        evidence: [ev],
        guidance: FBI_2025,
      }),
    );
  }
  return out;
}
