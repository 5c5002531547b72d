import * as z from './zod';
import { caseStatuses } from '../cases/case-model';
import { severitySchema } from '../finding';
import { uploadContentTypes } from '../document/upload-request';

/**
 * What the HRIS API answers and what its webhooks carry, as zod schemas: the OpenAPI document is generated
 * from them (shared/domain/schemas/openapi.ts) and the API tests parse the real answers with them, so neither the
 * description nor the answers can drift apart unnoticed.
 */
const isoTime = z.iso.datetime({ offset: true });
export const onboardingIdSchema = z.string().check(z.regex(/^ob_[0-9a-f]{32}$/, 'expected an onboarding id such as ob_0123...'));
const statusSchema = z.enum(caseStatuses);
const riskLevelSchema = z.enum(['low', 'medium', 'high', 'critical']);

export const stageStatusSchema = z.object({
  state: z.enum(['pending', 'running', 'passed', 'findings', 'hard-stop', 'unavailable', 'waiting', 'done', 'failed']),
  findings: z.int().check(z.gte(0)),
  maxSeverity: z.optional(severitySchema),
  updatedAt: isoTime,
});

/**
 * The payout account in use after a payout change (POST /onboardings/{id}/signals, payout-account-change),
 * masked as everywhere a person or a system reads it; absent while the account given at intake is in use.
 */
export const currentPayoutSchema = z.object({
  account: z.string(),
  method: z.string(),
  bankCountry: z.optional(z.string()),
  since: z.string(),
  changes: z.int().check(z.gte(1)),
});

/**
 * While the case is on compliance hold: since when, and the status it was held in. `heldIn: approved` is an
 * approved contractor suspended until compliance decides (the reviewers' `decision` stays on record beside it).
 */
export const holdViewSchema = z.object({ since: isoTime, heldIn: statusSchema });

export const onboardingViewSchema = z.object({
  id: onboardingIdSchema,
  externalId: z.string(),
  status: statusSchema,
  createdAt: isoTime,
  updatedAt: isoTime,
  stages: z.record(z.string(), stageStatusSchema),
  risk: z.optional(z.object({ outcome: z.enum(['clear', 'review', 'hold']), level: riskLevelSchema, score: z.number(), policyVersion: z.string() })),
  decision: z.optional(z.object({ outcome: z.string(), at: isoTime })),
  hold: z.optional(holdViewSchema),
  findings: z.object({
    total: z.int().check(z.gte(0)),
    bySeverity: z.record(z.string(), z.int()),
    codes: z.array(z.string()),
  }),
  failure: z.optional(z.object({ error: z.string(), at: isoTime })),
  payoutAccount: z.optional(currentPayoutSchema),
});

export const onboardingListSchema = z.object({
  items: z.array(z.object({ id: onboardingIdSchema, externalId: z.string(), status: statusSchema, updatedAt: isoTime, riskLevel: z.optional(riskLevelSchema) })),
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor: z.optional(z.string()),
});

export const uploadCreatedSchema = z.object({
  key: z.string(),
  kind: z.enum(['front', 'back', 'selfie']),
  uploadUrl: z.url(),
  method: z.literal('PUT'),
  headers: z.object({ 'content-type': z.enum(uploadContentTypes) }),
  expiresAt: isoTime,
});

export const signalsReceivedSchema = z.object({
  onboardingId: onboardingIdSchema,
  received: z.int().check(z.gte(1)),
  findings: z.array(z.string()),
  risk: z.object({ outcome: z.enum(['clear', 'review', 'hold']), score: z.number(), level: riskLevelSchema }),
});

/** RFC 9457 problem details; `errors` names each offending field and says what is wrong with it. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
  // One wording for every route (shared/domain/http/issue-wording.ts): the field, what is wrong, what is allowed.
  errors: z.array(z.object({ field: z.string(), message: z.string(), allowed: z.string() })),
});

/** The body of every status-change webhook (and of the EventBridge event's detail). */
export const statusChangeEventSchema = z.object({
  type: z.literal('onboarding.status-changed'),
  eventId: z.string(),
  onboardingId: onboardingIdSchema,
  externalId: z.string(),
  status: statusSchema,
  sequence: z.int().check(z.gte(1)),
  decision: z.optional(z.object({ outcome: z.string(), at: isoTime })),
  hold: z.optional(holdViewSchema),
  risk: z.optional(z.object({ outcome: z.enum(['clear', 'review', 'hold']), level: riskLevelSchema })),
  startedAt: z.optional(isoTime),
  payoutAccount: z.optional(currentPayoutSchema),
  at: isoTime,
});
