import { ConflictError } from '../../adapters/dynamodb/errors';
import { retry } from '../../adapters/dynamodb/retry';

/** What one attempt read is no longer the case: start again from a fresh read. */
export class StaleReadError extends Error {
  override name = 'StaleReadError';
}

/** Every attempt met a concurrent change: the caller answers 409 and asks to retry, never 5xx. */
export class CaseBusyError extends Error {
  override name = 'CaseBusyError';
}

export interface RetryOptions {
  attempts?: number;
  baseMs?: number;
  capMs?: number;
  /**
   * Milliseconds left before the caller must have answered (a Lambda's getRemainingTimeInMillis): no
   * attempt starts with less than `reserveMs` left, so a busy case is a 409, never a function timeout.
   */
  remainingMs?: () => number;
  reserveMs?: number;
  /** Injected by tests; a timer otherwise. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** What a caller told "the case is busy" is asked to wait before trying again (Retry-After). */
export const caseBusyRetryAfterSeconds = 5;

/**
 * Serializes concurrent writers of one case on its version: `attempt` reads the case, decides and writes
 * conditioned on what it read (CaseRepository.updateCase's version condition); a writer that lost the
 * race (ConflictError, StaleReadError) starts again from a fresh read after a jittered, growing pause
 * (the one retry helper, shared/adapters/dynamodb/retry.ts). After `attempts` it gives up with
 * CaseBusyError, which the handler answers with 409 and Retry-After. So every attempt must be safe to run
 * again: evidence and audit writes are idempotent or recorded from the final read.
 */
export async function retryOnConflict<T>(attempt: (n: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { attempts = 25, baseMs = 10, capMs = 400, sleep, random, remainingMs, reserveMs = 5_000 } = options;
  let longest = 0;
  return retry(
    async (n) => {
      const started = Date.now();
      try {
        return await attempt(n);
      } finally {
        longest = Math.max(longest, Date.now() - started);
      }
    },
    {
      attempts,
      baseMs,
      capMs,
      ...(sleep ? { sleep } : {}),
      ...(random ? { random } : {}),
      retryable: (err) => err instanceof ConflictError || err instanceof StaleReadError,
      giveUp: (err) => new CaseBusyError(`gave up after ${attempts} attempts: ${(err as Error).message}`),
      // Another attempt only if it can finish in time, judged by the slowest so far (a busy machine is slow).
      beforePause: (err, n, pause) => {
        if (remainingMs && remainingMs() - pause < reserveMs + 2 * longest) throw new CaseBusyError(`gave up after ${n + 1} attempts, out of time: ${(err as Error).message}`);
      },
    },
  );
}
