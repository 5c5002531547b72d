import { ConditionalCheckFailedException, DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '../aws/dynamodb';
import { batchPutItems } from './batch';
import type { CaseRecord } from '../../domain/cases/case-model';
import { keys } from './keys';
import * as z from '../../domain/schemas/zod';
import { decodeHashes, encodeHashes, HASH_CHUNKS } from '../../domain/monitoring/list-delta';
import { monitorItemOf, monitorKey, parseMonitorItem, type MonitorItem } from './monitor-index';

/** What the monitored applicants were last screened on (one item). */
const stateSchema = z.object({
  /** The list version whose entries every monitored applicant has been screened against (delta baseline). */
  listVersion: z.optional(z.string()),
  /** The matcher key of the last completed full pass (matcher-version.ts). */
  matcherKey: z.optional(z.string()),
  /** Written by each change; the next change is conditional on it. */
  revision: z.number(),
  updatedAt: z.string(),
});
export type RescreenState = z.infer<typeof stateSchema>;

export class StateChangedError extends Error {
  override readonly name = 'StateChangedError';
}

/** Persistence of the monitor index and the re-screening state, in the cases table (keys.ts). */
export class MonitorRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** One page of a partition's items, in case-id order. */
  async page(partition: number, cursor?: Record<string, unknown>, limit = 1000): Promise<{ items: MonitorItem[]; cursor?: Record<string, unknown> }> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.monitorPartition(partition) },
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: cursor } : {}),
      }),
    );
    return { items: (out.Items ?? []).map((i) => parseMonitorItem(i)), ...(out.LastEvaluatedKey ? { cursor: out.LastEvaluatedKey } : {}) };
  }

  /** Every item of a partition. */
  async *partition(partition: number): AsyncGenerator<MonitorItem[]> {
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.page(partition, cursor);
      cursor = page.cursor;
      yield page.items;
    } while (cursor);
  }

  async get(caseId: string): Promise<MonitorItem | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: monitorKey(caseId), ConsistentRead: true }));
    return out.Item ? parseMonitorItem(out.Item) : undefined;
  }

  /** (Re)writes a case's item from its application (index rebuild, stale query version). */
  async put(c: Pick<CaseRecord, 'id' | 'application' | 'payoutHolders'>, now: Date): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: monitorItemOf(c, now.toISOString()) }));
  }

  async putMany(cases: readonly Pick<CaseRecord, 'id' | 'application' | 'payoutHolders'>[], now: Date): Promise<void> {
    await batchPutItems(
      this.db,
      this.table,
      cases.map((c) => monitorItemOf(c, now.toISOString())),
      'monitor items',
    );
  }

  async delete(caseId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: monitorKey(caseId) }));
  }

  async getState(): Promise<RescreenState | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.rescreenState(), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const parsed = stateSchema.safeParse(out.Item);
    if (!parsed.success) throw new Error(`re-screening state is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
  }

  /**
   * Moves the state on from `expected` (as read; undefined: none yet). Throws StateChangedError when another
   * run moved it meanwhile, so two runs never record over each other.
   */
  async putState(expected: RescreenState | undefined, change: { listVersion?: string; matcherKey?: string }, now: Date): Promise<RescreenState> {
    const next: RescreenState = {
      ...(expected?.listVersion ? { listVersion: expected.listVersion } : {}),
      ...(expected?.matcherKey ? { matcherKey: expected.matcherKey } : {}),
      ...change,
      revision: (expected?.revision ?? 0) + 1,
      updatedAt: now.toISOString(),
    };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.rescreenState(), type: 'rescreen-state', ...next },
          ...(expected
            ? { ConditionExpression: '#r = :r', ExpressionAttributeNames: { '#r': 'revision' }, ExpressionAttributeValues: { ':r': expected.revision } }
            : { ConditionExpression: 'attribute_not_exists(PK)' }),
        }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) throw new StateChangedError('the re-screening state changed meanwhile (another run)');
      throw err;
    }
    return next;
  }

  /** Stores a list version's entry hashes (idempotent: the same version always has the same hashes). */
  async putHashes(listVersion: string, hashes: ReadonlyMap<string, string>): Promise<void> {
    const chunks = encodeHashes(hashes);
    for (let i = 0; i < chunks.length; i++)
      await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.rescreenHashes(listVersion, i), type: 'rescreen-hashes', listVersion, entries: chunks[i] } }));
  }

  /** A version's entry hashes, or undefined when they were not (completely) stored. */
  async getHashes(listVersion: string): Promise<Map<string, string> | undefined> {
    const out = await this.db.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.rescreenHashes(listVersion, 0).PK }, ConsistentRead: true }),
    );
    const items = out.Items ?? [];
    if (items.length !== HASH_CHUNKS) return undefined;
    return decodeHashes(items.map((i) => String(i.entries ?? '')));
  }

  async deleteHashes(listVersion: string): Promise<void> {
    for (let i = 0; i < HASH_CHUNKS; i++) await this.db.send(new DeleteCommand({ TableName: this.table, Key: keys.rescreenHashes(listVersion, i) }));
  }
}
