import { ConditionalCheckFailedException, QueryCommand, TransactionCanceledException, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '../aws/dynamodb';
import { backoffSchedule, WEBHOOK_MAX_ATTEMPTS } from '../../domain/notify/backoff';
import { batchGetItems } from '../dynamodb/batch';
import { outboxItemSchema } from '../dynamodb/item-schemas';
import { parseItem } from '../dynamodb/items';
import { indexNames, keys } from '../dynamodb/keys';
import type { UpdateSpec } from '../dynamodb/transaction';
import { logger } from '../observability/logger';
import { recordStatusChange, recordWebhookDeadLetter } from '../observability/metrics';
import { publishStatusEvent, sendWebhook } from './hris-events';
import { PROMPT_LEASE_MS, promptClaimByKey, type OutboxItem, type WriterClaim } from '../dynamodb/outbox-item';
import type { StatusChangeEvent } from '../../domain/notify/status-change';

export interface OutboxDeliveryConfig {
  table: string;
  webhookUrl?: string;
  webhookKey: Buffer;
  eventBusName?: string;
  /** Attempts (the prompt one included) before the item goes to the dead letters. */
  maxAttempts: number;
  /** Backoff between attempts, across sweeps: equal jitter, doubling from base up to cap. */
  retryBaseMs: number;
  retryCapMs: number;
  /** Timeout of the prompt attempt made by the function that changed the status. */
  promptTimeoutMs: number;
  /** Timeout of a sweep's attempt. */
  attemptTimeoutMs: number;
  /** How long a sweep's claim keeps other sweeps off an item (longer than the sweep function's timeout). */
  sweepLeaseMs: number;
  fetchImpl?: typeof fetch;
  random?: () => number;
  publish?: (event: StatusChangeEvent) => Promise<void>;
  audit?: (caseId: string, action: string, data: Record<string, unknown>) => Promise<void>;
}

export const outboxDefaults = {
  maxAttempts: WEBHOOK_MAX_ATTEMPTS,
  // 1-2 min, 2-4, 4-8, 8-16, 16-32, 32-64 min, then 30-60 min: the eighth attempt comes about 1.5 to 3 hours
  // after the change, so a receiver down for an afternoon's deployment still hears from us.
  retryBaseMs: 60_000,
  retryCapMs: 3_600_000,
  promptTimeoutMs: 3_000,
  attemptTimeoutMs: 5_000,
  sweepLeaseMs: 5 * 60_000,
} as const;

export type DeliveryOutcome = 'delivered' | 'retry-scheduled' | 'dead-lettered' | 'lost-claim';

export interface SweepReport {
  due: number;
  claimed: number;
  delivered: number;
  retried: number;
  deadLettered: number;
}

const strip = (i: Record<string, unknown>): OutboxItem => parseItem(outboxItemSchema, i, 'outbox item');

function lostRace(err: unknown): boolean {
  return err instanceof ConditionalCheckFailedException || (err instanceof TransactionCanceledException && (err.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'));
}

/**
 * Delivery of the outbox: the function that changed a status makes one prompt attempt; the scheduled
 * webhook sweep makes the later ones, with backoff, and dead-letters what still fails after maxAttempts
 * (or at once on a 4xx that waiting will not fix). Every attempt is preceded by a conditional claim on the
 * item, so concurrent sweeps (and a sweep racing the prompt attempt) deliver each attempt once.
 * At-least-once overall: a function that dies after the receiver answered but before the item is marked
 * delivered leaves it to be sent again after its lease; receivers dedupe on the event id.
 */
export class WebhookOutbox {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly cfg: OutboxDeliveryConfig,
  ) {}

  /**
   * The prompt attempt, right after a status change: every fresh (never attempted) item of the case, oldest
   * first; or `known`, the items the caller's change wrote (it holds them: no query to find them).
   */
  async deliverPromptly(caseId: string, known?: readonly OutboxItem[]): Promise<DeliveryOutcome[]> {
    const items = known ?? (await this.freshItems(caseId));
    const outcomes: DeliveryOutcome[] = [];
    for (const item of items) {
      const claimed = await this.claim(item, new Date(), 'prompt', !this.cfg.webhookUrl);
      outcomes.push(claimed ? await this.attempt(claimed, this.cfg.promptTimeoutMs) : 'lost-claim');
    }
    return outcomes;
  }

  /**
   * How the item of a change whose writer makes the prompt attempt itself is born (outbox-item.ts): claimed
   * by that writer, or settled at once when there is no webhook to send (as claim settles one).
   */
  writerClaim(): WriterClaim {
    return this.cfg.webhookUrl ? 'claimed' : 'settled';
  }

  /**
   * The prompt attempt of an item its writer's transaction claimed: born claimed by it (writerClaim), or claimed
   * in the caller's own transaction (claimInTransaction). The caller holds the item; no claim request, the
   * transaction was the claim. Attempted as a claimed item is: the event on this first attempt, then the
   * webhook and the item's next state.
   */
  async deliverClaimed(item: OutboxItem): Promise<DeliveryOutcome[]> {
    if (item.attempts !== 1) throw new Error(`outbox item ${item.caseId}#${item.sequence} is not claimed by its writer`);
    return [await this.attempt(item, this.cfg.promptTimeoutMs)];
  }

  /**
   * The prompt attempt of one item known only by its key (the status event a new case is born with, which the
   * API writes with the case): claimed and read back in one request (ReturnValues ALL_NEW), so no query finds
   * it first. The claim is the prompt claim that keeps the lease (claim): the item never attempted and at
   * least half of its lease left. When that does not hold (a re-run finds it attempted; its writer's lease is
   * mostly gone; no such item), every fresh item of the case is attempted as deliverPromptly does.
   */
  async deliverPromptlyAt(caseId: string, sequence: number, now = new Date()): Promise<DeliveryOutcome[]> {
    let claimed: OutboxItem;
    try {
      const claim = promptClaimByKey(now, !this.cfg.webhookUrl);
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.cfg.table,
          Key: keys.outbox(caseId, sequence),
          UpdateExpression: claim.update,
          ConditionExpression: claim.condition,
          ExpressionAttributeNames: claim.names,
          ExpressionAttributeValues: claim.values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      claimed = strip(out.Attributes!);
    } catch (err) {
      if (!lostRace(err)) throw err;
      return this.deliverPromptly(caseId);
    }
    return [await this.attempt(claimed, this.cfg.promptTimeoutMs)];
  }

  /**
   * The prompt claim of `expected` (the item as its writer built it: the caller holds it) as an update for the
   * caller's own transaction: the claim deliverPromptlyAt makes (never attempted, at least half of its lease
   * left, which it keeps), and only if the stored item is that very record (its body, byte for byte), so the
   * attempt that follows once the transaction is written (deliverClaimed(claimed)) sends exactly what a sweep
   * would. Its condition failing cancels that transaction: the caller writes it again without the claim and
   * falls back to deliverPromptlyAt.
   */
  claimInTransaction(expected: OutboxItem, now = new Date()): { update: UpdateSpec; claimed: OutboxItem } {
    const settled = !this.cfg.webhookUrl;
    const claim = promptClaimByKey(now, settled);
    return {
      update: {
        key: keys.outbox(expected.caseId, expected.sequence),
        update: claim.update,
        condition: `${claim.condition} AND body = :body`,
        names: claim.names,
        values: { ...claim.values, ':body': expected.body },
      },
      claimed: { ...expected, attempts: 1, ...(settled ? { state: 'delivered' as const, deliveredAt: now.toISOString() } : {}) },
    };
  }

  private async freshItems(caseId: string): Promise<OutboxItem[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.cfg.table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        FilterExpression: '#state = :pending AND attempts = :zero',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':pk': keys.case(caseId).PK, ':sk': keys.outboxPrefix, ':pending': 'pending', ':zero': 0 },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map(strip);
  }

  /**
   * One sweep: the items due by `now`, read from the delivery queue on GSI2 (an index query, never a scan),
   * each claimed and attempted; starts no new batch after `deadline` (the rest waits for the next sweep).
   */
  async sweep(now: Date, deadline: number, concurrency = 8): Promise<SweepReport> {
    const report: SweepReport = { due: 0, claimed: 0, delivered: 0, retried: 0, deadLettered: 0 };
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.cfg.table,
          IndexName: indexNames.status,
          KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK <= :upto',
          ExpressionAttributeValues: { ':pk': keys.webhookQueue('', '', 0).GSI2PK, ':upto': `${now.toISOString()}#~` },
          Limit: 50,
          ExclusiveStartKey: cursor,
        }),
      );
      report.due += page.Items?.length ?? 0;
      // The index is eventually consistent and holds candidates only (their keys: the index projects nothing
      // else), read from the table; the claim decides on the item itself.
      const items = (
        await batchGetItems(
          this.db,
          this.cfg.table,
          (page.Items ?? []).map((i) => ({ PK: String(i.PK), SK: String(i.SK) })),
        )
      ).map(strip);
      // Unclaimed items left at the deadline stay due: the next sweep takes them.
      for (let i = 0; i < items.length && Date.now() < deadline; i += concurrency) {
        await Promise.all(
          items.slice(i, i + concurrency).map(async (item) => {
            const claimed = await this.claim(item, now, 'sweep');
            if (!claimed) return;
            report.claimed++;
            const outcome = await this.attempt(claimed, this.cfg.attemptTimeoutMs);
            if (outcome === 'delivered') report.delivered++;
            else if (outcome === 'retry-scheduled') report.retried++;
            else if (outcome === 'dead-lettered') report.deadLettered++;
          }),
        );
      }
      cursor = page.LastEvaluatedKey;
    } while (cursor && Date.now() < deadline);
    return report;
  }

  /**
   * Takes the next attempt of an item: true for exactly one caller. The prompt claim wants an item never
   * attempted; a sweep's wants the attempt count it read and a due time that has come. Either moves the
   * due time to the end of a lease, so a claimer that dies hands the item back to a later sweep.
   *
   * A prompt claim made while at least half of the lease the item was written with is left (the usual
   * case: the function that wrote it, moments later) keeps that lease: it still outlasts the claimer
   * (longer than a function's timeout), and the item keeps its place in the delivery queue, whose index
   * entry would otherwise be deleted and written again. The condition then also wants that same due time.
   */
  private async claim(item: OutboxItem, now: Date, by: 'prompt' | 'sweep', settled = false): Promise<OutboxItem | undefined> {
    const keep = by === 'prompt' && Date.parse(item.nextAttemptAt) - now.getTime() >= PROMPT_LEASE_MS / 2;
    const lease = keep ? item.nextAttemptAt : new Date(now.getTime() + (by === 'prompt' ? PROMPT_LEASE_MS : this.cfg.sweepLeaseMs)).toISOString();
    const attempts = item.attempts + 1;
    // `settled`: no webhook to send (no receiver configured), so the attempt cannot fail: the claim records it
    // delivered at once, one write instead of a claim and a settle. The event (and the figures) still go out
    // once, after the claim, exactly as on the first attempt of a claimed item.
    const delivered = settled ? ', #state = :delivered, deliveredAt = :now REMOVE GSI2PK, GSI2SK' : keep ? '' : ', nextAttemptAt = :lease, GSI2SK = :sk';
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.cfg.table,
          Key: keys.outbox(item.caseId, item.sequence),
          UpdateExpression: `SET attempts = :next, lastAttemptAt = :now${delivered}`,
          ConditionExpression: `#state = :pending AND attempts = :seen${by === 'sweep' ? ' AND nextAttemptAt <= :now' : ''}${keep ? ' AND nextAttemptAt = :lease' : ''}`,
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':next': attempts,
            // In the condition (a kept lease) or the update (a new one); neither when settled on a lapsed lease.
            ...(keep || !settled ? { ':lease': lease } : {}),
            ...(keep || settled ? {} : { ':sk': keys.webhookQueue(lease, item.caseId, item.sequence).GSI2SK }),
            ...(settled ? { ':delivered': 'delivered' } : {}),
            ':now': now.toISOString(),
            ':pending': 'pending',
            ':seen': item.attempts,
          },
        }),
      );
      return settled ? { ...item, attempts, state: 'delivered', deliveredAt: now.toISOString() } : { ...item, attempts, nextAttemptAt: lease };
    } catch (err) {
      if (lostRace(err)) return undefined;
      throw err;
    }
  }

  /** The claimed attempt: the event on its first attempt, the webhook, then the item's next state. */
  private async attempt(item: OutboxItem, timeoutMs: number): Promise<DeliveryOutcome> {
    const event = JSON.parse(item.body) as StatusChangeEvent;
    // The business figures, once per change: the first attempt is made exactly once per item.
    if (item.attempts === 1) recordStatusChange(event, event.startedAt);
    if (item.attempts === 1 && (this.cfg.publish || this.cfg.eventBusName)) await (this.cfg.publish ? this.cfg.publish(event) : publishStatusEvent(this.cfg.eventBusName!, event));
    if (!this.cfg.webhookUrl) return item.state === 'delivered' ? 'delivered' : this.settle(item, 'delivered', {});
    const result = await sendWebhook(
      { webhookUrl: this.cfg.webhookUrl, webhookKey: this.cfg.webhookKey, ...(this.cfg.fetchImpl ? { fetchImpl: this.cfg.fetchImpl } : {}) },
      item.body,
      item.eventId,
      timeoutMs,
    );
    if (result.ok) {
      const outcome = await this.settle(item, 'delivered', {});
      if (outcome === 'delivered') await this.cfg.audit?.(item.caseId, 'webhook.sent', { status: item.status, eventId: item.eventId, attempts: item.attempts });
      return outcome;
    }
    if (result.retryable && item.attempts < this.cfg.maxAttempts) {
      const due = new Date(Date.now() + backoffSchedule(item.attempts, { baseMs: this.cfg.retryBaseMs, capMs: this.cfg.retryCapMs, ...(this.cfg.random ? { random: this.cfg.random } : {}) }));
      logger.warn('webhook attempt failed; retry scheduled', { onboardingId: item.caseId, eventId: item.eventId, attempts: item.attempts, error: result.error, nextAttemptAt: due.toISOString() });
      return this.settle(item, 'retry-scheduled', { lastError: result.error, nextAttemptAt: due.toISOString() });
    }
    const outcome = await this.settle(item, 'dead-lettered', { lastError: result.error, event });
    if (outcome === 'dead-lettered') {
      recordWebhookDeadLetter();
      logger.error('webhook dead-lettered', { onboardingId: item.caseId, eventId: item.eventId, attempts: item.attempts, lastError: result.error });
      await this.cfg.audit?.(item.caseId, 'webhook.failed', { status: item.status, eventId: item.eventId, attempts: item.attempts, lastError: result.error });
    }
    return outcome;
  }

  /**
   * The item's next state, written only while our claim stands (still pending at our attempt number):
   * idempotent, and a claimer whose lease ran out cannot overwrite what the next claimer decided.
   */
  private async settle(item: OutboxItem, outcome: Exclude<DeliveryOutcome, 'lost-claim'>, extra: { lastError?: string; nextAttemptAt?: string; event?: StatusChangeEvent }): Promise<DeliveryOutcome> {
    const now = new Date().toISOString();
    const key = keys.outbox(item.caseId, item.sequence);
    const mine = {
      ConditionExpression: '#state = :pending AND attempts = :mine',
      ExpressionAttributeNames: { '#state': 'state' },
    };
    const base = { ':pending': 'pending', ':mine': item.attempts };
    try {
      switch (outcome) {
        case 'delivered':
          await this.db.send(
            new UpdateCommand({
              TableName: this.cfg.table,
              Key: key,
              UpdateExpression: 'SET #state = :s, deliveredAt = :now REMOVE GSI2PK, GSI2SK',
              ...mine,
              ExpressionAttributeValues: { ...base, ':s': 'delivered', ':now': now },
            }),
          );
          break;
        case 'retry-scheduled':
          await this.db.send(
            new UpdateCommand({
              TableName: this.cfg.table,
              Key: key,
              UpdateExpression: 'SET nextAttemptAt = :due, GSI2SK = :sk, lastError = :err',
              ...mine,
              ExpressionAttributeValues: { ...base, ':due': extra.nextAttemptAt!, ':sk': keys.webhookQueue(extra.nextAttemptAt!, item.caseId, item.sequence).GSI2SK, ':err': extra.lastError! },
            }),
          );
          break;
        case 'dead-lettered': {
          const event = extra.event!;
          // The dead-letter record keeps the shape `webhooks-replay` reads (body, lastError, attempts), plus
          // where its outbox item is, so a replay can mark that item replayed.
          await this.db.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: this.cfg.table,
                    Key: key,
                    UpdateExpression: 'SET #state = :s, deadLetteredAt = :now, lastError = :err REMOVE GSI2PK, GSI2SK',
                    ...mine,
                    ExpressionAttributeValues: { ...base, ':s': 'dead-lettered', ':now': now, ':err': extra.lastError! },
                  },
                },
                {
                  Put: {
                    TableName: this.cfg.table,
                    Item: {
                      ...keys.webhookDeadLetter(event.at, item.caseId, item.sequence),
                      type: 'webhook-dlq',
                      caseId: item.caseId,
                      eventId: item.eventId,
                      sequence: item.sequence,
                      outboxSK: key.SK,
                      body: item.body,
                      lastError: extra.lastError!,
                      attempts: item.attempts,
                      at: now,
                    },
                  },
                },
              ],
            }),
          );
          break;
        }
        default:
          return outcome satisfies never;
      }
      return outcome;
    } catch (err) {
      if (!lostRace(err)) throw err;
      // Our lease ran out and another claimer took the item: its outcome stands.
      logger.warn('webhook outcome not recorded: the item was claimed again meanwhile', { onboardingId: item.caseId, eventId: item.eventId, attempts: item.attempts });
      return 'lost-claim';
    }
  }
}
