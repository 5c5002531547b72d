import { DeleteCommand, PutCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '../aws/dynamodb';
import { keys } from './keys';
import type { LinkRecord } from '../../domain/links/link-model';
import { linkRecordSchema } from './item-schemas';
import { parseItem, stripKeys } from './items';

/**
 * Raw access to every item that belongs to one case, for the records tools (export, erasure). The case
 * repository hides keys and the item type, which is right for the workflow; erasure has to rewrite items
 * in place and delete others, so it works on whole items here. Nothing in the workflow uses this module.
 */
export type Item = Record<string, unknown>;

export class CaseItems {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  /** Every item in the case's partition (case, evidence, audit, callbacks, fingerprints), keys included. */
  async partition(caseId: string): Promise<Item[]> {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.case(caseId).PK },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      items.push(...((out.Items ?? []) as Item[]));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /**
   * Link items live under LINK#<token hash>, outside the case partition, and no index maps a case to its
   * links, so this is a filtered Scan of the whole table: fine for an occasional export or erasure, not
   * for a request path. (A GSI on caseId for link items would make it a Query.)
   */
  async linkItems(caseId: string): Promise<Item[]> {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: '#t = :link AND caseId = :id',
          ExpressionAttributeNames: { '#t': 'type' },
          ExpressionAttributeValues: { ':link': 'link', ':id': caseId },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...((out.Items ?? []) as Item[]));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async links(caseId: string): Promise<LinkRecord[]> {
    return (await this.linkItems(caseId)).map((i) => parseItem(linkRecordSchema, i, 'link'));
  }

  /** Ids of every case in the table (a Scan projecting the id only), for `verify-audit --all`. */
  async *caseIds(): AsyncGenerator<string> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: '#t = :case',
          ProjectionExpression: 'id',
          ExpressionAttributeNames: { '#t': 'type' },
          ExpressionAttributeValues: { ':case': 'case' },
          ExclusiveStartKey: start,
        }),
      );
      for (const i of out.Items ?? []) yield String(i.id);
      start = out.LastEvaluatedKey;
    } while (start);
  }

  /** Overwrites an item whole (keys are part of it). Only the erasure uses this. */
  async replace(item: Item): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: item }));
  }

  async delete(item: Item): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { PK: item.PK, SK: item.SK } }));
  }

  /** Deletes the item at `key` if there is one; true when something was deleted. */
  async deleteIfExists(key: { PK: string; SK: string }): Promise<boolean> {
    const out = await this.db.send(new DeleteCommand({ TableName: this.table, Key: key, ReturnValues: 'ALL_OLD' }));
    return out.Attributes !== undefined;
  }
}

export function stripItemKeys(item: Item): Item {
  return stripKeys(item);
}
