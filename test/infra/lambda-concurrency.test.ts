import { describe, expect, it } from 'vitest';
import { invokeRoute, type Route } from '../../infra/local/api-gateway';
import { ConcurrencyGate, drainSeconds, limitsFromEnv } from '../../infra/local/concurrency';
import type { LambdaHost } from '../../infra/local/lambda-host';

/** Lets every promise callback that is ready run (no timers involved). */
const settle = () => new Promise<void>((r) => setImmediate(r));

describe('local Lambda concurrency (the gate every hosted invocation passes)', () => {
  it('runs at most the function limit at once; the rest wait and start in arrival order as slots free', async () => {
    const gate = new ConcurrencyGate({ limit: 2, accountLimit: 10 });
    const started: number[] = [];
    const grants = Array.from({ length: 5 }, (_, i) => gate.acquire('Fn').then(() => started.push(i)));
    await settle();
    expect(started).toEqual([0, 1]);
    expect(gate.waiting('Fn')).toBe(3);
    gate.release('Fn');
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gate.release('Fn');
    gate.release('Fn');
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    await Promise.all(grants);
    const stats = gate.stats();
    expect(stats).toMatchObject({ invocations: 5, throttled: 3, waiting: 0, peakWaiting: 3 });
  });

  it('the account limit holds across functions, and a freed slot goes to the longest-waiting invocation of a function with room', async () => {
    const gate = new ConcurrencyGate({ limit: 2, accountLimit: 3 });
    const started: string[] = [];
    const go = (fn: string, tag: string) => void gate.acquire(fn).then(() => started.push(tag));
    go('A', 'a1');
    go('A', 'a2');
    go('B', 'b1');
    go('B', 'b2'); // account full: waits
    go('A', 'a3'); // A at its limit and account full: waits
    await settle();
    expect(started).toEqual(['a1', 'a2', 'b1']);
    gate.release('A');
    await settle();
    // b2 waited longest, and B has room.
    expect(started).toEqual(['a1', 'a2', 'b1', 'b2']);
    gate.release('B');
    await settle();
    expect(started).toEqual(['a1', 'a2', 'b1', 'b2', 'a3']);
  });

  it('a function below its limit is not held up by another function at its own limit', async () => {
    const gate = new ConcurrencyGate({ limit: 1, accountLimit: 10 });
    const started: string[] = [];
    void gate.acquire('A').then(() => started.push('a1'));
    void gate.acquire('A').then(() => started.push('a2'));
    void gate.acquire('B').then(() => started.push('b1'));
    await settle();
    expect(started).toEqual(['a1', 'b1']);
    expect(gate.stats().throttled).toBe(1);
  });

  it('per-function limits (reserved concurrency) override the default', async () => {
    const gate = new ConcurrencyGate({ limit: 5, accountLimit: 10, perFunction: { Slow: 1 } });
    expect(gate.limitOf('Slow')).toBe(1);
    expect(gate.limitOf('Other')).toBe(5);
  });

  it("measures each function's start rate over the last ten seconds of its clock", async () => {
    let now = 0;
    const gate = new ConcurrencyGate({ limit: 100, accountLimit: 100 }, () => now);
    expect(gate.startsPerSecond('A')).toBe(0);
    for (let i = 0; i < 50; i++) {
      now = i * 100;
      await gate.acquire('A');
    }
    // 50 starts in its first 4.9 s: about 10 per second (over the time since its first start, not the window).
    expect(gate.startsPerSecond('A')).toBeCloseTo(50 / 4.9);
    now = 10_000;
    // Ten seconds on: 50 starts in the ten-second window; none of B's.
    expect(gate.startsPerSecond('A')).toBe(5);
    expect(gate.startsPerSecond('B')).toBe(0);
    now = 14_950;
    expect(gate.startsPerSecond('A')).toBe(0);
    now = 14_850;
    expect(gate.startsPerSecond('A')).toBe(0.1);
    expect(drainSeconds(7, 0.1)).toBe(10);
    expect(drainSeconds(16, 2)).toBe(4);
  });

  it('limits are read from the environment and refused when not positive integers', () => {
    expect(limitsFromEnv({ VETFLOW_LAMBDA_CONCURRENCY: '3', VETFLOW_ACCOUNT_CONCURRENCY: '7' })).toEqual({ limit: 3, accountLimit: 7 });
    expect(limitsFromEnv({}).limit).toBeGreaterThan(0);
    expect(() => limitsFromEnv({ VETFLOW_LAMBDA_CONCURRENCY: '0' })).toThrow(/VETFLOW_LAMBDA_CONCURRENCY/);
    expect(() => limitsFromEnv({ VETFLOW_ACCOUNT_CONCURRENCY: 'lots' })).toThrow(/VETFLOW_ACCOUNT_CONCURRENCY/);
  });
});

describe('the local API when its queue is full', () => {
  const route: Route = { method: 'POST', resource: '/onboardings', segments: ['onboardings'], functionId: 'ApiFunction', authorization: 'AWS_IAM' };
  const hostWith = (waiting: number, startsPerSecond = 0) => {
    let invoked = 0;
    const host = {
      waiting: () => waiting,
      startsPerSecond: () => startsPerSecond,
      get: () => ({ invoke: async () => (invoked++, { statusCode: 202, body: '{}' }) }),
    } as unknown as LambdaHost;
    return { host, invoked: () => invoked };
  };

  it('answers 429 with Retry-After and invokes nothing when that many requests already wait', async () => {
    const { host, invoked } = hostWith(10);
    const res = await invokeRoute(host, route, {} as never, 10);
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers?.['Retry-After'])).toBeGreaterThan(0);
    expect(invoked()).toBe(0);
  });

  it("tells the caller to come back when half the queue will have drained, at the function's recent start rate (1 to 10 s)", async () => {
    const retryAfter = async (waiting: number, rate: number) => Number((await invokeRoute(hostWith(waiting, rate).host, route, {} as never, 10)).headers?.['Retry-After']);
    expect(await retryAfter(100, 10)).toBe(5);
    expect(await retryAfter(10, 20)).toBe(1);
    expect(await retryAfter(100, 0)).toBe(1);
    expect(await retryAfter(10_000, 2)).toBe(10);
  });

  it('passes the request on while the queue has room', async () => {
    const { host, invoked } = hostWith(9);
    expect((await invokeRoute(host, route, {} as never, 10)).statusCode).toBe(202);
    expect(invoked()).toBe(1);
  });
});
