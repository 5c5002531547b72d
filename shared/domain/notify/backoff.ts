/**
 * Retry delays for webhook delivery. Exponential so a receiver that is down is not hammered, capped so a
 * receiver back after an outage hears from us within the hour, with jitter so that thousands of deliveries
 * failed by the same outage do not retry in lockstep. "Equal jitter" (half fixed, half random) keeps a
 * floor under each delay, unlike full jitter, whose delay can collapse to zero.
 */
/** Attempts (the prompt one included) before the outbox dead-letters a webhook; WEBHOOK_MAX_ATTEMPTS overrides it. */
export const WEBHOOK_MAX_ATTEMPTS = 8;

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** A number in [0, 1); injected so tests and replays are deterministic. */
  random?: () => number;
}

/**
 * Delay in ms to wait before retry number `attempt` (1 = the first retry after the first failure).
 * With the defaults: ~1-2 s, 2-4 s, 4-8 s ... up to 30-60 min (the outbox passes a 60 s base: its retries
 * are spread over sweeps a minute apart). After WEBHOOK_MAX_ATTEMPTS the caller gives up and dead-letters
 * the delivery.
 */
export function backoffSchedule(attempt: number, options: BackoffOptions = {}): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be an integer >= 1, got ${attempt}`);
  const base = options.baseMs ?? 2_000;
  const cap = options.capMs ?? 3_600_000;
  const random = options.random ?? Math.random;
  // 2 ** 52 already exceeds any cap; clamping the exponent avoids Infinity for absurd attempt numbers.
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt - 1, 52));
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.round(ceiling / 2 + r * (ceiling / 2));
}
