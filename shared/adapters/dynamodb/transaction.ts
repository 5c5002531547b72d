import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException, TransactWriteCommand, type DynamoDBDocumentClient } from '../aws/dynamodb';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];
type Key = Record<string, unknown>;

export interface UpdateSpec {
  key: Key;
  /** The update expression ("SET ..., REMOVE ..."). */
  update: string;
  condition?: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
  /** On a failed condition, the item as it was comes back with the cancellation (see TransactionCancelled.itemOf). */
  returnOldOnFailure?: boolean;
}

export interface CheckSpec {
  key: Key;
  condition: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** Why one item of a cancelled transaction failed ("None" for the items that did not). */
export interface CancellationReason {
  label: string;
  code: string;
  /** The raw item, when its update asked for it (returnOldOnFailure) and its condition failed. */
  item?: Record<string, AttributeValue>;
}

/** A transaction DynamoDB cancelled: each item's reason, by the label it was added with. */
export class TransactionCancelled extends Error {
  override readonly name = 'TransactionCancelled';
  constructor(readonly reasons: readonly CancellationReason[]) {
    super(`transaction cancelled: ${reasons.map((r) => `${r.label} ${r.code}`).join(', ')}`);
  }
  /** The code of the (first) item added with `label`. */
  code(label: string): string | undefined {
    return this.reasons.find((r) => r.label === label)?.code;
  }
  /** Whether an item added with `label` failed its condition. */
  failed(label: string): boolean {
    return this.reasons.some((r) => r.label === label && r.code === 'ConditionalCheckFailed');
  }
  /** Whether any item failed its condition. */
  get conditionFailed(): boolean {
    return this.reasons.some((r) => r.code === 'ConditionalCheckFailed');
  }
  /** Whether the transaction only met another one on the same item (nothing was decided: try again). */
  get conflicted(): boolean {
    return this.reasons.some((r) => r.code === 'TransactionConflict') && !this.conditionFailed;
  }
  /** The item as it was, for an update added with `label` and `returnOldOnFailure`, whose condition failed. */
  itemOf(label: string): Record<string, AttributeValue> | undefined {
    return this.reasons.find((r) => r.label === label && r.code === 'ConditionalCheckFailed')?.item;
  }
}

/** A condition failed, on a single write or in a transaction. */
export function isConditionFailure(err: unknown): boolean {
  return (
    err instanceof ConditionalCheckFailedException ||
    (err instanceof TransactionCancelled && err.conditionFailed) ||
    (err instanceof TransactionCanceledException && (err.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'))
  );
}

/**
 * One TransactWriteItems, built by the parts of the case persistence that each add their own items (the
 * case store its update, the audit log its event and the proof of the head it builds on, the idempotency
 * record, the outbox...), so that one change of a case stays one transaction whoever contributes to it.
 * Each item carries a label; a cancellation is reported by label (TransactionCancelled), never by position.
 */
export class Transaction {
  private readonly entries: { label: string; item: TransactItem }[] = [];

  constructor(private readonly table: string) {}

  /** A put; `ifAbsent`: only if no item has that key yet; `condition`: only if the item there meets it. */
  put(label: string, item: Record<string, unknown>, options: { ifAbsent?: boolean; condition?: Omit<CheckSpec, 'key'> } = {}): this {
    const c = options.condition;
    const condition = c
      ? {
          ConditionExpression: c.condition,
          ...(c.names && Object.keys(c.names).length ? { ExpressionAttributeNames: c.names } : {}),
          ...(c.values && Object.keys(c.values).length ? { ExpressionAttributeValues: c.values } : {}),
        }
      : options.ifAbsent
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : {};
    return this.add(label, { Put: { TableName: this.table, Item: item, ...condition } });
  }

  update(label: string, spec: UpdateSpec): this {
    return this.add(label, {
      Update: {
        TableName: this.table,
        Key: spec.key,
        UpdateExpression: spec.update,
        ...(spec.condition ? { ConditionExpression: spec.condition } : {}),
        ...(spec.names && Object.keys(spec.names).length ? { ExpressionAttributeNames: spec.names } : {}),
        ...(spec.values && Object.keys(spec.values).length ? { ExpressionAttributeValues: spec.values } : {}),
        ...(spec.returnOldOnFailure ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
      },
    });
  }

  /** A condition on an item the transaction does not write. */
  check(label: string, spec: CheckSpec): this {
    return this.add(label, {
      ConditionCheck: {
        TableName: this.table,
        Key: spec.key,
        ConditionExpression: spec.condition,
        ...(spec.names ? { ExpressionAttributeNames: spec.names } : {}),
        ...(spec.values ? { ExpressionAttributeValues: spec.values } : {}),
      },
    });
  }

  delete(label: string, key: Key): this {
    return this.add(label, { Delete: { TableName: this.table, Key: key } });
  }

  /** The labels of the items, in the order added. */
  labels(): string[] {
    return this.entries.map((e) => e.label);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The items as TransactWriteItems takes them, in the order added. */
  items(): TransactItem[] {
    return this.entries.map((e) => e.item);
  }

  /** Sends the transaction; a cancellation is thrown as TransactionCancelled with each item's reason by label. */
  async send(db: DynamoDBDocumentClient): Promise<void> {
    if (this.entries.length > 100) throw new Error(`a transaction takes at most 100 items, not ${this.entries.length}`);
    try {
      await db.send(new TransactWriteCommand({ TransactItems: this.items() }));
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      throw cancellationOf(
        err,
        this.entries.map((e) => e.label),
      );
    }
  }

  private add(label: string, item: TransactItem): this {
    this.entries.push({ label, item });
    return this;
  }
}

/** The reasons of a cancelled transaction, by the labels of its items (in the order they were added). */
export function cancellationOf(err: TransactionCanceledException, labels: readonly string[]): TransactionCancelled {
  const reasons = err.CancellationReasons ?? [];
  return new TransactionCancelled(
    labels.map((label, i) => {
      const r = reasons[i];
      return { label, code: r?.Code ?? 'None', ...(r?.Item ? { item: r.Item } : {}) };
    }),
  );
}
