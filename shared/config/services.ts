import { appendAuditEvent, type AuditEvent } from '../domain/audit/chain';
import { CaseRepository, type AppendAuditOptions, type AuditEventBuilder } from '../adapters/dynamodb/case-repository';
import { dynamoClient } from '../adapters/aws/dynamodb';
import { readEnv } from './env';

/**
 * The wiring of one execution environment, built once at cold start: the configuration, the repository,
 * the audit trail. Handlers import what they need from here and stay thin; the workflow starter, which only
 * the API needs, is in start-execution.ts so that no other bundle loads the Step Functions SDK.
 */
export const env = readEnv();
export const repo = new CaseRepository(dynamoClient(), env.TABLE_NAME);

/** The audit event `action` by `actor`, built on whichever event turns out to be the last (for updateCase's `audit`). */
export function auditEvent(caseId: string, actor: string, action: string, data: Record<string, unknown>): AuditEventBuilder {
  const at = new Date().toISOString();
  return (prev) => appendAuditEvent(prev as AuditEvent | undefined, { at, actor, action, caseId, data });
}

/** `options`: writes to fold into the append's transaction, and the head just read (see appendAudit). */
export async function audit(caseId: string, actor: string, action: string, data: Record<string, unknown>, options?: AppendAuditOptions): Promise<void> {
  await repo.appendAudit(caseId, auditEvent(caseId, actor, action, data), options);
}
