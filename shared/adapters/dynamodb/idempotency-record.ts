import { GetCommand, type DynamoDBDocumentClient } from '../aws/dynamodb';
import * as z from '../../domain/schemas/zod';
import { keys } from './keys';
import { parseItem } from './items';
import type { Transaction } from './transaction';

export interface IdempotencyRecord {
  clientId: string;
  key: string;
  requestHash: string;
  onboardingId: string;
  createdAt: string;
}

const idempotencyRecordSchema: z.ZodMiniType<IdempotencyRecord> = z.object({
  clientId: z.string(),
  key: z.string(),
  requestHash: z.string(),
  onboardingId: z.string(),
  createdAt: z.string(),
});

/** Which onboarding a client's Idempotency-Key started, and with which request (its hash). */
export class IdempotencyRecords {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Adds the record to a transaction, only if the key was never used (the transaction is cancelled otherwise). */
  addTo(tx: Transaction, record: IdempotencyRecord): Transaction {
    return tx.put('idempotency', { ...keys.idempotency(record.clientId, record.key), type: 'idempotency', ...record }, { ifAbsent: true });
  }

  async get(clientId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.idempotency(clientId, key), ConsistentRead: true }));
    return out.Item ? parseItem(idempotencyRecordSchema, out.Item, 'idempotency record') : undefined;
  }
}
