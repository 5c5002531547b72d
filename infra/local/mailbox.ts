import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { runtimeTableName } from './execution-store';
import { GroupCommitWriter } from './group-commit';
import * as z from '../../shared/domain/schemas/zod';

export interface LocalMail {
  id: string;
  at: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments: { fileName: string; contentType: string; content: string }[];
}

/** Where SES v2 SendEmail lands locally: kept in DynamoDB Local, so mail survives a restart like links do. */
export class LocalMailbox {
  private readonly db: DynamoDBDocumentClient;
  /** The mail and its reference, and other mails of the same turn, in one BatchWriteItem. */
  private readonly writer: GroupCommitWriter;
  /** Faults for tests: true refuses the mail to these recipients (SES answers 500 and delivers nothing). */
  refuse?: (to: readonly string[]) => boolean;

  constructor(client: DynamoDBClient) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    this.writer = new GroupCommitWriter(this.db, runtimeTableName);
  }

  async deliver(mail: Omit<LocalMail, 'id' | 'at'>): Promise<LocalMail> {
    const stored = { ...mail, id: randomUUID(), at: new Date().toISOString() };
    await Promise.all([
      this.writer.put({ PK: 'MAIL', SK: `${stored.at}#${stored.id}`, kind: 'mail', ...stored }),
      this.writer.put({ PK: `MAIL#${stored.id}`, SK: 'MAIL', kind: 'mail-ref', sk: `${stored.at}#${stored.id}` }),
    ]);
    return stored;
  }

  /** Newest first. */
  async list(limit = 200): Promise<LocalMail[]> {
    const out = await this.db.send(
      new QueryCommand({ TableName: runtimeTableName, KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': 'MAIL' }, ScanIndexForward: false, Limit: limit }),
    );
    return (out.Items ?? []).map(toMail);
  }

  async get(id: string): Promise<LocalMail | undefined> {
    const ref = await this.db.send(new GetCommand({ TableName: runtimeTableName, Key: { PK: `MAIL#${id}`, SK: 'MAIL' } }));
    if (!ref.Item) return undefined;
    const out = await this.db.send(new GetCommand({ TableName: runtimeTableName, Key: { PK: 'MAIL', SK: String(ref.Item.sk) } }));
    return out.Item ? toMail(out.Item) : undefined;
  }
}

/** A stored mail, parsed on read like every item the product reads (a malformed one fails naming its field). */
const mailSchema: z.ZodMiniType<LocalMail> = z.object({
  id: z.string(),
  at: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  // Mails kept before attachments were stored have none.
  attachments: z._default(z.array(z.object({ fileName: z.string(), contentType: z.string(), content: z.string() })), []),
});

function toMail(item: Record<string, unknown>): LocalMail {
  return z.parse(mailSchema, item);
}
