import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '../aws/dynamodb';
import type { CaseRecord, CaseStatus, EvidenceRecord, StageKey, StageStatus, StageSummary } from '../../domain/cases/case-model';
import type { CaseHead } from '../../domain/cases/link-standing';
import { indexNames, keys } from './keys';
import { batchGetItems } from './batch';
import { EvidenceExistsError, NotFoundError } from './errors';
import { caseOwnerSchema, caseRecordSchema, evidenceRecordSchema } from './item-schemas';
import { parseItem } from './items';
import { queryAll, queryCasePrefix } from './query';
import { retry } from './retry';
import { isConditionFailure, Transaction, TransactionCancelled, type UpdateSpec } from './transaction';

/** Attributes of the case item that a versioned update leaves alone: the keys, and the head only the audit log moves. */
const notRewrittenByUpdate = new Set(['PK', 'SK', 'auditHead']);

/**
 * The SET clauses of a stage's state (a stage write, alone or in the audit log's transaction); with
 * `caseStatus` (only when the case is already in it: a change goes through a versioned update) the status
 * index position moves too.
 */
export function stageUpdate(id: string, stage: StageKey, status: Omit<StageStatus, 'updatedAt'>, caseStatus?: CaseStatus) {
  const now = new Date().toISOString();
  const names: Record<string, string> = { '#stages': 'stages', '#s': stage, '#v': 'version', '#u': 'updatedAt' };
  const values: Record<string, unknown> = { ':st': { ...status, updatedAt: now }, ':one': 1, ':now': now };
  const sets = ['#stages.#s = :st', '#v = #v + :one', '#u = :now'];
  if (caseStatus) {
    names['#status'] = 'status';
    names['#g2pk'] = 'GSI2PK';
    names['#g2sk'] = 'GSI2SK';
    values[':status'] = caseStatus;
    values[':g2pk'] = `STATUS#${caseStatus}`;
    values[':g2sk'] = `${now}#${id}`;
    sets.push('#status = :status', '#g2pk = :g2pk', '#g2sk = :g2sk');
  }
  return { sets, names, values };
}

/** The case items and the evidence hanging off them: reads parsed with zod, writes keyed by keys.ts. */
export class CaseStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  item(record: CaseRecord): Record<string, unknown> {
    return { ...keys.case(record.id), type: 'case', ...keys.statusIndex(record.status, record.updatedAt, record.id), ...record };
  }

  parse(item: Record<string, unknown>): CaseRecord {
    return parseItem(caseRecordSchema, item, 'case');
  }

  evidenceItem(record: EvidenceRecord): Record<string, unknown> {
    return { ...keys.evidence(record.caseId, record.stage, record.runId), type: 'evidence', ...record };
  }

  parseEvidence(item: Record<string, unknown>): EvidenceRecord {
    return parseItem(evidenceRecordSchema, item, 'evidence');
  }

  async get(id: string): Promise<CaseRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.case(id), ConsistentRead: true }));
    return out.Item ? this.parse(out.Item) : undefined;
  }

  async mustGet(id: string): Promise<CaseRecord> {
    const found = await this.get(id);
    if (!found) throw new NotFoundError(`onboarding ${id} not found`);
    return found;
  }

  /**
   * The case and its evidence in one strongly consistent Query instead of a GetItem and a Query: in the
   * case's partition the case item ("CASE") sorts right before the evidence ("EVIDENCE#...") and nothing
   * sorts between them. Undefined when the case does not exist.
   */
  async getWithEvidence(id: string): Promise<{ c: CaseRecord; evidence: EvidenceRecord[] } | undefined> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': `CASE#${id}`, ':from': keys.case(id).SK, ':to': `${keys.evidencePrefix.slice(0, -1)}$` },
      ConsistentRead: true,
    });
    const caseItem = items.find((i) => i.SK === keys.case(id).SK);
    if (!caseItem) return undefined;
    const evidence = items.filter((i) => String(i.SK).startsWith(keys.evidencePrefix)).map((i) => this.parseEvidence(i));
    return { c: this.parse(caseItem), evidence };
  }

  /** Evidence is append-only; a retried stage finds its first record and returns it instead of writing twice. */
  async putEvidence(record: EvidenceRecord): Promise<EvidenceRecord> {
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: this.evidenceItem(record), ConditionExpression: 'attribute_not_exists(PK)' }));
      return record;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.evidence(record.caseId, record.stage, record.runId), ConsistentRead: true }));
      if (!out.Item) throw new NotFoundError(`evidence of ${record.caseId} for ${record.stage} run ${record.runId} vanished`);
      return this.parseEvidence(out.Item);
    }
  }

  /**
   * A parallel check's result, without its audit event: the evidence (only if that run's does not exist yet),
   * the stage state and the run added to the events the chain is owed (CaseRecord.owedEvents), in one
   * transaction that leaves the audit head alone, so the checks of a case never race on it.
   * EvidenceExistsError when that run's evidence is stored: nothing was written.
   *
   * `claim`: an outbox item's prompt claim to take in the same transaction (WebhookOutbox.claimInTransaction).
   * True when it was; when its condition alone fails, the result is written without it, and false.
   */
  async putCheckResult(record: EvidenceRecord, stage: StageKey, status: Omit<StageStatus, 'updatedAt'> & { state: StageSummary['outcome'] }, claim?: UpdateSpec): Promise<boolean> {
    const u = stageUpdate(record.caseId, stage, status);
    const owed = { '#owed': 'owedEvents' };
    const txOf = (withClaim: boolean): Transaction => {
      const tx = new Transaction(this.table).put('evidence', this.evidenceItem(record), { ifAbsent: true }).update('case', {
        key: keys.case(record.caseId),
        update: `SET ${u.sets.join(', ')}, #owed = list_append(if_not_exists(#owed, :none), :owed)`,
        condition: 'attribute_exists(PK)',
        names: { ...u.names, ...owed },
        values: { ...u.values, ':none': [], ':owed': [{ stage, runId: record.runId, outcome: status.state }] },
      });
      return withClaim && claim ? tx.update('outbox-claim', claim) : tx;
    };
    let withClaim = claim !== undefined;
    await retry(
      async () => {
        try {
          await txOf(withClaim).send(this.db);
        } catch (err) {
          if (!(err instanceof TransactionCancelled)) throw err;
          if (err.failed('evidence')) throw new EvidenceExistsError(`evidence of ${record.caseId} for this run exists`);
          if (err.failed('case')) throw new NotFoundError(`onboarding ${record.caseId} not found`);
          // The claim alone failed (the item was attempted already, its lease is mostly gone, or it is not the
          // item the caller holds): the result goes out again without it.
          if (err.failed('outbox-claim')) {
            withClaim = false;
            throw new ClaimDropped();
          }
          throw err;
        }
      },
      // Another check's transaction on the case item at the same moment decided nothing: the same again.
      { attempts: 11, baseMs: 5, capMs: 200, retryable: (err) => err instanceof ClaimDropped || (err instanceof TransactionCancelled && err.conflicted) },
    );
    return withClaim;
  }

  async listEvidence(id: string): Promise<EvidenceRecord[]> {
    return (await queryCasePrefix(this.db, this.table, id, keys.evidencePrefix)).map((i) => this.parseEvidence(i));
  }

  /**
   * The update of every attribute of `expected` into `next`, at the version read (the optimistic lock): an
   * UpdateItem rather than a Put, because the audit head moves with each append (without a version bump)
   * and must not be rolled back to the head `expected` was read with.
   */
  versionedUpdate(expected: CaseRecord, next: CaseRecord): UpdateSpec & { names: Record<string, string>; values: Record<string, unknown> } {
    const after = Object.entries(this.item(next)).filter(([k, v]) => !notRewrittenByUpdate.has(k) && v !== undefined);
    const kept = new Set(after.map(([k]) => k));
    const removed = Object.keys(this.item(expected)).filter((k) => !notRewrittenByUpdate.has(k) && !kept.has(k));
    const names: Record<string, string> = { '#v': 'version' };
    const values: Record<string, unknown> = { ':expectedVersion': expected.version };
    const sets = after.map(([k, v], i) => ((names[`#a${i}`] = k), (values[`:a${i}`] = v), `#a${i} = :a${i}`));
    const removes = removed.map((k, i) => ((names[`#r${i}`] = k), `#r${i}`));
    return {
      key: keys.case(expected.id),
      update: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      condition: '#v = :expectedVersion',
      names,
      values,
    };
  }

  /** Sends a versioned update alone (a change without a status change needs no transaction). */
  async sendUpdate(spec: UpdateSpec): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: spec.key,
        UpdateExpression: spec.update,
        ...(spec.condition ? { ConditionExpression: spec.condition } : {}),
        ...(spec.names ? { ExpressionAttributeNames: spec.names } : {}),
        ...(spec.values ? { ExpressionAttributeValues: spec.values } : {}),
      }),
    );
  }

  /** The item that claims `marker` for the case (claimOnce; in a transaction, put it with ifAbsent). */
  claimItem(id: string, marker: string): Record<string, unknown> {
    return { PK: `CASE#${id}`, SK: `ONCE#${marker}`, type: 'once', at: new Date().toISOString() };
  }

  /**
   * Gives a claim back: the side effect it guarded did not happen (a mail the mail service refused), so the
   * task's retry may claim it again and do it.
   */
  async releaseClaim(id: string, marker: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { PK: `CASE#${id}`, SK: `ONCE#${marker}` } }));
  }

  /** True the first time `marker` is claimed for the case: side effects of a retried task happen once. */
  async claimOnce(id: string, marker: string): Promise<boolean> {
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: this.claimItem(id, marker), ConditionExpression: 'attribute_not_exists(PK)' }));
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  /**
   * The status and owner (client and external id) of several cases by id, in one BatchGetItem (per 100),
   * strongly consistent; absent ids are left out. Only these attributes are projected: a shared address can
   * link an applicant to every earlier one, and shipping each whole case to read one attribute made that
   * lookup the heaviest read of an onboarding.
   */
  async statuses(ids: readonly string[]): Promise<Map<string, CaseHead>> {
    const items = await batchGetItems(
      this.db,
      this.table,
      ids.map((id) => keys.case(id)),
      ['id', 'status', 'clientId', 'externalId', 'hold'],
    );
    return new Map(
      items.map((item) => {
        const o = parseItem(caseOwnerSchema, item, 'case');
        return [o.id, { status: o.status, clientId: o.clientId, externalId: o.externalId, held: o.hold !== undefined }];
      }),
    );
  }

  /**
   * The cases in a status, most recently updated first, one page of the status index. The index projects
   * keys only (a case update would otherwise write the whole case into it once more): the cases themselves
   * come from one BatchGetItem, strongly consistent, and a case that has left the status since the index
   * was written is not listed.
   */
  async listByStatus(status: CaseStatus, limit: number, cursor?: Record<string, unknown>) {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: indexNames.status,
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': `STATUS#${status}` },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: cursor,
      }),
    );
    const found = await batchGetItems(
      this.db,
      this.table,
      (out.Items ?? []).map((i) => ({ PK: String(i.PK), SK: String(i.SK) })),
    );
    return { items: found.map((i) => this.parse(i)).filter((c) => c.status === status), cursor: out.LastEvaluatedKey };
  }
}

/** putCheckResult's transaction was cancelled by its outbox claim alone: sent again without it. */
class ClaimDropped extends Error {
  override readonly name = 'ClaimDropped';
}
