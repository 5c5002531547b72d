import type * as z from '../../domain/schemas/zod';
import { logger } from '../observability/logger';
import { InvalidTaskInputError, TransientError, isTransient, workflowErrors } from './task-errors';

/**
 * Wraps a workflow task: parses its input with zod, runs the domain, and names errors so the state
 * machine retries what is transient and catches the rest into the failure handler.
 */
export function stageTask<S extends z.ZodSchema, O>(name: string, schema: S, run: (input: z.infer<S>) => Promise<O>) {
  return async (event: unknown): Promise<O> => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
      throw new InvalidTaskInputError(`${name}: invalid task input at ${fields}`);
    }
    try {
      return await run(parsed.data);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      // A hold raised meanwhile ends the step on purpose (the workflow's ComplianceHold catch takes it to
      // the compliance review): told, not an error for the operators' log searches and alarms.
      if (error.name === workflowErrors.complianceHold) logger.info(`${name} ended by a compliance hold`, { errorName: error.name });
      else logger.error(`${name} failed`, { errorName: error.name, transient: isTransient(error) });
      if (isTransient(error) && !(error instanceof TransientError)) throw new TransientError(`${name}: ${error.name}: ${error.message}`);
      throw error;
    }
  };
}
