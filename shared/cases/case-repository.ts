import {
  BatchWriteCommand,
  ConditionalCheckFailedException,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '../aws/dynamodb';
import type { AuditHead, CaseRecord, CaseStatus, EvidenceRecord, StageKey, StageStatus } from './case-model';
import { batchGetItems } from './batch-get';
import { isFingerprintKind, type Fingerprint } from './fingerprints';
import { indexNames, keys } from './keys';
import { outboxItemOf } from '../notify/outbox-item';
import { monitorWriteFor } from '../monitoring/monitor-index';
import { ForbiddenTransition, transition, transitionTable, type LifecycleEvent } from './lifecycle';

export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}
/** The audit chain does not end at the head recorded on the case: events were removed. Nothing is appended. */
export class AuditTrailBroken extends Error {
  override readonly name = 'AuditTrailBroken';
}

/**
 * A stage tried to move a case that compliance holds (the hold was raised by another path meanwhile). Its
 * name is the workflow's ComplianceHold error: the step ends and the workflow takes the compliance review.
 */
export class CaseOnHoldError extends Error {
  override readonly name = 'ComplianceHold';
}

/** An updateCase whose change altered the status: status changes go through moveCase (lifecycle.ts). */
export class StatusChangeOutsideLifecycle extends Error {
  override readonly name = 'StatusChangeOutsideLifecycle';
}

/** appendAudit was asked to write a run's evidence that already exists: nothing was written. */
export class EvidenceExistsError extends Error {
  override readonly name = 'EvidenceExistsError';
}

/** Builds the next audit event on the last one (shared/audit/chain.ts appendAuditEvent, with the event's content). */
export type AuditEventBuilder = (prev: Record<string, unknown> | undefined) => { seq: number; hash: string } & Record<string, unknown>;

export interface AppendAuditOptions {
  /** The head as read with the case just before (a hint: a stale one costs one cancelled transaction). */
  head?: AuditHead | undefined;
  /**
   * A stage state to record on the case item in the same transaction (what setStage writes). Never a change
   * of case status: that goes through updateCase, whose transaction writes the webhook outbox item.
   */
  stage?: { key: StageKey; status: Omit<StageStatus, 'updatedAt'> };
  /** Evidence to put in the same transaction, only if that run's evidence does not exist yet. */
  evidence?: EvidenceRecord;
}

/**
 * The SET clauses of a stage's state, shared by setStage and appendAudit; with `caseStatus` (only when the case is
 * already in it: a change goes through updateCase) the status index position moves too.
 */
function stageUpdate(id: string, stage: StageKey, status: Omit<StageStatus, 'updatedAt'>, caseStatus?: CaseStatus) {
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

export interface IdempotencyRecord {
  clientId: string;
  key: string;
  requestHash: string;
  onboardingId: string;
  createdAt: string;
}

/** Per-item outcome of a cancelled transaction ("None", "ConditionalCheckFailed", "TransactionConflict"...). */
function cancellationCodes(err: unknown): string[] | undefined {
  return err instanceof TransactionCanceledException ? (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None') : undefined;
}

/**
 * The audit head and version of the case item returned with a cancelled transaction (its item at `index`
 * failed its condition and asked for ALL_OLD), read from the raw attribute values; undefined when absent.
 */
function caseOfCancelled(err: unknown, index: number): { head?: AuditHead; version?: number } | undefined {
  if (!(err instanceof TransactionCanceledException)) return undefined;
  const reason = err.CancellationReasons?.[index];
  if (reason?.Code !== 'ConditionalCheckFailed' || !reason.Item) return undefined;
  const head = reason.Item.auditHead?.M;
  const seq = Number(head?.seq?.N);
  const hash = head?.hash?.S;
  const version = Number(reason.Item.version?.N);
  return { ...(Number.isInteger(seq) && seq > 0 && hash ? { head: { seq, hash } } : {}), ...(Number.isInteger(version) ? { version } : {}) };
}

function headOfCancelled(err: unknown, index: number): AuditHead | undefined {
  return caseOfCancelled(err, index)?.head;
}

/** Attributes of the case item that updateCase leaves alone: the keys, and the head only appendAudit moves. */
const notRewrittenByUpdate = new Set(['PK', 'SK', 'auditHead']);

function isConditionFailure(err: unknown): boolean {
  return (
    err instanceof ConditionalCheckFailedException ||
    (err instanceof TransactionCanceledException &&
      (err.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'))
  );
}

/** Persistence of cases and everything hanging off them, in one table (see keys.ts for the layout). */
export class CaseRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Creates the idempotency record, the case and its first audit event in one transaction, so a retried
   * request can never leave a case without its key or a key without its case.
   * Returns the existing idempotency record when the key was already used.
   * `firstEvent` (seq 1 of the audit chain, built by the caller) is written in the same transaction, with
   * the case's audit head naming it: one request instead of three, and no case without its first event.
   */
  async createCase(
    record: CaseRecord,
    idem: IdempotencyRecord,
    firstEvent?: { seq: number; hash: string } & Record<string, unknown>,
  ): Promise<{ created: true } | { created: false; existing: IdempotencyRecord }> {
    if (firstEvent && firstEvent.seq !== 1) throw new Error(`the first audit event of ${record.id} must have seq 1`);
    const caseRecord: CaseRecord = firstEvent ? { ...record, auditHead: { seq: firstEvent.seq, hash: firstEvent.hash } } : record;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            ...(firstEvent
              ? [{ Put: { TableName: this.table, Item: { ...keys.audit(record.id, firstEvent.seq), type: 'audit', ...firstEvent }, ConditionExpression: 'attribute_not_exists(PK)' } }]
              : []),
            {
              Put: {
                TableName: this.table,
                Item: { ...keys.idempotency(idem.clientId, idem.key), type: 'idempotency', ...idem },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: this.caseItem(caseRecord),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      );
      return { created: true };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const existing = await this.getIdempotency(idem.clientId, idem.key);
      if (!existing) throw new ConflictError('onboarding exists without its idempotency record');
      return { created: false, existing };
    }
  }

  async getIdempotency(clientId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.idempotency(clientId, key), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { clientId: c, key: k, requestHash, onboardingId, createdAt } = out.Item as IdempotencyRecord;
    return { clientId: c, key: k, requestHash, onboardingId, createdAt };
  }

  async getCase(id: string): Promise<CaseRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.case(id), ConsistentRead: true }));
    return out.Item ? this.fromItem(out.Item) : undefined;
  }

  async mustGetCase(id: string): Promise<CaseRecord> {
    const found = await this.getCase(id);
    if (!found) throw new NotFoundError(`onboarding ${id} not found`);
    return found;
  }

  /**
   * Records one stage's state without a version check: parallel stages touch different attributes. A stage
   * that also moves the case to another status goes through the outbox transaction instead (read, then
   * write at the version read, retried if a parallel stage wrote meanwhile), so the change is never told
   * to the HRIS without happening, nor happens without being told. A case already in `caseStatus` is
   * written only while it still is (else it is read again and moved as above).
   *
   * `options.read`: the case as the caller read it moments ago, taken as the first read (a stale one costs
   * a retry, never a wrong write). `options.audit`: an event to append once the stage is recorded; with a
   * change of status it goes into the update's transaction (see updateCase).
   */
  async setStage(
    id: string,
    stage: StageKey,
    status: Omit<StageStatus, 'updatedAt'>,
    event?: LifecycleEvent,
    options: { read?: CaseRecord; audit?: AuditEventBuilder } = {},
  ): Promise<void> {
    let read = options.read;
    let head = read?.auditHead;
    const target = event ? transitionTable[event].to : undefined;
    if (target === 'back') throw new Error(`setStage cannot apply ${event}: it needs the status to return to`);
    const caseStatus: CaseStatus | undefined = target;
    for (let attempt = 0; ; attempt++) {
      if (event && caseStatus) {
        const c = read ?? (await this.mustGetCase(id));
        read = undefined;
        head = c.auditHead;
        if (c.status !== caseStatus) {
          try {
            const change = (x: CaseRecord): CaseRecord => ({ ...x, stages: { ...x.stages, [stage]: { ...status, updatedAt: new Date().toISOString() } } });
            await this.moveCase(c, event, change, options.audit ? { audit: options.audit } : {});
            return;
          } catch (err) {
            // A read handed in by the caller may be stale: a forbidden move from it is decided on a fresh read.
            if (err instanceof ForbiddenTransition && c === options.read && attempt === 0) continue;
            if (!(err instanceof ConflictError) || attempt >= 10) throw err;
            continue;
          }
        }
      }
      // Already in that status (or none asked): only its place in the status index moves with updatedAt.
      const u = stageUpdate(id, stage, status, caseStatus);
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: keys.case(id),
            UpdateExpression: `SET ${u.sets.join(', ')}`,
            ConditionExpression: caseStatus ? 'attribute_exists(PK) AND #status = :status' : 'attribute_exists(PK)',
            ExpressionAttributeNames: u.names,
            ExpressionAttributeValues: u.values,
          }),
        );
      } catch (err) {
        // The case left that status since it was read: read it again.
        if (caseStatus && isConditionFailure(err) && attempt < 10) continue;
        throw err;
      }
      if (options.audit) await this.appendAudit(id, options.audit, { head });
      return;
    }
  }

  /**
   * Optimistic update: applies `change` to the case read at `expected.version` and writes it only if no
   * one else wrote in between. This is what makes exactly one of fifty concurrent decisions win.
   * An UpdateItem of every attribute rather than a Put of the item: the audit head moves with each audit
   * append (without a version bump, so appends never make a decision conflict) and must not be rolled back
   * to the head `expected` was read with.
   *
   * A change of status also writes the outbox item (the webhook the HRIS is owed, shared/notify/outbox-item.ts)
   * in the same transaction: here, so that no caller can change a status and forget to tell. Other changes
   * stay a single UpdateItem (a transaction costs twice the write units).
   *
   * `options.audit`: the audit event that records the change, appended once the change is written. When
   * `expected` carries an audit head, the event goes into the change's own transaction, built on that head
   * and proven like appendAudit's hint (the event at that seq has that hash, the head has not moved): one
   * request and one write of the case item instead of two, and no change without its event. If that
   * transaction is cancelled for any reason, the change is written alone as without the option (a version
   * conflict throws ConflictError there, and nothing is appended), then the event is appended.
   */
  async updateCase(expected: CaseRecord, change: (c: CaseRecord) => CaseRecord, options: { audit?: AuditEventBuilder } = {}): Promise<CaseRecord> {
    const changed = change(structuredClone(expected));
    if (changed.status !== expected.status)
      throw new StatusChangeOutsideLifecycle(`onboarding ${expected.id}: ${expected.status} -> ${changed.status} without a lifecycle event`);
    return this.write(expected, changed, options);
  }

  /**
   * The one way a case changes status: `event` applied to the status read (lifecycle.ts decides where it
   * leads, or throws ForbiddenTransition), with `change` for what goes with it (decision, risk, hold...),
   * written like updateCase (version check, outbox item, audit event in the same transaction). A stage
   * that finds the case on compliance hold gets CaseOnHoldError (the workflow's ComplianceHold error).
   * `back`: the status to return to, for `hold-cleared` and `redriven`.
   */
  async moveCase(
    expected: CaseRecord,
    event: LifecycleEvent,
    change: (c: CaseRecord) => CaseRecord = (c) => c,
    options: { audit?: AuditEventBuilder; back?: CaseStatus } = {},
  ): Promise<CaseRecord> {
    let status: CaseStatus;
    try {
      status = transition(expected.status, event, options.back);
    } catch (err) {
      if (err instanceof ForbiddenTransition && expected.status === 'compliance-hold') throw new CaseOnHoldError(`onboarding ${expected.id} is on compliance hold`);
      throw err;
    }
    const changed = { ...change(structuredClone(expected)), status };
    return this.write(expected, changed, options.audit ? { audit: options.audit } : {});
  }

  private async write(expected: CaseRecord, changed: CaseRecord, options: { audit?: AuditEventBuilder }): Promise<CaseRecord> {
    const now = new Date().toISOString();
    const next = { ...changed, version: expected.version + 1, updatedAt: now };
    const after = Object.entries(this.caseItem(next)).filter(([k, v]) => !notRewrittenByUpdate.has(k) && v !== undefined);
    const kept = new Set(after.map(([k]) => k));
    const removed = Object.keys(this.caseItem(expected)).filter((k) => !notRewrittenByUpdate.has(k) && !kept.has(k));
    const names: Record<string, string> = { '#v': 'version' };
    const values: Record<string, unknown> = { ':expectedVersion': expected.version };
    const sets = after.map(([k, v], i) => ((names[`#a${i}`] = k), (values[`:a${i}`] = v), `#a${i} = :a${i}`));
    const removes = removed.map((k, i) => ((names[`#r${i}`] = k), `#r${i}`));
    const update = {
      TableName: this.table,
      Key: keys.case(expected.id),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: '#v = :expectedVersion',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
    const statusChanged = next.status !== expected.status;
    const outbox = { Put: { TableName: this.table, Item: outboxItemOf(next, now), ConditionExpression: 'attribute_not_exists(PK)' } };
    // The re-screening's monitor index follows the status in the same transaction (monitor-index.ts).
    const monitor = statusChanged ? monitorWriteFor(expected.status, next, now) : undefined;
    const withStatus = [
      ...(statusChanged ? [outbox] : []),
      ...(monitor && 'put' in monitor ? [{ Put: { TableName: this.table, Item: monitor.put } }] : []),
      ...(monitor && 'delete' in monitor ? [{ Delete: { TableName: this.table, Key: monitor.delete } }] : []),
    ];
    let hint = options.audit ? expected.auditHead : undefined;
    let learnt: AuditHead | undefined;
    // Only the head moved (an append in between, the version is still the one read): again, on the new head.
    for (let tries = 0; options.audit && hint && tries < 3; tries++) {
      const event = options.audit({ seq: hint.seq, hash: hint.hash, caseId: expected.id });
      const head: AuditHead = { seq: event.seq, hash: event.hash };
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  ...update,
                  UpdateExpression: `SET #h = :head, ${update.UpdateExpression.slice('SET '.length)}`,
                  ConditionExpression: '#v = :expectedVersion AND #h.#seq = :prevSeq',
                  ExpressionAttributeNames: { ...names, '#h': 'auditHead', '#seq': 'seq' },
                  ExpressionAttributeValues: { ...values, ':head': head, ':prevSeq': hint.seq },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              ...withStatus,
              { Put: { TableName: this.table, Item: { ...keys.audit(expected.id, event.seq), type: 'audit', ...event }, ConditionExpression: 'attribute_not_exists(PK)' } },
              {
                ConditionCheck: {
                  TableName: this.table,
                  Key: keys.audit(expected.id, hint.seq),
                  ConditionExpression: '#hash = :prevHash',
                  ExpressionAttributeNames: { '#hash': 'hash' },
                  ExpressionAttributeValues: { ':prevHash': hint.hash },
                },
              },
            ],
          }),
        );
        return { ...next, auditHead: head };
      } catch (err) {
        if (!cancellationCodes(err)) throw err;
        const now = caseOfCancelled(err, 0);
        const moved = now?.head && now.head.seq !== hint.seq ? now.head : undefined;
        hint = moved && now?.version === expected.version ? moved : undefined;
        // Else written alone below; the head the case has now (when it moved) is the append's hint.
        learnt = moved;
      }
    }
    for (let attempt = 0; ; attempt++) {
      try {
        if (!statusChanged) await this.db.send(new UpdateCommand(update));
        else await this.db.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, ...withStatus] }));
        break;
      } catch (err) {
        if (isConditionFailure(err)) throw new ConflictError(`onboarding ${expected.id} changed meanwhile`);
        // A concurrent audit append (a transaction on the case item) cancels ours without deciding anything:
        // the version condition still guards, so the same write is tried again.
        if (attempt < 10 && cancellationCodes(err)?.includes('TransactionConflict')) {
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 10 * 2 ** attempt)));
          continue;
        }
        throw err;
      }
    }
    if (!options.audit) return next;
    return { ...next, auditHead: await this.appendAudit(expected.id, options.audit, { head: learnt }) };
  }

  /** Evidence is append-only; a retried stage finds its first record and returns it instead of writing twice. */
  async putEvidence(record: EvidenceRecord): Promise<EvidenceRecord> {
    const key = keys.evidence(record.caseId, record.stage, record.runId);
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: this.evidenceItem(record), ConditionExpression: 'attribute_not_exists(PK)' }));
      return record;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const out = await this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
      return stripKeys(out.Item) as unknown as EvidenceRecord;
    }
  }

  async listEvidence(id: string): Promise<EvidenceRecord[]> {
    return (await this.queryPrefix(id, keys.evidencePrefix)) as unknown as EvidenceRecord[];
  }

  /**
   * The case and its evidence in one strongly consistent Query instead of a GetItem and a Query: in the
   * case's partition the case item ("CASE") sorts right before the evidence ("EVIDENCE#...") and nothing
   * sorts between them. Undefined when the case does not exist.
   */
  async getCaseWithEvidence(id: string): Promise<{ c: CaseRecord; evidence: EvidenceRecord[] } | undefined> {
    const items = await this.queryRange(id, keys.case(id).SK, `${keys.evidencePrefix.slice(0, -1)}$`);
    const caseItem = items.find((i) => i.SK === keys.case(id).SK);
    if (!caseItem) return undefined;
    const evidence = items.filter((i) => String(i.SK).startsWith(keys.evidencePrefix)).map((i) => stripKeys(i) as unknown as EvidenceRecord);
    return { c: this.fromItem(caseItem), evidence };
  }

  async mustGetCaseWithEvidence(id: string): Promise<{ c: CaseRecord; evidence: EvidenceRecord[] }> {
    const found = await this.getCaseWithEvidence(id);
    if (!found) throw new NotFoundError(`onboarding ${id} not found`);
    return found;
  }

  /**
   * Appends to the case's audit trail. `build` turns the current last event into the next one (the hash
   * chain lives in shared/audit). The event and the case's audit head are written in one transaction: the
   * event only if its seq is free, the head only if it still names the event we built on. A concurrent
   * append (links, signals and the workflow's stages append to the same case) cancels ours and we rebuild
   * on the new last event; the chain and the head can never disagree.
   *
   * `options` let a caller fold its neighbouring writes into that same transaction (fewer requests, and
   * no moment where one is visible without the other):
   * - `stage`: what setStage would write, on the case item the transaction already updates.
   * - `evidence`: what putEvidence would write. If that run's evidence already exists (a retried stage),
   *   nothing is written and EvidenceExistsError is thrown, so the caller can take the stored record.
   * - `head`: the head the caller read with the case moments ago. The first attempt builds on it instead
   *   of querying the last event, and proves it with a ConditionCheck that the event at that seq exists
   *   with that hash (so events removed from the end are never built over). Any cancellation of that
   *   attempt, stale head or not, drops the hint and continues exactly as without it.
   *
   * An attempt cancelled because the head on the case moved (someone appended first) gets the case item
   * back with the cancellation (ReturnValuesOnConditionCheckFailure), and the next attempt builds on that
   * head as a hint, proven the same way, instead of querying the last event: parallel stages appending to
   * one case cost one more transaction each, not a query and a transaction.
   */
  async appendAudit(
    id: string,
    build: AuditEventBuilder,
    options: AppendAuditOptions = {},
  ): Promise<AuditHead> {
    let hint = options.head;
    const stage = options.stage ? stageUpdate(id, options.stage.key, options.stage.status) : undefined;
    for (let attempt = 0; attempt < 25; attempt++) {
      let prev: Record<string, unknown> | undefined;
      const hinted = hint;
      if (hinted) prev = { seq: hinted.seq, hash: hinted.hash, caseId: id };
      else {
        const last = await this.db.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
            ExpressionAttributeValues: { ':pk': `CASE#${id}`, ':sk': keys.auditPrefix },
            ScanIndexForward: false,
            Limit: 1,
            ConsistentRead: true,
          }),
        );
        prev = last.Items?.[0] ? stripKeys(last.Items[0]) : undefined;
      }
      const item = build(prev);
      const head: AuditHead = { seq: item.seq, hash: item.hash };
      // A case whose events predate heads (no auditHead yet) gets one with its next event.
      const headCondition = prev ? '(attribute_not_exists(#h) OR #h.#seq = :prevSeq)' : 'attribute_not_exists(#h)';
      const transactItems: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
        { Put: { TableName: this.table, Item: { ...keys.audit(id, item.seq), type: 'audit', ...item }, ConditionExpression: 'attribute_not_exists(PK)' } },
        {
          Update: {
            TableName: this.table,
            Key: keys.case(id),
            UpdateExpression: `SET #h = :head${stage ? `, ${stage.sets.join(', ')}` : ''}`,
            ConditionExpression: `attribute_exists(PK) AND ${headCondition}`,
            ExpressionAttributeNames: { '#h': 'auditHead', ...(prev ? { '#seq': 'seq' } : {}), ...stage?.names },
            ExpressionAttributeValues: { ':head': head, ...(prev ? { ':prevSeq': Number(prev.seq) } : {}), ...stage?.values },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ];
      const evidenceAt = options.evidence ? transactItems.length : -1;
      if (options.evidence)
        transactItems.push({ Put: { TableName: this.table, Item: this.evidenceItem(options.evidence), ConditionExpression: 'attribute_not_exists(PK)' } });
      if (hinted)
        transactItems.push({
          ConditionCheck: {
            TableName: this.table,
            Key: keys.audit(id, hinted.seq),
            ConditionExpression: '#hash = :prevHash',
            ExpressionAttributeNames: { '#hash': 'hash' },
            ExpressionAttributeValues: { ':prevHash': hinted.hash },
          },
        });
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: transactItems }));
        return head;
      } catch (err) {
        const codes = cancellationCodes(err);
        if (!codes) throw err;
        if (evidenceAt >= 0 && codes[evidenceAt] === 'ConditionalCheckFailed') throw new EvidenceExistsError(`evidence of ${id} for this run exists`);
        // The head the case has now, when its update failed on a head that moved.
        const moved = headOfCancelled(err, 1);
        const next = moved && moved.seq !== Number(prev?.seq ?? 0) ? moved : undefined;
        // The hint was stale (or the chain was cut): rebuild on the head the case has now, or on the stored
        // last event as usual. The caller's hint at once; one learnt from a collision that collided again
        // after a jittered pause, like any collision.
        if (hinted) {
          hint = next;
          if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
          continue;
        }
        if (codes[0] === 'None' && codes[1] === 'ConditionalCheckFailed') {
          // The seq was free, so no one appended meanwhile: the case is missing, or its head is ahead of the
          // chain (events removed from the end). Appending would paper over the gap.
          const c = await this.getCase(id);
          if (!c) throw new NotFoundError(`onboarding ${id} not found`);
          if (c.auditHead && c.auditHead.seq !== Number(prev?.seq ?? 0))
            throw new AuditTrailBroken(
              `audit trail of ${id} ends at seq ${Number(prev?.seq ?? 0)} but the case head is seq ${c.auditHead.seq}: events were removed; nothing appended`,
            );
        } else if (!codes.some((c) => c === 'ConditionalCheckFailed' || c === 'TransactionConflict')) throw err;
        hint = next;
        // Someone appended first: back off a little (jittered, so appenders do not collide again) and rebuild.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
      }
    }
    throw new ConflictError(`audit trail of ${id} is too busy to append`);
  }

  async listAudit(id: string): Promise<Record<string, unknown>[]> {
    return this.queryPrefix(id, keys.auditPrefix);
  }

  /** True the first time `marker` is claimed for the case: side effects of a retried task happen once. */
  async claimOnce(id: string, marker: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({ TableName: this.table, Item: { PK: `CASE#${id}`, SK: `ONCE#${marker}`, type: 'once', at: new Date().toISOString() }, ConditionExpression: 'attribute_not_exists(PK)' }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  /**
   * One BatchWriteItem (per 25) instead of a PutItem per fingerprint: the items are unconditional and
   * idempotent (same key, same content), so a batch that is retried or half-applied converges the same way.
   */
  async putFingerprints(id: string, prints: { kind: string; hmac: string }[]): Promise<void> {
    const items = new Map<string, Record<string, unknown>>();
    for (const p of prints) {
      const key = keys.fingerprint(id, p.kind, p.hmac);
      items.set(`${key.PK}\u0000${key.SK}`, { ...key, type: 'fingerprint', caseId: id, kind: p.kind });
    }
    const all = [...items.values()];
    for (let i = 0; i < all.length; i += 25) {
      let requests = all.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length; attempt++) {
        if (attempt >= 10) throw new Error(`fingerprints of ${id}: ${requests.length} write(s) left unprocessed`);
        if (attempt) await new Promise((r) => setTimeout(r, Math.min(1000, 10 * 2 ** attempt) * Math.random()));
        const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.table]: requests } }));
        requests = (out.UnprocessedItems?.[this.table] ?? []) as typeof requests;
      }
    }
  }

  /**
   * The status and owner (client and external id) of several cases by id, in one BatchGetItem (per 100),
   * strongly consistent like getCase; absent ids are left out. Only these attributes are projected: a shared address can link an applicant to
   * every earlier one, and shipping each whole case (application and all) to read one attribute made
   * that lookup the heaviest read of an onboarding.
   */
  async caseStatuses(ids: readonly string[]): Promise<Map<string, { status: CaseStatus; clientId: string; externalId: string }>> {
    const items = await batchGetItems(this.db, this.table, ids.map((id) => keys.case(id)), ['id', 'status', 'clientId', 'externalId']);
    return new Map(items.map((item) => [String(item.id), { status: item.status as CaseStatus, clientId: String(item.clientId), externalId: String(item.externalId) }]));
  }

  /** The case's own fingerprints on the index (kind and keyed hash), to find who shares them. */
  async fingerprintsOf(id: string): Promise<Fingerprint[]> {
    const out: Fingerprint[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
          ExpressionAttributeValues: { ':pk': `CASE#${id}`, ':sk': 'FP#' },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      for (const i of page.Items ?? []) {
        const [, kind, hmac] = /^FP#([^#]+)#(.+)$/.exec(String(i.SK)) ?? [];
        if (kind && hmac && isFingerprintKind(kind)) out.push({ kind, hmac });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  /** Other cases sharing a fingerprint (same bank account, phone, reference...). */
  async findCasesByFingerprint(kind: string, hmac: string, excludeId?: string): Promise<string[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: indexNames.fingerprints,
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': `FP#${kind}#${hmac}` },
      }),
    );
    // GSI1 projects keys only: the case id is read from the item's key (CASE#<id>), not from an attribute
    // the index does not carry.
    return (out.Items ?? []).map((i) => String(i.PK).slice('CASE#'.length)).filter((c) => c !== excludeId);
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
    const found = await batchGetItems(this.db, this.table, (out.Items ?? []).map((i) => ({ PK: String(i.PK), SK: String(i.SK) })));
    return { items: found.map((i) => this.fromItem(i)).filter((c) => c.status === status), cursor: out.LastEvaluatedKey };
  }

  /** The items of the case's partition with a sort key from `from` to `to` (both included), keys kept. */
  private async queryRange(id: string, from: string, to: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': `CASE#${id}`, ':from': from, ':to': to },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  private async queryPrefix(id: string, prefix: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
          ExpressionAttributeValues: { ':pk': `CASE#${id}`, ':sk': prefix },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      for (const i of out.Items ?? []) items.push(stripKeys(i));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  private evidenceItem(record: EvidenceRecord): Record<string, unknown> {
    return { ...keys.evidence(record.caseId, record.stage, record.runId), type: 'evidence', ...record };
  }

  private caseItem(record: CaseRecord): Record<string, unknown> {
    return { ...keys.case(record.id), type: 'case', ...keys.statusIndex(record.status, record.updatedAt, record.id), ...record };
  }

  private fromItem(item: Record<string, unknown>): CaseRecord {
    return stripKeys(item) as unknown as CaseRecord;
  }
}

function stripKeys(item: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!item) return {};
  const { PK: _pk, SK: _sk, GSI1PK: _a, GSI1SK: _b, GSI2PK: _c, GSI2SK: _d, type: _t, ...rest } = item;
  return rest;
}
