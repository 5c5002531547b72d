import { appendAuditEvent, verifyAuditChain, type AuditChainVerification, type AuditEvent } from '../audit/chain';
import type { CaseRepository } from '../cases/case-repository';

/**
 * The records tools seal their own events (case.exported, erasure.performed) exactly like the workflow's
 * `audit()` helper in shared/config/services.ts does, but on the repository they were given instead of the
 * environment's, so a CLI pointed at any table records into that table.
 */
export async function appendRecordsAudit(repo: CaseRepository, caseId: string, actor: string, action: string, data: Record<string, unknown>, at = new Date()): Promise<void> {
  await repo.appendAudit(caseId, (prev) => appendAuditEvent(prev as AuditEvent | undefined, { at: at.toISOString(), actor, action, caseId, data }));
}

export type CaseAuditVerification = AuditChainVerification & { caseId: string };

/**
 * Verifies a case's stored chain. Besides what verifyAuditChain checks (seq order, prevHash links, each
 * hash), the chain must belong to the case asked for and must not be empty (every case starts with
 * `onboarding.received`, written in the same transaction as the case).
 *
 * Limitation: the case item does not record the chain head, so events cut off the *end* of the chain are
 * not detectable here; deletions or edits anywhere before the newest event are.
 */
export function verifyCaseAudit(caseId: string, events: readonly Record<string, unknown>[]): CaseAuditVerification {
  if (events.length === 0) return { caseId, ok: false, brokenAt: 1, reason: 'the case has no audit events: the chain was deleted' };
  const foreign = events.find((e) => e.caseId !== caseId);
  if (foreign) return { caseId, ok: false, brokenAt: Number(foreign.seq) || 0, reason: `event belongs to case ${String(foreign.caseId)}, not ${caseId}` };
  return { caseId, ...verifyAuditChain(events) };
}

export async function verifyStoredAudit(repo: CaseRepository, caseId: string): Promise<CaseAuditVerification> {
  return verifyCaseAudit(caseId, await repo.listAudit(caseId));
}

export function describeVerification(v: CaseAuditVerification): string {
  return v.ok
    ? `ok     ${v.caseId}: ${v.count} events, head seq ${v.head?.seq ?? 0} ${v.head?.hash.slice(0, 16) ?? ''}`
    : `BROKEN ${v.caseId}: at seq ${v.brokenAt}: ${v.reason}`;
}
