import { maxSeverity, type Finding, type StageName } from '../domain/finding';
import type { StageKey, StageSummary } from './case-model';
import type { CaseRepository } from './case-repository';

export interface StageResultInput {
  caseId: string;
  stage: StageKey & StageName;
  runId: string;
  inputs: Record<string, unknown>;
  findings: Finding[];
  data?: Record<string, unknown>;
  /** The check could not run (lists missing, vendor down): never a silent pass. */
  unavailable?: boolean;
}

/**
 * Records a stage's evidence (append-only, once per run), its state on the case and an audit event, and
 * returns the summary the workflow carries: counts and severities, no personal data.
 */
export async function recordStageResult(
  repo: CaseRepository,
  audit: (caseId: string, actor: string, action: string, data: Record<string, unknown>) => Promise<void>,
  input: StageResultInput,
): Promise<StageSummary> {
  const stored = await repo.putEvidence({
    caseId: input.caseId,
    stage: input.stage,
    runId: input.runId,
    recordedAt: new Date().toISOString(),
    inputs: input.inputs,
    findings: input.findings,
    ...(input.data ? { data: input.data } : {}),
  });
  const findings = stored.findings;
  const hardStop = findings.some((f) => f.hardStop);
  const outcome: StageSummary['outcome'] = input.unavailable ? 'unavailable' : hardStop ? 'hard-stop' : findings.length ? 'findings' : 'passed';
  const top = maxSeverity(findings);
  await repo.setStage(input.caseId, input.stage, { state: outcome, findings: findings.length, ...(top ? { maxSeverity: top } : {}) });
  await audit(input.caseId, `stage:${input.stage}`, 'stage.completed', { stage: input.stage, outcome, findings: findings.map((f) => f.code) });
  return { stage: input.stage, outcome, findings: findings.length, ...(top ? { maxSeverity: top } : {}), hardStop };
}
