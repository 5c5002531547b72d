import type { StageState } from '../../shared/cases/case-model';
import { ConflictError } from '../../shared/cases/case-repository';
import { logger } from '../../shared/config/logger';
import { deliverStatusChanges } from '../../shared/config/notify';
import { auditEvent, repo } from '../../shared/config/services';
import { stageTask } from '../../shared/runtime/stage-task';
import { failureInput } from '../../shared/runtime/task-input';

/**
 * The workflow's catch-all: a stage failed permanently. The case ends in `failed` with the error name
 * recorded (the cause is kept only as an error type and message head: causes can echo inputs).
 */
export const handler = stageTask('record-failure', failureInput, async ({ onboardingId, error }) => {
  const name = error.Error ?? 'Unknown';
  const cause = summariseCause(error.Cause);
  logger.error('onboarding failed', { onboardingId, errorName: name });
  for (let attempt = 0; ; attempt++) {
    const c = await repo.mustGetCase(onboardingId);
    const unfinished = Object.entries(c.stages).filter(([, s]) => s && inProgress.has(s.state));
    if (c.status === 'failed' && unfinished.length === 0) break;
    const at = new Date().toISOString();
    try {
      // Every stage still in progress failed with the case: none stays `running` on a failed case.
      await repo.updateCase(
        c,
        (x) => ({
          ...x,
          status: 'failed',
          failure: c.status === 'failed' && x.failure ? x.failure : { error: name, cause, at },
          stages: { ...x.stages, ...Object.fromEntries(unfinished.map(([k, s]) => [k, { ...s!, state: 'failed' as const, updatedAt: at }])) },
        }),
        c.status === 'failed' ? {} : { audit: auditEvent(onboardingId, 'system', 'onboarding.failed', { error: name }) },
      );
      break;
    } catch (err) {
      // A parallel stage wrote its state meanwhile: read the case again.
      if (!(err instanceof ConflictError) || attempt >= 5) throw err;
    }
  }
  await deliverStatusChanges(onboardingId);
  return { onboardingId, status: 'failed' };
});

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
