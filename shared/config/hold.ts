import type { CaseRecord } from '../domain/cases/case-model';
import { holdCase, type HoldDeps, type HoldInput, type HoldResult } from '../app/cases/hold-case';
import { workflowErrors } from '../adapters/lambda/task-errors';
import type { PropagateDeps } from '../app/cases/propagate-links';
import { links, mailFrom } from './link-services';
import { activePolicy } from './policy';
import { logger } from '../adapters/observability/logger';
import { deliverStatusChanges } from './notify';
import { auditEvent, env, repo } from './services';

/** The hold use case wired to this function's repository, Step Functions and outbox (shared/app/cases/hold-case.ts). */
export const holdDeps: HoldDeps = {
  repo,
  links,
  // Step Functions loads on the first hold, not at every cold start (holds are rare).
  async failTask(taskToken, cause) {
    const { SendTaskFailureCommand, sfnClient } = await import('../adapters/aws/sfn');
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

/**
 * Holds the case (shared/app/cases/hold-case.ts); then the applicants it shares an identifier with weigh that
 * link again as one with a held case (shared/app/cases/hold-links.ts), one hop: not for a hold that a linked
 * applicant raised. That second part never fails the hold: it is logged, and each linked applicant's own
 * next check sees the held case anyway.
 */
export async function hold(input: HoldInput): Promise<HoldResult> {
  const result = await holdCase(holdDeps, input);
  if (result.kind === 'held' && input.source !== 'linked-applicant') {
    try {
      const outcomes = await (await import('../app/cases/hold-links')).propagateHold(propagationDeps(), result.c);
      for (const [caseId, outcome] of outcomes) logger.info('a hold propagated to a linked applicant', { onboardingId: caseId, heldCase: result.c.id, outcome });
    } catch (err) {
      logger.error('telling linked applicants of a hold failed', { onboardingId: input.caseId, errorName: (err as Error).name, message: (err as Error).message });
    }
  }
  return result;
}

/**
 * Links both ways (shared/app/cases/propagate-links.ts), wired: a linked case whose risk now says hold is held
 * through the hold use case above; approved ones are told to the compliance pool by mail.
 */
export function propagationDeps(): PropagateDeps {
  return {
    repo,
    policy: activePolicy(),
    hold: async (input) => {
      try {
        return await hold(input);
      } catch (err) {
        // The check that found the link must not fail for the linked case's hold: logged loudly, and the
        // re-decision goes on with the case as it now is: held (the hold was recorded before what failed;
        // the next hold of it starts the review again) or not (an approved case's compliance pool is then mailed).
        logger.error('holding a linked case failed', { onboardingId: input.caseId, errorName: (err as Error).name, error: (err as Error).message });
        const c = await repo.mustGetCase(input.caseId);
        return c.status === 'compliance-hold' ? { kind: 'already-held', c } : { kind: 'not-holdable', c };
      }
    },
    mail: async (to, mail) => void (await (await import('../adapters/notify/mailer')).sendEmail(mailFrom(), to, mail)),
    auditEvent,
    now: () => new Date(),
  };
}
