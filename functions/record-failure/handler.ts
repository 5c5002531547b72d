import type { StageState } from '../../shared/domain/cases/case-model';
import { retry } from '../../shared/adapters/dynamodb/retry';
import { ConflictError } from '../../shared/adapters/dynamodb/case-repository';
import { owedStageEvents } from '../../shared/app/cases/record-stage';
import { onboardingOfExecution } from '../../shared/domain/cases/ids';
import { canTransition } from '../../shared/domain/cases/lifecycle';
import { logger } from '../../shared/adapters/observability/logger';
import { deliverStatusChanges } from '../../shared/config/notify';
import { auditEvent, repo } from '../../shared/config/services';
import * as z from '../../shared/domain/schemas/zod';

/**
 * "Step Functions Execution Status Change" from EventBridge (locally, the same event from the engine): an
 * onboarding execution stopped without succeeding. Only the fields used here; the input is the execution's
 * own (ids only, never personal data).
 */
const executionStopped = z.looseObject({
  detail: z.looseObject({
    executionArn: z.string(),
    name: z.string(),
    status: z.enum(['FAILED', 'TIMED_OUT', 'ABORTED']),
    error: z.optional(z.nullable(z.string())),
    cause: z.optional(z.nullable(z.string())),
  }),
});

/**
 * A stage failed permanently and the execution stopped at it (the workflow has no catch-all, so that a
 * redrive runs that very step again). The case ends in `failed` with the error name recorded (the cause is
 * kept only as an error type and message head: causes can echo inputs) and the status it failed in, to
 * which a redrive returns it. Delivered at least once: a second delivery finds the case failed already.
 */
export async function handler(event: unknown): Promise<{ onboardingId: string; recorded: string } | { ignored: string }> {
  const parsed = executionStopped.safeParse(event);
  if (!parsed.success) throw new Error(`record-failure: not an execution status change: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const { detail } = parsed.data;
  const onboardingId = onboardingOfExecution(detail.name);
  // Another state machine's execution, or one without an onboarding: nothing of ours to record.
  if (!onboardingId) return { ignored: detail.executionArn };
  const name = detail.error ?? (detail.status === 'FAILED' ? 'Unknown' : `States.${detail.status === 'TIMED_OUT' ? 'Timeout' : 'Aborted'}`);
  const cause = summariseCause(detail.cause ?? undefined);
  logger.error('onboarding failed', { onboardingId, errorName: name });
  // A parallel stage wrote its state meanwhile (ConflictError): read the case again.
  const recorded = await retry(
    async () => {
      const found = await repo.getCaseWithEvidence(onboardingId);
      if (!found) return false;
      const { c } = found;
      // The checks that completed before the stop still owe their stage.completed events: written with the failure.
      const owed = owedStageEvents(c, found.evidence);
      const unfinished = Object.entries(c.stages).filter(([, s]) => s && inProgress.has(s.state));
      const at = new Date().toISOString();
      // Every stage still in progress failed with the case: none stays `running` on a failed case.
      const stages = (x: typeof c) => ({ ...x.stages, ...Object.fromEntries(unfinished.map(([k, s]) => [k, { ...s!, state: 'failed' as const, updatedAt: at }])) });
      if (c.status === 'failed') {
        if (unfinished.length || owed.events.length) await repo.updateCase(c, (x) => owed.settle({ ...x, stages: stages(x) }), { audit: owed.events });
      } else if (canTransition(c.status, 'failed')) {
        // The status it failed in is kept: a redrive (POST /onboardings/{id}/redrive, `npm run case -- redrive`)
        // returns the case there.
        const failed = auditEvent(onboardingId, 'system', 'onboarding.failed', { error: name, previousStatus: c.status });
        await repo.moveCase(c, 'failed', (x) => owed.settle({ ...x, failure: { error: name, cause, at, previousStatus: c.status }, stages: stages(x) }), {
          audit: owed.events.length ? [...owed.events, failed] : failed,
        });
      } else {
        if (owed.events.length) await repo.updateCase(c, owed.settle, { audit: owed.events });
        logger.warn('stage failed on a case that cannot move to failed', { onboardingId, status: c.status, errorName: name });
      }
      return true;
    },
    { attempts: 6, retryable: (err) => err instanceof ConflictError },
  );
  if (!recorded) return { ignored: detail.executionArn };
  await deliverStatusChanges(onboardingId);
  return { onboardingId, recorded: name };
}

/** Stage states that mean "not finished yet". */
const inProgress: ReadonlySet<StageState> = new Set(['running', 'waiting']);

function summariseCause(cause: string | undefined): string {
  if (!cause) return '';
  try {
    const parsed = JSON.parse(cause) as { errorType?: string; errorMessage?: string };
    return `${parsed.errorType ?? 'Error'}: ${(parsed.errorMessage ?? '').slice(0, 300)}`;
  } catch {
    return cause.slice(0, 300);
  }
}
