import * as z from 'zod';

const onboardingId = z.string().regex(/^ob_[0-9a-f]{32}$/);

/** Input of the automated stage tasks: ids only. */
export const stageInput = z.object({ onboardingId, runId: z.string().min(1).max(80) });

/** Input of the callback tasks: the task token stays server-side once the handler stores it. */
export const callbackInput = z.object({
  onboardingId,
  task: z.enum(['interview', 'approval', 'escalation', 'information']),
  taskToken: z.string().min(1).max(2048),
  /** The task's TimeoutSeconds, passed by the workflow so links expire before the task does. */
  timeoutSeconds: z.number().int().positive(),
});

export const failureInput = z.object({
  onboardingId,
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).passthrough(),
});

/** What a reviewer's decision sends back through SendTaskSuccess. */
export const decisionOutput = z.object({
  decision: z.enum(['approved', 'rejected', 'info-requested']),
  by: z.string().min(1).max(254),
  at: z.string().min(1),
  reason: z.string().max(4000),
  via: z.string().max(200).optional(),
  approvals: z.array(z.object({ by: z.string(), at: z.string(), reason: z.string() })).optional(),
});

export const finalizeInput = z.union([
  z.object({ onboardingId, decision: decisionOutput }),
  z.object({ onboardingId, timedOut: z.enum(['interview', 'approval', 'information']) }),
]);
