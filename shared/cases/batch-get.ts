import { BatchGetCommand, type DynamoDBDocumentClient } from '../aws/dynamodb';

export type ItemKey = { PK: string; SK: string };

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
  for (let i = 0; i < unique.length; i += 100) {
    let keys: Record<string, unknown>[] = unique.slice(i, i + 100);
    for (let attempt = 0; keys.length; attempt++) {
      if (attempt >= 10) throw new Error(`${keys.length} read(s) left unprocessed`);
      if (attempt) await new Promise((r) => setTimeout(r, Math.min(1000, 10 * 2 ** attempt) * Math.random()));
      const out = await db.send(
        new BatchGetCommand({
          RequestItems: {
            [table]: { Keys: keys, ConsistentRead: true, ...projection },
          },
        }),
      );
      for (const item of out.Responses?.[table] ?? []) found.set(at(item as ItemKey), item);
      keys = out.UnprocessedKeys?.[table]?.Keys ?? [];
    }
  }
  return wanted.flatMap((k) => {
    const item = found.get(at(k));
    return item ? [item] : [];
  });
}
