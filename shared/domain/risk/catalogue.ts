import type { Severity, StageName } from '../finding';
import { guidanceSources, type GuidanceSource, type GuidanceSourceId } from './guidance-sources';

/**
 * Every finding code vetflow knows, with the red flag it stands for and where that flag comes from. The
 * signal rules in shared/domain/signals use these codes; codes of other stages are listed so the case page can
 * cite them too (a stage that emits a code not listed here still works: it just has no citation).
 * A policy may change a rule's weight, never its meaning: meaning lives here, numbers in the policy.
 */
export interface RuleEntry {
  stage: StageName;
  title: string;
  severity: Severity;
  hardStop: boolean;
  sources: readonly GuidanceSourceId[];
}

const rule = (stage: StageName, severity: Severity, title: string, sources: GuidanceSourceId[], hardStop = false): RuleEntry => ({
  stage,
  severity,
  title,
  sources,
  hardStop,
});

export const ruleCatalogue = {
  // Platform signals (shared/domain/signals)
  SIG_DPRK_IP: rule('signals', 'critical', 'Login from North Korean address space', ['ADVISORY_2022', 'OFAC_NKSR'], true),
  SIG_HARD_STOP_COUNTRY: rule('signals', 'critical', 'Login, phone or shipping address in a country the policy treats as a hard stop', ['OFAC_NKSR'], true),
  SIG_LOGIN_HIGH_RISK_COUNTRY: rule('signals', 'high', 'Login from a high-risk country', ['ADVISORY_2022']),
  SIG_LOGIN_FOREIGN_COUNTRY: rule('signals', 'medium', 'Login from a country other than the claimed residence', ['FBI_PSA_2023', 'INDUSTRY']),
  SIG_LOGIN_MANY_IPS: rule('signals', 'medium', 'One account logged into from many IP addresses in a short time', ['ADVISORY_2022']),
  SIG_LOGIN_MANY_COUNTRIES: rule('signals', 'high', 'Logins from several countries in a short time', ['ADVISORY_2022']),
  SIG_LOGIN_MANY_COUNTRIES_DAY: rule('signals', 'medium', 'Logins from several countries within one day', ['ADVISORY_2022']),
  SIG_LOGIN_MANY_ACCOUNTS: rule('signals', 'medium', 'Several platform accounts used by one applicant', ['ADVISORY_2022']),
  SIG_LOGIN_HOSTING: rule('signals', 'medium', 'Login from a hosting or data-centre network', ['FBI_PSA_2024', 'INDUSTRY']),
  SIG_LOGIN_VPN: rule('signals', 'medium', 'Login through a VPN provider', ['FBI_PSA_2023', 'FBI_PSA_2025_JAN']),
  SIG_IMPOSSIBLE_TRAVEL: rule('signals', 'high', 'Consecutive logins too far apart to be one person travelling', ['ADVISORY_2022', 'INDUSTRY']),
  SIG_SHARED_IP: rule('signals', 'high', 'Other applicants seen behind the same IP address', ['FBI_PSA_2024', 'FBI_PSA_2025_JUL']),
  SIG_PHONE_INVALID: rule('signals', 'medium', 'Phone number is not a valid number', ['ADVISORY_2022']),
  SIG_PHONE_VOIP: rule('signals', 'medium', 'Phone number is a VOIP number', ['FBI_PSA_2023', 'INDUSTRY']),
  SIG_PHONE_COUNTRY_MISMATCH: rule('signals', 'medium', 'Phone country differs from the claimed residence', ['FBI_PSA_2023']),
  SIG_PHONE_DPRK: rule('signals', 'critical', 'North Korean phone number', ['OFAC_NKSR'], true),
  SIG_EMAIL_DISPOSABLE: rule('signals', 'high', 'Disposable email address', ['ADVISORY_2022']),
  SIG_EMAIL_FREEMAIL: rule('signals', 'low', 'Free-mail address where a business address is expected', ['FBI_PSA_2023']),
  SIG_CONTACT_CHANGES: rule('signals', 'medium', 'Contact information changed frequently', ['ADVISORY_2022']),
  SIG_SHIPPING_COUNTRY_MISMATCH: rule('signals', 'high', 'Equipment to be shipped to another country than the residence', ['FBI_PSA_2024', 'FBI_PSA_2025_JUL']),
  SIG_SHIPPING_CHANGED_BEFORE_SHIPPING: rule('signals', 'high', 'Equipment shipping address changed shortly before shipping', ['FBI_PSA_2025_JAN', 'FBI_PSA_2025_JUL']),
  SIG_SHIPPING_FORWARDER: rule('signals', 'high', 'Equipment to be shipped to a package forwarder', ['FBI_PSA_2024', 'FBI_PSA_2025_JUL']),
  SIG_SHIPPING_MAIL_DROP: rule('signals', 'medium', 'Equipment to be shipped to a mail drop (private mailbox, PO box, parcel locker)', ['FBI_PSA_2024', 'FBI_PSA_2025_JUL']),
  SIG_SHIPPING_ADDRESS_MISMATCH: rule('signals', 'medium', 'Equipment to be shipped to an address other than the one on file', ['FBI_PSA_2024', 'FBI_PSA_2025_JUL']),
  SIG_REMOTE_DESKTOP: rule('signals', 'high', 'Remote-desktop tool or IP-KVM detected', ['FBI_PSA_2024', 'FBI_PSA_2025_JUL']),
  SIG_OFF_PLATFORM_REQUEST: rule('signals', 'medium', 'Asked to move communication off the hiring platform', ['ADVISORY_2022']),
  SIG_PAYMENT_CHANGES: rule('signals', 'medium', 'Payment method or bank details changed frequently', ['ADVISORY_2022', 'FBI_PSA_2023']),
  SIG_PAYMENT_CRYPTO: rule('signals', 'high', 'Asked to be paid in virtual currency', ['ADVISORY_2022']),
  // The contractor's own footprint from the links they open (shared/domain/signals/footprint-rules.ts)
  SIG_LINK_DPRK_IP: rule('signals', 'critical', 'Opened a vetflow link from North Korean address space', ['ADVISORY_2022', 'OFAC_NKSR'], true),
  SIG_LINK_HARD_STOP_COUNTRY: rule('signals', 'critical', 'Opened a vetflow link from a country the policy treats as a hard stop', ['OFAC_NKSR'], true),
  SIG_LINK_HIGH_RISK_COUNTRY: rule('signals', 'high', 'Opened a vetflow link from a high-risk country', ['ADVISORY_2022']),
  SIG_LINK_FOREIGN_COUNTRY: rule('signals', 'medium', 'Opened a vetflow link from a country other than the claimed residence', ['FBI_PSA_2023', 'INDUSTRY']),
  SIG_LINK_VPN: rule('signals', 'medium', 'Opened a vetflow link through a VPN provider', ['FBI_PSA_2023', 'FBI_PSA_2025_JAN']),
  SIG_LINK_HOSTING: rule('signals', 'medium', 'Opened a vetflow link from a hosting or data-centre network', ['FBI_PSA_2024', 'INDUSTRY']),
  SIG_LINK_SHARED_IP: rule('signals', 'high', 'Opened a vetflow link from an address other applicants also used', ['FBI_PSA_2024', 'FBI_PSA_2025_JUL']),
  SIG_LINK_KOREAN_LANGUAGE: rule('signals', 'medium', 'Browser prefers Korean while the applicant claims another origin', ['INDUSTRY']),
  SIG_LINK_TIME_ZONE_MISMATCH: rule('signals', 'medium', 'Browser or stated time zone inconsistent with the claimed residence', ['INDUSTRY']),
  // A former employer's answer to the reference check, compared with the contractor's footprint (shared/domain/references/answer-network.ts)
  SIG_REFERENCE_FROM_APPLICANT_NETWORK: rule('signals', 'high', "A reference answered from the contractor's own address or home network", ['ADVISORY_2022', 'FBI_PSA_2023']),
  SIG_REFERENCE_FROM_OTHER_APPLICANT_NETWORK: rule('signals', 'high', 'A reference answered from an address other applicants used', ['ADVISORY_2022', 'FBI_PSA_2024']),

  // Country exposure of the profile (shared/domain/risk/country-exposure.ts)
  SYS_COUNTRY_HARD_STOP: rule('system', 'critical', 'Profile linked to a sanctioned country (nationality, residence, document, bank or phone)', ['OFAC_NKSR'], true),
  SYS_COUNTRY_HIGH_RISK: rule('system', 'medium', 'Profile linked to a high-risk country', ['ADVISORY_2022']),

  // Other stages: cited here so the case page shows the source of every red flag. Severity is the typical
  // one; the stage may raise it per finding (e.g. a shared account linked to a held case becomes a hard stop).
  SCR_STRONG_MATCH: rule('screening', 'critical', 'Strong match against a sanctions list', ['OFAC_NKSR'], true),
  SCR_POTENTIAL_MATCH: rule('screening', 'high', 'Potential match against a sanctions list', ['OFAC_NKSR']),
  SCR_NAME_OBFUSCATED: rule('screening', 'high', 'Name typed with invisible characters or look-alike letters of another script', ['ADVISORY_2022', 'INDUSTRY']),
  SCR_MRZ_NAME_MISMATCH: rule('screening', 'high', 'Name in the machine-readable zone differs from the typed name', ['ADVISORY_2022', 'INDUSTRY']),
  DOC_DPRK_DOCUMENT: rule('document', 'critical', 'Identity document issued by North Korea or naming it', ['OFAC_NKSR'], true),
  DOC_DPRK_NATIONALITY: rule('document', 'critical', 'North Korean nationality', ['OFAC_NKSR'], true),
  DOC_EDITING_SOFTWARE: rule('document', 'high', 'Document image passed through editing software', ['FBI_PSA_2025_JAN', 'INDUSTRY']),
  DOC_TIME_ZONE_MISMATCH: rule('document', 'medium', 'Time zone inconsistent with the claimed residence', ['INDUSTRY']),
  BANK_DPRK_BANK: rule('bank', 'critical', 'Payout account at a North Korean bank', ['OFAC_NKSR'], true),
  BANK_SANCTIONS_HIT: rule('bank', 'critical', 'Payout account or wallet on a sanctions list', ['OFAC_NKSR'], true),
  BANK_SANCTIONS_POSSIBLE_HIT: rule('bank', 'high', 'Payout account resembles a sanctions-list entry', ['OFAC_NKSR']),
  BANK_CRYPTO_PAYOUT: rule('bank', 'high', 'Payout in virtual currency', ['ADVISORY_2022']),
  BANK_CHINA_BANK: rule('bank', 'high', 'Payout to a China-based bank', ['ADVISORY_2022']),
  BANK_PAYMENT_PLATFORM: rule('bank', 'medium', 'Payout through an online payment platform', ['ADVISORY_2022']),
  BANK_HOLDER_NAME_MISMATCH: rule('bank', 'high', 'Payout account not in the worker’s own name', ['FBI_PSA_2023', 'INDUSTRY']),
  LINK_SHARED_SHIPPING_ADDRESS: rule('links', 'high', 'Same equipment shipping address as other applicants (critical when one is held)', ['FBI_PSA_2024', 'FBI_PSA_2025_JAN', 'FBI_PSA_2025_JUL']),
  BANK_SHARED_ACCOUNT: rule('bank', 'high', 'Same payout account as other applicants', ['FBI_PSA_2025_JAN', 'INDUSTRY']),
  BANK_DETAILS_CHANGED: rule('bank', 'low', 'Payout account changed after the bank check', ['ADVISORY_2022', 'FBI_PSA_2023']),
  BANK_DETAILS_CHANGED_FREQUENTLY: rule('bank', 'medium', 'Frequent changes of bank details', ['ADVISORY_2022', 'FBI_PSA_2023']),
  BANK_COUNTRY_NOT_RESIDENCE: rule('bank', 'medium', 'Bank country differs from the claimed residence', ['FBI_PSA_2023']),
  BANK_MICRO_DEPOSIT_FAILED: rule('bank', 'high', 'Contractor could not confirm the test deposits into the payout account', ['FBI_PSA_2023', 'INDUSTRY']),
  BANK_OWNERSHIP_UNVERIFIED: rule('bank', 'medium', 'Ownership of the payout account not proven by the test deposits the policy asks for', ['FBI_PSA_2023', 'INDUSTRY']),
  INT_CAMERA_OFF: rule('interview', 'high', 'Refused or avoided camera-on video', ['FBI_PSA_2023', 'INDUSTRY']),
  INT_FACE_MISMATCH: rule('interview', 'high', 'Face in the interview does not match the document', ['FBI_PSA_2025_JAN', 'INDUSTRY']),
  INT_LOCATION_INCONSISTENT: rule('interview', 'high', 'Location seen in the interview inconsistent with the claim', ['FBI_PSA_2023']),
  INT_READING_ANSWERS: rule('interview', 'medium', 'Appeared to read answers during the interview', ['INDUSTRY']),
  INT_LANGUAGE_MISMATCH: rule('interview', 'medium', 'Language preference inconsistent with the claimed origin', ['INDUSTRY']),
  INT_LIVENESS_NOT_DONE: rule('interview', 'high', 'Liveness prompt (camera to the window) refused or not done', ['FBI_PSA_2023', 'INDUSTRY']),
  // The interview protocol against stand-ins and face swaps (shared/domain/interview/outcome-questions.ts).
  INT_FACE_SWAP_SUSPECTED: rule('interview', 'high', 'Face swap suspected: the face failed the hand-in-front or profile check, or the check was not done', ['FBI_PSA_2025_JAN', 'INDUSTRY']),
  INT_PHRASE_NOT_READ: rule('interview', 'high', 'Did not read an unprepared phrase aloud at once and in sync', ['FBI_PSA_2025_JAN']),
  INT_HOME_CITY_UNCONVINCING: rule('interview', 'medium', 'Unconvincing answers about the claimed home city', ['FBI_PSA_2025_JAN', 'INDUSTRY']),
  INT_VOICE_FACE_CHANGED: rule('interview', 'high', 'Voice or face differed from an earlier call (a stand-in)', ['FBI_PSA_2025_JAN', 'INDUSTRY']),
  // The interview raises it to a critical hard stop when engagement.holdOnInterviewProtocolRefused is on (the
  // default): a policy switch, so not in hardStopCodes, which would hold whatever the switch says.
  INT_PROTOCOL_REFUSED: rule('interview', 'high', 'Refused the interview protocol against stand-ins and face swaps', ['FBI_PSA_2025_JAN']),
} as const satisfies Record<string, RuleEntry>;

export type KnownFindingCode = keyof typeof ruleCatalogue;

export function describeRule(code: string): (RuleEntry & { code: string; citations: GuidanceSource[] }) | undefined {
  const entry = (ruleCatalogue as Record<string, RuleEntry>)[code];
  return entry && { ...entry, code, citations: entry.sources.map((id) => guidanceSources[id]) };
}

/** Short citation for Finding.guidance, e.g. "2022 DPRK IT worker advisory; FBI PSA May 2024". */
export function guidanceFor(code: string): string | undefined {
  const entry = (ruleCatalogue as Record<string, RuleEntry>)[code];
  return entry?.sources.map((id) => guidanceSources[id].label).join('; ');
}
