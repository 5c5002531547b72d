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
  const c = await repo.mustGetCase(onboardingId);
  if (c.status !== 'failed') {
    await repo.moveCase(c, 'failed', (x) => ({ ...x, failure: { error: name, cause, at: new Date().toISOString(), previousStatus: c.status } }), {
      audit: auditEvent(onboardingId, 'system', 'onboarding.failed', { error: name }),
    });
  }
  await deliverStatusChanges(onboardingId);
  return { onboardingId, recorded: name };
});

function summariseCause(cause: string | undefined): string {
  if (!cause) return '';
  try {
    const parsed = JSON.parse(cause) as { errorType?: string; errorMessage?: string };
    return `${parsed.errorType ?? 'Error'}: ${(parsed.errorMessage ?? '').slice(0, 300)}`;
  } catch {
    return cause.slice(0, 300);
  }
}
