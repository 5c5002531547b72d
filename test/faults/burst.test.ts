import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { distinctApplicant } from '../support/applicants';
import { postOnboarding, startTestRuntime, waitForCases } from '../support/local-runtime';

/**
 * Issue 14, item 1 (checklist 36): a burst larger than the functions' concurrency is queued (throttled),
 * and the API refuses what its queue cannot hold with 429, never failing an onboarding. Limits far below
 * the burst make the queue certain on any machine.
 */
describe('a burst of 60 onboardings with a concurrency of 4 per function and 8 in all', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime({ lambdaConcurrency: { limit: 4, accountLimit: 8 }, apiQueueLimit: 10 });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('every onboarding reaches the interview: none failed, none lost, none duplicated; the waits are throttles', async () => {
    const n = 60;
    const refused: number[] = [];
    // The HRIS does what a 429 asks: waits at least as long as Retry-After says (up to half as long again) and sends
    // the same request again.
    const start = async (i: number): Promise<string> => {
      // Sixty different people: a burst, not a laptop farm (test/faults/farm.test.ts).
      const body = distinctApplicant(i, 'burst');
      for (;;) {
        const res = await postOnboarding(rt, body, `burst-key-${i}`);
        if (res.status === 429) {
          refused.push(i);
          const after = Number(res.headers.get('retry-after'));
          expect(after).toBeGreaterThan(0);
          await new Promise((r) => setTimeout(r, after * 1000 * (1 + Math.random() / 2)));
          continue;
        }
        expect([200, 202]).toContain(res.status);
        return res.body.id as string;
      }
    };
    const ids = await Promise.all(Array.from({ length: n }, (_, i) => start(i)));
    expect(new Set(ids).size).toBe(n);
    // Read from the table, not through the API: polling so many onboardings would take the very slots measured.
    const states = await waitForCases(rt, ids, 'every onboarding to settle', (o) => o.status === 'awaiting-interview' || o.status === 'failed', 500_000);
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    expect(states.filter((o) => o.status === 'failed').map((o) => o.failure)).toEqual([]);
    // One execution per onboarding, and each stage recorded once.
    for (const id of ids.slice(0, 20)) {
      const items = (await db.send(new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `CASE#${id}` } }))).Items ?? [];
      const completed = items.filter((i) => i.type === 'audit' && i.action === 'stage.completed').map((i) => String((i.data as { stage: string }).stage));
      expect(completed.sort()).toEqual([...new Set(completed)].sort());
      const exec = await rt.engine.describeExecution(rt.engine.executionArn(id.replace('_', '-')));
      expect(exec.status).toBe('RUNNING');
    }
    const stats = rt.lambdas.concurrencyStats();
    expect(stats.throttled).toBeGreaterThan(0);
    expect(stats.waiting).toBe(0);
  }, 600_000);
});
