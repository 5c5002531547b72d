import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from '../../shared/domain/schemas/zod';
import { stageTask } from '../../shared/adapters/lambda/stage-task';
import { CaseOnHoldError } from '../../shared/adapters/dynamodb/errors';

/** The log lines a call wrote (Powertools writes JSON lines, errors to stderr, the rest to stdout). */
async function logLines(call: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(capture), vi.spyOn(process.stderr, 'write').mockImplementation(capture)];
  try {
    await call().catch(() => undefined);
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('stageTask logging', () => {
  afterEach(() => vi.restoreAllMocks());
  const task = (err: Error) => stageTask('approval', z.object({ onboardingId: z.string() }), async () => Promise.reject(err));

  it('a step ended by a compliance hold is told at INFO and still ends with the workflow error', async () => {
    const run = task(new CaseOnHoldError('onboarding ob_1 is on compliance hold'));
    await expect(run({ onboardingId: 'ob_1' })).rejects.toMatchObject({ name: 'ComplianceHold' });
    const logged = await logLines(() => run({ onboardingId: 'ob_1' }));
    expect(logged.map((l) => l.level)).toEqual(['INFO']);
    expect(String(logged[0]!.message)).toContain('ended by a compliance hold');
  });

  it('any other failure is an ERROR', async () => {
    const logged = await logLines(() => task(new Error('boom'))({ onboardingId: 'ob_1' }));
    expect(logged.map((l) => l.level)).toEqual(['ERROR']);
  });
});
