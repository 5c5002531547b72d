import * as fs from 'node:fs';
import * as path from 'node:path';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { startCaseTable } from '../support/case-table';
import type { CaseRecord } from '../../shared/domain/cases/case-model';
import { CaseRepository, EvidenceExistsError } from '../../shared/adapters/dynamodb/case-repository';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { outboxDefaults, WebhookOutbox } from '../../shared/adapters/notify/outbox-delivery';
import { outboxRecordOf, PROMPT_LEASE_MS, type WriterClaim } from '../../shared/adapters/dynamodb/outbox-item';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';

const application = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'onboarding-request.json'), 'utf8')) as OnboardingRequest;

/**
 * The prompt claim of an outbox item on real DynamoDB Local: made right after the change, it keeps the
 * lease the item was written with (and so its place in the delivery queue); on an item whose lease is
 * mostly gone, it takes a fresh lease, as a sweep's claim does. Either way the item is attempted once.
 */
describe('outbox prompt claim', () => {
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

  /** A case moved to "checking": the change writes its outbox item (sequence 2). */
  async function changedCase(claim?: WriterClaim): Promise<CaseRecord> {
    const id = `ob_${(++n).toString(16).padStart(32, '0')}`;
    const now = new Date().toISOString();
    const record: CaseRecord = { id, clientId: 'hris', externalId: `x-${n}`, status: 'received', version: 1, createdAt: now, updatedAt: now, executionName: `ob-${n}`, application, stages: {} };
    await repo.createCase(record, { clientId: 'hris', key: `k-${n}`, requestHash: 'h', onboardingId: id, createdAt: now });
    return repo.moveCase(record, 'checks-started', undefined, claim ? { claim } : {});
  }
  /** Its writer died long ago: three quarters of the item's prompt lease are gone. */
  async function lapseLease(c: CaseRecord): Promise<void> {
    const soon = new Date(Date.now() + PROMPT_LEASE_MS / 4).toISOString();
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: keys.outbox(c.id, c.version),
        UpdateExpression: 'SET nextAttemptAt = :t, GSI2SK = :sk',
        ExpressionAttributeValues: { ':t': soon, ':sk': keys.webhookQueue(soon, c.id, c.version).GSI2SK },
      }),
    );
  }
  const outboxItem = async (c: CaseRecord) => (await db.send(new GetCommand({ TableName: table, Key: keys.outbox(c.id, c.version), ConsistentRead: true }))).Item!;

  /** An outbox whose receiver records the item as stored while its attempt is in flight (`client`: its DynamoDB client). */
  function outboxSeeing(c: CaseRecord, client: DynamoDBDocumentClient = db) {
    const during: Record<string, unknown>[] = [];
    const outbox = new WebhookOutbox(client, {
      ...outboxDefaults,
      table,
      webhookUrl: 'http://receiver.invalid/hook',
      webhookKey: Buffer.alloc(32, 1),
      fetchImpl: (async () => {
        during.push(await outboxItem(c));
        return new Response(null, { status: 204 });
      }) as typeof fetch,
    });
    return { outbox, during };
  }

  it('right after the change: the claim keeps the written lease and queue position, and the item is delivered once', async () => {
    const c = await changedCase();
    const written = await outboxItem(c);
    expect(written).toMatchObject({ state: 'pending', attempts: 0, GSI2PK: 'WEBHOOK#due' });
    const { outbox, during } = outboxSeeing(c);

    expect(await outbox.deliverPromptly(c.id)).toEqual(['delivered']);
    expect(during).toHaveLength(1);
    expect(during[0]).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: written.nextAttemptAt, GSI2PK: 'WEBHOOK#due', GSI2SK: written.GSI2SK });
    expect(await outboxItem(c)).toMatchObject({ state: 'delivered', attempts: 1 });
    // Nothing is left for another prompt attempt.
    expect(await outbox.deliverPromptly(c.id)).toEqual([]);
  });

  it('an item whose lease is mostly gone (its writer died): the prompt claim takes a fresh lease and moves it in the queue', async () => {
    const c = await changedCase();
    await lapseLease(c);
    const { outbox, during } = outboxSeeing(c);
    const before = Date.now();

    expect(await outbox.deliverPromptly(c.id)).toEqual(['delivered']);
    const leased = during[0]!;
    expect(leased).toMatchObject({ state: 'pending', attempts: 1 });
    expect(Date.parse(String(leased.nextAttemptAt))).toBeGreaterThanOrEqual(before + PROMPT_LEASE_MS);
    expect(leased.GSI2SK).toBe(keys.webhookQueue(String(leased.nextAttemptAt), c.id, c.version).GSI2SK);
  });

  it('no webhook receiver: the claim records the item delivered in the same write, the event goes out once, the item leaves the queue', async () => {
    const c = await changedCase();
    const published: unknown[] = [];
    const outbox = new WebhookOutbox(db, { ...outboxDefaults, table, webhookKey: Buffer.alloc(32, 1), publish: async (e) => void published.push(e) });

    // The item the change wrote, known to the writer without a read (outboxRecordOf the changed case).
    expect(await outbox.deliverPromptly(c.id, [outboxRecordOf(c, c.updatedAt)])).toEqual(['delivered']);
    const item = await outboxItem(c);
    expect(item).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(item.GSI2PK).toBeUndefined();
    expect(published).toEqual([expect.objectContaining({ eventId: `${c.id}.${c.version}`, status: 'checking' })]);
    // A second prompt attempt of the same item loses the claim: no second event.
    expect(await outbox.deliverPromptly(c.id, [outboxRecordOf(c, c.updatedAt)])).toEqual(['lost-claim']);
    expect(await outbox.deliverPromptly(c.id)).toEqual([]);
    expect(published).toHaveLength(1);
  });

  it('no webhook receiver, a lapsed lease: delivered in one write as well', async () => {
    const c = await changedCase();
    await lapseLease(c);
    const outbox = new WebhookOutbox(db, { ...outboxDefaults, table, webhookKey: Buffer.alloc(32, 1), publish: async () => undefined });
    expect(await outbox.deliverPromptly(c.id)).toEqual(['delivered']);
    expect(await outboxItem(c)).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  /** The requests an outbox sends, by command name. */
  function counting() {
    const sent: string[] = [];
    const client = { send: (cmd: { constructor: { name: string } }) => (sent.push(cmd.constructor.name), db.send(cmd as never)) } as unknown as DynamoDBDocumentClient;
    return { client, sent };
  }

  describe('by its key (deliverPromptlyAt: the status event a new case is born with)', () => {
    it('no webhook receiver: one request claims it, records it delivered and reads it back; the event goes out once', async () => {
      const c = await changedCase();
      const { client, sent } = counting();
      const published: unknown[] = [];
      const outbox = new WebhookOutbox(client, { ...outboxDefaults, table, webhookKey: Buffer.alloc(32, 1), publish: async (e) => void published.push(e) });

      expect(await outbox.deliverPromptlyAt(c.id, c.version)).toEqual(['delivered']);
      expect(sent).toEqual(['UpdateCommand']);
      const item = await outboxItem(c);
      expect(item).toMatchObject({ state: 'delivered', attempts: 1 });
      expect(item.GSI2PK).toBeUndefined();
      expect(published).toEqual([expect.objectContaining({ eventId: `${c.id}.${c.version}`, status: 'checking' })]);

      // A re-run of the task: the claim fails, the query finds nothing fresh, no second event.
      expect(await outbox.deliverPromptlyAt(c.id, c.version)).toEqual([]);
      expect(published).toHaveLength(1);
    });

    it('with a receiver: the claim keeps the written lease and queue position, the webhook is sent once, no query', async () => {
      const c = await changedCase();
      const written = await outboxItem(c);
      const { client, sent } = counting();
      const { outbox, during } = outboxSeeing(c, client);

      expect(await outbox.deliverPromptlyAt(c.id, c.version)).toEqual(['delivered']);
      expect(sent).not.toContain('QueryCommand');
      expect(during).toEqual([expect.objectContaining({ state: 'pending', attempts: 1, nextAttemptAt: written.nextAttemptAt, GSI2SK: written.GSI2SK })]);
      expect(await outboxItem(c)).toMatchObject({ state: 'delivered', attempts: 1 });
    });

    it('a lease mostly gone (its writer died long ago): not claimed by key; the fresh item is claimed with a fresh lease, once', async () => {
      const c = await changedCase();
      await lapseLease(c);
      const { outbox, during } = outboxSeeing(c);
      const before = Date.now();
      expect(await outbox.deliverPromptlyAt(c.id, c.version)).toEqual(['delivered']);
      expect(during).toHaveLength(1);
      expect(Date.parse(String(during[0]!.nextAttemptAt))).toBeGreaterThanOrEqual(before + PROMPT_LEASE_MS);
    });

    it('no item at that key (a case born before this version of the API): every fresh item of the case is attempted instead', async () => {
      const c = await changedCase();
      const published: unknown[] = [];
      const outbox = new WebhookOutbox(db, { ...outboxDefaults, table, webhookKey: Buffer.alloc(32, 1), publish: async (e) => void published.push(e) });
      expect(await outbox.deliverPromptlyAt(c.id, c.version + 5)).toEqual(['delivered']);
      expect(published).toEqual([expect.objectContaining({ eventId: `${c.id}.${c.version}` })]);
    });
  });
  describe('born claimed by its writer (moveCase with a claim: the writer makes the prompt attempt right after)', () => {
    it("with a receiver: written claimed under the writer's lease and in the queue; the writer sends it once with no claim request, a re-run finds nothing to claim", async () => {
      const c = await changedCase('claimed');
      const written = await outboxItem(c);
      expect(written).toMatchObject({ state: 'pending', attempts: 1, GSI2PK: 'WEBHOOK#due', lastAttemptAt: c.updatedAt });
      expect(Date.parse(String(written.nextAttemptAt))).toBe(Date.parse(c.updatedAt) + PROMPT_LEASE_MS);
      const { client, sent } = counting();
      const { outbox, during } = outboxSeeing(c, client);
      expect(outbox.writerClaim()).toBe('claimed');

      expect(await outbox.deliverClaimed(outboxRecordOf(c, c.updatedAt, 'claimed'))).toEqual(['delivered']);
      // The webhook went out during the attempt the transaction claimed; then one write settles it.
      expect(during).toEqual([expect.objectContaining({ state: 'pending', attempts: 1 })]);
      expect(sent).toEqual(['UpdateCommand']);
      const item = await outboxItem(c);
      expect(item).toMatchObject({ state: 'delivered', attempts: 1 });
      expect(item.GSI2PK).toBeUndefined();
      // A re-run of the writer's task, or another prompt deliverer: nothing fresh, no second attempt.
      expect(await outbox.deliverPromptly(c.id)).toEqual([]);
      expect(await outbox.deliverPromptly(c.id, [outboxRecordOf(c, c.updatedAt)])).toEqual(['lost-claim']);
      expect(during).toHaveLength(1);
    });

    it('no webhook receiver: written settled, out of the queue; the writer publishes the event once and sends no request', async () => {
      const c = await changedCase('settled');
      const item = await outboxItem(c);
      expect(item).toMatchObject({ state: 'delivered', attempts: 1, deliveredAt: c.updatedAt });
      expect(item.GSI2PK).toBeUndefined();
      const { client, sent } = counting();
      const published: unknown[] = [];
      const outbox = new WebhookOutbox(client, { ...outboxDefaults, table, webhookKey: Buffer.alloc(32, 1), publish: async (e) => void published.push(e) });
      expect(outbox.writerClaim()).toBe('settled');

      expect(await outbox.deliverClaimed(outboxRecordOf(c, c.updatedAt, 'settled'))).toEqual(['delivered']);
      expect(sent).toEqual([]);
      expect(published).toEqual([expect.objectContaining({ eventId: `${c.id}.${c.version}`, status: 'checking' })]);
      expect(await outbox.deliverPromptly(c.id)).toEqual([]);
      expect(published).toHaveLength(1);
    });

    it("its writer died before the attempt: the sweep takes it once the writer's lease is out, not before", async () => {
      const c = await changedCase('claimed');
      const written = await outboxItem(c);
      const leaseEnd = Date.parse(String(written.nextAttemptAt));
      // The receiver records which events it was sent (a sweep may also find other cases' due items).
      const sentEvents: string[] = [];
      const outbox = new WebhookOutbox(db, {
        ...outboxDefaults,
        table,
        webhookUrl: 'http://receiver.invalid/hook',
        webhookKey: Buffer.alloc(32, 1),
        fetchImpl: (async (_url: unknown, init?: RequestInit) => {
          sentEvents.push((JSON.parse(String(init?.body)) as { eventId: string }).eventId);
          return new Response(null, { status: 204 });
        }) as typeof fetch,
      });
      const mine = () => sentEvents.filter((e) => e === `${c.id}.${c.version}`);

      // Within the lease: not due.
      await outbox.sweep(new Date(leaseEnd - 1), Number.POSITIVE_INFINITY);
      expect(mine()).toHaveLength(0);
      expect(await outboxItem(c)).toMatchObject({ state: 'pending', attempts: 1 });
      // After it: claimed as the second attempt and delivered once.
      await outbox.sweep(new Date(leaseEnd + 1), Number.POSITIVE_INFINITY);
      expect(mine()).toHaveLength(1);
      expect(await outboxItem(c)).toMatchObject({ state: 'delivered', attempts: 2 });
    });

    it('an item its writer did not claim is refused by deliverClaimed (its claim would be skipped)', async () => {
      const c = await changedCase();
      const { outbox, during } = outboxSeeing(c);
      await expect(outbox.deliverClaimed(outboxRecordOf(c, c.updatedAt))).rejects.toThrow(/not claimed by its writer/);
      expect(during).toHaveLength(0);
      expect(await outboxItem(c)).toMatchObject({ state: 'pending', attempts: 0 });
    });
  });
  describe("claimed in the transaction of the first check's result (claimInTransaction with putCheckResult)", () => {
    let run = 0;
    const evidence = (c: CaseRecord) => ({ caseId: c.id, stage: 'document' as const, runId: `run-${++run}`, recordedAt: new Date().toISOString(), inputs: {}, findings: [] });
    const passed = { state: 'passed' as const, findings: 0 };

    it('with a receiver: the result and the claim in one transaction; the webhook is sent once, then one write settles it', async () => {
      const c = await changedCase();
      const written = await outboxItem(c);
      const { client, sent } = counting();
      const { outbox, during } = outboxSeeing(c, client);
      const { update, claimed } = outbox.claimInTransaction(outboxRecordOf(c, c.updatedAt));

      expect(await repo.putCheckResult(evidence(c), 'document', passed, update)).toBe(true);
      const item = await outboxItem(c);
      // The claim kept the lease the item was written with, and its place in the queue.
      expect(item).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: written.nextAttemptAt, GSI2SK: written.GSI2SK });
      expect((await repo.mustGetCase(c.id)).stages.document).toMatchObject({ state: 'passed' });

      expect(await outbox.deliverClaimed(claimed)).toEqual(['delivered']);
      expect(during).toHaveLength(1);
      expect(sent).toEqual(['UpdateCommand']);
      expect(await outboxItem(c)).toMatchObject({ state: 'delivered', attempts: 1 });
      expect(await outbox.deliverPromptlyAt(c.id, c.version)).toEqual([]);
      expect(during).toHaveLength(1);
    });

    it('no webhook receiver: the transaction records it delivered; the event goes out once and no request follows', async () => {
      const c = await changedCase();
      const { client, sent } = counting();
      const published: unknown[] = [];
      const outbox = new WebhookOutbox(client, { ...outboxDefaults, table, webhookKey: Buffer.alloc(32, 1), publish: async (e) => void published.push(e) });
      const { update, claimed } = outbox.claimInTransaction(outboxRecordOf(c, c.updatedAt));

      expect(await repo.putCheckResult(evidence(c), 'document', passed, update)).toBe(true);
      const item = await outboxItem(c);
      expect(item).toMatchObject({ state: 'delivered', attempts: 1 });
      expect(item.GSI2PK).toBeUndefined();
      expect(await outbox.deliverClaimed(claimed)).toEqual(['delivered']);
      expect(sent).toEqual([]);
      expect(published).toEqual([expect.objectContaining({ eventId: `${c.id}.${c.version}`, status: 'checking' })]);
    });

    it('a record that is not the stored item (another body): no claim, the result is written all the same, the item is left as it was', async () => {
      const c = await changedCase();
      const { outbox } = outboxSeeing(c);
      const { update } = outbox.claimInTransaction(outboxRecordOf({ ...c, externalId: 'someone-else' }, c.updatedAt));

      expect(await repo.putCheckResult(evidence(c), 'document', passed, update)).toBe(false);
      expect((await repo.mustGetCase(c.id)).stages.document).toMatchObject({ state: 'passed' });
      expect(await outboxItem(c)).toMatchObject({ state: 'pending', attempts: 0 });
    });

    it('an item whose lease is mostly gone: no claim in the transaction; claimed by its key afterwards with a fresh lease, once', async () => {
      const c = await changedCase();
      await lapseLease(c);
      const { outbox, during } = outboxSeeing(c);
      const { update } = outbox.claimInTransaction(outboxRecordOf(c, c.updatedAt));

      expect(await repo.putCheckResult(evidence(c), 'document', passed, update)).toBe(false);
      expect(await outboxItem(c)).toMatchObject({ state: 'pending', attempts: 0 });
      expect(await outbox.deliverPromptlyAt(c.id, c.version)).toEqual(['delivered']);
      expect(during).toHaveLength(1);
    });

    it('a re-run of a recorded result: EvidenceExistsError, and the item keeps the one attempt of the first run', async () => {
      const c = await changedCase();
      const { outbox } = outboxSeeing(c);
      const first = evidence(c);
      expect(await repo.putCheckResult(first, 'document', passed, outbox.claimInTransaction(outboxRecordOf(c, c.updatedAt)).update)).toBe(true);
      await expect(repo.putCheckResult(first, 'document', passed, outbox.claimInTransaction(outboxRecordOf(c, c.updatedAt)).update)).rejects.toThrow(EvidenceExistsError);
      expect(await outboxItem(c)).toMatchObject({ state: 'pending', attempts: 1 });
    });
  });
});
