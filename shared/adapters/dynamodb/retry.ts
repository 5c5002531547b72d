/**
 * The one retry helper of the persistence code (and of whoever else retries a DynamoDB request): a growing,
 * capped pause with "full jitter" (a random pause between zero and the ceiling), so that writers who
 * collided once spread out instead of colliding again.
 */

export interface BackoffOptions {
  /** The ceiling of the first retry's pause, doubled for each further one. */
  baseMs?: number;
  /** No pause is longer than this. */
  capMs?: number;
  /** A number in [0, 1); injected by tests. */
  random?: () => number;
}

/** The pause before retry `n` (0 = the first retry): a random share of min(cap, base * 2^n). */
export function backoffDelay(n: number, options: BackoffOptions = {}): number {
  const { baseMs = 10, capMs = 1_000, random = Math.random } = options;
  return random() * Math.min(capMs, baseMs * 2 ** Math.min(n, 52));
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface RetryOptions extends BackoffOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Whether a failed attempt is worth another (anything else is thrown at once). */
  retryable: (err: unknown, n: number) => boolean;
  /** The error thrown when the last attempt failed too (by default that attempt's error). */
  giveUp?: (err: unknown, attempts: number) => Error;
  /**
   * Called before each pause; an error it throws ends the retrying (a caller out of time gives up rather
   * than start an attempt it cannot finish).
   */
  beforePause?: (err: unknown, n: number, pauseMs: number) => void;
  /** No pause before the first retry (a retry with a better hint, not a collision). */
  firstRetryAtOnce?: boolean;
  sleep?: (ms: number) => Promise<void>;
}

/** Runs `attempt(n)` until it succeeds, a failure is not retryable, or `attempts` are spent. */
export async function retry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const pauseFor = options.sleep ?? sleep;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!options.retryable(err, n)) throw err;
      if (n + 1 >= options.attempts) throw options.giveUp ? options.giveUp(err, n + 1) : err;
      const pause = n === 0 && options.firstRetryAtOnce ? 0 : backoffDelay(n, options);
      options.beforePause?.(err, n, pause);
      if (pause > 0) await pauseFor(pause);
    }
  }
}
