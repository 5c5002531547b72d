import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../cases/keys';
import type { CallbackTask, LinkAction, LinkRecord, PendingCallback } from './link-model';

/** Links and pending callbacks in the cases table (see cases/keys.ts). */
export class LinkRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Replaces the pending callback of a task: the previous callbackId, and with it its links, stop working. */
  async putPendingCallback(pc: PendingCallback): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.callback(pc.caseId, pc.task), type: 'callback', ...pc } }));
  }

  async getPendingCallback(caseId: string, task: CallbackTask): Promise<PendingCallback | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.callback(caseId, task), ConsistentRead: true }));
    return out.Item ? (strip(out.Item) as unknown as PendingCallback) : undefined;
  }

  /** Updates a waiting callback's progress, only if it is still the same callback and still waiting. */
  async updateCallback(caseId: string, task: CallbackTask, callbackId: string, change: { progress?: Record<string, unknown>; state?: 'done' }): Promise<boolean> {
    const sets: string[] = [];
    const values: Record<string, unknown> = { ':id': callbackId, ':waiting': 'waiting' };
    if (change.progress) {
      sets.push('progress = :p');
      values[':p'] = change.progress;
    }
    if (change.state) {
      sets.push('#state = :s');
      values[':s'] = change.state;
    }
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.callback(caseId, task),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'callbackId = :id AND #state = :waiting',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async markNotified(caseId: string, task: CallbackTask, callbackId: string, at: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.callback(caseId, task),
        UpdateExpression: 'SET notifiedAt = :at',
        ConditionExpression: 'callbackId = :id',
        ExpressionAttributeValues: { ':at': at, ':id': callbackId },
      }),
    );
  }

  async putLink(link: LinkRecord): Promise<void> {
    const expiresAtEpoch = Math.floor(Date.parse(link.expiresAt) / 1000) + 90 * 86400;
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { ...keys.link(link.tokenHash), type: 'link', ...link, expiresAtEpoch }, ConditionExpression: 'attribute_not_exists(PK)' }),
    );
  }

  async getLink(tokenHash: string): Promise<LinkRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.link(tokenHash), ConsistentRead: true }));
    return out.Item ? (strip(out.Item) as unknown as LinkRecord) : undefined;
  }

  /** Marks the link used; false when someone used it first. Single use is this condition. */
  async consumeLink(tokenHash: string, action: LinkAction, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.link(tokenHash),
          UpdateExpression: 'SET usedAt = :at, usedAction = :a',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(usedAt)',
          ExpressionAttributeValues: { ':at': at, ':a': action },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}

function strip(item: Record<string, unknown>): Record<string, unknown> {
  const { PK: _p, SK: _s, type: _t, expiresAtEpoch: _e, ...rest } = item;
  return rest;
}
