import * as z from '../../shared/domain/schemas/zod';
import { logger } from '../../shared/adapters/observability/logger';
import { webhookOutbox } from '../../shared/config/notify';
import { stageTask } from '../../shared/adapters/lambda/stage-task';

/** The EventBridge schedule's event (or a manual invocation with none of it): only its shape is checked. */
const scheduleEvent = z.looseObject({ 'detail-type': z.optional(z.string()), time: z.optional(z.string()) });

/**
 * New batches are started for this long; a batch takes at most one attempt timeout (5 s) plus its writes,
 * so the sweep ends well inside the function's 30 s timeout.
 */
const SWEEP_BUDGET_MS = 18_000;

/**
 * Every minute (EventBridge schedule): delivers the status-change webhooks whose next attempt is due, from
 * the outbox's delivery queue; failures are rescheduled with backoff and, after the last attempt, become
 * dead letters. The clock is the function's own, not the event's: a late or redelivered event changes nothing.
 */
export const handler = stageTask('webhook-sweep', scheduleEvent, async () => {
  const report = await (await webhookOutbox()).sweep(new Date(), Date.now() + SWEEP_BUDGET_MS);
  logger.info('webhook sweep done', { ...report });
  return report;
});
