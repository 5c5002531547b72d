import { describe, expect, it } from 'vitest';
import { invokeRoute, type Route } from '../../infra/local/api-gateway';
import { ConcurrencyGate, limitsFromEnv, maxComeBackSeconds } from '../../infra/local/concurrency';
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

  it("measures how fast each function's queue drains, over the last ten seconds of its clock", async () => {
    let now = 0;
    const gate = new ConcurrencyGate({ limit: 1, accountLimit: 100 }, () => now);
    await gate.acquire('A');
    // Starts without a wait say how fast work comes, not how fast it could go: not counted.
    await gate.acquire('B');
    expect(gate.drainsPerSecond('A')).toBe(0);
    for (let i = 0; i < 80; i++) void gate.acquire('A');
    for (let i = 0; i < 50; i++) {
      now = i * 100;
      gate.release('A');
    }
    // 50 from the queue in its first 4.9 s: about 10 per second (over the time since the first, not the window).
    expect(gate.drainsPerSecond('A')).toBeCloseTo(50 / 4.9);
    now = 10_000;
    // Ten seconds on: 50 in the ten-second window; none of B's.
    expect(gate.drainsPerSecond('A')).toBe(5);
    expect(gate.drainsPerSecond('B')).toBe(0);
    now = 14_950;
    expect(gate.drainsPerSecond('A')).toBe(0);
    now = 14_850;
    // One in the window, at 4.9 s, and the queue there all along: over the ten seconds.
    expect(gate.drainsPerSecond('A')).toBeCloseTo(0.1);
    // The queue empties (its rate goes with it); after an idle minute a new one forms, and ten from it in the
    // first second of that burst are ten per second, not one.
    for (let i = 0; i < 31; i++) gate.release('A');
    expect(gate.drainsPerSecond('A')).toBe(0);
    now = 60_000;
    await gate.acquire('A');
    for (let i = 0; i < 20; i++) void gate.acquire('A');
    for (let i = 0; i < 10; i++) {
      now = 60_000 + i * 100;
      gate.release('A');
    }
    now = 61_000;
    expect(gate.drainsPerSecond('A')).toBe(10);
  });

  /** A gate whose function `A`'s queue has drained `rate` a second for ten seconds and now holds `queued`. */
  const busyGate = async (rate: number, queued: number) => {
    let now = 0;
    const gate = new ConcurrencyGate({ limit: 1, accountLimit: 1 }, () => now);
    await gate.acquire('A');
    for (let i = 0; i < rate * 10 + queued; i++) void gate.acquire('A');
    for (let i = 0; i < rate * 10; i++) {
      now = (i * 1000) / rate;
      gate.release('A');
    }
    now = 10_000;
    expect(gate.waiting('A')).toBe(queued);
    return { gate, at: (ms: number) => (now = ms) };
  };

  it('gives each refused caller a turn of its own, at twice the rate the function drains, after half its queue', async () => {
    const { gate } = await busyGate(10, 20);
    expect(gate.drainsPerSecond('A')).toBe(10);
    const told = Array.from({ length: 300 }, () => gate.comeBackAfter('A'));
    // Half the queue (10 of 20 at 10/s) drains in a second: the first turn; then one every 0.05 s.
    expect(told[0]).toBe(1);
    expect(told).toEqual([...told].sort((a, b) => a - b));
    const perSecond = new Map<number, number>();
    for (const t of told) perSecond.set(t, (perSecond.get(t) ?? 0) + 1);
    // Never more callers told the same second than twice what the function starts in one: a burst does not
    // come back together.
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(20);
    // The 300th: 299 turns of 0.05 s after the first.
    expect(told.at(-1)).toBe(Math.ceil(1 + 299 * 0.05));
  });

  it('tells no caller to wait past the horizon', async () => {
    const { gate } = await busyGate(5, 8);
    // Turns every 0.1 s: about 600 fit in the minute.
    const told = Array.from({ length: 700 }, () => gate.comeBackAfter('A'));
    expect(Math.max(...told)).toBe(maxComeBackSeconds);
    expect(told.filter((t) => t === maxComeBackSeconds).length).toBeGreaterThan(50);
  });

  it('turns do not lag behind the clock: a refusal after the turns given have passed waits only for half the queue', async () => {
    const { gate, at } = await busyGate(4, 16);
    expect(gate.comeBackAfter('A')).toBe(2);
    // Turns at 12, 12.125, 12.25 and 12.375 s: all past at 15 s.
    for (let i = 0; i < 3; i++) gate.comeBackAfter('A');
    at(15_000);
    // The rate over the window is now lower (no start since 10 s): half the queue at that rate, not the old turns.
    expect(gate.drainsPerSecond('A')).toBe(2);
    expect(gate.comeBackAfter('A')).toBe(4);
  });

  it('the first second of the first burst has no rate to go by: come back in a second; a queue gone in under a second leaves none', async () => {
    let now = 0;
    const gate = new ConcurrencyGate({ limit: 8, accountLimit: 8 }, () => now);
    for (const t of [0, 3_600_000]) {
      now = t;
      for (let i = 0; i < 8; i++) await gate.acquire('A');
      for (let i = 0; i < 200; i++) void gate.acquire('A');
      expect(gate.comeBackAfter('A')).toBe(1);
      // Eight from the queue 50 ms in: measured over a second that would be 8/s, and the 192 left half
      // drained in 12 s.
      now = t + 50;
      for (let i = 0; i < 8; i++) gate.release('A');
      now = t + 100;
      expect(gate.comeBackAfter('A')).toBe(1);
      for (let i = 0; i < 200; i++) gate.release('A');
      expect(gate.waiting('A')).toBe(0);
    }
  });

  it("the first second of a later burst goes by the rate of the last queue that lasted a second: the burst's first callers get turns", async () => {
    // A queue that drained 10 a second for ten seconds, then emptied (one invocation still running).
    const { gate, at } = await busyGate(10, 0);
    at(20_000);
    for (let i = 0; i < 20; i++) void gate.acquire('A');
    const told = Array.from({ length: 100 }, () => gate.comeBackAfter('A'));
    // About 10/s: half the queue in a second, then a turn every 0.05 s: the hundredth about 6 s on.
    expect(told[0]).toBe(1);
    expect(told).toEqual([...told].sort((a, b) => a - b));
    expect(told.at(-1)).toBe(6);
    const perSecond = new Map<number, number>();
    for (const t of told) perSecond.set(t, (perSecond.get(t) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(21);
  });

  it("a later burst's slow first seconds do not pull the turns below the last queue's rate", async () => {
    const { gate, at } = await busyGate(10, 0);
    at(20_000);
    for (let i = 0; i < 20; i++) void gate.acquire('A');
    // Three from the new queue in its first 1.2 s (the event loop busy taking the burst in): 2.5 a second
    // measured (3 in the last second), 17 left. By that rate the first turn would be about 3 s on; by the last
    // queue's (10.1/s), 0.84 s.
    at(20_500);
    for (let i = 0; i < 3; i++) gate.release('A');
    at(21_200);
    expect(gate.drainsPerSecond('A')).toBe(2.5);
    expect(gate.comeBackAfter('A')).toBe(1);
  });

  it('a function that has started nothing lately has no rate to go by: come back in a second', () => {
    const gate = new ConcurrencyGate({ limit: 1, accountLimit: 1 }, () => 0);
    expect(gate.comeBackAfter('A')).toBe(1);
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
  const hostWith = (waiting: number, turn = 1) => {
    let invoked = 0;
    const host = {
      waiting: () => waiting,
      comeBackAfter: () => turn,
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

  it("tells the caller its turn (the function's gate gives it: see comeBackAfter above)", async () => {
    const res = await invokeRoute(hostWith(10, 17).host, route, {} as never, 10);
    expect(res.headers?.['Retry-After']).toBe('17');
  });

  it('passes the request on while the queue has room', async () => {
    const { host, invoked } = hostWith(9);
    expect((await invokeRoute(host, route, {} as never, 10)).statusCode).toBe(202);
    expect(invoked()).toBe(1);
  });
});
