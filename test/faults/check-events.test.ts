import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentFunction, LambdaFunctionError } from '../../infra/local/lambda-host';
import type { LocalRuntime } from '../../infra/local/runtime';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import { verifyStoredAudit } from '../../shared/app/records/audit-trail';
import { loadRequest, postOnboarding, postSignals, startTestRuntime, waitFor, waitForStatus } from '../support/local-runtime';

/**
 * Issue 14 item 6 and the request budget: the three parallel checks record their evidence and stage state
 * without touching the audit chain's head (they raced on it, one retry each); the next single step, the
 * risk decision (or RecordFailure when the execution stops first), appends their `stage.completed` events
 * in its one transaction, in stage-name order, each at its evidence's time. Whatever runs twice (a check
 * replayed after a crash, the risk decision retried), every check has exactly one event in a valid chain.
 */
describe('the checks’ stage.completed events', () => {
  let rt: LocalRuntime & { apiKey: string };
  let repo: CaseRepository;
  beforeAll(async () => {
    rt = await startTestRuntime({ retryDelayMs: 20 });
    repo = new CaseRepository(DynamoDBDocumentClient.from(rt.dynamo.client), rt.tableName);
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const checks = { DocumentCheck: 'document', PublicRecordCheck: 'screening', BankCheck: 'bank' } as const;
  const fn = (prefix: string) => [...rt.lambdas.functions.keys()].find((k) => k.startsWith(`${prefix}Function`))!;
  /** The fixture applicant with identifiers of their own, so the tests do not link to each other. */
  const applicant = (externalId: string, n: number) =>
    loadRequest((r) => {
      r.externalId = externalId;
      r.contractor.email = `${externalId}@example.pl`;
      r.contractor.phone = `+486012346${String(n).padStart(2, '0')}`;
      r.employment[0].reference.email = `ref-${externalId}@example-software.pl`;
    });

  /** The chain is valid, and each check has exactly one stage.completed event, with its evidence's time and outcome. */
  const expectOneEventPerCheck = async (id: string) => {
    expect(await verifyStoredAudit(repo, id)).toMatchObject({ ok: true });
    const trail = await repo.listAudit(id);
    const completed = trail.filter((e) => e.action === 'stage.completed');
    expect(completed.map((e) => (e.data as { stage: string }).stage)).toEqual(['bank', 'document', 'screening']);
    const { c, evidence } = await repo.mustGetCaseWithEvidence(id);
    for (const e of completed) {
      const data = e.data as { stage: 'bank' | 'document' | 'screening'; outcome: string; findings: string[] };
      const recorded = evidence.filter((x) => x.stage === data.stage);
      expect(recorded).toHaveLength(1);
      expect(e.at).toBe(recorded[0]!.recordedAt);
      expect(e.actor).toBe(`stage:${data.stage}`);
      expect(data.outcome).toBe(c.stages[data.stage]!.state);
      expect(data.findings).toEqual(recorded[0]!.findings.map((f) => f.code));
    }
    // No event left owed.
    expect(c.owedEvents).toBeUndefined();
    return trail;
  };

  it('the checks send one read and one transaction each, and no fingerprint look-up of their own: the API makes it once for them, as it creates the case; the risk decision one read and one transaction', async () => {
    // Every DynamoDB request a hosted function sends, by function and operation (as the bench counts them).
    const host = new URL(rt.dynamo.endpoint).host;
    const sent = new Map<string, number>();
    const onRequest = (message: unknown): void => {
      const req = (message as { request: ClientRequest }).request;
      const fnId = currentFunction.getStore();
      if (!fnId || String(req.getHeader('host') ?? '') !== host) return;
      const key = `${fnId.replace(/Function[0-9A-F]{8}$/, '')} ${String(req.getHeader('x-amz-target') ?? '').replace(/^DynamoDB_\d+\./, '')}`;
      sent.set(key, (sent.get(key) ?? 0) + 1);
    };
    diagnostics.subscribe('http.client.request.created', onRequest);
    try {
      const res = await postOnboarding(rt, applicant('owed-requests', 3), 'owed-requests-1');
      const id = res.body.id as string;
      await waitForStatus(rt, id, 'awaiting-interview');
      await rt.engine.idle(5_000);
      await expectOneEventPerCheck(id);
    } finally {
      diagnostics.unsubscribe('http.client.request.created', onRequest);
    }
    const of = (prefix: string) => Object.fromEntries([...sent].filter(([k]) => k.startsWith(`${prefix} `)).map(([k, n]) => [k.slice(prefix.length + 1), n]));
    // The case, its first events, fingerprints and outbox item in one transaction, then the look-up (its Query
    // requests are this test's own GETs, waiting for the status).
    expect(of('Api')).toMatchObject({ TransactWriteItems: 1, ExecuteStatement: 1 });
    expect(of('Api').UpdateItem).toBeUndefined();
    // The first task also makes the prompt attempt of the case's first status event: claimed in the transaction
    // of its result, no request of its own.
    expect(of('DocumentCheck')).toEqual({ GetItem: 1, TransactWriteItems: 1 });
    expect(of('PublicRecordCheck')).toEqual({ GetItem: 1, TransactWriteItems: 1 });
    expect(of('BankCheck')).toEqual({ GetItem: 1, TransactWriteItems: 1 });
    // The risk decision reads the case with its evidence and writes the decision, its events and its outbox item
    // in one transaction; the item is born claimed by it, so its prompt attempt needs no claim request.
    expect(of('RiskDecision')).toEqual({ Query: 1, TransactWriteItems: 1 });
  }, 120_000);

  it('appended by the risk decision before its own event; checks replayed before and after it add nothing', async () => {
    const replays: Promise<unknown>[] = [];
    let runId = '';
    // The risk decision's first attempt fails transiently, after setting off a replay of every check (as
    // after a crash that lost their results): the retried decision and the replays meet in either order.
    rt.lambdas.faults.set('RiskDecisionFunction', (_n, event) => {
      if (runId) return undefined;
      const input = event as { onboardingId: string; runId: string };
      runId = input.runId;
      for (const check of Object.keys(checks)) replays.push(rt.lambdas.get(fn(check)).invoke(input));
      return new LambdaFunctionError('TransientError', 'risk-decision: dependency briefly unavailable');
    });
    const res = await postOnboarding(rt, applicant('owed-replay', 1), 'owed-replay-1');
    const id = res.body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    rt.lambdas.faults.delete('RiskDecisionFunction');
    await Promise.all(replays);
    expect(replays).toHaveLength(3);
    await rt.engine.idle(5_000);

    const trail = await expectOneEventPerCheck(id);
    // In the risk decision's transaction, right before its event, in stage-name order.
    const actions = trail.map((e) => String(e.action));
    const risk = actions.indexOf('risk.decided');
    expect(actions.slice(risk - 3, risk)).toEqual(['stage.completed', 'stage.completed', 'stage.completed']);
    expect(actions.filter((a) => a === 'risk.decided')).toHaveLength(1);

    // Replayed once more after the decision: the case item is not written again, the chain does not grow.
    const before = await repo.mustGetCase(id);
    for (const check of Object.keys(checks)) await rt.lambdas.get(fn(check)).invoke({ onboardingId: id, runId });
    const after = await repo.mustGetCase(id);
    expect(after.version).toBe(before.version);
    expect(after.auditHead).toEqual(before.auditHead);
    expect((await repo.listAudit(id)).length).toBe(trail.length);
  }, 120_000);

  it('an execution that stops at the risk decision: RecordFailure appends them with the failure; the redrive does not again', async () => {
    rt.lambdas.faults.set('RiskDecisionFunction', () => new LambdaFunctionError('TypeError', 'risk-decision: Cannot read properties of undefined'));
    const res = await postOnboarding(rt, applicant('owed-failure', 2), 'owed-failure-1');
    const id = res.body.id as string;
    await waitForStatus(rt, id, 'failed');
    await waitFor(
      'the execution to stop',
      () => rt.engine.describeExecution(rt.engine.executionArn(id.replace('_', '-'))),
      (e) => e.status !== 'RUNNING',
    );
    const failedTrail = await expectOneEventPerCheck(id);
    const actions = failedTrail.map((e) => String(e.action));
    expect(actions.slice(-4)).toEqual(['stage.completed', 'stage.completed', 'stage.completed', 'onboarding.failed']);

    rt.lambdas.faults.delete('RiskDecisionFunction');
    const answer = await fetch(`${rt.apiUrl}/onboardings/${id}/redrive`, { method: 'POST', headers: { 'x-api-key': rt.apiKey } });
    expect(answer.status).toBe(202);
    await waitForStatus(rt, id, 'awaiting-interview');
    await rt.engine.idle(5_000);
    const trail = await expectOneEventPerCheck(id);
    expect(trail.filter((e) => e.action === 'risk.decided')).toHaveLength(1);
  }, 120_000);
});

/** The same, with the workflow's retry pauses long enough (a second each) for a signal to land between two attempts. */
describe('the checks’ stage.completed events, with a signal between the checks and the risk decision', () => {
  let slow: LocalRuntime & { apiKey: string };
  let slowRepo: CaseRepository;
  beforeAll(async () => {
    slow = await startTestRuntime({ retryDelayMs: 1_000 });
    slowRepo = new CaseRepository(DynamoDBDocumentClient.from(slow.dynamo.client), slow.tableName);
  });
  afterAll(async () => {
    await slow?.stop();
  });
  const applicant = (externalId: string, n: number) =>
    loadRequest((r) => {
      r.externalId = externalId;
      r.contractor.email = `${externalId}@example.pl`;
      r.contractor.phone = `+486012346${String(n).padStart(2, '0')}`;
      r.employment[0].reference.email = `ref-${externalId}@example-software.pl`;
    });

  it('a payout change between the bank check and the risk decision replaces the bank stage state: both bank runs keep their one event', async () => {
    let posted: Promise<Response> | undefined;
    let changed = false;
    // The risk decision waits (transient failures, retried by the workflow) until the payout change is in.
    slow.lambdas.faults.set('RiskDecisionFunction', (_n, event) => {
      const { onboardingId } = event as { onboardingId: string };
      posted ??= postSignals(slow, onboardingId, {
        signals: [
          {
            type: 'payout-account-change',
            time: new Date().toISOString(),
            payment: { method: 'uk-sort-code', accountHolder: 'Anna Maria Kowalska', sortCode: '08-99-99', accountNumber: '66374958' },
          },
        ],
      }).then((r) => ((changed = true), r));
      return changed ? undefined : new LambdaFunctionError('TransientError', 'risk-decision: waiting for the payout change');
    });
    const res = await postOnboarding(slow, applicant('owed-payout', 4), 'owed-payout-1');
    const id = res.body.id as string;
    // Decided (the new account may hold the case: either way the risk decision ran), not failed.
    const decided = await waitFor(
      'the risk decision',
      () => slowRepo.mustGetCase(id),
      (c) => c.risk !== undefined || c.status === 'failed',
      60_000,
    );
    slow.lambdas.faults.delete('RiskDecisionFunction');
    expect(decided.failure).toBeUndefined();
    expect((await posted!).status).toBe(202);
    await slow.engine.idle(5_000);

    expect(await verifyStoredAudit(slowRepo, id)).toMatchObject({ ok: true });
    const { c, evidence } = await slowRepo.mustGetCaseWithEvidence(id);
    expect(c.owedEvents).toBeUndefined();
    const trail = await slowRepo.listAudit(id);
    const completed = trail.filter((e) => e.action === 'stage.completed');
    // One event per run of each check's stage (the bank's: the check's and the payout change's), the
    // check's own at its evidence's time.
    const count = (stages: string[]) => Object.fromEntries(['bank', 'document', 'screening'].map((k) => [k, stages.filter((x) => x === k).length]));
    expect(count(completed.map((e) => (e.data as { stage: string }).stage))).toEqual(count(evidence.map((e) => e.stage)));
    expect(count(completed.map((e) => (e.data as { stage: string }).stage))).toEqual({ bank: 2, document: 1, screening: 1 });
    const checkRun = evidence.find((e) => e.stage === 'bank' && e.runId === id.replace('_', '-'))!;
    expect(completed.filter((e) => (e.data as { stage: string }).stage === 'bank' && e.at === checkRun.recordedAt)).toHaveLength(1);
  }, 120_000);
});
