import { StartExecutionCommand, ExecutionAlreadyExists } from '@aws-sdk/client-sfn';
import { appendAuditEvent, type AuditEvent } from '../audit/chain';
import { CaseRepository, type AppendAuditOptions, type AuditEventBuilder } from '../cases/case-repository';
import { dynamoClient, sfnClient } from './clients';
import { readEnv, requireSetting } from './env';

/**
 * The wiring of one execution environment, built once at cold start: the repository, the workflow starter.
 * Handlers import what they need from here and stay thin.
 */
export const env = readEnv();
export const repo = new CaseRepository(dynamoClient(), env.TABLE_NAME);

export async function startExecution(name: string, input: { onboardingId: string }): Promise<void> {
  try {
    await sfnClient().send(
      new StartExecutionCommand({ stateMachineArn: requireSetting(env, 'STATE_MACHINE_ARN'), name, input: JSON.stringify(input) }),
    );
  } catch (err) {
    // Same name and same input: Step Functions answers with the running execution; a different input
    // under the same name cannot happen because the name derives from the idempotency key.
    if (err instanceof ExecutionAlreadyExists) return;
    throw err;
  }
}

/** The audit event `action` by `actor`, built on whichever event turns out to be the last (for updateCase's `audit`). */
export function auditEvent(caseId: string, actor: string, action: string, data: Record<string, unknown>): AuditEventBuilder {
  const at = new Date().toISOString();
  return (prev) => appendAuditEvent(prev as AuditEvent | undefined, { at, actor, action, caseId, data });
}

/** `options`: writes to fold into the append's transaction, and the head just read (see appendAudit). */
export async function audit(caseId: string, actor: string, action: string, data: Record<string, unknown>, options?: AppendAuditOptions): Promise<void> {
  await repo.appendAudit(caseId, auditEvent(caseId, actor, action, data), options);
}
