import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { distinctApplicant } from '../support/applicants';
import { postOnboarding, startTestRuntime, waitFor, waitForCases } from '../support/local-runtime';

/**
 * Checklist item 29 at test size (npm run bench runs the full 1,000): onboardings started at once all reach
 * their expected state, none lost, none duplicated. Sixty different people (test/support/applicants.ts): the
 * same sixty sharing one account and phone would be a laptop farm, linked to each other, which
 * test/faults/farm.test.ts starts at once on its own.
 */
describe('many onboardings at once', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('60 concurrent starts (and a duplicate of each): 60 onboardings, 60 executions, all awaiting the interview', async () => {
    const n = 60;
    const bodies = Array.from({ length: n }, (_, i) => distinctApplicant(i, 'load'));
    const started = await Promise.all(bodies.flatMap((b, i) => [postOnboarding(rt, b, `load-key-${i}`), postOnboarding(rt, b, `load-key-${i}`)]));
    expect(started.every((s) => s.status === 202 || s.status === 200)).toBe(true);
    const ids = [...new Set(started.map((s) => s.body.id as string))];
    expect(ids).toHaveLength(n);
    // Read from the table: 60 API reads every poll would compete with the onboardings for the functions' slots.
    const states = await waitForCases(rt, ids, 'every onboarding to await its interview', (o) => o.status === 'awaiting-interview', 150_000);
    expect(states).toHaveLength(n);
    for (const id of ids) {
      const exec = await rt.engine.describeExecution(rt.engine.executionArn(id.replace('_', '-')));
      expect(exec.status).toBe('RUNNING');
    }
    // One slot invitation each: the interview step ran once per onboarding.
    const invitations = await waitFor(
      'the slot invitations',
      async () => (await rt.mailbox.list(1000)).filter((m) => /choose a time/i.test(m.subject) && m.to[0]!.startsWith('c-load-')),
      (l) => l.length >= n,
      60_000,
    );
    expect(new Set(invitations.map((m) => m.to[0])).size).toBe(n);
    expect(invitations).toHaveLength(n);
  }, 180_000);
});

/**
 * Checklist item 30: DynamoDB Local frozen (SIGSTOP) for three seconds in the middle of a batch. Every
 * request in flight waits, the retries carry the work through, and no onboarding is lost or stuck.
 */
describe('DynamoDB Local frozen mid-run', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    // A JVM of its own: this test stops it.
    rt = await startTestRuntime({ ownDynamoDb: true });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('every onboarding still reaches the interview, or fails loudly with the error recorded', async () => {
    const ids: string[] = [];
    // The HRIS does what the API's 503 asks: it retries with the same Idempotency-Key.
    const start = async (i: number) => {
      const body = distinctApplicant(i, 'freeze');
      for (let attempt = 0; attempt < 40; attempt++) {
        const res = await postOnboarding(rt, body, `freeze-key-${i}`);
        if (res.status !== 503) {
          expect([200, 202]).toContain(res.status);
          ids.push(res.body.id);
          return;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`onboarding ${i} was never accepted`);
    };
    const pending = Array.from({ length: 10 }, (_, i) => start(i));
    await new Promise((r) => setTimeout(r, 150));
    const pid = rt.dynamo.process!.pid!;
    process.kill(pid, 'SIGSTOP');
    await new Promise((r) => setTimeout(r, 3000));
    process.kill(pid, 'SIGCONT');
    await Promise.all(pending);
    const states = await waitForCases(
      rt,
      ids,
      'every onboarding to settle',
      (o) => o.status === 'awaiting-interview' || (o.status === 'failed' && Boolean((o.failure as { error?: string } | undefined)?.error)),
      90_000,
    );
    expect(states).toHaveLength(10);
    expect(states.filter((o) => o.status === 'awaiting-interview').length).toBe(10);
  }, 180_000);
});
