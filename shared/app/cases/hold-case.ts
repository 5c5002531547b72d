import type { CallbackTask, PendingCallback } from '../../domain/links/link-model';
import type { CaseRecord, HoldSource, RiskSummary } from '../../domain/cases/case-model';
import { ConflictError, type AuditEventBuilder, type CaseRepository } from '../../adapters/dynamodb/case-repository';
import { canTransition } from '../../domain/cases/lifecycle';
import { retry } from '../../adapters/dynamodb/retry';

/** The person steps a hold ends: their links stop acting and the workflow goes to the compliance review. */
export const personSteps: readonly CallbackTask[] = ['interview', 'approval', 'escalation', 'information'];

export interface HoldDeps {
  repo: CaseRepository;
  links: {
    getPendingCallback(caseId: string, task: CallbackTask): Promise<PendingCallback | undefined>;
    updateCallback(caseId: string, task: CallbackTask, callbackId: string, change: { state?: 'done' }): Promise<boolean>;
  };
  /** Ends a waiting task with the workflow's ComplianceHold error (SendTaskFailure). */
  failTask(taskToken: string, cause: string): Promise<void>;
  /**
   * For a case whose workflow has ended (an approved contractor named by a new list entry): starts the
   * compliance review as an execution of its own, which mails the compliance pool.
   */
  startReview(c: CaseRecord): Promise<void>;
  /** Tells the HRIS (the outbox item was written with the change; this is the prompt attempt). */
  notify(caseId: string): Promise<unknown>;
  auditEvent(caseId: string, actor: string, action: string, data: Record<string, unknown>): AuditEventBuilder;
  now(): Date;
}

export interface HoldInput {
  caseId: string;
  source: HoldSource;
  /** Plain-language reason, shown to the compliance reviewers. */
  reason: string;
  /** The finding codes that raised it. */
  findings: string[];
  /** The digests of those findings that have a basis (HoldReason.bases): a known code on new facts is new evidence. */
  bases?: string[];
  /** A hard stop (sanctions match, DPRK document or IP, listed wallet): never cleared by one person. */
  hardStop: boolean;
  /** The risk decision that raised it, to show on the case (the case's risk is updated with it). */
  risk?: RiskSummary;
  /** The case as the caller just read it (a stale read costs a retry, never a wrong write). */
  read?: CaseRecord;
}

export type HoldResult =
  | { kind: 'held'; c: CaseRecord }
  /** Already on hold: the new reason is added to the hold. */
  | { kind: 'already-held'; c: CaseRecord }
  /** Ended (rejected, expired, failed...): nothing to hold. */
  | { kind: 'not-holdable'; c: CaseRecord };

/**
 * Holding a case, whatever raised it (risk decision, platform signals, re-screening, a linked applicant):
 * records the hold with its reason on the case (status through the lifecycle), updates the risk shown on
 * the case, ends every person step still waiting (its links then say the case is on hold, and the workflow
 * goes to the compliance review, which mails the compliance pool), starts a compliance review of its own
 * for a contractor already approved, and tells the HRIS.
 */
export async function holdCase(deps: HoldDeps, input: HoldInput): Promise<HoldResult> {
  const now = deps.now().toISOString();
  const source = { source: input.source, at: now, reason: input.reason, findings: input.findings, ...(input.bases?.length ? { bases: input.bases } : {}) };
  let read = input.read;
  // A concurrent writer of the case (ConflictError): decide again on a fresh read.
  return retry(
    async (): Promise<HoldResult> => {
      const c = read ?? (await deps.repo.mustGetCase(input.caseId));
      read = undefined;
      if (c.status === 'compliance-hold') {
        const known = new Set((c.hold?.sources ?? []).flatMap((s) => s.findings));
        const knownBases = new Set((c.hold?.sources ?? []).flatMap((s) => s.bases ?? []));
        const newFindings = input.findings.filter((f) => !known.has(f));
        const newFacts = (input.bases ?? []).filter((b) => !knownBases.has(b));
        const updated = await deps.repo.updateCase(
          c,
          (x) => ({
            ...x,
            ...(input.risk ? { risk: input.risk } : {}),
            hold: { ...x.hold!, hardStop: Boolean(x.hold?.hardStop) || input.hardStop, sources: [...(x.hold?.sources ?? []), source] },
          }),
          { audit: deps.auditEvent(c.id, 'system', 'hold.reason-added', { source: input.source, findings: input.findings }) },
        );
        await endPersonSteps(deps, c.id, input.reason);
        // A finding the compliance team has not seen (a sanctions hit while they review a login), or a known one
        // on facts they have not seen (a second login from DPRK address space): the review waiting now ends and a
        // new one mails them every reason; clearances given before it no longer count (hold-votes.ts). The same
        // findings on the same facts again change nothing and mail no one.
        if (newFindings.length) await endPersonSteps(deps, c.id, `New findings: ${newFindings.join(', ')}`, ['compliance']);
        else if (newFacts.length) await endPersonSteps(deps, c.id, `New facts behind ${input.findings.join(', ')}`, ['compliance']);
        // A contractor held after approval has its review as an execution of its own, named after the hold:
        // starting it again is a no-op when it runs, and starts it when the first attempt did not get that
        // far (the hold must not be left without an owner).
        if (updated.hold?.previousStatus === 'approved') await deps.startReview(updated);
        return { kind: 'already-held', c: updated };
      }
      if (!canTransition(c.status, 'held')) return { kind: 'not-holdable', c };
      const held = await deps.repo.moveCase(
        c,
        'held',
        (x) => ({
          ...x,
          ...(input.risk ? { risk: input.risk } : {}),
          hold: { since: now, previousStatus: c.status, sources: [source], hardStop: input.hardStop, votes: [] },
        }),
        { audit: deps.auditEvent(c.id, 'system', 'case.held', { source: input.source, previousStatus: c.status, findings: input.findings, hardStop: input.hardStop }) },
      );
      await endPersonSteps(deps, c.id, input.reason);
      // An approved contractor has no workflow waiting any more: the review runs on its own.
      if (c.status === 'approved') await deps.startReview(held);
      await deps.notify(c.id);
      return { kind: 'held', c: held };
    },
    { attempts: 11, retryable: (err) => err instanceof ConflictError },
  );
}

/** Every person step still waiting ends now: its links stop working and the workflow takes the hold path. */
async function endPersonSteps(deps: HoldDeps, caseId: string, reason: string, tasks: readonly CallbackTask[] = personSteps): Promise<void> {
  for (const task of tasks) {
    const pc = await deps.links.getPendingCallback(caseId, task);
    if (!pc || pc.state !== 'waiting') continue;
    if (!(await deps.links.updateCallback(caseId, task, pc.callbackId, { state: 'done' }))) continue;
    await deps.failTask(pc.taskToken, `Compliance hold: ${reason}`.slice(0, 250));
  }
}
