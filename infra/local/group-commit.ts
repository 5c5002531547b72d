import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** BatchWriteItem takes at most 25 puts, and no two for the same key. */
const maxBatch = 25;
const maxUnprocessedRounds = 12;

interface Pending {
  key: string;
  item: Record<string, unknown>;
  waiters: { resolve: () => void; reject: (e: Error) => void }[];
}

/**
 * Group commit for the local runtime's own unconditional puts (journal entries, tokens, mail): every put
 * asked for during one turn of the event loop goes out in BatchWriteItem requests of up to 25, instead of
 * one PutItem each. Under load that is one HTTP request where there were dozens, and DynamoDB Local spends
 * most of its CPU per request, not per item.
 *
 * Durability is unchanged: `put` resolves only once DynamoDB Local has accepted that very item (it is not
 * in UnprocessedItems), exactly when a PutItem would have resolved. Callers that must not acknowledge
 * something before it is durable keep awaiting `put`; what they gain is that the wait is shared.
 *
 * One batch request is out at a time: puts asked for meanwhile gather and leave together when it comes
 * back (classic group commit). An idle runtime writes a put at once; a busy one writes full batches of 25
 * instead of one or two items per turn of the loop, and DynamoDB Local (which spends most of its CPU per
 * request) keeps up. That also keeps the order per key: a put for a key whose earlier put is out waits for
 * it, and two puts for one key before the next batch coalesce into the later item, both callers resolving
 * when it is written.
 */
export class GroupCommitWriter {
  private pending = new Map<string, Pending>();
  /** A batch request is out (until its every item is written or failed). */
  private writing = false;
  private scheduled = false;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  put(item: Record<string, unknown> & { PK: string; SK: string }): Promise<void> {
    const key = `${item.PK}\u0000${item.SK}`;
    return new Promise<void>((resolve, reject) => {
      const existing = this.pending.get(key);
      if (existing) {
        existing.item = item;
        existing.waiters.push({ resolve, reject });
      } else this.pending.set(key, { key, item, waiters: [{ resolve, reject }] });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not a microtask: the writes of every callback run in this turn of the loop join in.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.writing || !this.pending.size) return;
    const batch: Pending[] = [];
    for (const p of this.pending.values()) if (batch.push(p) === maxBatch) break;
    for (const p of batch) this.pending.delete(p.key);
    void this.write(batch);
  }

  private async write(batch: Pending[]): Promise<void> {
    this.writing = true;
    let left = batch;
    try {
      for (let round = 0; left.length; round++) {
        const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.table]: left.map((p) => ({ PutRequest: { Item: p.item } })) } }));
        const unprocessed = new Set((out.UnprocessedItems?.[this.table] ?? []).map((r) => `${String(r.PutRequest?.Item?.PK)}\u0000${String(r.PutRequest?.Item?.SK)}`));
        for (const p of left) if (!unprocessed.has(p.key)) settle(p);
        left = left.filter((p) => unprocessed.has(p.key));
        if (left.length && round >= maxUnprocessedRounds) throw new Error(`DynamoDB left ${left.length} journal write(s) unprocessed after ${round + 1} attempts`);
        if (left.length) await new Promise((r) => setTimeout(r, Math.min(1000, 10 * 2 ** round) * (0.5 + Math.random())));
      }
    } catch (err) {
      for (const p of left) settle(p, err as Error);
    } finally {
      this.writing = false;
      if (this.pending.size) this.schedule();
    }
  }
}

function settle(p: Pending, err?: Error): void {
  for (const w of p.waiters) {
    if (err) w.reject(err);
    else w.resolve();
  }
}
