import { QueryCommand, type DynamoDBDocumentClient } from '../aws/dynamodb';

type QueryInput = ConstructorParameters<typeof QueryCommand>[0];

/** Every item a query matches, page after page (strongly consistent unless the input says otherwise). */
export async function queryAll(db: DynamoDBDocumentClient, input: Omit<QueryInput, 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The items of a case's partition whose sort key begins with `prefix`, keys kept. */
export function queryCasePrefix(db: DynamoDBDocumentClient, table: string, id: string, prefix: string): Promise<Record<string, unknown>[]> {
  return queryAll(db, {
    TableName: table,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': `CASE#${id}`, ':sk': prefix },
    ConsistentRead: true,
  });
}
