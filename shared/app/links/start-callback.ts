import { randomBytes } from 'node:crypto';
import type { LinkRepository } from '../../adapters/dynamodb/link-repository';
import { CaseOnHoldError } from '../../adapters/dynamodb/errors';
import type { CallbackTask, PendingCallback } from '../../domain/links/link-model';

export interface CallbackInput {
  caseId: string;
  task: CallbackTask;
  taskToken: string;
  timeoutSeconds: number;
  now: Date;
  progress?: Record<string, unknown>;
}

/** A new pending callback of the task token, under a fresh callbackId (not stored: startCallback stores it). */
export function newPendingCallback(input: CallbackInput): PendingCallback {
  return {
    caseId: input.caseId,
    task: input.task,
    callbackId: randomBytes(16).toString('hex'),
    taskToken: input.taskToken,
    issuedAt: input.now.toISOString(),
    deadline: new Date(input.now.getTime() + input.timeoutSeconds * 1000).toISOString(),
    state: 'waiting',
    ...(input.progress ? { progress: input.progress } : {}),
  };
}

/**
 * Takes over a task token: stores it server-side under a fresh callbackId. Every link issued for this
 * invocation carries the callbackId; a retried or re-issued task gets a new one, so older links expire.
 */
export async function startCallback(links: LinkRepository, input: CallbackInput): Promise<PendingCallback> {
  for (let attempt = 0; ; attempt++) {
    const pc = newPendingCallback(input);
    // One conditional write, no read first: it stores the new callback unless this very invocation's is
    // already waiting.
    if (await links.putPendingCallback(pc)) return pc;
    // The same invocation delivered again (a Lambda retry, a runtime restart): keep its callback and links.
    const existing = await links.getPendingCallback(input.caseId, input.task);
    if (existing && existing.taskToken === input.taskToken && existing.state === 'waiting') return existing;
    // It stopped waiting in between: write ours after all.
    if (attempt >= 2) throw new Error(`pending callback of ${input.caseId} (${input.task}) keeps changing`);
  }
}

/**
 * The case's move into the step the callback was just started for (`enter`: its setStage). A hold raised
 * since the task began makes that move fail (CaseOnHoldError, the workflow's ComplianceHold): the callback
 * ends first, so a held case never shows a person step still waiting that nobody was asked to take. (The
 * hold ends the steps waiting when it is raised; this one started just after.)
 */
export async function enterStep<T>(links: LinkRepository, pc: PendingCallback, enter: () => Promise<T>): Promise<T> {
  try {
    return await enter();
  } catch (err) {
    if (err instanceof CaseOnHoldError) await links.updateCallback(pc.caseId, pc.task, pc.callbackId, { state: 'done' });
    throw err;
  }
}
