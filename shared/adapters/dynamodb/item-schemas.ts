import * as z from '../../domain/schemas/zod';
import { findingSchema, severitySchema, stageNameSchema } from '../../domain/finding';
import { caseStatuses, stageKeys, type AuditHead, type CaseRecord, type EvidenceRecord, type StageKey, type StageStatus } from '../../domain/cases/case-model';
import type { OnboardingRequest } from '../../domain/schemas/onboarding';
import type { LinkRecord, PendingCallback } from '../../domain/links/link-model';
import type { OutboxItem } from './outbox-item';

/**
 * The shapes of the items the case persistence reads back, parsed on every read (shared/adapters/dynamodb/
 * items.ts parseItem): a malformed item fails naming its field instead of travelling on as a typed lie.
 * Each schema is checked against its type at compile time (`z.ZodMiniType<T>`). Open objects: attributes
 * added by a newer version are kept, not refused.
 */

const text = z.string();
const count = z.number().check(z.int(), z.gte(0));
const obj = <T extends Record<string, z.ZodMiniType>>(shape: T) => z.looseObject(shape);

export const auditHeadSchema: z.ZodMiniType<AuditHead> = obj({ seq: z.number().check(z.int(), z.gte(1)), hash: text });

const stageStatusSchema: z.ZodMiniType<StageStatus> = obj({
  state: z.enum(['pending', 'running', 'passed', 'findings', 'hard-stop', 'unavailable', 'waiting', 'done', 'failed']),
  findings: count,
  maxSeverity: z.optional(severitySchema),
  updatedAt: text,
});

/** Every stage state stored (a stage this version does not know is kept as it is: an update rewrites the map). */
const stagesSchema: z.ZodMiniType<Partial<Record<StageKey, StageStatus>>> = z.record(z.string(), stageStatusSchema);

/**
 * The application was parsed in full at intake (shared/domain/schemas/onboarding.ts) and is stored as it was then;
 * an erasure replaces its personal fields with "[erased]", which that schema would refuse. So on read it
 * is held to its structure: the objects and lists every consumer walks.
 */
const isApplication = (v: unknown): v is OnboardingRequest => {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Record<string, unknown>;
  const isObj = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
  return typeof a.externalId === 'string' && isObj(a.contractor) && isObj(a.document) && isObj(a.payment) && Array.isArray(a.employment) && Array.isArray(a.reviewers);
};
const applicationSchema = z.custom<OnboardingRequest>(isApplication, 'expected the stored application (externalId, contractor, document, payment, employment, reviewers)');

const riskSchema = obj({
  outcome: z.enum(['clear', 'review', 'hold']),
  score: z.number(),
  level: z.enum(['low', 'medium', 'high', 'critical']),
  fourEyesRequired: z.boolean(),
  policyVersion: text,
  drivers: z.array(text),
  thresholds: z.optional(obj({ review: z.number(), hold: z.number() })),
  facts: z.optional(z.array(obj({ fact: text, weight: z.number(), code: text, codes: z.array(text) }))),
  hardStops: z.optional(z.array(text)),
  explanation: z.optional(z.array(text)),
  decidedAt: z.optional(text),
});

const decisionSchema = obj({
  outcome: z.enum(['approved', 'rejected', 'info-requested', 'expired', 'info-not-provided', 'compliance-hold']),
  by: text,
  at: text,
  reason: text,
  via: z.optional(text),
  approvals: z.optional(z.array(obj({ by: text, at: text, reason: text }))),
});

const caseStatusSchema = z.enum(caseStatuses);

const holdSchema = obj({
  since: text,
  previousStatus: caseStatusSchema,
  sources: z.array(
    obj({
      source: z.enum(['risk-decision', 'reassessment', 'signals', 'rescreen', 'linked-applicant', 'operator', 'approval']),
      at: text,
      reason: text,
      findings: z.array(text),
      bases: z.optional(z.array(text)),
    }),
  ),
  hardStop: z.boolean(),
  votes: z.optional(z.array(obj({ by: text, name: text, at: text, outcome: z.enum(['clear', 'confirm']), reason: text }))),
});

export const caseRecordSchema: z.ZodMiniType<CaseRecord> = obj({
  id: text,
  clientId: text,
  externalId: text,
  status: caseStatusSchema,
  version: z.number().check(z.int(), z.gte(1)),
  createdAt: text,
  updatedAt: text,
  executionName: text,
  application: applicationSchema,
  stages: stagesSchema,
  risk: z.optional(riskSchema),
  decision: z.optional(decisionSchema),
  failure: z.optional(obj({ error: text, cause: text, at: text, state: z.optional(text), previousStatus: z.optional(caseStatusSchema) })),
  pendingApprovals: z.optional(z.array(obj({ callbackId: text, by: text, name: text, at: text, reason: text, seen: z.optional(z.array(text)) }))),
  hold: z.optional(holdSchema),
  clearedMatches: z.optional(z.array(obj({ source: text, sourceId: text, entryHash: z.optional(text), clearedAt: text, clearedBy: z.array(text) }))),
  clearances: z.optional(z.array(obj({ at: text, by: z.array(text), codes: z.array(text), reasons: z.array(text), findings: z.optional(z.array(text)) }))),
  review: z.optional(obj({ callbackId: text, outcome: z.enum(['approved', 'rejected', 'info-requested']), by: text, at: text, reason: text })),
  owedEvents: z.optional(z.array(obj({ stage: z.enum(stageKeys), runId: text, outcome: z.enum(['passed', 'findings', 'hard-stop', 'unavailable']) }))),
  auditHead: z.optional(auditHeadSchema),
  payoutHolders: z.optional(z.array(text)),
});

/** The attributes of a case that a status lookup projects (CaseStore.statuses). */
/** A case's head as links read it: its hold, when it has one, only for when it began (an expired case kept it if it expired held). */
export const caseOwnerSchema = obj({ id: text, status: caseStatusSchema, clientId: text, externalId: text, hold: z.optional(obj({ since: text })) });

export const evidenceRecordSchema: z.ZodMiniType<EvidenceRecord> = obj({
  caseId: text,
  stage: stageNameSchema,
  runId: text,
  recordedAt: text,
  inputs: z.record(z.string(), z.unknown()),
  findings: z.array(findingSchema),
  data: z.optional(z.record(z.string(), z.unknown())),
});

const callbackTaskSchema = z.enum(['interview', 'approval', 'escalation', 'information', 'compliance']);
const linkActionSchema = z.enum(['pick-slot', 'record-outcome', 'approve', 'reject', 'request-info', 'confirm-reference', 'confirm-micro-deposits', 'provide-info', 'confirm-hold', 'clear-hold']);

export const linkRecordSchema: z.ZodMiniType<LinkRecord> = obj({
  tokenHash: text,
  caseId: text,
  task: z.union([callbackTaskSchema, z.literal('reference'), z.literal('micro-deposit')]),
  callbackId: text,
  purpose: z.enum(['slot-picking', 'interview-outcome', 'review', 'reference-check', 'micro-deposit', 'info-response', 'compliance-review']),
  actions: z.array(linkActionSchema),
  recipient: obj({ email: text, name: text, role: z.enum(['contractor', 'interviewer', 'reviewer', 'backup-reviewer', 'reference', 'compliance']) }),
  createdAt: text,
  expiresAt: text,
  usedAt: z.optional(text),
  usedAction: z.optional(linkActionSchema),
  openedCount: z.optional(count),
  firstOpenedAt: z.optional(text),
  lastOpenedAt: z.optional(text),
  reasonsShown: z.optional(count),
  findingsShown: z.optional(z.array(text)),
  remindAt: z.optional(text),
  remindedAt: z.optional(text),
  supersededAt: z.optional(text),
  reminderOf: z.optional(text),
});

export const pendingCallbackSchema: z.ZodMiniType<PendingCallback> = obj({
  caseId: text,
  task: callbackTaskSchema,
  callbackId: text,
  taskToken: text,
  issuedAt: text,
  deadline: text,
  state: z.enum(['waiting', 'done']),
  notifiedAt: z.optional(text),
  progress: z.optional(z.record(z.string(), z.unknown())),
});

export const outboxItemSchema: z.ZodMiniType<OutboxItem> = obj({
  caseId: text,
  sequence: z.number().check(z.int(), z.gte(1)),
  eventId: text,
  status: text,
  body: text,
  createdAt: text,
  state: z.enum(['pending', 'delivered', 'dead-lettered', 'replayed']),
  attempts: count,
  nextAttemptAt: text,
  lastError: z.optional(text),
  deliveredAt: z.optional(text),
  deadLetteredAt: z.optional(text),
  replayedAt: z.optional(text),
});
