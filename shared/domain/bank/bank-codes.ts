/** Finding codes of the bank-account stage; stable, so the risk decision and dashboards can key on them. */
export const BANK_CODES = {
  cryptoPayout: 'BANK_CRYPTO_PAYOUT',
  paymentPlatform: 'BANK_PAYMENT_PLATFORM',
  emoneyAccount: 'BANK_EMONEY_ACCOUNT',
  dprkBank: 'BANK_DPRK_BANK',
  chinaBank: 'BANK_CHINA_BANK',
  highRiskCountry: 'BANK_HIGH_RISK_COUNTRY',
  countryNotResidence: 'BANK_COUNTRY_NOT_RESIDENCE',
  bicCountryMismatch: 'BANK_BIC_COUNTRY_MISMATCH',
  holderNameMismatch: 'BANK_HOLDER_NAME_MISMATCH',
  holderIsCompany: 'BANK_HOLDER_IS_COMPANY',
  sanctionsHit: 'BANK_SANCTIONS_HIT',
  sanctionsPossibleHit: 'BANK_SANCTIONS_POSSIBLE_HIT',
  screeningUnavailable: 'BANK_SCREENING_UNAVAILABLE',
  sharedAccount: 'BANK_SHARED_ACCOUNT',
  detailsChanged: 'BANK_DETAILS_CHANGED',
  detailsChangedFrequently: 'BANK_DETAILS_CHANGED_FREQUENTLY',
  microDepositFailed: 'BANK_MICRO_DEPOSIT_FAILED',
  ownershipUnverified: 'BANK_OWNERSHIP_UNVERIFIED',
} as const;

export type BankFindingCode = (typeof BANK_CODES)[keyof typeof BANK_CODES];

export const ADVISORY_2022 = '2022 US Treasury/State/FBI advisory on DPRK IT workers';
export const FBI_2025 = 'FBI public service announcements on DPRK IT workers (2023-2025)';
