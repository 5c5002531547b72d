import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '../aws/dynamodb';
import { retry } from './retry';

export type ItemKey = { PK: string; SK: string };

/** Some requests of a batch were left unprocessed (throttling, size): they are sent again after a pause. */
class Unprocessed extends Error {
  override readonly name = 'Unprocessed';
}

/** Sends `requests` through `send` (which returns those left unprocessed) until none is left, with backoff. */
async function drain<T>(requests: T[], send: (batch: T[]) => Promise<T[]>, what: string): Promise<void> {
  let left = requests;
  await retry(
    async () => {
      left = await send(left);
      if (left.length) throw new Unprocessed(`${what}: ${left.length} request(s) left unprocessed`);
    },
    { attempts: 10, baseMs: 20, capMs: 1_000, retryable: (err) => err instanceof Unprocessed },
  );
}

/**
 * The base items of `wanted` (PK/SK pairs, as a keys-only index returns them), in BatchGetItem calls of at
 * most 100 keys, strongly consistent, retrying unprocessed keys with a jittered backoff. Items that do not
 * exist (any more) are left out; the rest come back in the order of `wanted`. `attributes`: only these (and
 * the keys) are read.
 */
export async function batchGetItems(db: DynamoDBDocumentClient, table: string, wanted: readonly ItemKey[], attributes?: readonly string[]): Promise<Record<string, unknown>[]> {
  const names = attributes ? Object.fromEntries(['PK', 'SK', ...attributes].map((a, i) => [`#p${i}`, a])) : undefined;
  const projection = names ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } : {};
  const at = (k: { PK: unknown; SK: unknown }) => `${String(k.PK)}\u0000${String(k.SK)}`;
  const found = new Map<string, Record<string, unknown>>();
  const unique = [...new Map(wanted.map((k) => [at(k), { PK: k.PK, SK: k.SK }])).values()];
  for (let i = 0; i < unique.length; i += 100)
    await drain<Record<string, unknown>>(
      unique.slice(i, i + 100),
      async (keys) => {
        const out = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true, ...projection } } }));
        for (const item of out.Responses?.[table] ?? []) found.set(at({ PK: item.PK, SK: item.SK }), item);
        return out.UnprocessedKeys?.[table]?.Keys ?? [];
      },
      'batch read',
    );
  return wanted.flatMap((k) => {
    const item = found.get(at(k));
    return item ? [item] : [];
  });
}

/**
 * Unconditional puts in BatchWriteItem calls of at most 25, retrying unprocessed ones with a jittered
 * backoff. For idempotent items only (same key, same content): a retried or half-applied batch converges.
 */
export async function batchPutItems(db: DynamoDBDocumentClient, table: string, items: readonly Record<string, unknown>[], what: string): Promise<void> {
  type PutRequest = { PutRequest: { Item: Record<string, unknown> } };
  for (let i = 0; i < items.length; i += 25)
    await drain<PutRequest>(
      items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
      async (requests) => {
        const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        return (out.UnprocessedItems?.[table] ?? []).flatMap((r) => (r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : []));
      },
      what,
    );
}
