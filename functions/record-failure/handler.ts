import type { StageState } from '../../shared/cases/case-model';
import { ConflictError } from '../../shared/cases/case-repository';
import { canTransition } from '../../shared/cases/lifecycle';
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
    const at = new Date().toISOString();
    // Every stage still in progress failed with the case: none stays `running` on a failed case.
    const stages = (x: typeof c) => ({ ...x.stages, ...Object.fromEntries(unfinished.map(([k, s]) => [k, { ...s!, state: 'failed' as const, updatedAt: at }])) });
    try {
      if (c.status === 'failed') {
        if (unfinished.length) await repo.updateCase(c, (x) => ({ ...x, stages: stages(x) }));
      } else if (canTransition(c.status, 'failed')) {
        // The status it failed in is kept: a redrive (POST /onboardings/{id}/redrive, `npm run case -- redrive`)
        // returns the case there.
        await repo.moveCase(c, 'failed', (x) => ({ ...x, failure: { error: name, cause, at, previousStatus: c.status }, stages: stages(x) }), {
          audit: auditEvent(onboardingId, 'system', 'onboarding.failed', { error: name, previousStatus: c.status }),
        });
      } else logger.warn('stage failed on a case that cannot move to failed', { onboardingId, status: c.status, errorName: name });
      break;
    } catch (err) {
      // A parallel stage wrote its state meanwhile: read the case again.
      if (!(err instanceof ConflictError) || attempt >= 5) throw err;
    }
  }
  await deliverStatusChanges(onboardingId);
  return { onboardingId, recorded: name };
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
