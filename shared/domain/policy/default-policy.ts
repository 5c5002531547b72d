import type { PolicyInput } from './policy-schema';

/**
 * The policy vetflow runs with when the operator gives none. Values are deliberately conservative: a
 * false "review" costs a reviewer a few minutes, a false "clear" can cost a sanctions violation.
 */
export const defaultPolicy = {
  version: 'default-2026.1',
  description: 'vetflow built-in policy',

  // Severity weights: one high finding (35) or two medium (2 x 15) reach review; about three high findings
  // together, the classic laptop-farm picture (VPN + foreign logins + shipping elsewhere), reach hold.
  thresholds: { review: 30, hold: 100 },
  weights: {
    bySeverity: { info: 0, low: 5, medium: 15, high: 35, critical: 100 },
    byCode: {
      // Free-mail alone is very common among honest freelancers; keep it as context, not a trigger.
      SIG_EMAIL_FREEMAIL: 3,
      // VOIP numbers are named by FBI notices, but alone they do not justify a review.
      SIG_PHONE_VOIP: 20,
      // Several applicants behind one IP is the strongest platform-side sign of a laptop farm.
      SIG_SHARED_IP: 50,
      // The same address seen opening this contractor's links and another applicant's: the same laptop farm sign.
      SIG_LINK_SHARED_IP: 50,
    },
  },

  // How findings about the same fact add up. Several checks often see one fact: a payout bank in China
  // is BANK_CHINA_BANK, BANK_COUNTRY_NOT_RESIDENCE and DOC_BANK_COUNTRY_MISMATCH at once. They are not
  // independent evidence, so by default a fact weighs its strongest finding and the others are listed as
  // evidence only: the weights above are calibrated per red flag, and counting a flag three times would
  // push a case that needs a reviewer's look onto compliance hold. 'strongest-plus-fraction' adds
  // corroborationFraction of each further finding's weight for teams that want corroboration to count.
  risk: { factCombination: 'strongest', corroborationFraction: 0.25 },

  // Codes that are hard stops even if the producing check forgot to set hardStop: a belt-and-braces list
  // for the rules the issue names (strong sanctions match, DPRK document or nationality, DPRK or listed
  // bank or wallet, DPRK address space).
  hardStopCodes: [
    'SCR_STRONG_MATCH',
    'DOC_DPRK_DOCUMENT',
    'DOC_DPRK_NATIONALITY',
    'BANK_DPRK_BANK',
    'BANK_SANCTIONS_HIT',
    'SIG_DPRK_IP',
    'SIG_PHONE_DPRK',
    'SIG_HARD_STOP_COUNTRY',
    'SIG_LINK_DPRK_IP',
    'SIG_LINK_HARD_STOP_COUNTRY',
    'SYS_COUNTRY_HARD_STOP',
  ],

  countries: {
    // North Korea: comprehensive US (31 CFR 510) and UN sanctions, and the subject of this product.
    hardStop: ['KP'],
    // Review, not hold: being from or in one of these countries is no offence, but it is where a case
    // needs a person's eyes.
    //  - CN, RU: the 2022 advisory says most DPRK IT workers are located there (smaller numbers in
    //    Southeast Asia and Africa); later FBI notices describe laptops reshipped to the China border.
    //  - IR, CU: under comprehensive OFAC embargo programs; paying a contractor there is itself a problem.
    //  - BY: broad US/EU sanctions since 2020-2022, and a common transit for Russian infrastructure.
    // Syria is left out: the US Syria sanctions program was terminated in mid-2025. Operators with EU or
    // UK obligations should add their own lists here.
    highRisk: ['CN', 'RU', 'IR', 'CU', 'BY'],
  },

  // Scores are the screening engine's (0-1): a name alone tops out at 0.90, a birth date that agrees lifts
  // it, an exact identifier scores 1. Measured on the labelled set built from the real snapshot
  // (test/screening): at 0.80 / 0.92 name-only recall is 0.995 with 1.5% false positives on ordinary names;
  // at 0.85 / 0.95 recall falls to 0.85 (a dropped middle name scores about 0.83). Missing a listed
  // person costs more than a reviewer's minutes, so the lower thresholds are the default.
  sanctions: { potentialMatch: 0.8, strongMatch: 0.92, listMaxAgeDays: 7, birthDateToleranceYears: 1 },

  signals: {
    loginWindowMinutes: 60,
    maxDistinctIps: 3,
    maxDistinctCountries: 1,
    // Two countries in a day is a border commute or a flight; three is a shared account or VPN hopping.
    maxDistinctCountriesPerDay: 2,
    maxAccounts: 1,
    // A little faster than an airliner: anything quicker between two countries is not one person travelling.
    impossibleTravelKmh: 1000,
    impossibleTravelMinKm: 500,
    sharedIpMinOtherApplicants: 1,
    maxContactChanges: 2,
    contactChangeWindowDays: 30,
    maxPaymentChanges: 1,
    // A week: laptops ship a few days before the start date; a new address inside that week arrives after
    // any check of the first one could have been made.
    shippingChangeWindowDays: 7,
    // A second new payout account within a month (the first may be a correction) is "frequent".
    maxPayoutChanges: 1,
    payoutChangeWindowDays: 30,
  },

  // Micro-deposits prove the account is reachable and controlled by the applicant, but they cost a 1-3 day
  // wait, a payout provider and an extra step for every honest contractor, so the built-in policy leaves
  // them off. An operator turns them on everywhere (true) or per bank country
  // ({ default: false, byCountry: { IN: true } }), e.g. where no name-check service (UK Confirmation of
  // Payee) proves ownership already.
  bank: { microDeposits: false, holdOnAccountSharedWithHeldCase: true },

  requiredStages: {
    // All four guidance stages plus approval for everyone: the guidance asks for each of them.
    default: ['document', 'screening', 'bank', 'interview', 'approval'],
    // References are checked where the role gives privileged access, the risk the advisory warns about.
    byCountry: {},
    byRole: { admin: ['references'], devops: ['references'], security: ['references'], sre: ['references'] },
  },

  fourEyes: {
    whenScoreAtLeast: 60,
    // A potential sanctions match must never be cleared by one person alone.
    whenCodes: ['SCR_POTENTIAL_MATCH', 'SCR_STRONG_MATCH', 'BANK_SANCTIONS_POSSIBLE_HIT', 'BANK_SANCTIONS_HIT'],
    onHold: true,
  },

  // Empty pools: approvers come from the onboarding request. An operator sets escalation and compliance
  // addresses in their own policy file; the built-in policy must not email anyone it does not know.
  reviewerPools: { escalation: [], compliance: [] },

  timeouts: {
    interviewPickHours: 72,
    interviewOutcomeHours: 24,
    approvalHours: 48,
    informationHours: 72,
    reminderBeforeDeadlineHours: 12,
    complianceReviewHours: 240,
  },

  engagement: {
    durationDays: 180,
    allowCryptoPayment: false,
    requireCameraOnInterview: true,
    // Refusing to pass a hand before the face, turn the head or read a phrase aloud is what a face swap or a
    // stand-in has to do; an honest applicant told in advance (the slot-pick page says what the call involves)
    // has no reason to. Hold, so compliance looks before anyone approves.
    holdOnInterviewProtocolRefused: true,
  },
} satisfies PolicyInput;
