/**
 * Lambda's concurrency, locally: each function runs at most `limit` invocations at once (its reserved
 * concurrency on AWS) and all functions together at most `accountLimit` (the account's concurrency).
 * An invocation beyond either waits here, first come first served across functions, instead of starting
 * beside hundreds of others in the one event loop: on AWS it would be throttled and retried, locally it
 * queues. The function's timeout starts when its slot is granted, never while it waits.
 */
export interface ConcurrencyLimits {
  /** Per function, unless `perFunction` names it. */
  limit: number;
  perFunction?: Record<string, number>;
  accountLimit: number;
}

/** What the queue did: throttled invocations are those that had to wait for a slot (never failures). */
export interface ConcurrencyStats {
  invocations: number;
  throttled: number;
  queueWaitMsTotal: number;
  queueWaitMsMax: number;
  /** Invocations waiting right now, and the most that ever waited at once. */
  waiting: number;
  peakWaiting: number;
}

interface Waiter {
  fn: string;
  enqueuedAt: number;
  grant: () => void;
}

/** The window over which a function's start rate is measured (for the API's Retry-After). */
const rateWindowMs = 10_000;
/** Starts remembered per function for that rate: enough for hundreds per second over the window. */
const rateSamples = 4096;

/**
 * Seconds a refused caller should wait before trying again: the time half of the function's queue takes to
 * drain at the rate it has been starting invocations, at least 1 s and at most `maxSeconds`. Half, not all:
 * the refused callers come back while the queue still holds work (it never runs dry waiting for them), and
 * each comes back a few times rather than every second. With no start in the window (nothing drains yet),
 * 1 s. Pure: the rate is measured by the gate.
 */
export function drainSeconds(waiting: number, startsPerSecond: number, maxSeconds = 10): number {
  if (!(startsPerSecond > 0)) return 1;
  return Math.min(maxSeconds, Math.max(1, Math.ceil(waiting / 2 / startsPerSecond)));
}

/** Defaults that keep two cores responsive: DynamoDB Local and this event loop share them. */
export const defaultFunctionConcurrency = 8;
export const defaultAccountConcurrency = 24;

/** Reads the limits from the environment (VETFLOW_LAMBDA_CONCURRENCY, VETFLOW_ACCOUNT_CONCURRENCY). */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Pick<ConcurrencyLimits, 'limit' | 'accountLimit'> {
  const read = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
    return n;
  };
  return { limit: read('VETFLOW_LAMBDA_CONCURRENCY', defaultFunctionConcurrency), accountLimit: read('VETFLOW_ACCOUNT_CONCURRENCY', defaultAccountConcurrency) };
}

export class ConcurrencyGate {
  private readonly active = new Map<string, number>();
  private readonly queues = new Map<string, Waiter[]>();
  private activeTotal = 0;
  private waitingTotal = 0;
  private readonly counters: ConcurrencyStats = { invocations: 0, throttled: 0, queueWaitMsTotal: 0, queueWaitMsMax: 0, waiting: 0, peakWaiting: 0 };
  /** Per function, the times (ms, `now`) of its latest starts, oldest first: a ring of `rateSamples`. */
  private readonly starts = new Map<string, { times: Float64Array; next: number; count: number; first: number }>();

  /** `now`: the clock of the start rate (ms); an input, so that tests set it. */
  constructor(
    private readonly limitsIn: ConcurrencyLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  limits(): { limit: number; accountLimit: number } {
    return { limit: this.limitsIn.limit, accountLimit: this.limitsIn.accountLimit };
  }

  limitOf(fn: string): number {
    return Math.max(1, this.limitsIn.perFunction?.[fn] ?? this.limitsIn.limit);
  }

  /** Invocations of `fn` waiting for a slot now. */
  waiting(fn: string): number {
    return this.queues.get(fn)?.length ?? 0;
  }

  stats(): ConcurrencyStats {
    return { ...this.counters, waiting: this.waitingTotal };
  }

  /**
   * Invocations of `fn` started per second over the last ten seconds (0 when none); over the time since its
   * first start when that is shorter (at least a second), so that a function busy for two seconds is not
   * taken for one five times slower.
   */
  startsPerSecond(fn: string): number {
    const ring = this.starts.get(fn);
    if (!ring) return 0;
    const now = this.now();
    const since = now - rateWindowMs;
    let n = 0;
    for (let i = 1; i <= ring.count; i++) {
      if (ring.times[(ring.next - i + rateSamples) % rateSamples]! < since) break;
      n++;
    }
    const span = Math.min(rateWindowMs, Math.max(1000, now - ring.first));
    return n / (span / 1000);
  }

  /** Resolves with the time waited (ms) once `fn` may run; call `release(fn)` when it ends. */
  acquire(fn: string): Promise<number> {
    this.counters.invocations++;
    // Others may wait while this function has room (their functions are at their limit): it runs.
    if (this.waiting(fn) === 0 && this.hasRoom(fn)) {
      this.take(fn);
      return Promise.resolve(0);
    }
    this.counters.throttled++;
    return new Promise((resolve) => {
      const enqueuedAt = performance.now();
      const queue = this.queues.get(fn) ?? [];
      this.queues.set(fn, queue);
      queue.push({
        fn,
        enqueuedAt,
        grant: () => {
          const waited = performance.now() - enqueuedAt;
          this.counters.queueWaitMsTotal += waited;
          this.counters.queueWaitMsMax = Math.max(this.counters.queueWaitMsMax, waited);
          resolve(waited);
        },
      });
      this.waitingTotal++;
      this.counters.peakWaiting = Math.max(this.counters.peakWaiting, this.waitingTotal);
    });
  }

  release(fn: string): void {
    this.active.set(fn, (this.active.get(fn) ?? 1) - 1);
    this.activeTotal--;
    this.dispatch();
  }

  private hasRoom(fn: string): boolean {
    return this.activeTotal < this.limitsIn.accountLimit && (this.active.get(fn) ?? 0) < this.limitOf(fn);
  }

  private take(fn: string): void {
    this.active.set(fn, (this.active.get(fn) ?? 0) + 1);
    this.activeTotal++;
    let ring = this.starts.get(fn);
    if (!ring) this.starts.set(fn, (ring = { times: new Float64Array(rateSamples), next: 0, count: 0, first: this.now() }));
    ring.times[ring.next] = this.now();
    ring.next = (ring.next + 1) % rateSamples;
    ring.count = Math.min(rateSamples, ring.count + 1);
  }

  /** Grants free slots to the longest-waiting invocations whose function has room. */
  private dispatch(): void {
    while (this.activeTotal < this.limitsIn.accountLimit) {
      let next: Waiter[] | undefined;
      for (const [fn, q] of this.queues) {
        if (!q.length || (this.active.get(fn) ?? 0) >= this.limitOf(fn)) continue;
        if (!next || q[0]!.enqueuedAt < next[0]!.enqueuedAt) next = q;
      }
      if (!next) return;
      const w = next.shift()!;
      this.waitingTotal--;
      this.take(w.fn);
      w.grant();
    }
  }
}
