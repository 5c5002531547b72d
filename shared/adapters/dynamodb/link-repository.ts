import { ConditionalCheckFailedException, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '../aws/dynamodb';
import { batchGetItems } from './batch';
import { caseRecordSchema, linkRecordSchema, pendingCallbackSchema } from './item-schemas';
import { parseItem } from './items';
import { indexNames, keys } from './keys';
import type { CaseRecord } from '../../domain/cases/case-model';
import type { CallbackTask, LinkAction, LinkRecord, PendingCallback } from '../../domain/links/link-model';

/** Links and pending callbacks in the cases table (see cases/keys.ts). */
export class LinkRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Replaces the pending callback of a task: the previous callbackId, and with it its links, stop working.
   * Unless the callback stored is still waiting on this same task token (the same invocation delivered
   * again): then nothing is written and the answer is false.
   */
  async putPendingCallback(pc: PendingCallback): Promise<boolean> {
    const put = this.pendingCallbackPut(pc);
    return this.conditional(
      new PutCommand({
        TableName: this.table,
        Item: put.item,
        ConditionExpression: put.condition.condition,
        ExpressionAttributeNames: put.condition.names,
        ExpressionAttributeValues: put.condition.values,
      }),
    );
  }

  /** What putPendingCallback writes, and on which condition, for a transaction (Transaction.put with `condition`). */
  pendingCallbackPut(pc: PendingCallback) {
    return {
      item: { ...keys.callback(pc.caseId, pc.task), type: 'callback', ...pc },
      condition: {
        condition: 'attribute_not_exists(PK) OR taskToken <> :token OR #state <> :waiting',
        names: { '#state': 'state' },
        values: { ':token': pc.taskToken, ':waiting': 'waiting' },
      },
    };
  }

  /**
   * The case and its pending callback of `task`, in one strongly consistent BatchGetItem instead of two
   * GetItems (what a link page needs before anything else).
   */
  async getCaseAndCallback(caseId: string, task: CallbackTask): Promise<{ c: CaseRecord | undefined; pc: PendingCallback | undefined }> {
    const caseKey = keys.case(caseId);
    const items = await batchGetItems(this.db, this.table, [caseKey, keys.callback(caseId, task)]);
    const c = items.find((i) => i.SK === caseKey.SK);
    const pc = items.find((i) => i.SK !== caseKey.SK);
    return { c: c ? parseItem(caseRecordSchema, c, 'case') : undefined, pc: pc ? parseItem(pendingCallbackSchema, pc, 'pending callback') : undefined };
  }

  async getPendingCallback(caseId: string, task: CallbackTask): Promise<PendingCallback | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.callback(caseId, task), ConsistentRead: true }));
    return out.Item ? parseItem(pendingCallbackSchema, out.Item, 'pending callback') : undefined;
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
    const u = this.notifiedUpdate(caseId, task, callbackId, at);
    await this.db.send(new UpdateCommand({ TableName: this.table, Key: u.key, UpdateExpression: u.update, ConditionExpression: u.condition, ExpressionAttributeValues: u.values }));
  }

  /** The notice did not go out after all (the mail service refused it): the retried step sends it again. */
  async clearNotified(caseId: string, task: CallbackTask, callbackId: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.callback(caseId, task),
          UpdateExpression: 'REMOVE notifiedAt',
          ConditionExpression: 'callbackId = :id',
          ExpressionAttributeValues: { ':id': callbackId },
        }),
      );
    } catch (err) {
      // A newer callback took the item over: its own notice is its own business.
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    }
  }

  /** What markNotified writes, for a transaction (Transaction.update). */
  notifiedUpdate(caseId: string, task: CallbackTask, callbackId: string, at: string) {
    return { key: keys.callback(caseId, task), update: 'SET notifiedAt = :at', condition: 'callbackId = :id', values: { ':at': at, ':id': callbackId } };
  }

  /** Stores a new link; one with `remindAt` also enters the reminder queue. */
  async putLink(link: LinkRecord): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: this.linkItem(link), ConditionExpression: 'attribute_not_exists(PK)' }));
  }

  /** The item of a new link (what putLink writes, for a transaction: Transaction.put with ifAbsent). */
  linkItem(link: LinkRecord): Record<string, unknown> {
    const expiresAtEpoch = Math.floor(Date.parse(link.expiresAt) / 1000) + 90 * 86400;
    const queue = link.remindAt ? keys.reminderQueue(link.remindAt, link.tokenHash) : {};
    return { ...keys.link(link.tokenHash), type: 'link', ...link, ...queue, expiresAtEpoch };
  }

  /**
   * Links whose reminder moment has come (one page, oldest first). The index is eventually consistent and
   * holds candidates only (their keys: the index projects nothing else); the links are read from the table,
   * and claimReminder decides on the item itself.
   */
  async dueReminders(now: string, limit: number, cursor?: Record<string, unknown>): Promise<{ links: LinkRecord[]; cursor?: Record<string, unknown> }> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: indexNames.status,
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK <= :upto',
        ExpressionAttributeValues: { ':pk': keys.reminderQueue(now, '').GSI2PK, ':upto': `${now}#~` },
        Limit: limit,
        ExclusiveStartKey: cursor,
      }),
    );
    const found = await batchGetItems(
      this.db,
      this.table,
      (out.Items ?? []).map((i) => ({ PK: String(i.PK), SK: String(i.SK) })),
    );
    return { links: found.map((i) => parseItem(linkRecordSchema, i, 'link')), ...(out.LastEvaluatedKey ? { cursor: out.LastEvaluatedKey } : {}) };
  }

  /**
   * Claims a link's one reminder and takes it out of the queue: true for exactly one caller, and only while
   * the link is unused, not superseded, not reminded and not expired. Two concurrent sweeps send one mail.
   */
  async claimReminder(tokenHash: string, now: string): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.link(tokenHash),
        UpdateExpression: 'SET remindedAt = :now REMOVE GSI2PK, GSI2SK',
        ConditionExpression:
          'attribute_exists(PK) AND attribute_exists(GSI2PK) AND attribute_not_exists(usedAt) AND attribute_not_exists(remindedAt) AND attribute_not_exists(supersededAt) AND expiresAt > :now',
        ExpressionAttributeValues: { ':now': now },
      }),
    );
  }

  /** Takes a link out of the reminder queue without reminding (used, expired, or its step is over). */
  async dropReminder(tokenHash: string): Promise<void> {
    await this.conditional(new UpdateCommand({ TableName: this.table, Key: keys.link(tokenHash), UpdateExpression: 'REMOVE GSI2PK, GSI2SK', ConditionExpression: 'attribute_exists(PK)' }));
  }

  /** Retires a link in favour of a newer one; false when it was used first (the person acted on it). */
  async supersede(tokenHash: string, at: string): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.link(tokenHash),
        UpdateExpression: 'SET supersededAt = :at REMOVE GSI2PK, GSI2SK',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(usedAt)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  private async conditional(command: UpdateCommand | PutCommand): Promise<boolean> {
    try {
      if (command instanceof PutCommand) await this.db.send(command);
      else await this.db.send(command);
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async getLink(tokenHash: string): Promise<LinkRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.link(tokenHash), ConsistentRead: true }));
    return out.Item ? parseItem(linkRecordSchema, out.Item, 'link') : undefined;
  }

  /**
   * Gives a link back after its use decided nothing (a refusal, a busy case): only the use made at `at` is taken
   * back, so a later use is never undone. A link that was to be reminded (`remindAt`) goes back into the reminder
   * queue its use took it out of (claimReminder still decides on the item whether it is reminded).
   */
  async releaseLink(tokenHash: string, at: string, remindAt?: string): Promise<void> {
    const queue = remindAt ? keys.reminderQueue(remindAt, tokenHash) : undefined;
    await this.conditional(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.link(tokenHash),
        UpdateExpression: queue ? 'REMOVE usedAt, usedAction SET GSI2PK = :pk, GSI2SK = :sk' : 'REMOVE usedAt, usedAction',
        ConditionExpression: 'usedAt = :at',
        ExpressionAttributeValues: { ':at': at, ...(queue ? { ':pk': queue.GSI2PK, ':sk': queue.GSI2SK } : {}) },
      }),
    );
  }

  /**
   * Counts a GET of the link on the link itself (mail scanners open links many times): the audit chain records
   * what people did, not every page view.
   */
  async countOpen(tokenHash: string, at: string): Promise<number> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.link(tokenHash),
          UpdateExpression: 'ADD openedCount :one SET lastOpenedAt = :at, firstOpenedAt = if_not_exists(firstOpenedAt, :at)',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':one': 1, ':at': at },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(out.Attributes?.openedCount ?? 0);
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return 0;
      throw err;
    }
  }

  /** Records how many of the hold's reasons the page just served for this compliance review link showed. */
  async noteReasonsShown(tokenHash: string, shown: number): Promise<void> {
    await this.conditional(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.link(tokenHash),
        UpdateExpression: 'SET reasonsShown = :n',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':n': shown },
      }),
    );
  }

  /**
   * Marks the link used (and out of the reminder queue); false when someone used it first or a reminder
   * replaced it. Single use is this condition.
   */
  async consumeLink(tokenHash: string, action: LinkAction, at: string): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.link(tokenHash),
        UpdateExpression: 'SET usedAt = :at, usedAction = :a REMOVE GSI2PK, GSI2SK',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(usedAt) AND attribute_not_exists(supersededAt)',
        ExpressionAttributeValues: { ':at': at, ':a': action },
      }),
    );
  }
}
