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

/** The window over which a function's queue's drain rate is measured (for the API's Retry-After: comeBackAfter). */
const rateWindowMs = 10_000;
/** Starts from the queue remembered per function for that rate: enough for hundreds per second over the window. */
const rateSamples = 4096;

/**
 * The longest Retry-After the local API gives (s): past it, refused callers are told this, and given turns of
 * their own when they come back. A minute: an HRIS waits that long for a throttle, and a rate misjudged low
 * leaves the function idle for at most that.
 */
export const maxComeBackSeconds = 60;

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
  /** Per function, the times (ms, `now`) of its latest starts from the queue, oldest first: a ring of `rateSamples`. */
  private readonly drains = new Map<string, { times: Float64Array; next: number; count: number }>();
  /** Per function with a queue, when (ms, `now`) the queue formed: it ends when the queue empties. */
  private readonly queuedSince = new Map<string, number>();
  /** Per function, the drain rate of its last queue that lasted a second or more: the first second of the next one goes by it. */
  private readonly lastRates = new Map<string, number>();
  /** Per function, the latest turn (ms, `now`) given to a caller its queue refused (comeBackAfter). */
  private readonly turns = new Map<string, number>();

  /** `now`: the clock of the drain rate and the turns (ms); an input, so that tests set it. */
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
   * Invocations of `fn` that had waited for a slot, started per second since its queue formed (over the last
   * ten seconds when it has been there longer; at least a second): how fast its queue drains, 0 when it has
   * none. Only starts from the queue, and only this queue's: a function that starts whatever comes runs at
   * the rate work arrives, and the tail of the last burst, which says nothing of how fast it could go.
   */
  drainsPerSecond(fn: string): number {
    const formed = this.queuedSince.get(fn);
    if (formed === undefined) return 0;
    return this.drainsSince(fn, Math.max(formed, this.now() - rateWindowMs)) / (Math.min(rateWindowMs, Math.max(1000, this.now() - formed)) / 1000);
  }

  /** How many of `fn`'s remembered starts from its queue happened at `since` (ms, `now`) or later. */
  private drainsSince(fn: string, since: number): number {
    const ring = this.drains.get(fn);
    let n = 0;
    while (ring && n < ring.count && ring.times[(ring.next - n - 1 + rateSamples) % rateSamples]! >= since) n++;
    return n;
  }

  /**
   * Seconds a caller refused because `fn`'s queue is full should wait before trying again (Retry-After). Each
   * refused caller gets a turn of its own, spaced at twice the rate `fn`'s queue has been draining, after
   * the turns already given, and no earlier than when half the queue will have drained (the callers come back
   * while the queue still holds work). Told the same number, a burst of thousands came back together, and all
   * but a queue's worth were refused again, every few seconds, each time taking the event loop the
   * onboardings need. Twice the rate: a caller late or gone would otherwise leave the queue empty, and the
   * queue that runs dry stops measuring; the extra ones are refused again and given later turns.
   *
   * At least 1 s, at most `maxSeconds`: past that horizon no turns are handed out (a caller told the maximum
   * gets its turn when it comes back). While `fn`'s queue has been draining for less than a second, the rate
   * of its last queue that lasted a second or more, else 1 s: a rate measured over the first few starts of a
   * burst is a fraction of the real one, and would send the first callers away for longer than the queue takes
   * to drain (told 1 s, a burst's first callers came back together and were refused a second time). After
   * that second, the higher of the two.
   */
  comeBackAfter(fn: string, maxSeconds = maxComeBackSeconds): number {
    const now = this.now();
    const measured = now - (this.queuedSince.get(fn) ?? Infinity) >= 1000;
    // The rate over the last second too, when higher: a burst speeds up as it goes (connections, JIT). And never
    // below the last queue's: the first seconds of a burst, the event loop busy taking it in, drain slowly, and
    // turns given at that pace left the queue empty while callers waited (npm start, 600 POSTs at once: told
    // 17-44 s, the queue drained in 5). A rate too high costs a caller another 429; too low, idle seconds.
    const rate = Math.max(this.lastRates.get(fn) ?? 0, measured ? Math.max(this.drainsPerSecond(fn), this.drainsSince(fn, now - 1000)) : 0);
    if (!(rate > 0)) return 1;
    const turn = Math.min(now + maxSeconds * 1000, Math.max(now + (this.waiting(fn) / 2 / rate) * 1000, (this.turns.get(fn) ?? -Infinity) + 1000 / rate / 2));
    this.turns.set(fn, turn);
    return Math.min(maxSeconds, Math.max(1, Math.ceil((turn - now) / 1000)));
  }

  /** Resolves with the time waited (ms) once `fn` may run; call `release(fn)` when it ends. */
  acquire(fn: string): Promise<number> {
    this.counters.invocations++;
    // Others may wait while this function has room (their functions are at their limit): it runs.
    if (this.waiting(fn) === 0 && this.hasRoom(fn)) {
      this.take(fn, false);
      return Promise.resolve(0);
    }
    this.counters.throttled++;
    return new Promise((resolve) => {
      const enqueuedAt = performance.now();
      const queue = this.queues.get(fn) ?? [];
      this.queues.set(fn, queue);
      if (!queue.length) this.queuedSince.set(fn, this.now());
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

  private take(fn: string, fromQueue: boolean): void {
    this.active.set(fn, (this.active.get(fn) ?? 0) + 1);
    this.activeTotal++;
    if (!fromQueue) return;
    let ring = this.drains.get(fn);
    if (!ring) this.drains.set(fn, (ring = { times: new Float64Array(rateSamples), next: 0, count: 0 }));
    ring.times[ring.next] = this.now();
    ring.next = (ring.next + 1) % rateSamples;
    ring.count = Math.min(rateSamples, ring.count + 1);
  }

  /** `fn`'s queue is empty: its drain rate is kept for the next one when it lasted long enough to measure. */
  private queueEmptied(fn: string): void {
    if (this.now() - this.queuedSince.get(fn)! >= 1000) this.lastRates.set(fn, this.drainsPerSecond(fn));
    this.queuedSince.delete(fn);
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
      this.take(w.fn, true);
      if (!next.length) this.queueEmptied(w.fn);
      w.grant();
    }
  }
}
