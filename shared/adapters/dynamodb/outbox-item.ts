import type { CaseRecord } from '../../domain/cases/case-model';
import { keys } from './keys';
import { statusChangeOf } from '../../domain/notify/status-change';

/**
 * The transactional outbox: a status change and the item saying "tell the HRIS" are written in one
 * DynamoDB transaction (shared/adapters/dynamodb/case-repository.ts), so a function that dies right after the change
 * cannot lose the webhook. Delivery (shared/adapters/notify/outbox-delivery.ts) moves the item through its states.
 */
export type OutboxState = 'pending' | 'delivered' | 'dead-lettered' | 'replayed';

export interface OutboxItem {
  caseId: string;
  sequence: number;
  eventId: string;
  status: string;
  /** The exact JSON body sent on every attempt (the signature covers it with the send time). */
  body: string;
  createdAt: string;
  state: OutboxState;
  /** Attempts claimed so far (the prompt one included). */
  attempts: number;
  /** When the item may next be claimed: a retry's due time, or the end of a claim's lease. */
  nextAttemptAt: string;
  lastError?: string;
  deliveredAt?: string;
  deadLetteredAt?: string;
  replayedAt?: string;
}

/**
 * How long the function that made the change has for its one prompt attempt before a sweep may take the
 * item over (longer than a function's timeout; a sweep's claim is conditional anyway, so this only saves
 * a redundant attempt, it is not what makes delivery happen once).
 */
export const PROMPT_LEASE_MS = 60_000;

/**
 * How a change whose writer makes the prompt attempt itself, right after its transaction, has its outbox item
 * born: `claimed`, its first attempt already taken by that writer (within the lease the item is written with),
 * or `settled`, delivered at once when there is no webhook to send (WebhookOutbox.writerClaim). Either
 * way the transaction that writes the change is the claim, since only one writer's transaction can write that
 * item: no claim request after it. A writer that dies before its attempt leaves a claimed item to the sweep
 * once the lease is out, as a prompt claimer that dies does.
 */
export type WriterClaim = 'claimed' | 'settled';

/** The outbox item (with its keys and its place in the delivery queue) for the case as changed. */
export function outboxItemOf(c: CaseRecord, now: string, claim?: WriterClaim): Record<string, unknown> {
  const item = outboxRecordOf(c, now, claim);
  return {
    ...keys.outbox(c.id, item.sequence),
    type: 'outbox',
    // A settled item is not in the delivery queue, as after a settling claim.
    ...(item.state === 'pending' ? keys.webhookQueue(item.nextAttemptAt, c.id, item.sequence) : {}),
    ...(claim ? { lastAttemptAt: now } : {}),
    ...item,
  };
}

/**
 * The outbox record (without keys) of the case as changed at `now`: what outboxItemOf writes. The writer,
 * holding the changed case, knows its item without reading it back (WebhookOutbox.deliverPromptly, or
 * WebhookOutbox.deliverClaimed for an item born claimed by it).
 */
export function outboxRecordOf(c: CaseRecord, now: string, claim?: WriterClaim): OutboxItem {
  const sequence = c.version;
  const event = statusChangeOf(c, sequence, now);
  const nextAttemptAt = new Date(Date.parse(now) + PROMPT_LEASE_MS).toISOString();
  const item: OutboxItem = {
    caseId: c.id,
    sequence,
    eventId: event.eventId,
    status: c.status,
    body: JSON.stringify(event),
    createdAt: now,
    state: claim === 'settled' ? 'delivered' : 'pending',
    attempts: claim ? 1 : 0,
    nextAttemptAt,
    ...(claim === 'settled' ? { deliveredAt: now } : {}),
  };
  return item;
}

/**
 * The prompt claim of an item known by its key (WebhookOutbox.deliverPromptlyAt, claimInTransaction): its first
 * attempt, keeping the lease it was written with while at least half of it is left; `settled` (no webhook to
 * send): recorded delivered in the same write, as a settling claim does.
 */
export function promptClaimByKey(now: Date, settled: boolean): { update: string; condition: string; names: Record<string, string>; values: Record<string, unknown> } {
  return {
    update: `SET attempts = :one, lastAttemptAt = :now${settled ? ', #state = :delivered, deliveredAt = :now REMOVE GSI2PK, GSI2SK' : ''}`,
    condition: '#state = :pending AND attempts = :zero AND nextAttemptAt >= :halfLease',
    names: { '#state': 'state' },
    values: {
      ':one': 1,
      ':zero': 0,
      ':now': now.toISOString(),
      ':pending': 'pending',
      ':halfLease': new Date(now.getTime() + PROMPT_LEASE_MS / 2).toISOString(),
      ...(settled ? { ':delivered': 'delivered' } : {}),
    },
  };
}
