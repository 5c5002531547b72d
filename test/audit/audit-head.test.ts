import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { startCaseTable } from '../support/case-table';
import type { CaseRecord } from '../../shared/domain/cases/case-model';
import { AuditTrailBroken, CaseRepository, ConflictError, NotFoundError, StatusChangeOutsideLifecycle } from '../../shared/adapters/dynamodb/case-repository';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { appendAuditEvent, type AuditEvent } from '../../shared/domain/audit/chain';
import { appendRecordsAudit, verifyStoredAudit } from '../../shared/app/records/audit-trail';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';

const application = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'onboarding-request.json'), 'utf8')) as OnboardingRequest;

/**
 * The audit head on the case item, against real DynamoDB Local: written in the same transaction as each
 * event, so truncation of the newest events is detected, concurrent appenders (links, signals, stages)
 * still leave one valid chain whose end is the head, and case updates never roll the head back.
 */
describe('audit head on the case item', () => {
  let dynamo: DynamoDbLocal;
  let db: DynamoDBDocumentClient;
  let repo: CaseRepository;
  let table: string;
  let n = 0;

  beforeAll(async () => {
    ({ dynamo, db, table } = await startCaseTable());
    repo = new CaseRepository(db, table);
  });
  afterAll(async () => {
    await dynamo?.stop();
  });

  async function newCase(): Promise<CaseRecord> {
    const id = `ob_${(++n).toString(16).padStart(32, '0')}`;
    const now = new Date().toISOString();
    const record: CaseRecord = { id, clientId: 'hris', externalId: `x-${n}`, status: 'checking', version: 1, createdAt: now, updatedAt: now, executionName: `ob-${n}`, application, stages: {} };
    await repo.createCase(record, { clientId: 'hris', key: `k-${n}`, requestHash: 'h', onboardingId: id, createdAt: now });
    return record;
  }
  const append = (id: string, action: string, data: Record<string, unknown> = {}) => appendRecordsAudit(repo, id, 'system', action, data);
  const auditItem = async (id: string, seq: number) => (await db.send(new GetCommand({ TableName: table, Key: keys.audit(id, seq) }))).Item!;

  it('each append moves the head on the case item to the new event', async () => {
    const c = await newCase();
    expect((await repo.getCase(c.id))!.auditHead).toBeUndefined();
    for (const a of ['onboarding.received', 'onboarding.started', 'stage.completed']) await append(c.id, a);
    const trail = await repo.listAudit(c.id);
    expect((await repo.getCase(c.id))!.auditHead).toEqual({ seq: 3, hash: trail[2]!.hash });
    expect(await verifyStoredAudit(repo, c.id)).toMatchObject({ ok: true, count: 3, head: { seq: 3 } });
  });

  it('deleting the newest event is detected, naming the missing seqs; appending onto the gap is refused', async () => {
    const c = await newCase();
    for (let i = 0; i < 5; i++) await append(c.id, 'stage.completed', { i });
    const [fourth, fifth] = [await auditItem(c.id, 4), await auditItem(c.id, 5)];

    await db.send(new DeleteCommand({ TableName: table, Key: keys.audit(c.id, 5) }));
    expect(await verifyStoredAudit(repo, c.id)).toEqual({
      caseId: c.id,
      ok: false,
      brokenAt: 5,
      reason: 'newest events are missing: seq 5 (the chain ends at seq 4, the head recorded on the case is seq 5)',
    });
    await db.send(new DeleteCommand({ TableName: table, Key: keys.audit(c.id, 4) }));
    expect(await verifyStoredAudit(repo, c.id)).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringMatching(/^newest events are missing: seq 4 to 5 /) });

    // A new event would take seq 4 and hide the gap: refused, nothing written, head unchanged.
    await expect(append(c.id, 'link.opened')).rejects.toBeInstanceOf(AuditTrailBroken);
    expect(await repo.listAudit(c.id)).toHaveLength(3);
    expect((await repo.getCase(c.id))!.auditHead).toEqual({ seq: 5, hash: fifth.hash });

    for (const item of [fourth, fifth]) await db.send(new PutCommand({ TableName: table, Item: item }));
    expect((await verifyStoredAudit(repo, c.id)).ok).toBe(true);
    await append(c.id, 'link.opened');
    expect(await verifyStoredAudit(repo, c.id)).toMatchObject({ ok: true, count: 6, head: { seq: 6 } });
  });

  it('a tampered event is still detected where it is; a whole deleted chain too', async () => {
    const c = await newCase();
    for (let i = 0; i < 3; i++) await append(c.id, 'stage.completed', { i });
    await db.send(new UpdateCommand({ TableName: table, Key: keys.audit(c.id, 2), UpdateExpression: 'SET actor = :a', ExpressionAttributeValues: { ':a': 'reviewer:mallory@example.com' } }));
    expect(await verifyStoredAudit(repo, c.id)).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringMatching(/altered/) });

    const d = await newCase();
    for (let i = 0; i < 2; i++) await append(d.id, 'stage.completed', { i });
    for (const seq of [1, 2]) await db.send(new DeleteCommand({ TableName: table, Key: keys.audit(d.id, seq) }));
    expect(await verifyStoredAudit(repo, d.id)).toMatchObject({ ok: false, brokenAt: 1, reason: expect.stringMatching(/no audit events.*head recorded on the case is seq 2/) });
    await expect(append(d.id, 'link.opened')).rejects.toBeInstanceOf(AuditTrailBroken);
  });

  it('concurrent appenders and case updates: one valid chain, its last event is the head, updates never roll the head back', async () => {
    const c = await newCase();
    await append(c.id, 'onboarding.received');
    const appenders = Array.from({ length: 24 }, (_, i) => append(c.id, i % 2 ? 'link.opened' : 'risk.decided', { i }));
    // Optimistic case updates in between (as signals and links make them), retried on conflict as callers do.
    const updaters = Array.from({ length: 6 }, async (_, i) => {
      for (;;) {
        const current = await repo.mustGetCase(c.id);
        try {
          return await repo.updateCase(current, (x) => ({ ...x, externalId: `${x.externalId}+${i}` }));
        } catch (err) {
          if (!(err instanceof ConflictError)) throw err;
        }
      }
    });
    await Promise.all([...appenders, ...updaters]);

    const trail = await repo.listAudit(c.id);
    expect(trail).toHaveLength(25);
    expect(new Set(trail.map((e) => (e.data as { i?: number }).i).filter((i) => i !== undefined)).size).toBe(24);
    const after = (await repo.getCase(c.id))!;
    expect(after.auditHead).toEqual({ seq: 25, hash: trail[24]!.hash });
    expect(after.version).toBe(1 + 6); // audit appends do not bump the version: they never make an update conflict
    expect(after.externalId.split('+')).toHaveLength(7);
    expect(await verifyStoredAudit(repo, c.id)).toMatchObject({ ok: true, count: 25, head: { seq: 25 } });
  });

  it('a stale head hint: the cancelled attempt returns the head the case has now, and the next builds on it without querying the chain', async () => {
    const c = await newCase();
    for (let i = 0; i < 3; i++) await append(c.id, 'stage.completed', { i });
    const stale = { seq: 2, hash: String((await auditItem(c.id, 2)).hash) };
    const sent: string[] = [];
    const counting = { send: (command: { constructor: { name: string } }) => (sent.push(command.constructor.name), db.send(command as never)) } as unknown as DynamoDBDocumentClient;
    const head = await new CaseRepository(counting, table).appendAudit(
      c.id,
      (prev) => appendAuditEvent(prev as AuditEvent | undefined, { at: new Date().toISOString(), actor: 'system', action: 'link.opened', caseId: c.id, data: {} }),
      { head: stale },
    );

    expect(head.seq).toBe(4);
    expect(sent).toEqual(['TransactWriteCommand', 'TransactWriteCommand']);
    expect(await verifyStoredAudit(repo, c.id)).toMatchObject({ ok: true, count: 4, head: { seq: 4 } });

    // Events removed from the end: the head the cancellation returns names a missing event, its proof
    // fails, and the append falls back to the chain and refuses as ever.
    await db.send(new DeleteCommand({ TableName: table, Key: keys.audit(c.id, 4) }));
    await expect(
      repo.appendAudit(c.id, (prev) => appendAuditEvent(prev as AuditEvent | undefined, { at: new Date().toISOString(), actor: 'system', action: 'link.opened', caseId: c.id, data: {} }), {
        head: stale,
      }),
    ).rejects.toBeInstanceOf(AuditTrailBroken);
    expect(await repo.listAudit(c.id)).toHaveLength(3);
  });

  it('a change with its audit event: one transaction built on the head read with the case; a version conflict writes and appends nothing', async () => {
    const c = await newCase();
    await append(c.id, 'onboarding.received');
    const read = await repo.mustGetCase(c.id);
    const sent: string[] = [];
    const counting = { send: (command: { constructor: { name: string } }) => (sent.push(command.constructor.name), db.send(command as never)) } as unknown as DynamoDBDocumentClient;
    const event = (action: string) => (prev: Record<string, unknown> | undefined) =>
      appendAuditEvent(prev as AuditEvent | undefined, { at: new Date().toISOString(), actor: 'system', action, caseId: c.id, data: {} });

    const changed = await new CaseRepository(counting, table).moveCase(read, 'risk-cleared', (x) => x, { audit: event('risk.decided') });
    expect(sent).toEqual(['TransactWriteCommand']);
    const trail = await repo.listAudit(c.id);
    expect(trail.map((e) => e.action)).toEqual(['onboarding.received', 'risk.decided']);
    expect(changed.auditHead).toEqual({ seq: 2, hash: trail[1]!.hash });
    expect(await repo.getCase(c.id)).toMatchObject({ status: 'awaiting-interview', version: 2, auditHead: changed.auditHead });
    const outbox = await db.send(new GetCommand({ TableName: table, Key: keys.outbox(c.id, 2) }));
    expect(outbox.Item).toMatchObject({ status: 'awaiting-interview', state: 'pending' });

    // The same read again: its version is gone. Nothing is written, nothing appended.
    await expect(repo.moveCase(read, 'held', (x) => x, { audit: event('case.held') })).rejects.toBeInstanceOf(ConflictError);
    expect(await repo.listAudit(c.id)).toHaveLength(2);
    expect(await repo.getCase(c.id)).toMatchObject({ status: 'awaiting-interview', version: 2 });
    expect(await verifyStoredAudit(repo, c.id)).toMatchObject({ ok: true, count: 2, head: { seq: 2 } });
  });

  it('a change whose head moved since the read (an append in between): the cancelled transaction returns the newer head, and the next one builds on it', async () => {
    const c = await newCase();
    await append(c.id, 'onboarding.received');
    const read = await repo.mustGetCase(c.id);
    await append(c.id, 'link.opened');
    const sent: string[] = [];
    const counting = { send: (command: { constructor: { name: string } }) => (sent.push(command.constructor.name), db.send(command as never)) } as unknown as DynamoDBDocumentClient;
    const changed = await new CaseRepository(counting, table).updateCase(read, (x) => ({ ...x, externalId: 'changed' }), {
      audit: (prev) => appendAuditEvent(prev as AuditEvent | undefined, { at: new Date().toISOString(), actor: 'system', action: 'risk.decided', caseId: c.id, data: {} }),
    });
    expect(sent).toEqual(['TransactWriteCommand', 'TransactWriteCommand']);
    expect((await repo.listAudit(c.id)).map((e) => e.action)).toEqual(['onboarding.received', 'link.opened', 'risk.decided']);
    expect(changed).toMatchObject({ externalId: 'changed', version: 2, auditHead: { seq: 3 } });
    expect(await verifyStoredAudit(repo, c.id)).toMatchObject({ ok: true, count: 3, head: { seq: 3 } });
  });

  it('setStage with an event on a case read before another writer moved it: the event applies to the status found, through the outbox', async () => {
    const c = await newCase();
    const read = await repo.mustGetCase(c.id);
    // Another writer moves the case after our read (checking -> awaiting-interview).
    const moved = await repo.moveCase(read, 'risk-cleared');
    await repo.setStage(c.id, 'approval', { state: 'waiting', findings: 0 }, 'approval-waiting', { read });
    const stored = (await repo.getCase(c.id))!;
    expect(stored).toMatchObject({ status: 'awaiting-approval', version: moved.version + 1, stages: { approval: { state: 'waiting' } } });
    // The status change was told: its outbox item is there.
    expect((await db.send(new GetCommand({ TableName: table, Key: keys.outbox(c.id, stored.version) }))).Item).toMatchObject({ status: 'awaiting-approval' });

    // Already where the event leads: one conditional update, no read.
    const sent: string[] = [];
    const counting = { send: (command: { constructor: { name: string } }) => (sent.push(command.constructor.name), db.send(command as never)) } as unknown as DynamoDBDocumentClient;
    await new CaseRepository(counting, table).setStage(c.id, 'document', { state: 'running', findings: 0 }, 'approval-waiting', { read: stored });
    expect(sent).toEqual(['UpdateCommand']);
    expect(await repo.getCase(c.id)).toMatchObject({ status: 'awaiting-approval', version: stored.version + 1, stages: { document: { state: 'running' } } });
  });

  it('a status change outside the lifecycle is refused, a forbidden event names itself, and a held case answers ComplianceHold', async () => {
    const c = await newCase();
    const read = await repo.mustGetCase(c.id);
    await expect(repo.updateCase(read, (x) => ({ ...x, status: 'approved' }))).rejects.toBeInstanceOf(StatusChangeOutsideLifecycle);
    await expect(repo.moveCase(read, 'reviewer-approved')).rejects.toThrow('Invalid transition: reviewer-approved from checking');
    const held = await repo.moveCase(read, 'held');
    await expect(repo.setStage(c.id, 'interview', { state: 'waiting', findings: 0 }, 'interview-waiting', { read: held })).rejects.toMatchObject({ name: 'ComplianceHold' });
    expect(await repo.getCase(c.id)).toMatchObject({ status: 'compliance-hold', version: held.version });
  });

  it('concurrent appenders and updates that carry their audit event: one valid chain, one event per update written', async () => {
    const c = await newCase();
    await append(c.id, 'onboarding.received');
    const appenders = Array.from({ length: 12 }, (_, i) => append(c.id, 'link.opened', { i }));
    const updaters = Array.from({ length: 6 }, async (_, i) => {
      for (;;) {
        const current = await repo.mustGetCase(c.id);
        try {
          return await repo.updateCase(current, (x) => ({ ...x, externalId: `${x.externalId}+${i}` }), {
            audit: (prev) => appendAuditEvent(prev as AuditEvent | undefined, { at: new Date().toISOString(), actor: 'system', action: 'risk.decided', caseId: c.id, data: { u: i } }),
          });
        } catch (err) {
          if (!(err instanceof ConflictError)) throw err;
        }
      }
    });
    await Promise.all([...appenders, ...updaters]);

    const trail = await repo.listAudit(c.id);
    expect(trail).toHaveLength(1 + 12 + 6);
    expect(
      trail
        .filter((e) => e.action === 'risk.decided')
        .map((e) => (e.data as { u: number }).u)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4, 5]);
    const after = (await repo.getCase(c.id))!;
    expect(after.version).toBe(1 + 6);
    expect(after.auditHead).toEqual({ seq: 19, hash: trail[18]!.hash });
    expect(await verifyStoredAudit(repo, c.id)).toMatchObject({ ok: true, count: 19, head: { seq: 19 } });
  });

  it('an update with a stale read keeps the newer head; an attribute the change drops is removed', async () => {
    const c = await newCase();
    await append(c.id, 'onboarding.received');
    const stale = await repo.mustGetCase(c.id);
    await append(c.id, 'onboarding.started');
    const updated = await repo.moveCase({ ...stale, risk: undefined, failure: { error: 'x', cause: 'y', at: stale.createdAt } }, 'failed');
    expect(updated.version).toBe(2);
    await repo.updateCase(updated, ({ failure: _f, ...x }) => x as CaseRecord);
    const stored = (await repo.getCase(c.id))!;
    expect(stored).toMatchObject({ status: 'failed', version: 3 });
    expect(stored.failure).toBeUndefined();
    expect(stored.auditHead?.seq).toBe(2);
    expect((await verifyStoredAudit(repo, c.id)).ok).toBe(true);
    // The status index moves with the status, as the Put used to do.
    const raw = (await db.send(new GetCommand({ TableName: table, Key: keys.case(c.id) }))).Item!;
    expect(raw).toMatchObject({ type: 'case', GSI2PK: 'STATUS#failed' });
  });

  it('a case item without a head (events from before heads existed): verification says so; the next append records one', async () => {
    const c = await newCase();
    for (let i = 0; i < 2; i++) await append(c.id, 'stage.completed', { i });
    await db.send(new UpdateCommand({ TableName: table, Key: keys.case(c.id), UpdateExpression: 'REMOVE auditHead' }));
    expect(await verifyStoredAudit(repo, c.id)).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringMatching(/records no audit head/) });
    await append(c.id, 'stage.completed', { i: 2 });
    expect(await verifyStoredAudit(repo, c.id)).toMatchObject({ ok: true, count: 3, head: { seq: 3 } });
  });

  it('no events for a case that does not exist, and no stub case item either', async () => {
    const id = `ob_${'f'.repeat(32)}`;
    await expect(append(id, 'link.opened')).rejects.toBeInstanceOf(NotFoundError);
    expect(await repo.listAudit(id)).toEqual([]);
    expect(await repo.getCase(id)).toBeUndefined();
  });
});
