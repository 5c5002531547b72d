import { DeleteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { deliverWebhook } from './hris-events';

/**
 * Sends the dead-lettered webhook deliveries again (after the HRIS endpoint is fixed), oldest first; each
 * one delivered is removed from the dead-letter records, each one still failing stays for the next replay.
 */
export async function replayDeadLetters(
  db: DynamoDBDocumentClient,
  cfg: { table: string; webhookUrl: string; webhookKey: Buffer; fetchImpl?: typeof fetch },
): Promise<{ delivered: number; failed: number }> {
  let delivered = 0;
  let failed = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({ TableName: cfg.table, KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': 'WEBHOOK#DLQ' }, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) {
      const result = await deliverWebhook({ table: cfg.table, webhookUrl: cfg.webhookUrl, webhookKey: cfg.webhookKey, attempts: 2, ...(cfg.fetchImpl ? { fetchImpl: cfg.fetchImpl } : {}) }, String(item.body));
      if (result.ok) {
        await db.send(new DeleteCommand({ TableName: cfg.table, Key: { PK: item.PK, SK: item.SK } }));
        delivered++;
      } else failed++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { delivered, failed };
}
