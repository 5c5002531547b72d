import type { CaseRecord, CaseStatus } from '../../domain/cases/case-model';
import { ConflictError, type AuditEventBuilder, type CaseRepository } from '../../adapters/dynamodb/case-repository';
import { canTransition } from '../../domain/cases/lifecycle';
import { retry } from '../../adapters/dynamodb/retry';

export interface RedriveDeps {
  repo: CaseRepository;
  /**
   * Redrives the case's workflow execution from the step that failed (Step Functions RedriveExecution; the
   * local engine does the same from its journal). Throws when the execution cannot be redriven.
   */
  redriveExecution(executionName: string): Promise<void>;
  /**
   * A prompt attempt to tell the HRIS. Optional: the outbox item is written with the status change either
   * way, and the webhook sweep delivers it within its minute.
   */
  notify?(caseId: string): Promise<unknown>;
  auditEvent(caseId: string, actor: string, action: string, data: Record<string, unknown>): AuditEventBuilder;
}

export interface RedriveInput {
  caseId: string;
  /** Who asked: `client:<id>` (the HRIS route) or `operator:<name>` (the case command). */
  actor: string;
  /** The case as the caller just read it (a stale read costs a retry, never a wrong write). */
  read?: CaseRecord;
}

export type RedriveResult =
  | { kind: 'redriven'; c: CaseRecord; back: CaseStatus }
  /** Only a failed onboarding is redriven (another redrive may have just taken it). */
  | { kind: 'not-failed'; c: CaseRecord }
  /** Failed before the status it failed in was recorded: nowhere known to return it to. */
  | { kind: 'no-previous-status'; c: CaseRecord };

/**
 * Resumes a failed onboarding from the stage that failed: the same case (id, evidence, audit chain) returns
 * to the status it failed in (the lifecycle's `redriven` event, audited, the HRIS told through the outbox),
 * then its workflow execution is redriven. The status moves first, so of two concurrent redrives exactly
 * one wins (the other finds the case no longer failed) and the redriven stages never find it `failed`.
 * Should the execution refuse the redrive, the case is failed again with its earlier failure, and the
 * error goes to the caller.
 */
export async function redriveOnboarding(deps: RedriveDeps, input: RedriveInput): Promise<RedriveResult> {
  let read = input.read;
  // A concurrent writer of the case (ConflictError on the move): decide again on a fresh read.
  const step = await retry(
    async () => {
      const c = read ?? (await deps.repo.mustGetCase(input.caseId));
      read = undefined;
      if (c.status !== 'failed') return { kind: 'not-failed' as const, c };
      const failure = c.failure;
      const back = failure?.previousStatus;
      if (!failure || !back || !canTransition(c.status, 'redriven', back)) return { kind: 'no-previous-status' as const, c };
      const moved = await deps.repo.moveCase(c, 'redriven', ({ failure: _ended, ...x }) => x, {
        back,
        audit: deps.auditEvent(c.id, input.actor, 'onboarding.redriven', { from: failure.state ?? null, error: failure.error, failedAt: failure.at, back }),
      });
      return { kind: 'moved' as const, c, moved, failure, back };
    },
    { attempts: 11, retryable: (err) => err instanceof ConflictError },
  );
  if (step.kind !== 'moved') return step;
  const { c, moved, failure, back } = step;
  try {
    await deps.redriveExecution(c.executionName);
  } catch (err) {
    await failAgain(deps, moved, failure, input.actor, err as Error);
    throw err;
  }
  await deps.notify?.(c.id);
  return { kind: 'redriven', c: moved, back };
}

/** The execution refused the redrive: the case goes back to failed, with the failure it had. */
async function failAgain(deps: RedriveDeps, moved: CaseRecord, failure: NonNullable<CaseRecord['failure']>, actor: string, err: Error): Promise<void> {
  let read: CaseRecord | undefined = moved;
  await retry(
    async () => {
      const c = read ?? (await deps.repo.mustGetCase(moved.id));
      read = undefined;
      if (!canTransition(c.status, 'failed')) return;
      await deps.repo.moveCase(c, 'failed', (x) => ({ ...x, failure }), {
        audit: deps.auditEvent(c.id, actor, 'onboarding.redrive-refused', { errorName: err.name }),
      });
      await deps.notify?.(c.id);
    },
    // As before: ten tries, then it stays redriven (the caller gets the execution's error anyway).
    { attempts: 10, retryable: (e) => e instanceof ConflictError },
  ).catch((e: unknown) => {
    if (!(e instanceof ConflictError)) throw e;
  });
}
