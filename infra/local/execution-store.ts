import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createTable, localDynamoClient } from './dynamodb-local';
import { GroupCommitWriter } from './group-commit';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

export interface ExecutionRecord {
  name: string;
  executionArn: string;
  stateMachineArn: string;
  input: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
  output?: string;
  error?: string;
  cause?: string;
  history?: string;
  /** How many times it was redriven (RedriveExecution), and the last time. */
  redriveCount?: number;
  redriveDate?: string;
  /**
   * When its status-change event (FAILED, TIMED_OUT, ABORTED) reached every rule's targets: until then a start
   * delivers it again (a stop between the failure and the delivery must not leave the case unrecorded).
   */
  stopEventDelivered?: string;
}

/** What a task invocation left behind, keyed by state name and occurrence, replayed after a restart. */
export type JournalEntry =
  | { status: 'done'; output: unknown }
  | { status: 'failed'; error: string; cause: string }
  /**
   * `handlerDone`: the task's handler returned (its mail is out); a replay only re-arms the wait.
   * `history`: the execution's history up to then (JSON), where the replay of a parked execution resumes it.
   */
  | { status: 'callback'; token: string; deadline: string; handlerDone?: boolean; history?: string };

export type TokenStatus = 'waiting' | 'succeeded' | 'failed' | 'timedout';
export interface TokenRecord {
  token: string;
  executionName: string;
  journalKey: string;
  deadline: string;
  status: TokenStatus;
  handlerDone?: boolean;
  output?: string;
  error?: string;
  cause?: string;
}

export class TaskTokenSettledError extends Error {
  override readonly name = 'TaskTimedOut';
}
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidToken';
}

export const runtimeTableName = 'vetflow-local-runtime';

/**
 * The local engine keeps executions in memory; this journal in DynamoDB Local makes them durable: the
 * execution record, each finished task's result, and the callback tokens. On start, every RUNNING
 * execution is replayed: recorded results are returned without running the handler again, and waiting
 * callbacks are re-armed with their original token and deadline.
 */
export class ExecutionStore {
  private readonly db: DynamoDBDocumentClient;
  /** Journal entries and tokens: unconditional puts, group-committed (see group-commit.ts). */
  private readonly writer: GroupCommitWriter;

  /**
   * `endpoint`: the journal gets a client of its own that keeps retrying for about a minute, so a
   * DynamoDB Local pause does not lose an execution's progress.
   */
  constructor(client: DynamoDBClient, local?: { endpoint: string; accessKeyId: string }) {
    const own = local ? localDynamoClient(local.endpoint, local.accessKeyId, 12) : client;
    this.db = DynamoDBDocumentClient.from(own, { marshallOptions: { removeUndefinedValues: true } });
    this.writer = new GroupCommitWriter(this.db, runtimeTableName);
  }

  async init(client: DynamoDBClient): Promise<void> {
    await createTable(client, {
      TableName: runtimeTableName,
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    });
  }

  /** False when an execution of that name already exists. */
  async createExecution(rec: ExecutionRecord): Promise<boolean> {
    try {
      await this.db.send(new PutCommand({ TableName: runtimeTableName, Item: { PK: `EXEC#${rec.name}`, SK: 'EXEC', kind: 'execution', ...rec }, ConditionExpression: 'attribute_not_exists(PK)' }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async getExecution(name: string): Promise<ExecutionRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: runtimeTableName, Key: { PK: `EXEC#${name}`, SK: 'EXEC' }, ConsistentRead: true }));
    return out.Item as ExecutionRecord | undefined;
  }

  async finishExecution(name: string, patch: Pick<ExecutionRecord, 'status' | 'stopDate' | 'output' | 'error' | 'cause' | 'history'>): Promise<void> {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    await this.db.send(
      new UpdateCommand({
        TableName: runtimeTableName,
        Key: { PK: `EXEC#${name}`, SK: 'EXEC' },
        UpdateExpression: `SET ${entries.map((_, i) => `#k${i} = :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#k${i}`, k])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
      }),
    );
  }

  /**
   * A stopped execution runs again (RedriveExecution): RUNNING, its outcome cleared, the redrive counted.
   * Conditional on the status it was read in, so of two concurrent redrives one wins; false for the other.
   */
  async reopenExecution(name: string, from: ExecutionStatus, redriveDate: string): Promise<ExecutionRecord | undefined> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: runtimeTableName,
          Key: { PK: `EXEC#${name}`, SK: 'EXEC' },
          UpdateExpression: 'SET #s = :running, #rd = :rd, #rc = if_not_exists(#rc, :zero) + :one REMOVE #stop, #out, #err, #cause, #hist',
          ConditionExpression: 'attribute_exists(PK) AND #s = :from',
          ExpressionAttributeNames: { '#s': 'status', '#rd': 'redriveDate', '#rc': 'redriveCount', '#stop': 'stopDate', '#out': 'output', '#err': 'error', '#cause': 'cause', '#hist': 'history' },
          ExpressionAttributeValues: { ':running': 'RUNNING', ':rd': redriveDate, ':zero': 0, ':one': 1, ':from': from },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes as ExecutionRecord;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return undefined;
      throw err;
    }
  }

  /** Deletes journal entries (a redrive forgets the unsuccessful steps, so they run again). */
  async forget(name: string, journalKeys: readonly string[]): Promise<void> {
    for (let i = 0; i < journalKeys.length; i += 25) {
      let requests = journalKeys.slice(i, i + 25).map((k) => ({ DeleteRequest: { Key: { PK: `EXEC#${name}`, SK: `TASK#${k}` } } }));
      for (let attempt = 0; requests.length; attempt++) {
        if (attempt >= 10) throw new Error(`journal of ${name}: ${requests.length} delete(s) left unprocessed`);
        const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [runtimeTableName]: requests } }));
        requests = (out.UnprocessedItems?.[runtimeTableName] ?? []) as typeof requests;
      }
    }
  }

  /**
   * The status-change event of this stop reached its targets. Conditional on the stop it was for: a redrive and
   * a later stop make a new event, which this delivery does not answer for.
   */
  async markStopEventDelivered(name: string, stopDate: string, at: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: runtimeTableName,
          Key: { PK: `EXEC#${name}`, SK: 'EXEC' },
          UpdateExpression: 'SET stopEventDelivered = :at',
          ConditionExpression: 'stopDate = :stop',
          ExpressionAttributeValues: { ':at': at, ':stop': stopDate },
        }),
      );
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }

  /** Executions stopped without success whose status-change event was not delivered (the process stopped first). */
  undeliveredStops(): Promise<ExecutionRecord[]> {
    return this.executionsWhere('#s IN (:f, :t, :a) AND attribute_exists(stopDate) AND attribute_not_exists(stopEventDelivered)', { ':f': 'FAILED', ':t': 'TIMED_OUT', ':a': 'ABORTED' });
  }

  runningExecutions(): Promise<ExecutionRecord[]> {
    return this.executionsWhere('#s = :r', { ':r': 'RUNNING' });
  }

  /** Every execution record matching `filter` (on `#s`, the status), all pages of the scan. */
  private async executionsWhere(filter: string, values: Record<string, string>): Promise<ExecutionRecord[]> {
    const out: ExecutionRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new ScanCommand({
          TableName: runtimeTableName,
          FilterExpression: `kind = :k AND ${filter}`,
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':k': 'execution', ...values },
          ExclusiveStartKey: start,
        }),
      );
      out.push(...((page.Items ?? []) as ExecutionRecord[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async journal(name: string): Promise<Map<string, JournalEntry>> {
    const map = new Map<string, JournalEntry>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: runtimeTableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
          ExpressionAttributeValues: { ':pk': `EXEC#${name}`, ':sk': 'TASK#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) map.set(String(item.SK).slice(5), item.entry as JournalEntry);
      start = page.LastEvaluatedKey;
    } while (start);
    return map;
  }

  /** Resolves once the entry is durable in DynamoDB Local (group-committed with other writes of this turn). */
  async record(name: string, key: string, entry: JournalEntry): Promise<void> {
    await this.writer.put({ PK: `EXEC#${name}`, SK: `TASK#${key}`, kind: 'journal', entry });
  }

  /**
   * A fresh token, stored as waiting. Unconditional, so only for a token no one can know yet (just minted,
   * or re-created on replay for one whose journal entry was written but whose own item was not).
   */
  async putToken(rec: TokenRecord): Promise<void> {
    await this.writer.put({ PK: `TOKEN#${rec.token}`, SK: 'TOKEN', kind: 'token', ...rec });
  }

  async getToken(token: string): Promise<TokenRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: runtimeTableName, Key: { PK: `TOKEN#${token}`, SK: 'TOKEN' }, ConsistentRead: true }));
    return out.Item as TokenRecord | undefined;
  }

  /**
   * Settles a waiting token exactly once: the conditional write is what makes one of many concurrent
   * SendTaskSuccess calls win and the others get TaskTimedOut, as on AWS.
   */
  async settleToken(token: string, patch: { status: Exclude<TokenStatus, 'waiting'>; output?: string; error?: string; cause?: string }): Promise<TokenRecord> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: runtimeTableName,
          Key: { PK: `TOKEN#${token}`, SK: 'TOKEN' },
          UpdateExpression: 'SET #s = :s, #o = :o, #e = :e, #c = :c',
          ConditionExpression: 'attribute_exists(PK) AND #s = :waiting',
          ExpressionAttributeNames: { '#s': 'status', '#o': 'output', '#e': 'error', '#c': 'cause' },
          ExpressionAttributeValues: { ':s': patch.status, ':o': patch.output ?? null, ':e': patch.error ?? null, ':c': patch.cause ?? null, ':waiting': 'waiting' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes as TokenRecord;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const existing = await this.getToken(token);
      if (!existing) throw new InvalidTokenError('Invalid token');
      throw new TaskTokenSettledError("Task Timed Out: 'Provided task does not exist anymore'");
    }
  }
}
