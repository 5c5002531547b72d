import { maxSeverity, type Finding, type StageName } from '../../domain/finding';
import type { AuditHead, StageKey, StageSummary } from '../../domain/cases/case-model';
import { EvidenceExistsError, type AppendAuditOptions, type CaseRepository } from '../../adapters/dynamodb/case-repository';

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
    if (fresh) await audit(input.caseId, `stage:${input.stage}`, 'stage.completed', { stage: input.stage, outcome, findings: findings.map((f) => f.code) }, { stage, head: input.head, evidence });
    // A re-run (a retry, or a replay after a crash) of a run whose evidence is stored: that evidence, its
    // stage state and its audit event were written in one transaction, so the event is in the chain
    // already. Only the stage state is written again (from the stored evidence); no second event.
    else await repo.setStage(input.caseId, stage.key, stage.status);
    return { stage: input.stage, outcome, findings: findings.length, ...(top ? { maxSeverity: top } : {}), hardStop };
  };
  try {
    return await record(input.findings, true);
  } catch (err) {
    if (!(err instanceof EvidenceExistsError)) throw err;
    return record((await repo.putEvidence(evidence)).findings, false);
  }
}
