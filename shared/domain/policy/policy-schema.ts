import * as z from '../schemas/zod';
import { countryCode, email } from '../schemas/common';

/**
 * The compliance team's policy: everything a decision depends on that a team may legitimately tune, in
 * one validated document whose version and content hash are recorded with each decision. Objects are
 * strict so that a typo ("thresholds.reveiw") fails at start instead of silently falling back to a
 * default: a policy that does not say what its author meant is worse than none.
 */

const findingCode = z.string().check(z.regex(/^[A-Z][A-Z0-9_]+$/, 'expected a finding code such as "SIG_LOGIN_VPN"'));
const weight = z.number().check(z.gte(0), z.lte(1000));
const hours = z.number().check(z.positive(), z.lte(24 * 365));
const ratio = z.number().check(z.gte(0), z.lte(1));

/** Stages a policy can require. `signals` and `links` are not gates, so they cannot be required. */
export const requirableStageSchema = z.enum(['document', 'screening', 'bank', 'references', 'interview', 'approval']);
export type RequirableStage = z.infer<typeof requirableStageSchema>;

export const thresholdsSchema = z.strictObject({
  /** Score at or above which a person must review the case. */
  review: z.number().check(z.gte(0)),
  /** Score at or above which the case goes on compliance hold even without a hard stop. */
  hold: z.number().check(z.gte(0)),
});

export const weightsSchema = z.strictObject({
  /** Weight of a finding whose code has no entry in byCode. */
  bySeverity: z.strictObject({ info: weight, low: weight, medium: weight, high: weight, critical: weight }),
  /** Overrides per finding code; 0 silences a rule without deleting it. */
  byCode: z._default(z.record(findingCode, weight), {}),
});

/**
 * How the findings about one fact add up. `strongest`: the fact weighs its strongest finding, the others
 * are listed but add nothing. `strongest-plus-fraction`: the others add `corroborationFraction` of their
 * weight each (a team that wants corroboration by a second check to count for something).
 */
export const factCombinationSchema = z.enum(['strongest', 'strongest-plus-fraction']);
export type FactCombination = z.infer<typeof factCombinationSchema>;

export const riskSettingsSchema = z.strictObject({
  factCombination: factCombinationSchema,
  /** Share (0-1) of each further finding's weight added in `strongest-plus-fraction`; unused otherwise. */
  corroborationFraction: z._default(ratio, 0.25),
});

export const countriesSchema = z.strictObject({
  /** A link to these countries (document, nationality, residence, phone, login IP) is a hard stop. */
  hardStop: z.array(countryCode).check(z.minLength(1)),
  /** Countries that call for review when they appear in the applicant's profile. */
  highRisk: z._default(z.array(countryCode), []),
});

export const sanctionsSchema = z.strictObject({
  /** Name-match score (0-1) from which a list entry is a potential match: review, four-eyes. */
  potentialMatch: ratio,
  /** Score from which the match is strong: hard stop, compliance hold. */
  strongMatch: ratio,
  /** Screening against a list older than this is stale and the stage fails closed. */
  listMaxAgeDays: z.number().check(z.int(), z.gte(1), z.lte(365)),
  /**
   * A birth date more than this many years from every listed date clears a name match; closer dates (a
   * year off, day and month swapped, only the year right) keep an exact name a potential match.
   */
  birthDateToleranceYears: z._default(z.number().check(z.int(), z.gte(0), z.lte(10)), 1),
});

export const signalsSettingsSchema = z.strictObject({
  /** Sliding window for "many IPs / many countries in a short time". */
  loginWindowMinutes: z.number().check(z.int(), z.gte(1), z.lte(60 * 24 * 30)),
  /** More distinct IPs than this inside the window is flagged. */
  maxDistinctIps: z.number().check(z.int(), z.gte(1)),
  /** More distinct countries than this inside the window is flagged. */
  maxDistinctCountries: z.number().check(z.int(), z.gte(1)),
  /** More distinct login countries than this within 24 hours is flagged (beside the short window). */
  maxDistinctCountriesPerDay: z._default(z.number().check(z.int(), z.gte(1)), 2),
  /** More platform accounts than this seen for one applicant is flagged. */
  maxAccounts: z.number().check(z.int(), z.gte(1)),
  /** Faster than this between two logins (km/h, country centroids) is impossible travel. */
  impossibleTravelKmh: z.number().check(z.positive()),
  /** Below this distance centroids are too coarse to say anything. */
  impossibleTravelMinKm: z.number().check(z.gte(0)),
  /** Other applicants seen on the same IP from which the IP is "shared". */
  sharedIpMinOtherApplicants: z.number().check(z.int(), z.gte(1)),
  /** More contact changes than this inside the window is "frequent". */
  maxContactChanges: z.number().check(z.int(), z.gte(0)),
  contactChangeWindowDays: z.number().check(z.int(), z.gte(1)),
  /** More payment-method changes than this is "frequent changes of bank details". */
  maxPaymentChanges: z.number().check(z.int(), z.gte(0)),
  /** An equipment shipping-address change this many days or fewer before the ship date is a finding. */
  shippingChangeWindowDays: z._default(z.number().check(z.int(), z.gte(0), z.lte(365)), 7),
  /** More payout-account changes than this within payoutChangeWindowDays is "frequent". */
  maxPayoutChanges: z._default(z.number().check(z.int(), z.gte(0)), 1),
  payoutChangeWindowDays: z._default(z.number().check(z.int(), z.gte(1), z.lte(3650)), 30),
});

const countryFlags = z.record(countryCode, z.boolean());

export const bankSchema = z.strictObject({
  /** Micro-deposit verification: everywhere, nowhere, or per bank country with a default. */
  microDeposits: z.union([z.boolean(), z.strictObject({ default: z.boolean(), byCountry: z._default(countryFlags, {}) })]),
  /**
   * A payout account shared with an applicant on compliance hold holds this case too (a hard stop). On by
   * default: the same payout route as a suspected DPRK worker. Off, the link is still a critical finding.
   */
  holdOnAccountSharedWithHeldCase: z._default(z.boolean(), true),
});

export const requiredStagesSchema = z.strictObject({
  default: z.array(requirableStageSchema).check(z.minLength(1)),
  /** Extra stages by residence country. Policies only add stages: a rule never weakens another. */
  byCountry: z._default(z.record(countryCode, z.array(requirableStageSchema)), {}),
  /** Extra stages by role, matched case-insensitively against engagement.role as a substring. */
  byRole: z._default(z.record(z.string().check(z.minLength(1)), z.array(requirableStageSchema)), {}),
});

export const fourEyesSchema = z.strictObject({
  /** Two distinct approvers from this score on. */
  whenScoreAtLeast: z.number().check(z.gte(0)),
  /** Two approvers whenever one of these findings is present (potential sanctions match...). */
  whenCodes: z._default(z.array(findingCode), []),
  /** Clearing a compliance hold takes two different people (a hard stop always does, whatever this says). */
  onHold: z.boolean(),
  /**
   * Treat `name+tag@domain` as `name@domain` when telling people apart (off by default: some organisations
   * give different people tagged addresses of one shared mailbox). Case, Unicode forms and look-alike letters
   * always count as the same person.
   */
  ignorePlusTags: z._default(z.boolean(), false),
});

export const reviewerPoolsSchema = z.strictObject({
  /** Second approver for four-eyes and escalation when the request's reviewers do not answer in time. */
  escalation: z._default(z.array(email), []),
  /** Compliance officers told about every hold. */
  compliance: z._default(z.array(email), []),
});

export const timeoutsSchema = z.strictObject({
  /** Contractor has this long to pick an interview slot. */
  interviewPickHours: hours,
  /** Interviewer has this long after the slot to record the outcome. */
  interviewOutcomeHours: hours,
  /** Reviewer has this long to approve or reject before escalation. */
  approvalHours: hours,
  /** Contractor has this long to answer a reviewer's request for more information (default 72). */
  informationHours: z.optional(hours),
  /** Reminder sent this long before each deadline. */
  reminderBeforeDeadlineHours: hours,
  /**
   * How many minutes before the booked slot starts an interviewer may already record the outcome (default 0:
   * an outcome before the interview is refused).
   */
  interviewOutcomeGraceMinutes: z._default(z.number().check(z.int(), z.gte(0), z.lte(20_160)), 0),
  /** The compliance pool has this long to confirm or clear a hold (default 240); after it the case ends expired, never approved. */
  complianceReviewHours: z.optional(hours),
});

export const engagementDefaultsSchema = z.strictObject({
  /**
   * Engagement length assumed when the request gives no end date: the identity document must stay valid
   * that long (DOC_EXPIRES_DURING_ENGAGEMENT).
   */
  durationDays: z.number().check(z.int(), z.gte(1), z.lte(3660)),
  /**
   * false: a case cannot be approved while the payout is crypto (shared/domain/risk/approval-blockers.ts); the
   * reviewer asks for a bank account through the information round. The 2022 advisory names crypto a red flag.
   */
  allowCryptoPayment: z.boolean(),
  /** true: an interview recorded "camera off" blocks approval by anyone but a compliance officer. */
  requireCameraOnInterview: z.boolean(),
  /**
   * true (default): an applicant who refuses the interview protocol against stand-ins and face swaps (hand in
   * front of the face, profile, a phrase read aloud; FBI January 2025) goes on compliance hold
   * (INT_PROTOCOL_REFUSED as a hard stop). false: the refusal is a high finding that sends the case to review.
   */
  holdOnInterviewProtocolRefused: z._default(z.boolean(), true),
});

const sections = {
  thresholds: thresholdsSchema,
  weights: weightsSchema,
  risk: riskSettingsSchema,
  /** Codes that are hard stops whatever the finding says (strong sanctions match, DPRK document...). */
  hardStopCodes: z.array(findingCode),
  countries: countriesSchema,
  sanctions: sanctionsSchema,
  signals: signalsSettingsSchema,
  bank: bankSchema,
  requiredStages: requiredStagesSchema,
  fourEyes: fourEyesSchema,
  reviewerPools: reviewerPoolsSchema,
  timeouts: timeoutsSchema,
  engagement: engagementDefaultsSchema,
};

/**
 * What a policy file may contain. Only `version` is required; each section left out is taken whole from
 * the default policy, and a section given replaces the default whole (no deep merge: what the file says
 * for a section is all of that section, so reading the file tells the truth about it).
 */
export const policyFileSchema = z.strictObject({
  version: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
  description: z.optional(z.string().check(z.maxLength(2000))),
  thresholds: z.optional(sections.thresholds),
  weights: z.optional(sections.weights),
  risk: z.optional(sections.risk),
  hardStopCodes: z.optional(sections.hardStopCodes),
  countries: z.optional(sections.countries),
  sanctions: z.optional(sections.sanctions),
  signals: z.optional(sections.signals),
  bank: z.optional(sections.bank),
  requiredStages: z.optional(sections.requiredStages),
  fourEyes: z.optional(sections.fourEyes),
  reviewerPools: z.optional(sections.reviewerPools),
  timeouts: z.optional(sections.timeouts),
  engagement: z.optional(sections.engagement),
});
export type PolicyFile = z.input<typeof policyFileSchema>;

/** The effective policy, with cross-field rules that only make sense once sections are combined. */
export const policySchema = z
  .strictObject({
    version: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
    description: z.optional(z.string().check(z.maxLength(2000))),
    ...sections,
  })
  .check(
    z.superRefine((p, ctx) => {
      if (p.thresholds.hold <= p.thresholds.review) ctx.addIssue({ code: 'custom', path: ['thresholds', 'hold'], message: `must be greater than thresholds.review (${p.thresholds.review})` });
      if (p.sanctions.strongMatch < p.sanctions.potentialMatch)
        ctx.addIssue({ code: 'custom', path: ['sanctions', 'strongMatch'], message: `must be at least sanctions.potentialMatch (${p.sanctions.potentialMatch})` });
      if (!p.countries.hardStop.includes('KP'))
        // The product exists to keep DPRK workers out; a policy that drops KP is a mistake, not a choice.
        ctx.addIssue({ code: 'custom', path: ['countries', 'hardStop'], message: 'must include "KP"' });
      const { reminderBeforeDeadlineHours: reminder, interviewOutcomeGraceMinutes: _grace, ...deadlines } = p.timeouts;
      for (const [name, value] of Object.entries(deadlines))
        if (reminder >= value) ctx.addIssue({ code: 'custom', path: ['timeouts', 'reminderBeforeDeadlineHours'], message: `must be shorter than timeouts.${name} (${value})` });
      for (const stage of ['document', 'screening'] as const)
        if (!p.requiredStages.default.includes(stage))
          // Sanctions screening and the identity check are the legal minimum (31 CFR 510); never optional.
          ctx.addIssue({ code: 'custom', path: ['requiredStages', 'default'], message: `must include "${stage}"` });
    }),
  );
export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;
