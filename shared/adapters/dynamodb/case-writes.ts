import type { DynamoDBDocumentClient } from '../aws/dynamodb';
import type { AuditHead, CaseRecord, CaseStatus } from '../../domain/cases/case-model';
import { monitorWriteFor } from './monitor-index';
import { outboxItemOf, type WriterClaim } from './outbox-item';
import { caseOfCancelled, type AuditEventBuilder, type AuditEventItem, type AuditLog } from './audit-log';
import type { CaseStore } from './case-store';
import { ConflictError } from './errors';
import type { IdempotencyRecord, IdempotencyRecords } from './idempotency-record';
import { retry } from './retry';
import { isConditionFailure, Transaction, TransactionCancelled } from './transaction';

/**
 * The writes that change a case, each one transaction composed from the parts: the case store's item or
 * versioned update, the audit log's event, the idempotency record, the webhook outbox item and the
 * re-screening's monitor index (both when the status changes).
 */
export class CaseWrites {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cases: CaseStore,
    private readonly audit: AuditLog,
    private readonly idempotency: IdempotencyRecords,
  ) {}

  /**
   * The idempotency record, the case and its first audit events (with the case's head naming the last) in one
   * transaction: a retried request can never leave a case without its key, a key without its case, or a case
   * without its first event. Returns false when the key (or the case) exists: nothing was written.
   *
   * `options.movedFrom`: the case is born past that status (the API applies the first lifecycle event as it
   * creates the case), so the move's outbox item and monitor entry go into the same transaction, as for any
   * change of status (see write). `options.addFingerprints`: adds the applicant's fingerprints to the transaction.
   */
  async create(
    record: CaseRecord,
    idem: IdempotencyRecord,
    firstEvents: AuditEventItem | readonly AuditEventItem[] = [],
    options: { movedFrom?: CaseStatus; addFingerprints?: (tx: Transaction) => void } = {},
  ): Promise<boolean> {
    const events: readonly AuditEventItem[] = Array.isArray(firstEvents) ? firstEvents : [firstEvents as AuditEventItem];
    events.forEach((e, i) => {
      if (e.seq !== i + 1) throw new Error(`the first audit events of ${record.id} must have seqs 1 to ${events.length}`);
    });
    const last = events.at(-1);
    const caseRecord: CaseRecord = last ? { ...record, auditHead: { seq: last.seq, hash: last.hash } } : record;
    const tx = new Transaction(this.table);
    for (const e of events) this.audit.addEvent(tx, record.id, e);
    this.idempotency.addTo(tx, idem);
    tx.put('case', this.cases.item(caseRecord), { ifAbsent: true });
    options.addFingerprints?.(tx);
    if (options.movedFrom !== undefined && options.movedFrom !== record.status) {
      tx.put('outbox', outboxItemOf(caseRecord, record.updatedAt), { ifAbsent: true });
      const monitor = monitorWriteFor({ status: options.movedFrom }, caseRecord, record.updatedAt);
      if (monitor && 'put' in monitor) tx.put('monitor', monitor.put);
    }
    try {
      await tx.send(this.db);
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  /**
   * Writes `changed` over `expected` if no one else wrote in between (the version read): what makes exactly
   * one of fifty concurrent decisions win. A change of status also writes the outbox item (the webhook the
   * HRIS is owed) and the monitor index in the same transaction, so that no caller can change a status and
   * forget to tell. Other changes stay a single UpdateItem (a transaction costs twice the write units).
   *
   * `audit`: the event that records the change. When `expected` carries an audit head, the event goes into
   * the change's own transaction, built on that head and proven (the event at that seq has that hash, the
   * head has not moved): one request, and no change without its event. If that transaction is cancelled,
   * the change is written alone (a version conflict throws ConflictError there, and nothing is appended),
   * then the event is appended.
   *
   * A list of events (each built on the one before): all of them in the change's transaction, in that order.
   * They are events the change itself settles (the `stage.completed` events the checks left owed, which the
   * change removes from the owed list), so they never go out apart from it: when that transaction cannot be
   * written, ConflictError (the task runs again on a fresh read) instead of the change alone.
   *
   * `claim`: the caller makes the prompt attempt of the change's outbox item itself, right after: the item is
   * born claimed by it (outbox-item.ts, WriterClaim), so no claim request follows the transaction.
   */
  async write(expected: CaseRecord, changed: CaseRecord, audit?: AuditEventBuilder | readonly AuditEventBuilder[], also?: (tx: Transaction) => void, claim?: WriterClaim): Promise<CaseRecord> {
    const builders: readonly AuditEventBuilder[] = audit === undefined ? [] : typeof audit === 'function' ? [audit] : audit;
    const now = new Date().toISOString();
    const next = { ...changed, version: expected.version + 1, updatedAt: now };
    const update = this.cases.versionedUpdate(expected, next);
    const statusChanged = next.status !== expected.status;
    // The re-screening's monitor index follows the status, and a monitored case's screened people, in the same
    // transaction (monitor-index.ts): one writer of the item, from the case.
    const monitor = monitorWriteFor(expected, next, now);
    // `also`: the caller's unconditional items (fingerprints...), written with the change, whichever way it goes.
    const withStatus = (tx: Transaction): Transaction => {
      also?.(tx);
      if (monitor && 'put' in monitor) tx.put('monitor', monitor.put);
      if (monitor && 'delete' in monitor) tx.delete('monitor', monitor.delete);
      if (statusChanged) tx.put('outbox', outboxItemOf(next, now, claim), { ifAbsent: true });
      return tx;
    };
    let hint = builders.length ? expected.auditHead : undefined;
    let learnt: AuditHead | undefined;
    // Only the head moved (an append in between, the version is still the one read): again, on the new head.
    for (let tries = 0; builders.length && hint && tries < 3; tries++) {
      const events: AuditEventItem[] = [];
      for (const build of builders) events.push(build(events.at(-1) ?? { seq: hint.seq, hash: hint.hash, caseId: expected.id }));
      const last = events.at(-1)!;
      const head: AuditHead = { seq: last.seq, hash: last.hash };
      const tx = new Transaction(this.table).update('case', {
        ...update,
        update: `SET #h = :head, ${update.update.slice('SET '.length)}`,
        condition: '#v = :expectedVersion AND #h.#seq = :prevSeq',
        names: { ...update.names, '#h': 'auditHead', '#seq': 'seq' },
        values: { ...update.values, ':head': head, ':prevSeq': hint.seq },
        returnOldOnFailure: true,
      });
      withStatus(tx);
      events.forEach((event, i) => this.audit.addEvent(tx, expected.id, event, i === 0 ? hint : undefined));
      try {
        await tx.send(this.db);
        return { ...next, auditHead: head };
      } catch (err) {
        if (!(err instanceof TransactionCancelled)) throw err;
        const found = caseOfCancelled(err.itemOf('case'));
        const moved = found?.head && found.head.seq !== hint.seq ? found.head : undefined;
        hint = moved && found?.version === expected.version ? moved : undefined;
        // Else written alone below; the head the case has now (when it moved) is the append's hint.
        learnt = moved;
      }
    }
    if (typeof audit === 'object' && builders.length && expected.auditHead) throw new ConflictError(`onboarding ${expected.id}: its events could not be written with the change`);
    await retry(
      async () => {
        try {
          if (!statusChanged && !also && !monitor) await this.cases.sendUpdate(update);
          else await withStatus(new Transaction(this.table).update('case', update)).send(this.db);
        } catch (err) {
          if (isConditionFailure(err)) throw new ConflictError(`onboarding ${expected.id} changed meanwhile`);
          throw err;
        }
      },
      // A concurrent audit append (a transaction on the case item) cancels ours without deciding anything:
      // the version condition still guards, so the same write is tried again.
      { attempts: 11, baseMs: 10, capMs: 200, retryable: (err) => err instanceof TransactionCancelled && err.conflicted },
    );
    let head: AuditHead | undefined;
    for (const build of builders) head = await this.audit.append(expected.id, build, { head: head ?? learnt });
    return head ? { ...next, auditHead: head } : next;
  }
}
