import { QueryCommand, type DynamoDBDocumentClient } from '../aws/dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AuditHead, CaseStatus, EvidenceRecord, StageKey, StageStatus } from '../../domain/cases/case-model';
import { keys } from './keys';
import { stageUpdate, type CaseStore } from './case-store';
import { AuditTrailBroken, ConflictError, EvidenceExistsError, NotFoundError } from './errors';
import { stripKeys } from './items';
import { queryCasePrefix } from './query';
import { retry } from './retry';
import { Transaction, TransactionCancelled } from './transaction';

/** An audit event as the chain builds it (shared/domain/audit/chain.ts appendAuditEvent): its seq and hash, and its content. */
export type AuditEventItem = { seq: number; hash: string } & Record<string, unknown>;

/** Builds the next audit event on the last one (shared/domain/audit/chain.ts appendAuditEvent, with the event's content). */
export type AuditEventBuilder = (prev: Record<string, unknown> | undefined) => AuditEventItem;

export interface AppendAuditOptions {
  /** The head as read with the case just before (a hint: a stale one costs one cancelled transaction). */
  head?: AuditHead | undefined;
  /**
   * A stage state to record on the case item in the same transaction (what setStage writes). Never a change
   * of case status: that goes through updateCase, whose transaction writes the webhook outbox item.
   */
  stage?: {
    key: StageKey;
    status: Omit<StageStatus, 'updatedAt'>;
    /**
     * The status the case is in (read moments ago) and must still be in: the write is conditioned on it and
     * moves the case's place in the status index, as setStage does. A case that left it: ConflictError.
     */
    inStatus?: CaseStatus;
  };
  /** Evidence to put in the same transaction, only if that run's evidence does not exist yet. */
  evidence?: EvidenceRecord;
  /**
   * The caller's own items, added to the same transaction (a claim, a link, a callback's progress). When
   * one of them fails its condition, the TransactionCancelled is thrown to the caller as it is (its labels
   * say which), and nothing was written.
   */
  with?: (tx: Transaction) => void;
}

/**
 * The audit head and version of a case item returned with a cancelled transaction (its update failed its
 * condition and asked for the old item), read from the raw attribute values; undefined when absent.
 */
export function caseOfCancelled(item: Record<string, AttributeValue> | undefined): { head?: AuditHead; version?: number } | undefined {
  if (!item) return undefined;
  const head = item.auditHead?.M;
  const seq = Number(head?.seq?.N);
  const hash = head?.hash?.S;
  const version = Number(item.version?.N);
  return { ...(Number.isInteger(seq) && seq > 0 && hash ? { head: { seq, hash } } : {}), ...(Number.isInteger(version) ? { version } : {}) };
}

/** A hint that did not hold, or a collision: the next attempt (with the head learnt, if any). */
class Rebuild extends Error {
  override readonly name = 'Rebuild';
  constructor(readonly hint: AuditHead | undefined) {
    super('the audit head moved');
  }
}

/**
 * The hash-chained audit trail of each case: one item per event (AUDIT#<seq>), and the head (seq and hash of
 * the newest) on the case item, written in the same transaction as each event so that cutting events off
 * the end is detectable.
 */
export class AuditLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cases: CaseStore,
  ) {}

  /**
   * Adds `event` to a transaction: the event (only if its seq is free) and, when it is built on `prev`, a
   * check that the event at that seq exists with that hash (so events removed from the end are never built
   * over). The case item's head is the caller's to move, in its own update of the case.
   */
  addEvent(tx: Transaction, id: string, event: AuditEventItem, prev?: AuditHead): Transaction {
    tx.put('audit', { ...keys.audit(id, event.seq), type: 'audit', ...event }, { ifAbsent: true });
    if (prev) tx.check('audit-prev', { key: keys.audit(id, prev.seq), condition: '#hash = :prevHash', names: { '#hash': 'hash' }, values: { ':prevHash': prev.hash } });
    return tx;
  }

  async list(id: string): Promise<Record<string, unknown>[]> {
    return (await queryCasePrefix(this.db, this.table, id, keys.auditPrefix)).map(stripKeys);
  }

  private async lastEvent(id: string): Promise<Record<string, unknown> | undefined> {
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
    return last.Items?.[0] ? stripKeys(last.Items[0]) : undefined;
  }

  /**
   * Appends to the case's audit trail. `build` turns the current last event into the next one (the hash
   * chain lives in shared/domain/audit). The event and the case's audit head are written in one transaction: the
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
   *   of querying the last event, and proves it (addEvent's check). Any cancellation of that attempt,
   *   stale head or not, drops the hint and continues exactly as without it.
   *
   * An attempt cancelled because the head on the case moved (someone appended first) gets the case item
   * back with the cancellation, and the next attempt builds on that head as a hint, proven the same way,
   * instead of querying the last event: parallel stages appending to one case cost one more transaction
   * each, not a query and a transaction.
   */
  async append(id: string, build: AuditEventBuilder, options: AppendAuditOptions = {}): Promise<AuditHead> {
    let hint = options.head;
    const stage = options.stage ? stageUpdate(id, options.stage.key, options.stage.status, options.stage.inStatus) : undefined;
    const inStatus = options.stage?.inStatus;
    return retry(
      async () => {
        const hinted = hint;
        const prev = hinted ? { seq: hinted.seq, hash: hinted.hash, caseId: id } : await this.lastEvent(id);
        const item = build(prev);
        const head: AuditHead = { seq: item.seq, hash: item.hash };
        const prevSeq = Number(prev?.seq ?? 0);
        // A case whose events predate heads (no auditHead yet) gets one with its next event.
        const headCondition = prev ? '(attribute_not_exists(#h) OR #h.#seq = :prevSeq)' : 'attribute_not_exists(#h)';
        const tx = this.addEvent(new Transaction(this.table), id, item, hinted);
        tx.update('case', {
          key: keys.case(id),
          update: `SET #h = :head${stage ? `, ${stage.sets.join(', ')}` : ''}`,
          condition: `attribute_exists(PK) AND ${headCondition}${inStatus ? ' AND #status = :status' : ''}`,
          names: { '#h': 'auditHead', ...(prev ? { '#seq': 'seq' } : {}), ...stage?.names },
          values: { ':head': head, ...(prev ? { ':prevSeq': prevSeq } : {}), ...stage?.values },
          returnOldOnFailure: true,
        });
        if (options.evidence) tx.put('evidence', this.cases.evidenceItem(options.evidence), { ifAbsent: true });
        const own = tx.size;
        options.with?.(tx);
        const callers = new Set(tx.labels().slice(own));
        try {
          await tx.send(this.db);
          return head;
        } catch (err) {
          if (!(err instanceof TransactionCancelled)) throw err;
          if (err.failed('evidence')) throw new EvidenceExistsError(`evidence of ${id} for this run exists`);
          if (err.reasons.some((r) => callers.has(r.label) && r.code === 'ConditionalCheckFailed')) throw err;
          const status = err.itemOf('case')?.status?.S;
          if (inStatus && status !== undefined && status !== inStatus) throw new ConflictError(`onboarding ${id} left ${inStatus} (now ${status})`);
          // The head the case has now, when its update failed on a head that moved.
          const moved = caseOfCancelled(err.itemOf('case'))?.head;
          const next = moved && moved.seq !== prevSeq ? moved : undefined;
          if (!hinted && err.code('audit') === 'None' && err.failed('case')) {
            // The seq was free, so no one appended meanwhile: the case is missing, or its head is ahead of
            // the chain (events removed from the end). Appending would paper over the gap.
            const c = await this.cases.get(id);
            if (!c) throw new NotFoundError(`onboarding ${id} not found`);
            if (c.auditHead && c.auditHead.seq !== prevSeq)
              throw new AuditTrailBroken(`audit trail of ${id} ends at seq ${prevSeq} but the case head is seq ${c.auditHead.seq}: events were removed; nothing appended`);
          } else if (!hinted && !err.reasons.some((r) => r.code === 'ConditionalCheckFailed' || r.code === 'TransactionConflict')) throw err;
          // Rebuild on the head the case has now, or on the stored last event as usual.
          throw new Rebuild(next);
        }
      },
      {
        attempts: 25,
        baseMs: 5,
        capMs: 200,
        // The caller's stale hint is dropped at once; a collision waits a jittered pause, so appenders spread out.
        firstRetryAtOnce: options.head !== undefined,
        retryable: (err) => err instanceof Rebuild,
        beforePause: (err) => void (hint = (err as Rebuild).hint),
        giveUp: () => new ConflictError(`audit trail of ${id} is too busy to append`),
      },
    );
  }
}
