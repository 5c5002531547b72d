import { appendAuditEvent, verifyAuditChain, type AuditChainVerification, type AuditEvent } from '../../domain/audit/chain';
import type { AuditHead } from '../../domain/cases/case-model';
import { NotFoundError, type CaseRepository } from '../../adapters/dynamodb/case-repository';

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
 * hash), the chain must belong to the case asked for, must not be empty (every case starts with
 * `onboarding.received`), and must reach the head recorded on the case item, so events cut off the end of
 * the chain are detected too. A case with events but no head has lost it (every append since heads exist
 * writes one); it fails, naming that.
 */
export function verifyCaseAudit(caseId: string, events: readonly Record<string, unknown>[], head: AuditHead | undefined): CaseAuditVerification {
  if (events.length === 0) return { caseId, ok: false, brokenAt: 1, reason: `the case has no audit events: the chain was deleted${head ? ` (the head recorded on the case is seq ${head.seq})` : ''}` };
  const foreign = events.find((e) => e.caseId !== caseId);
  if (foreign) return { caseId, ok: false, brokenAt: Number(foreign.seq) || 0, reason: `event belongs to case ${String(foreign.caseId)}, not ${caseId}` };
  const chain = verifyAuditChain(events, head ? { expectedHead: head } : {});
  if (chain.ok && !head) return { caseId, ok: false, brokenAt: chain.head?.seq ?? 1, reason: 'the case item records no audit head, so the end of the chain cannot be checked' };
  return { caseId, ...chain };
}

/** Reads the head first, then the events (see VerifyAuditChainOptions.expectedHead). */
export async function verifyStoredAudit(repo: CaseRepository, caseId: string): Promise<CaseAuditVerification> {
  const c = await repo.getCase(caseId);
  if (!c) throw new NotFoundError(`onboarding ${caseId} not found`);
  return verifyCaseAudit(caseId, await repo.listAudit(caseId), c.auditHead);
}

export function describeVerification(v: CaseAuditVerification): string {
  return v.ok ? `ok     ${v.caseId}: ${v.count} events, head seq ${v.head?.seq ?? 0} ${v.head?.hash.slice(0, 16) ?? ''}` : `BROKEN ${v.caseId}: at seq ${v.brokenAt}: ${v.reason}`;
}
