import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../shared/adapters/dynamodb/case-repository';
import { CaseBusyError, retryOnConflict, StaleReadError } from '../../shared/app/cases/retry-on-conflict';

const noSleep = { sleep: async () => undefined, random: () => 0.5 };

describe('retryOnConflict', () => {
  it('runs the attempt again after a version conflict or a stale read, then returns its result', async () => {
    let n = 0;
    const out = await retryOnConflict(async () => {
      n++;
      if (n === 1) throw new ConflictError('changed meanwhile');
      if (n === 2) throw new StaleReadError('evaluated without the other batch');
      return 'done';
    }, noSleep);
    expect(out).toBe('done');
    expect(n).toBe(3);
  });

  it('other errors are not retried', async () => {
    let n = 0;
    await expect(
      retryOnConflict(async () => {
        n++;
        throw new Error('DynamoDB down');
      }, noSleep),
    ).rejects.toThrow('DynamoDB down');
    expect(n).toBe(1);
  });

  it('gives up with CaseBusyError after the attempts, pausing longer each time (capped, jittered)', async () => {
    const pauses: number[] = [];
    await expect(
      retryOnConflict(
        async () => {
          throw new ConflictError('x');
        },
        { attempts: 6, baseMs: 10, capMs: 100, random: () => 1, sleep: async (ms) => void pauses.push(ms) },
      ),
    ).rejects.toBeInstanceOf(CaseBusyError);
    expect(pauses).toEqual([10, 20, 40, 80, 100]);
  });

  it('never starts an attempt it has no time left to finish: busy, not a function timeout', async () => {
    let remaining = 6_000;
    let n = 0;
    const err = await retryOnConflict(
      async () => {
        n++;
        remaining -= 400;
        throw new ConflictError('x');
      },
      { ...noSleep, remainingMs: () => remaining, reserveMs: 5_000 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaseBusyError);
    // 6,000 ms: the first attempt leaves 5,600, less than 5,000 + twice the slowest attempt (clock time, ~0).
    expect(n).toBeGreaterThanOrEqual(1);
    expect(remaining).toBeGreaterThanOrEqual(5_000 - 400);
  });
});
