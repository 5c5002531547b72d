import { createHash } from 'node:crypto';
import * as z from '../schemas/zod';
import { canonicalJson } from './canonical-json';

/**
 * Append-only audit trail per case, chained by SHA-256 so that editing, deleting or reordering a stored
 * event is detectable: each event's hash covers its own content and the previous event's hash. The chain
 * alone cannot reveal that the *newest* events were cut off; the case item keeps the head (seq and hash,
 * written in the same transaction as each event) and verification passes it as `expectedHead`.
 */

/** prevHash of the first event of every case: 64 zeros, so every event has the same shape. */
export const GENESIS_HASH = '0'.repeat(64);

/** Actions the workflow records. Open-ended on purpose (a new action must not break verification of old chains). */
export const knownAuditActions = [
  'onboarding.started',
  'stage.completed',
  'finding.recorded',
  'signals.received',
  'risk.decided',
  'link.issued',
  'link.opened',
  'decision.recorded',
  'webhook.sent',
  'webhook.failed',
  'case.exported',
  'erasure.performed',
] as const;

const sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256'));

export const auditEventInputSchema = z.strictObject({
  at: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 timestamp' }),
  /** Who did it: "system", "hris:<key id>", "reviewer:<email>", "contractor", "interviewer:<email>". */
  actor: z.string().check(z.minLength(1), z.maxLength(256)),
  action: z.string().check(z.regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'expected a dotted action such as "link.issued"')),
  caseId: z.string().check(z.minLength(1), z.maxLength(128)),
  data: z._default(z.record(z.string(), z.unknown()), {}),
});
export type AuditEventInput = z.input<typeof auditEventInputSchema>;

export const auditEventSchema = z.strictObject({
  seq: z.number().check(z.int(), z.gte(1)),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  caseId: z.string(),
  data: z.record(z.string(), z.unknown()),
  prevHash: sha256Hex,
  hash: sha256Hex,
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** The hash of an event: everything but `hash` itself, canonically encoded. */
export function hashAuditEvent(event: Omit<AuditEvent, 'hash'>): string {
  const { seq, at, actor, action, caseId, data, prevHash } = event;
  return createHash('sha256').update(canonicalJson({ seq, at, actor, action, caseId, data, prevHash }), 'utf8').digest('hex');
}

/**
 * Builds the next event after `prev` (undefined for the first event of a case). Throws on invalid input or
 * on an event for another case, which would be a bug in the caller, not a condition to record.
 */
export function appendAuditEvent(prev: AuditEvent | undefined, input: AuditEventInput): AuditEvent {
  const parsed = z.parse(auditEventInputSchema, input);
  if (prev && prev.caseId !== parsed.caseId) throw new Error(`audit event for case ${parsed.caseId} cannot follow an event of case ${prev.caseId}`);
  // Round-trip data through the canonical encoder first: it throws on values that would not survive storage.
  const data = JSON.parse(canonicalJson(parsed.data)) as Record<string, unknown>;
  const body = {
    seq: prev ? prev.seq + 1 : 1,
    at: parsed.at,
    actor: parsed.actor,
    action: parsed.action,
    caseId: parsed.caseId,
    data,
    prevHash: prev ? prev.hash : GENESIS_HASH,
  };
  return { ...body, hash: hashAuditEvent(body) };
}

export type AuditChainVerification = { ok: true; count: number; head?: { seq: number; hash: string } } | { ok: false; brokenAt: number; reason: string };

export interface VerifyAuditChainOptions {
  /**
   * The head recorded on the case item; detects events cut off the end of the chain. Read the head before
   * the events: events appended after it was read may follow it (they chain from it), never precede it.
   */
  expectedHead?: { seq: number; hash: string };
  /** Verify a page that starts mid-chain: the event just before the first one given. */
  after?: { seq: number; hash: string };
}

/**
 * Verifies events in stored order (ascending seq). `brokenAt` is the seq of the first event that fails
 * (or the position-implied seq when the event itself is unreadable); `reason` says why in plain words.
 */
export function verifyAuditChain(events: readonly unknown[], options: VerifyAuditChainOptions = {}): AuditChainVerification {
  let expectedSeq = options.after ? options.after.seq + 1 : 1;
  let expectedPrev = options.after ? options.after.hash : GENESIS_HASH;
  let caseId: string | undefined;
  let last: AuditEvent | undefined;

  for (const raw of events) {
    const parsed = auditEventSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const seqOf = (raw as { seq?: unknown } | null)?.seq;
      return {
        ok: false,
        brokenAt: typeof seqOf === 'number' ? seqOf : expectedSeq,
        reason: `malformed event: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unreadable'}`,
      };
    }
    const event = parsed.data;
    if (event.seq !== expectedSeq)
      return {
        ok: false,
        brokenAt: event.seq,
        reason:
          event.seq > expectedSeq ? `expected seq ${expectedSeq}, found ${event.seq}: events are missing` : `expected seq ${expectedSeq}, found ${event.seq}: events are duplicated or out of order`,
      };
    if (caseId !== undefined && event.caseId !== caseId) return { ok: false, brokenAt: event.seq, reason: `event belongs to case ${event.caseId}, chain is for ${caseId}` };
    if (event.prevHash !== expectedPrev) return { ok: false, brokenAt: event.seq, reason: 'prevHash does not match the previous event: chain was cut or spliced' };
    if (hashAuditEvent(event) !== event.hash) return { ok: false, brokenAt: event.seq, reason: 'hash does not match the content: the event was altered' };
    caseId = event.caseId;
    expectedSeq = event.seq + 1;
    expectedPrev = event.hash;
    last = event;
  }

  const head = last ? { seq: last.seq, hash: last.hash } : options.after;
  if (options.expectedHead) {
    const want = options.expectedHead;
    const lastSeq = head?.seq ?? 0;
    if (lastSeq < want.seq)
      return {
        ok: false,
        brokenAt: lastSeq + 1,
        reason: `newest events are missing: seq ${lastSeq + 1 === want.seq ? want.seq : `${lastSeq + 1} to ${want.seq}`} (the chain ends at seq ${lastSeq}, the head recorded on the case is seq ${want.seq})`,
      };
    const atHead = want.seq === head?.seq ? head : events.map((e) => auditEventSchema.safeParse(e).data).find((e) => e?.seq === want.seq);
    if (!atHead || atHead.hash !== want.hash)
      return { ok: false, brokenAt: want.seq, reason: `event seq ${want.seq} does not match the head recorded on the case: the chain was rewritten from there` };
  }
  return head ? { ok: true, count: events.length, head } : { ok: true, count: 0 };
}
