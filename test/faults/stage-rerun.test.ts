import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LambdaFunctionError } from '../../infra/local/lambda-host';
import type { LocalRuntime } from '../../infra/local/runtime';
import { getOnboarding, loadRequest, postOnboarding, postSignals, startTestRuntime, waitFor, waitForStatus } from '../support/local-runtime';

/**
 * Issue 14, items 2 and 6 (checklist 39): every stage handler is idempotent per run. A stage run again
 * with the same run id (the workflow's retry of a timed-out invocation, or the replay after a SIGKILL of
 * a task whose result was not journaled yet) leaves the same evidence and appends no second audit event.
 */
describe('a stage run twice for the same run', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const caseItems = async (id: string) => {
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    return (await db.send(new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `CASE#${id}` }, ConsistentRead: true }))).Items ?? [];
  };
  const fn = (prefix: string) => [...rt.lambdas.functions.keys()].find((k) => k.startsWith(`${prefix}Function`))!;
  /** The event ids of the case's status events published to the event bus, sorted. */
  const statusEvents = (id: string) =>
    rt.events
      .map((e) => e.detail as { onboardingId?: string; eventId?: string })
      .filter((d) => d.onboardingId === id)
      .map((d) => String(d.eventId))
      .sort();

  it.each(['DocumentCheck', 'PublicRecordCheck', 'BankCheck', 'RiskDecision'])('%s: same evidence, same audit trail, same case', async (stage) => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = `rerun-${stage}`), (r.contractor.email = `rerun-${stage.toLowerCase()}@example.pl`))),
      `rerun-${stage}`,
    );
    const id = res.body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    await rt.engine.idle(5_000);
    const before = await caseItems(id);
    const viewBefore = await getOnboarding(rt, id);
    const eventsBefore = statusEvents(id);
    expect(eventsBefore, 'the checking and awaiting-interview events').toHaveLength(2);

    const out = await rt.lambdas.get(fn(stage)).invoke({ onboardingId: id, runId: id.replace('_', '-') });

    const after = await caseItems(id);
    /** The case's items whose sort key starts with `prefix`, whole, in key order. */
    const whole = (items: Record<string, unknown>[], prefix: string) =>
      items
        .filter((i) => String(i.SK).startsWith(prefix))
        .map((i) => JSON.stringify(i))
        .sort();
    const sks = (items: Record<string, unknown>[], prefix: string) =>
      items
        .map((i) => String(i.SK))
        .filter((sk) => sk.startsWith(prefix))
        .sort();
    expect(sks(after, 'AUDIT#'), 'no second audit event').toEqual(sks(before, 'AUDIT#'));
    expect(sks(after, 'EVIDENCE#')).toEqual(sks(before, 'EVIDENCE#'));
    expect(sks(after, 'OUTBOX#'), 'no second status change').toEqual(sks(before, 'OUTBOX#'));
    expect(whole(after, 'EVIDENCE#')).toEqual(whole(before, 'EVIDENCE#'));
    // The status events its first run told (the document check: the one the case was born with, claimed in its
    // result's transaction; the risk decision: its own, born claimed) are neither claimed nor published again.
    expect(whole(after, 'OUTBOX#')).toEqual(whole(before, 'OUTBOX#'));
    expect(statusEvents(id)).toEqual(eventsBefore);
    const viewAfter = await getOnboarding(rt, id);
    expect(viewAfter.status).toBe(viewBefore.status);
    expect(viewAfter.risk).toEqual(viewBefore.risk);
    expect(Object.fromEntries(Object.entries(viewAfter.stages as Record<string, { state: string }>).map(([k, v]) => [k, v.state]))).toEqual(
      Object.fromEntries(Object.entries(viewBefore.stages as Record<string, { state: string }>).map(([k, v]) => [k, v.state])),
    );
    expect(out).toBeDefined();
  });

  it('POST /onboardings replayed (same key, same body): every item of the case as it was (no second audit event, outbox item or fingerprint)', async () => {
    const request = loadRequest((r) => ((r.externalId = 'rerun-post'), (r.contractor.email = 'rerun-post@example.pl')));
    const res = await postOnboarding(rt, request, 'rerun-post');
    expect(res.status).toBe(202);
    const id = res.body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    await rt.engine.idle(5_000);
    const before = await caseItems(id);
    const again = await postOnboarding(rt, request, 'rerun-post');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(id);
    await rt.engine.idle(5_000);
    const after = await caseItems(id);
    const strip = (items: Record<string, unknown>[]) => items.map((i) => JSON.stringify(i)).sort();
    expect(strip(after)).toEqual(strip(before));
  });
  it("a document check that fails for good before it records anything: the status event the case was born with still goes out, once, before the failure's", async () => {
    // Claimed in the transaction of the check's result, which never comes: RecordFailure tells both, oldest first.
    // Every document check while this test runs (the tests of this file run one after the other).
    rt.lambdas.faults.set(fn('DocumentCheck'), () => new LambdaFunctionError('TypeError', 'document-check: Cannot read properties of undefined'));
    let failing: string | undefined;
    try {
      const res = await postOnboarding(
        rt,
        loadRequest((r) => ((r.externalId = 'rerun-doc-fails'), (r.contractor.email = 'rerun-doc-fails@example.pl'))),
        'rerun-doc-fails',
      );
      failing = res.body.id as string;
      await waitForStatus(rt, failing, 'failed');
    } finally {
      rt.lambdas.faults.delete(fn('DocumentCheck'));
    }
    const id = failing!;
    // With no webhook receiver an item is recorded delivered as it is claimed, and its event published right
    // after: waited for by the events.
    await waitFor(
      'both status events published',
      async () => statusEvents(id),
      (events) => events.length >= 2,
    );
    const delivered = (await caseItems(id)).filter((i) => String(i.SK).startsWith('OUTBOX#'));
    expect(delivered.map((i) => [i.status, i.state, i.attempts]).sort()).toEqual([
      ['checking', 'delivered', 1],
      ['failed', 'delivered', 1],
    ]);
    expect(statusEvents(id)).toHaveLength(2);
    const published = rt.events.map((e) => e.detail as { onboardingId?: string; status?: string; sequence?: number }).filter((d) => d.onboardingId === id);
    // Published in the order of the changes (RecordFailure attempts the fresh items oldest first).
    expect(published.map((d) => d.status)).toEqual(['checking', 'failed']);
  });
  it('a case changed before its document check runs (a signal in between): the status event it was born with is still told once, claimed by its key', async () => {
    // The first document check fails transiently until a login signal has been recorded on the case; the retry
    // finds the case past the version it was born with, so the claim cannot go into its result's transaction.
    let signalled: Promise<Response> | undefined;
    let recorded = false;
    rt.lambdas.faults.set(fn('DocumentCheck'), (_n, event) => {
      const { onboardingId } = event as { onboardingId: string };
      signalled ??= postSignals(rt, onboardingId, { signals: [{ type: 'login', time: new Date().toISOString(), ip: '83.0.0.1', accountId: 'acct-before-check' }] }).then((r) => ((recorded = true), r));
      return recorded ? undefined : new LambdaFunctionError('TransientError', 'document-check: dependency briefly unavailable');
    });
    let id: string;
    try {
      const res = await postOnboarding(
        rt,
        loadRequest((r) => ((r.externalId = 'rerun-doc-after-signal'), (r.contractor.email = 'rerun-doc-after-signal@example.pl'))),
        'rerun-doc-after-signal',
      );
      id = res.body.id as string;
      expect((await signalled!)?.status).toBe(202);
      const db = DynamoDBDocumentClient.from(rt.dynamo.client);
      const caseItem = (
        await db.send(
          new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :pk AND SK = :sk', ExpressionAttributeValues: { ':pk': `CASE#${id}`, ':sk': 'CASE' }, ConsistentRead: true }),
        )
      ).Items![0]!;
      expect(Number(caseItem.version), 'the signal moved the case past its first version').toBeGreaterThan(1);
      await waitForStatus(rt, id, ['awaiting-interview', 'compliance-hold']);
    } finally {
      rt.lambdas.faults.delete(fn('DocumentCheck'));
    }
    await rt.engine.idle(5_000);
    const born = (await caseItems(id)).find((i) => String(i.SK).startsWith('OUTBOX#') && i.sequence === 1);
    expect(born).toMatchObject({ status: 'checking', state: 'delivered', attempts: 1 });
    expect(statusEvents(id).filter((e) => e === `${id}.1`)).toHaveLength(1);
  });
});
