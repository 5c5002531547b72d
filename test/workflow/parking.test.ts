import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { runtimeTableName } from '../../infra/local/execution-store';
import type { LocalRuntime } from '../../infra/local/runtime';
import { openLink, startTestRuntime, startToApproval, submitForm, waitFor, waitForStatus } from '../support/local-runtime';

type Rt = LocalRuntime & { apiKey: string };

async function executionArnOf(rt: Rt, onboardingId: string): Promise<string> {
  const db = DynamoDBDocumentClient.from(rt.dynamo.client);
  const page = await db.send(new ScanCommand({ TableName: runtimeTableName, FilterExpression: 'kind = :k', ExpressionAttributeValues: { ':k': 'execution' } }));
  const names = (page.Items ?? []).filter((i) => (JSON.parse(String(i.input)) as { onboardingId: string }).onboardingId === onboardingId).map((i) => String(i.name));
  expect(names).toHaveLength(1);
  return rt.engine.executionArn(names[0]!);
}

/** Drives one onboarding to approval (both reviewers approve) and returns its execution's history. */
async function approvedHistory(rt: Rt, key: string, whileWaiting: (arn: string) => Promise<void>) {
  const { id, reviewerLinks } = await startToApproval(rt, key);
  const arn = await executionArnOf(rt, id);
  await whileWaiting(arn);
  for (const link of reviewerLinks) {
    const page = await openLink(link);
    if (page.status !== 200) continue; // decided by the first reviewer when the risk is low
    await submitForm(link, { csrf: page.csrf, view: page.view, action: 'approve', reason: 'Identity confirmed on the video call.' });
  }
  await waitForStatus(rt, id, 'approved');
  await waitFor(
    'the execution to finish',
    () => rt.engine.describeExecution(arn),
    (e) => e.status !== 'RUNNING',
  );
  expect((await rt.engine.describeExecution(arn)).status).toBe('SUCCEEDED');
  return rt.engine.history(arn);
}

const shape = (h: { type: string; stateName?: string }[]) => h.map((e) => `${e.type}${e.stateName ? `:${e.stateName}` : ''}`);

/**
 * Memory flat over many waiting onboardings: an execution that waits at a person's step (a top-level
 * callback) is taken out of the engine's memory and replayed from the journal when the link is used. The
 * journey and the execution history must be exactly those of an execution kept in memory throughout.
 */
describe('executions parked at a callback', () => {
  // One runtime at a time: the handlers' AWS endpoints are process-wide settings.
  let rt: Rt | undefined;
  afterAll(async () => {
    await rt?.stop();
  });

  it('leave memory while a person is awaited, resume on the click, and keep the same history as one kept in memory', async () => {
    let parkedHistory: string[] = [];
    const parking = (rt = await startTestRuntime());
    const parked = await approvedHistory(parking, 'parking-one', async (arn) => {
      // Waiting for the reviewers: nothing of the execution is in memory; it is still RUNNING.
      await waitFor(
        'the execution to park',
        async () => [parking.engine.inMemoryCount(), parking.engine.parkedCount()],
        ([m, p]) => m === 0 && p === 1,
      );
      expect(parking.engine.runningCount()).toBe(1);
      expect((await parking.engine.describeExecution(arn)).status).toBe('RUNNING');
      // Its history so far is readable while parked (from the journal), Lambda events included.
      parkedHistory = shape(await parking.engine.history(arn));
    });
    expect(parkedHistory).toContain('LambdaFunctionScheduled:RiskDecision');
    expect(parkedHistory).toContain('TaskStateEntered:Approval');
    expect(parking.engine.runningCount()).toBe(0);
    await parking.stop();

    const inMemory = (rt = await startTestRuntime({ parkCallbacks: false }));
    const kept = await approvedHistory(inMemory, 'parking-one', async () => {
      expect(inMemory.engine.parkedCount()).toBe(0);
      expect(inMemory.engine.inMemoryCount()).toBe(1);
    });
    // The same events, numbered 1..n without gaps: replays added and lost nothing. Each state's events come
    // in the same order; across states the order is not fixed (the three checks run in parallel branches).
    expect([...shape(parked)].sort()).toEqual([...shape(kept)].sort());
    for (const state of new Set(kept.map((e) => e.stateName))) expect(shape(parked.filter((e) => e.stateName === state)), String(state)).toEqual(shape(kept.filter((e) => e.stateName === state)));
    expect(parked.map((e) => e.id)).toEqual(parked.map((_, i) => i + 1));
    expect(shape(parked).filter((t) => t === 'ExecutionStarted')).toHaveLength(1);
    expect(shape(parked).filter((t) => t === 'LambdaFunctionScheduled:RiskDecision')).toHaveLength(1);
    // The history seen while parked is the start of the final one.
    expect(shape(parked).slice(0, parkedHistory.length)).toEqual(parkedHistory);
  });
});
