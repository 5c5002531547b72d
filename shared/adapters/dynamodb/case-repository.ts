import type { DynamoDBDocumentClient } from '../aws/dynamodb';
import { AuditLog, type AppendAuditOptions, type AuditEventBuilder, type AuditEventItem } from './audit-log';
import { CaseStore, stageUpdate } from './case-store';
import { CaseWrites } from './case-writes';
import { CaseOnHoldError, ConflictError, NotFoundError, StatusChangeOutsideLifecycle } from './errors';
import { FingerprintIndex } from './fingerprint-index';
import type { CaseHead } from '../../domain/cases/link-standing';
import { IdempotencyRecords, type IdempotencyRecord } from './idempotency-record';
import { retry } from './retry';
import { isConditionFailure, type Transaction, type UpdateSpec } from './transaction';
import type { WriterClaim } from './outbox-item';
import type { AuditHead, CaseRecord, CaseStatus, EvidenceRecord, StageKey, StageStatus, StageSummary } from '../../domain/cases/case-model';
import type { Fingerprint } from '../../domain/cases/fingerprints';
import { ForbiddenTransition, transition, transitionTable, type LifecycleEvent } from '../../domain/cases/lifecycle';

export { AuditTrailBroken, CaseOnHoldError, ConflictError, EvidenceExistsError, MalformedItemError, NotFoundError, StatusChangeOutsideLifecycle } from './errors';
export type { AppendAuditOptions, AuditEventBuilder } from './audit-log';
export type { IdempotencyRecord } from './idempotency-record';

/** The case read moments ago was stale for this change: read it again (`original` is thrown if it stays so). */
class ReadAgain extends Error {
  override readonly name = 'ReadAgain';
  constructor(readonly original: Error) {
    super(original.message);
  }
}

/**
 * Persistence of cases and everything hanging off them, in one table (see keys.ts for the layout): a thin
 * facade over the parts in shared/adapters/dynamodb (the case store, the audit log, the fingerprint index,
 * the idempotency records, and the case writes that compose them into one transaction per change), plus
 * the lifecycle rule that a status changes only through moveCase.
 */
export class CaseRepository {
  readonly cases: CaseStore;
  readonly audit: AuditLog;
  readonly fingerprints: FingerprintIndex;
  readonly idempotency: IdempotencyRecords;
  private readonly writes: CaseWrites;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {
    this.cases = new CaseStore(db, table);
    this.audit = new AuditLog(db, table, this.cases);
    this.fingerprints = new FingerprintIndex(db, table);
    this.idempotency = new IdempotencyRecords(db, table);
    this.writes = new CaseWrites(db, table, this.cases, this.audit, this.idempotency);
  }

  /**
   * Creates the idempotency record, the case and its first audit events in one transaction (CaseWrites.create),
   * with the applicant's fingerprints, and the outbox item of the status the case is born in when it is born
   * past `movedFrom`.
   * Returns the existing idempotency record when the key was already used.
   */
  async createCase(
    record: CaseRecord,
    idem: IdempotencyRecord,
    firstEvents?: AuditEventItem | readonly AuditEventItem[],
    options: { movedFrom?: CaseStatus; fingerprints?: readonly { kind: string; hmac: string }[] } = {},
  ): Promise<{ created: true } | { created: false; existing: IdempotencyRecord }> {
    const prints = options.fingerprints;
    const writes = {
      ...(options.movedFrom !== undefined ? { movedFrom: options.movedFrom } : {}),
      ...(prints?.length ? { addFingerprints: (tx: Transaction) => void this.fingerprints.addTo(tx, record.id, prints) } : {}),
    };
    if (await this.writes.create(record, idem, firstEvents, writes)) return { created: true };
    const existing = await this.idempotency.get(idem.clientId, idem.key);
    if (!existing) throw new ConflictError('onboarding exists without its idempotency record');
    return { created: false, existing };
  }

  getIdempotency(clientId: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.idempotency.get(clientId, key);
  }

  getCase(id: string): Promise<CaseRecord | undefined> {
    return this.cases.get(id);
  }

  mustGetCase(id: string): Promise<CaseRecord> {
    return this.cases.mustGet(id);
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
   * change of status it goes into the update's transaction (see updateCase). `options.fingerprints`: the
   * applicant's fingerprints, written in the same transaction as a change of status.
   *
   * Returns the case as moved when the status changed (its outbox item is outboxRecordOf it), else undefined.
   */
  async setStage(
    id: string,
    stage: StageKey,
    status: Omit<StageStatus, 'updatedAt'>,
    event?: LifecycleEvent,
    options: { read?: CaseRecord; audit?: AuditEventBuilder; fingerprints?: readonly { kind: string; hmac: string }[] } = {},
  ): Promise<CaseRecord | undefined> {
    let read = options.read;
    let head = read?.auditHead;
    const target = event ? transitionTable[event].to : undefined;
    if (target === 'back') throw new Error(`setStage cannot apply ${event}: it needs the status to return to`);
    const caseStatus: CaseStatus | undefined = target;
    return retry(
      async (attempt): Promise<CaseRecord | undefined> => {
        if (event && caseStatus) {
          const c = read ?? (await this.mustGetCase(id));
          read = undefined;
          head = c.auditHead;
          if (c.status !== caseStatus) {
            try {
              const change = (x: CaseRecord): CaseRecord => ({ ...x, stages: { ...x.stages, [stage]: { ...status, updatedAt: new Date().toISOString() } } });
              return await this.moveCase(c, event, change, { ...(options.audit ? { audit: options.audit } : {}), ...(options.fingerprints ? { fingerprints: options.fingerprints } : {}) });
            } catch (err) {
              // A read handed in by the caller may be stale: a forbidden move from it is decided on a fresh read.
              if (err instanceof ForbiddenTransition && c === options.read && attempt === 0) throw new ReadAgain(err);
              // A parallel stage wrote the case meanwhile.
              if (err instanceof ConflictError) throw new ReadAgain(err);
              throw err;
            }
          }
        }
        // Already in that status (or none asked): only its place in the status index moves with updatedAt.
        const u = stageUpdate(id, stage, status, caseStatus);
        try {
          await this.cases.sendUpdate({
            key: { PK: `CASE#${id}`, SK: 'CASE' },
            update: `SET ${u.sets.join(', ')}`,
            condition: caseStatus ? 'attribute_exists(PK) AND #status = :status' : 'attribute_exists(PK)',
            names: u.names,
            values: u.values,
          });
        } catch (err) {
          // The case left that status since it was read: read it again.
          if (caseStatus && isConditionFailure(err)) throw new ReadAgain(err as Error);
          throw err;
        }
        if (options.fingerprints) await this.putFingerprints(id, [...options.fingerprints]);
        if (options.audit) await this.appendAudit(id, options.audit, { head });
        return undefined;
      },
      { attempts: 11, baseMs: 5, capMs: 100, firstRetryAtOnce: true, retryable: (err) => err instanceof ReadAgain, giveUp: (err) => (err as ReadAgain).original },
    );
  }

  /**
   * Optimistic update: applies `change` to the case read at `expected.version` and writes it only if no
   * one else wrote in between (CaseWrites.write: version check, and the audit event in the same
   * transaction when `expected` carries the head). Never a change of status: that is moveCase's.
   */
  async updateCase(expected: CaseRecord, change: (c: CaseRecord) => CaseRecord, options: { audit?: AuditEventBuilder | readonly AuditEventBuilder[] } = {}): Promise<CaseRecord> {
    const changed = change(structuredClone(expected));
    if (changed.status !== expected.status) throw new StatusChangeOutsideLifecycle(`onboarding ${expected.id}: ${expected.status} -> ${changed.status} without a lifecycle event`);
    return this.writes.write(expected, changed, options.audit);
  }

  /**
   * The one way a case changes status: `event` applied to the status read (lifecycle.ts decides where it
   * leads, or throws ForbiddenTransition), with `change` for what goes with it (decision, risk, hold...),
   * written like updateCase, with the outbox item in the same transaction. A stage that finds the case on
   * compliance hold gets CaseOnHoldError (the workflow's ComplianceHold error). `back`: the status to
   * return to, for `hold-cleared` and `redriven`. `claim`: the caller makes the prompt attempt itself, right
   * after (WebhookOutbox.deliverClaimed): the outbox item is born claimed by it.
   */
  async moveCase(
    expected: CaseRecord,
    event: LifecycleEvent,
    change: (c: CaseRecord) => CaseRecord = (c) => c,
    options: { audit?: AuditEventBuilder | readonly AuditEventBuilder[]; back?: CaseStatus; fingerprints?: readonly { kind: string; hmac: string }[]; claim?: WriterClaim } = {},
  ): Promise<CaseRecord> {
    let status: CaseStatus;
    try {
      status = transition(expected.status, event, options.back);
    } catch (err) {
      if (err instanceof ForbiddenTransition && expected.status === 'compliance-hold') throw new CaseOnHoldError(`onboarding ${expected.id} is on compliance hold`);
      throw err;
    }
    const changed = { ...change(structuredClone(expected)), status };
    // Fingerprints given with the move are written in its transaction (one request instead of two).
    const prints = options.fingerprints;
    return this.writes.write(expected, changed, options.audit, prints?.length ? (tx) => this.fingerprints.addTo(tx, expected.id, prints) : undefined, options.claim);
  }

  /** Evidence is append-only; a retried stage finds its first record and returns it instead of writing twice. */
  putEvidence(record: EvidenceRecord): Promise<EvidenceRecord> {
    return this.cases.putEvidence(record);
  }

  listEvidence(id: string): Promise<EvidenceRecord[]> {
    return this.cases.listEvidence(id);
  }

  /**
   * A parallel check's evidence and stage state in one transaction, its `stage.completed` event owed to the
   * chain (CaseStore.putCheckResult); EvidenceExistsError when that run's evidence is stored. `claim`: an
   * outbox claim taken in the same transaction when its condition holds (true when it was).
   */
  putCheckResult(record: EvidenceRecord, stage: StageKey, status: Omit<StageStatus, 'updatedAt'> & { state: StageSummary['outcome'] }, claim?: UpdateSpec): Promise<boolean> {
    return this.cases.putCheckResult(record, stage, status, claim);
  }

  /** The case and its evidence in one strongly consistent Query; undefined when the case does not exist. */
  getCaseWithEvidence(id: string): Promise<{ c: CaseRecord; evidence: EvidenceRecord[] } | undefined> {
    return this.cases.getWithEvidence(id);
  }

  async mustGetCaseWithEvidence(id: string): Promise<{ c: CaseRecord; evidence: EvidenceRecord[] }> {
    const found = await this.getCaseWithEvidence(id);
    if (!found) throw new NotFoundError(`onboarding ${id} not found`);
    return found;
  }

  /** Appends to the case's audit trail, with neighbouring writes in the same transaction (AuditLog.append). */
  appendAudit(id: string, build: AuditEventBuilder, options: AppendAuditOptions = {}): Promise<AuditHead> {
    return this.audit.append(id, build, options);
  }

  listAudit(id: string): Promise<Record<string, unknown>[]> {
    return this.audit.list(id);
  }

  /** True the first time `marker` is claimed for the case: side effects of a retried task happen once. */
  claimOnce(id: string, marker: string): Promise<boolean> {
    return this.cases.claimOnce(id, marker);
  }

  /** Gives a claim back when what it guarded did not happen, so that a retry does it. */
  releaseClaim(id: string, marker: string): Promise<void> {
    return this.cases.releaseClaim(id, marker);
  }

  putFingerprints(id: string, prints: { kind: string; hmac: string }[]): Promise<void> {
    return this.fingerprints.put(id, prints);
  }

  /** The status and owner of several cases by id, in one BatchGetItem (per 100); absent ids are left out. */
  caseStatuses(ids: readonly string[]): Promise<Map<string, CaseHead>> {
    return this.cases.statuses(ids);
  }

  fingerprintsOf(id: string): Promise<Fingerprint[]> {
    return this.fingerprints.of(id);
  }

  /** For each fingerprint, the other cases sharing it, in one request (FingerprintIndex.casesSharingAny). */
  findCasesByFingerprints(prints: readonly { kind: string; hmac: string }[], excludeId?: string): Promise<string[][]> {
    return this.fingerprints.casesSharingAny(prints, excludeId);
  }

  /** The full perceptual hashes other cases keep beside their near-image prints (FingerprintIndex.perceptualHashes). */
  perceptualHashesBeside(wanted: readonly { caseId: string; kind: string; hmac: string }[]): Promise<Map<string, string[]>> {
    return this.fingerprints.perceptualHashes(wanted);
  }

  /** Other cases sharing a fingerprint (same bank account, phone, reference...). */
  findCasesByFingerprint(kind: string, hmac: string, excludeId?: string): Promise<string[]> {
    return this.fingerprints.casesSharing(kind, hmac, excludeId);
  }

  /** The cases in a status, most recently updated first, one page of the status index. */
  listByStatus(status: CaseStatus, limit: number, cursor?: Record<string, unknown>) {
    return this.cases.listByStatus(status, limit, cursor);
  }
}
