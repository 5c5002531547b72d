import type { RiskSummary } from '../../shared/cases/case-model';
import { latestFindings } from '../../shared/cases/latest-findings';
import { riskSummaryOf } from '../../shared/cases/risk-summary';
import { activePolicy } from '../../shared/config/policy';
import { notifyStatus } from '../../shared/config/notify';
import { audit, repo } from '../../shared/config/services';
import { decideRisk } from '../../shared/risk/decide';
import { stageTask } from '../../shared/runtime/stage-task';
import { stageInput } from '../../shared/runtime/task-input';

/**
 * The explainable risk decision over every finding on the case. A hold (hard stop or score over the hold
 * threshold) parks the case for compliance; anything else proceeds to the interview.
 */
export const handler = stageTask('risk-decision', stageInput, async ({ onboardingId }): Promise<RiskSummary> => {
  const c = await repo.mustGetCase(onboardingId);
  const findings = latestFindings(await repo.listEvidence(onboardingId));
  const decision = decideRisk({ findings, policy: activePolicy() });
  const summary = riskSummaryOf(decision);
  const status = decision.outcome === 'hold' ? 'compliance-hold' : c.status === 'checking' || c.status === 'received' ? 'awaiting-interview' : c.status;
  const updated = await repo.updateCase(c, (x) => ({
    ...x,
    status,
    risk: summary,
    stages: { ...x.stages, risk: { state: decision.outcome === 'hold' ? 'hard-stop' : 'done', findings: findings.length, updatedAt: new Date().toISOString() } },
    ...(decision.outcome === 'hold'
      ? { decision: { outcome: 'compliance-hold' as const, by: 'system', at: new Date().toISOString(), reason: decision.explanation.join(' ') } }
      : {}),
  }));
  await audit(onboardingId, 'system', 'risk.decided', { outcome: summary.outcome, score: summary.score, level: summary.level, policyVersion: summary.policyVersion, drivers: summary.drivers });
  if (updated.status !== c.status) await notifyStatus(updated);
  return summary;
});
