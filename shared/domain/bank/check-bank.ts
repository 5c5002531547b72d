import { finding, type Finding, type Severity } from '../finding';
import { linkFactOf } from '../risk/facts';
import type { OnboardingRequest } from '../schemas/onboarding';
import { compareNames } from '../document/name-compare';
import type { PaymentDetails } from './payment-schema';
import { accountHolderOf, bicOf } from './bank-country';
import { canonicalBic } from './bic';
import { maskAccount, normalizeWalletAddress, type AccountKeyBasis } from './account-identifier';
import { emoneyInstitutionOf, isChinesePlatform } from './payment-providers';
import { countAccountChanges, type PaymentDetailsChange } from './payment-history';
import { ADVISORY_2022, BANK_CODES as C, FBI_2025 } from './bank-codes';
import { countryFindings } from './country-findings';
import { otherHolders, ownNamesOf } from './account-holder';
import { isHeldLike, isRejected } from '../cases/link-standing';

export interface BankPolicy {
  /** When true a bank outside the residence country is `high` (review required) instead of `medium`. */
  bankCountryMustMatchResidence?: boolean;
  /** Bank countries always acceptable whatever the residence (e.g. the company pays into US/EU accounts). */
  acceptedBankCountries?: string[];
  /** Extra countries whose banks need review (ISO alpha-2); CN and KP are always checked. */
  highRiskCountries?: string[];
  /** Account changes during onboarding at or above which the change is "frequent" (default 2). */
  maxPaymentChanges?: number;
  /** A payout account shared with a case on compliance hold is a hard stop (default true). */
  holdOnAccountSharedWithHeldCase?: boolean;
  /**
   * Countries whose banks are a hard stop (the policy's countries.hardStop): at intake the country exposure
   * (SYS_COUNTRY_HARD_STOP) already judges the account's country, but not the BIC's, and a payout change after
   * approval has no intake to judge it (tenth session's pass: an Iranian IBAN was only "not the residence").
   */
  hardStopCountries?: string[];
  /** A payout change: the new account holder is screened too (at intake the screening stage screens it). */
  screenHolder?: boolean;
}

/** What the screening engine is asked about: the BIC (BIC11), the bank's name, or a wallet address. */
export interface ScreeningIdentifier {
  kind: 'bic' | 'wallet' | 'bank' | 'holder';
  value: string;
}

export interface ScreeningHit {
  hit: boolean;
  /** A strong match (exact identifier on a list) is a hard stop; a weak one (name similarity) is review. */
  strong: boolean;
  sourceId?: string;
  listName?: string;
}

export type ScreenFn = (identifier: ScreeningIdentifier) => ScreeningHit[];

/** Status of the other case that uses the same account; rejected/blocked/hold make the link stronger. */
export interface LinkedApplicant {
  caseId: string;
  status: string;
  /** Which of the account's keys met it (accountLinkKeys): said to the reviewer when it is not the account as given. */
  matchedBy?: readonly AccountKeyBasis[];
}

export interface CheckBankInput {
  request: OnboardingRequest;
  policy?: BankPolicy;
  screen?: ScreenFn;
  linkedApplicants?: LinkedApplicant[];
  history?: PaymentDetailsChange[];
}

const stage = 'bank' as const;

/**
 * The identifiers to screen for this payment. Exported so that a caller whose screening is async can
 * resolve them first and pass a synchronous lookup as `screen`.
 */
export function screeningIdentifiers(payment: PaymentDetails): ScreeningIdentifier[] {
  const ids: ScreeningIdentifier[] = [];
  const bic = bicOf(payment);
  if (bic) ids.push({ kind: 'bic', value: canonicalBic(bic) });
  if ('bankName' in payment && payment.bankName) ids.push({ kind: 'bank', value: payment.bankName });
  if (payment.method === 'crypto') ids.push({ kind: 'wallet', value: normalizeWalletAddress(payment.walletAddress) });
  return ids;
}

/**
 * Bank-account stage: the payout route's red flags. Pure: all lookups (sanctions screening, other cases
 * with the same account fingerprint, the change history) are passed in by the caller.
 */
export function checkBankAccount(input: CheckBankInput): Finding[] {
  const { request } = input;
  const policy = input.policy ?? {};
  const payment = request.payment;
  const masked = maskAccount(payment);
  const account = { kind: 'payment', field: 'payment', detail: { method: payment.method, account: masked } };
  const out: Finding[] = [];

  out.push(...payoutRouteFindings(payment, account));
  out.push(...countryFindings(request, policy, account));
  out.push(...holderFindings(request, account));
  out.push(...screeningFindings(payment, input.screen, masked, policy.screenHolder ?? false, request));
  out.push(...linkFindings(input.linkedApplicants ?? [], account, policy.holdOnAccountSharedWithHeldCase ?? true));
  out.push(...historyFindings(input.history ?? [], policy, account));
  return out;
}

type Evidence = { kind: string; field?: string; detail?: Record<string, unknown> };

function payoutRouteFindings(payment: PaymentDetails, account: Evidence): Finding[] {
  const out: Finding[] = [];
  if (payment.method === 'crypto') {
    out.push(
      finding({
        code: C.cryptoPayout,
        fact: 'payout.method',
        stage,
        severity: 'high',
        message: `The contractor asks to be paid in cryptocurrency (${payment.currency}) to a wallet instead of a bank account. Insisting on virtual currency is a named red flag for DPRK IT workers; a wallet is not tied to a verified identity. Ask for a bank account in the contractor's own name.`,
        evidence: [account],
        guidance: ADVISORY_2022,
      }),
    );
  }
  if (payment.method === 'payment-platform') {
    const chinese = isChinesePlatform(payment.provider);
    out.push(
      finding({
        code: C.paymentPlatform,
        fact: 'payout.method',
        stage,
        severity: chinese ? 'high' : 'medium',
        message: chinese
          ? `Payment is requested through ${payment.provider}, a China-based payment platform, instead of a bank account. Payment platforms and China-based banks are named red flags for DPRK IT workers.`
          : `Payment is requested through the online payment platform ${payment.provider} instead of a bank account. Such accounts are easier to open with a borrowed identity; ask for a bank account in the contractor's name or verify ownership.`,
        evidence: [account],
        guidance: ADVISORY_2022,
      }),
    );
  }
  const emoney = emoneyInstitutionOf(bicOf(payment));
  if (emoney) {
    out.push(
      finding({
        code: C.emoneyAccount,
        stage,
        severity: 'low',
        message: `The account is held at ${emoney}, an e-money institution rather than a bank. This is common among legitimate freelancers, but its country reflects the institution's licence, not where the holder lives; weigh it with the other location signals.`,
        evidence: [account],
        guidance: ADVISORY_2022,
      }),
    );
  }
  return out;
}

/** Legal-form words that make an account holder a company rather than a person. */
const COMPANY_WORDS = /\b(ltd|limited|llc|inc|corp|corporation|gmbh|sarl|srl|plc|pvt|llp|company|sp\.? ?z ?o\.? ?o|tov|ooo|solutions|technologies|consulting)\b\.?/i;

function holderFindings(request: OnboardingRequest, account: Evidence): Finding[] {
  const holder = accountHolderOf(request.payment);
  if (!holder) return [];
  const { givenNames, surname } = request.contractor.legalName;
  const legal = `${givenNames} ${surname}`;
  const candidates = [legal, ...request.contractor.otherNames];
  const best = candidates.map((n) => compareNames(holder, n)).sort((a, b) => b.score - a.score)[0]!;
  if (best.verdict === 'match') return jointHolderFindings(holder, request, account);

  const company = request.engagement?.company;
  if (COMPANY_WORDS.test(holder) || (company && compareNames(holder, company).verdict === 'match')) {
    const own = company !== undefined && compareNames(holder, company).verdict === 'match';
    return [
      finding({
        code: C.holderIsCompany,
        fact: 'bank.holder',
        stage,
        severity: own ? 'low' : 'medium',
        message: own
          ? 'The account belongs to the subcontracting company named in the engagement, not to the contractor personally. Make sure the company itself has been screened.'
          : 'The account holder looks like a company that is not the one named in the engagement. DPRK IT workers are paid through front companies and third parties; ask who the company is and screen it.',
        evidence: [{ ...account, field: 'payment.accountHolder', detail: { ...account.detail, nameScore: best.score } }],
        guidance: ADVISORY_2022,
      }),
    ];
  }
  return [
    finding({
      code: C.holderNameMismatch,
      fact: 'bank.holder',
      stage,
      severity: best.verdict === 'partial' ? 'medium' : 'high',
      message:
        best.verdict === 'partial'
          ? "The account holder's name only partly matches the contractor's legal name (a different or missing name part). Confirm the account is the contractor's own."
          : "The account holder's name is not the contractor's. Payment to an account not in the worker's own name is a red flag: DPRK IT workers pay third parties to open accounts for them.",
      evidence: [{ ...account, field: 'payment.accountHolder', detail: { ...account.detail, nameScore: best.score, verdict: best.verdict } }],
      guidance: FBI_2025,
    }),
  ];
}

/**
 * The contractor's name is in the holder, and so is someone else's: a joint account, or one held for or by another
 * person (account-holder.ts). The money reaches that person; read as the contractor's own account before.
 */
function jointHolderFindings(holder: string, request: OnboardingRequest, account: Evidence): Finding[] {
  const { others, onBehalf } = otherHolders(holder, ownNamesOf(request));
  if (others.length === 0) return [];
  return [
    finding({
      code: C.holderNameMismatch,
      fact: 'bank.holder',
      stage,
      severity: onBehalf ? 'high' : 'medium',
      message: onBehalf
        ? `The account is held for, by or in the care of ${others.length === 1 ? 'another person' : `${others.length} other people`} beside the contractor. Payment to an account not in the worker's own name is a red flag: DPRK IT workers are paid through facilitators' accounts.`
        : `The account names ${others.length === 1 ? 'another person' : `${others.length} other people`} beside the contractor as holder (a joint account). Ask who they are: a co-holder controls the money, and DPRK IT workers are paid through facilitators' accounts.`,
      evidence: [{ ...account, field: 'payment.accountHolder', detail: { ...account.detail, otherHolders: others.length, onBehalf } }],
      guidance: FBI_2025,
    }),
  ];
}

function screeningFindings(payment: PaymentDetails, screen: ScreenFn | undefined, masked: string, screenHolder: boolean, request: OnboardingRequest): Finding[] {
  if (!screen) return [];
  const out: Finding[] = [];
  const holder = screenHolder ? accountHolderOf(payment) : undefined;
  // Each other person the holder names, on their own (a listed co-holder in one field with the contractor screened clear).
  const others = holder ? otherHolders(holder, ownNamesOf(request)).others.filter((o) => o !== holder) : [];
  // A payout change to an account held by a listed front company ("Yanbian Silverstar Network Technology")
  // kept an approved contractor approved: the new holder is screened by name.
  for (const id of [...screeningIdentifiers(payment), ...(holder ? [{ kind: 'holder' as const, value: holder }] : []), ...others.map((value) => ({ kind: 'holder' as const, value }))]) {
    // Only the bank part is shown; a wallet address is reduced like an account number.
    const shown = id.kind === 'wallet' ? masked : id.value;
    let hits: ScreeningHit[];
    try {
      hits = screen(id);
    } catch {
      out.push(
        finding({
          code: C.screeningUnavailable,
          stage,
          severity: 'high',
          message: `The ${id.kind} of the payout account could not be screened against sanctions lists (the screening engine failed). The case cannot be cleared until screening succeeds.`,
          evidence: [{ kind: 'sanctions-screening', field: `payment.${id.kind}`, detail: { identifier: shown } }],
        }),
      );
      continue;
    }
    for (const h of hits.filter((x) => x.hit)) {
      const detail = { identifier: shown, listName: h.listName, sourceId: h.sourceId };
      out.push(
        h.strong
          ? finding({
              code: C.sanctionsHit,
              stage,
              severity: 'critical',
              hardStop: true,
              message: `The payout ${id.kind === 'wallet' ? 'wallet address' : id.kind === 'bic' ? 'bank (BIC)' : id.kind === 'holder' ? `account's holder (${id.value})` : 'bank'} is on a sanctions list${h.listName ? ` (${h.listName})` : ''}. Paying it would be a sanctions violation; the case is on compliance hold.`,
              evidence: [{ kind: 'sanctions-screening', field: `payment.${id.kind}`, detail }],
              guidance: '31 CFR part 510; OFAC SDN list',
            })
          : finding({
              code: C.sanctionsPossibleHit,
              stage,
              severity: 'high',
              message: `The payout ${id.kind === 'holder' ? `account's holder (${id.value})` : id.kind} resembles an entry on a sanctions list${h.listName ? ` (${h.listName})` : ''}. A compliance analyst must confirm or dismiss the match.`,
              evidence: [{ kind: 'sanctions-screening', field: `payment.${id.kind}`, detail }],
              guidance: '31 CFR part 510; OFAC SDN list',
            }),
      );
    }
  }
  return out;
}

/** Why an account written two ways is one, in the reviewer's words (a link met under the account as given needs none). */
const HOW_MET: Record<Exclude<AccountKeyBasis, 'as-given'>, string> = {
  'iban-and-national': "written another way: an IBAN by one, the bank's SWIFT code (or the national bank code) and the account number by the other, which the IBAN embeds",
  'bank-wide': "the same account number at the same bank, given with another of the bank's branch codes",
};

/** The other applicants once each (one met under two of the account's keys is one applicant), with every key that met it. */
function linkedOnce(all: readonly LinkedApplicant[]): LinkedApplicant[] {
  const byCase = new Map<string, LinkedApplicant>();
  for (const l of all) {
    const seen = byCase.get(l.caseId);
    const matchedBy = [...new Set([...(seen?.matchedBy ?? []), ...(l.matchedBy ?? [])])];
    byCase.set(l.caseId, { caseId: l.caseId, status: l.status, ...(matchedBy.length ? { matchedBy } : {}) });
  }
  return [...byCase.values()];
}

/** The ways the account met the others that the account as given does not explain: named in the finding. */
function howMet(linked: readonly LinkedApplicant[]): string {
  return accountLinkReason(linked.flatMap((l) => (l.matchedBy?.includes('as-given') ? [] : (l.matchedBy ?? []))));
}

/** In the reviewer's words, how accounts met by these keys are one (' (written another way: ...)'); '' when the account as given is among them. */
export function accountLinkReason(matchedBy: readonly AccountKeyBasis[]): string {
  if (matchedBy.includes('as-given')) return '';
  const ways = [...new Set(matchedBy.filter((b): b is Exclude<AccountKeyBasis, 'as-given'> => b !== 'as-given'))];
  return ways.length ? ` (${ways.map((w) => HOW_MET[w]).join('; ')})` : '';
}

function linkFindings(all: LinkedApplicant[], account: Evidence, holdOnBlocked: boolean): Finding[] {
  const linked = linkedOnce(all);
  if (linked.length === 0) return [];
  // Held, or a hold that expired unresolved (link-standing.ts).
  const blocked = linked.filter((l) => isHeldLike(l.status));
  const rejected = linked.filter((l) => isRejected(l.status));
  const severity: Severity = blocked.length > 0 || rejected.length > 0 ? 'critical' : 'high';
  const worst =
    blocked.length > 0
      ? blocked.every((l) => l.status === 'expired-on-hold')
        ? 'expired without being cleared'
        : 'on compliance hold'
      : rejected.length > 0
        ? rejected.every((l) => l.status === 'info-not-provided')
          ? "ended without answering a reviewer's question"
          : 'rejected'
        : undefined;
  return [
    finding({
      code: C.sharedAccount,
      fact: linkFactOf(linked.map((l) => l.caseId)),
      stage,
      severity,
      // A link to a blocked case means the same payout route as a suspected DPRK worker: hold this one too.
      hardStop: holdOnBlocked && blocked.length > 0,
      message: `The same payout account is used by ${linked.length} other applicant${linked.length > 1 ? 's' : ''}${howMet(linked)}${worst ? `, at least one of them ${worst}` : ''}. One account shared across applicants is a red flag for a team behind several identities.`,
      evidence: [
        { ...account, kind: 'link', detail: { ...account.detail, linkedCases: linked.map((l) => ({ caseId: l.caseId, status: l.status, ...(l.matchedBy ? { matchedBy: l.matchedBy } : {}) })) } },
      ],
      guidance: FBI_2025,
    }),
  ];
}

function historyFindings(history: PaymentDetailsChange[], policy: BankPolicy, account: Evidence): Finding[] {
  const changes = countAccountChanges(history);
  if (changes === 0) return [];
  const max = policy.maxPaymentChanges ?? 2;
  const sorted = [...history].sort((a, b) => a.changedAt.localeCompare(b.changedAt));
  const versions = sorted.map((h) => ({ changedAt: h.changedAt, account: h.masked, bankCountry: h.bankCountry }));
  const holders = new Set(sorted.map((h) => h.accountHolder).filter((h): h is string => !!h));
  const differentHolders = [...holders].some((h) => [...holders].some((k) => compareNames(h, k).verdict === 'mismatch'));
  const frequent = changes >= max;
  return [
    finding({
      code: frequent ? C.detailsChangedFrequently : C.detailsChanged,
      stage,
      severity: frequent || differentHolders ? (differentHolders ? 'high' : 'medium') : 'low',
      message: `The bank details were changed ${changes} time${changes > 1 ? 's' : ''} during onboarding${differentHolders ? ', to accounts held by different people' : ''}. ${frequent ? 'Frequently changed payment details are a red flag.' : 'A single change is usually a correction; it is recorded for the reviewer.'}`,
      evidence: [{ ...account, kind: 'payment-history', detail: { changes, versions } }],
      guidance: FBI_2025,
    }),
  ];
}
