import type { CaseRecord } from '../cases/case-model';
import { holdCase, type HoldDeps, type HoldInput, type HoldResult } from '../cases/hold-case';
import { workflowErrors } from '../runtime/task-errors';
import { links } from './link-services';
import { logger } from './logger';
import { deliverStatusChanges } from './notify';
import { auditEvent, env, repo } from './services';

/** The hold use case wired to this function's repository, Step Functions and outbox (shared/cases/hold-case.ts). */
export const holdDeps: HoldDeps = {
  repo,
  links,
  // Step Functions loads on the first hold, not at every cold start (holds are rare).
  async failTask(taskToken, cause) {
    const { SendTaskFailureCommand, sfnClient } = await import('../aws/sfn');
    await sfnClient()
      .send(new SendTaskFailureCommand({ taskToken, error: workflowErrors.complianceHold, cause }))
      .catch((err: unknown) => logger.warn('callback already ended', { errorName: (err as Error).name }));
  },
  async startReview(c: CaseRecord) {
    if (!env.STATE_MACHINE_ARN) throw new Error('this function cannot start a compliance review: STATE_MACHINE_ARN is not set');
    // One review execution per hold: the hold's start time names it (ids and times only, never personal data).
    const stamp = (c.hold?.since ?? new Date().toISOString()).replace(/[^0-9]/g, '').slice(0, 17);
    const { startExecution } = await import('./start-execution');
    await startExecution(`${c.executionName}-hold-${stamp}`.slice(0, 80), { onboardingId: c.id, resumeAt: 'approved' });
  },
  notify: deliverStatusChanges,
  auditEvent,
  now: () => new Date(),
};

export function hold(input: HoldInput): Promise<HoldResult> {
  return holdCase(holdDeps, input);
}
