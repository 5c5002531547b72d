import { DeleteCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '../../adapters/aws/dynamodb';
import { sendWebhook } from '../../adapters/notify/hris-events';

/**
 * Sends the dead-lettered webhook deliveries again (after the HRIS endpoint is fixed), oldest first, each
 * with its original body and event id, re-signed with the current time. Each one delivered leaves the
 * dead letters and its outbox item is marked replayed, in one transaction; each one still failing stays
 * for the next replay.
 */
export async function replayDeadLetters(
  db: DynamoDBDocumentClient,
  cfg: { table: string; webhookUrl: string; webhookKey: Buffer; fetchImpl?: typeof fetch; timeoutMs?: number },
): Promise<{ delivered: number; failed: number }> {
  let delivered = 0;
  let failed = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ TableName: cfg.table, KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': 'WEBHOOK#DLQ' }, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const body = String(item.body);
      // Records written before the outbox carry no event id of their own; their body may still name one.
      const eventId = typeof item.eventId === 'string' ? item.eventId : eventIdOf(body);
      const result = await sendWebhook({ webhookUrl: cfg.webhookUrl, webhookKey: cfg.webhookKey, ...(cfg.fetchImpl ? { fetchImpl: cfg.fetchImpl } : {}) }, body, eventId, cfg.timeoutMs ?? 10_000);
      if (!result.ok) {
        failed++;
        continue;
      }
      const remove = { TableName: cfg.table, Key: { PK: item.PK, SK: item.SK } };
      if (typeof item.outboxSK === 'string')
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Delete: remove },
              {
                Update: {
                  TableName: cfg.table,
                  Key: { PK: `CASE#${String(item.caseId)}`, SK: item.outboxSK },
                  UpdateExpression: 'SET #state = :replayed, replayedAt = :now',
                  ConditionExpression: 'attribute_exists(PK)',
                  ExpressionAttributeNames: { '#state': 'state' },
                  ExpressionAttributeValues: { ':replayed': 'replayed', ':now': new Date().toISOString() },
                },
              },
            ],
          }),
        );
      else await db.send(new DeleteCommand(remove));
      delivered++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { delivered, failed };
}

function eventIdOf(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { eventId?: unknown }).eventId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
