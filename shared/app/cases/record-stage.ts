import { maxSeverity, type Finding, type StageName } from '../../domain/finding';
import { appendAuditEvent, type AuditEvent } from '../../domain/audit/chain';
import { type AuditHead, type CaseRecord, type EvidenceRecord, type StageKey, type StageSummary } from '../../domain/cases/case-model';
import { EvidenceExistsError, type AppendAuditOptions, type AuditEventBuilder, type CaseRepository } from '../../adapters/dynamodb/case-repository';
import type { UpdateSpec } from '../../adapters/dynamodb/transaction';

export interface StageResultInput {
  caseId: string;
  stage: StageKey & StageName;
  runId: string;
  inputs: Record<string, unknown>;
  findings: Finding[];
  data?: Record<string, unknown>;
  /** The check could not run (lists missing, vendor down): never a silent pass. */
  unavailable?: boolean;
  /** The audit head read with the case (a hint for the append, see CaseRepository.appendAudit). */
  head?: AuditHead | undefined;
  /**
   * One of the parallel checks: its `stage.completed` event is left owed (CaseRecord.owedEvents) for the
   * next single step to append (owedStageEvents), so that the checks never race on the chain's head.
   */
  deferEvent?: boolean;
  /**
   * With deferEvent: an outbox item's prompt claim to take in the result's transaction (the first task's claim
   * of the status event the case was born with); `taken` is called when it was.
   */
  outboxClaim?: { update: UpdateSpec; taken: () => void };
}

/**
 * Records a stage's evidence (append-only, once per run), its state on the case and an audit event, and
 * returns the summary the workflow carries: counts and severities, no personal data.
 *
 * The three go out as one transaction (the audit append's, see CaseRepository.appendAudit) instead of
 * three requests. A retried run whose evidence is already stored cancels it; then the stored evidence
 * wins, the stage state is written from it, and no second audit event is appended (the first one went
 * out with that evidence).
 */
export async function recordStageResult(
  repo: CaseRepository,
  audit: (caseId: string, actor: string, action: string, data: Record<string, unknown>, options?: AppendAuditOptions) => Promise<void>,
  input: StageResultInput,
): Promise<StageSummary> {
  const evidence = {
    caseId: input.caseId,
    stage: input.stage,
    runId: input.runId,
    recordedAt: new Date().toISOString(),
    inputs: input.inputs,
    findings: input.findings,
    ...(input.data ? { data: input.data } : {}),
  };
  const record = async (findings: Finding[], fresh: boolean): Promise<StageSummary> => {
    const hardStop = findings.some((f) => f.hardStop);
    const outcome: StageSummary['outcome'] = input.unavailable ? 'unavailable' : hardStop ? 'hard-stop' : findings.length ? 'findings' : 'passed';
    const top = maxSeverity(findings);
    const stage = { key: input.stage, status: { state: outcome, findings: findings.length, ...(top ? { maxSeverity: top } : {}) } };
    if (fresh && input.deferEvent) {
      if (await repo.putCheckResult(evidence, stage.key, stage.status, input.outboxClaim?.update)) input.outboxClaim?.taken();
    } else if (fresh) await audit(input.caseId, `stage:${input.stage}`, 'stage.completed', stageCompleted(input.stage, outcome, findings), { stage, head: input.head, evidence });
    // A re-run (a retry, or a replay after a crash) of a run whose evidence is stored: that evidence, its
    // stage state and its audit event (or, for a check, the entry saying the event is owed) were written in
    // one transaction, so the event is in the chain already or will be, once. A check's state stands as
    // written with its evidence (nothing to write); another stage's is written again from the stored
    // evidence. No second event either way.
    else if (!input.deferEvent) await repo.setStage(input.caseId, stage.key, stage.status);
    return { stage: input.stage, outcome, findings: findings.length, ...(top ? { maxSeverity: top } : {}), hardStop };
  };
  try {
    return await record(input.findings, true);
  } catch (err) {
    if (!(err instanceof EvidenceExistsError)) throw err;
    return record((await repo.putEvidence(evidence)).findings, false);
  }
}

const stageCompleted = (stage: StageKey, outcome: string, findings: readonly Finding[]) => ({ stage, outcome, findings: findings.map((f) => f.code) });

/**
 * The `stage.completed` events the chain is owed by the checks that recorded their result without one
 * (CaseRecord.owedEvents), in stage-name order, each with the time its evidence was recorded and the content
 * the check would have appended itself; and the change that removes them from the owed list. For the one
 * transaction of the next single step (the risk decision; RecordFailure when the execution stops first):
 * the events and the emptied list are written together, so a re-run of either appends nothing twice.
 */
export function owedStageEvents(c: CaseRecord, evidence: readonly EvidenceRecord[]): { events: AuditEventBuilder[]; settle: (x: CaseRecord) => CaseRecord } {
  const owed = (c.owedEvents ?? []).map((o) => {
    const e = evidence.find((x) => x.stage === o.stage && x.runId === o.runId);
    if (!e) throw new Error(`onboarding ${c.id}: the ${o.stage} evidence of run ${o.runId} is missing, its stage.completed event cannot be written`);
    return { ...o, at: e.recordedAt, findings: e.findings };
  });
  owed.sort((a, b) => (a.stage === b.stage ? a.at.localeCompare(b.at) : a.stage < b.stage ? -1 : 1));
  const events = owed.map(
    (o): AuditEventBuilder =>
      (prev) =>
        appendAuditEvent(prev as AuditEvent | undefined, { at: o.at, actor: `stage:${o.stage}`, action: 'stage.completed', caseId: c.id, data: stageCompleted(o.stage, o.outcome, o.findings) }),
  );
  const settle = (x: CaseRecord): CaseRecord => {
    const left = (x.owedEvents ?? []).filter((o) => !c.owedEvents?.some((p) => p.stage === o.stage && p.runId === o.runId));
    const { owedEvents: _, ...rest } = x;
    return left.length ? { ...rest, owedEvents: left } : rest;
  };
  return { events, settle };
}
