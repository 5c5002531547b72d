import type { RiskSummary } from '../../shared/cases/case-model';
import { microDepositEvidence, MICRO_DEPOSIT_STAGE, ownershipUnverifiedFindings } from '../../shared/bank/micro-deposit-flow';
import { latestFindings } from '../../shared/cases/latest-findings';
import { riskSummaryOf } from '../../shared/cases/risk-summary';
import { activePolicy } from '../../shared/config/policy';
import { deliverStatusChanges } from '../../shared/config/notify';
import { audit, auditEvent, repo } from '../../shared/config/services';
import { decideRisk } from '../../shared/risk/decide';
import { stageTask } from '../../shared/runtime/stage-task';
import { stageInput } from '../../shared/runtime/task-input';

/**
 * The explainable risk decision over every finding on the case. A hold (hard stop or score over the hold
 * threshold) parks the case for compliance; anything else proceeds to the interview.
 */
export const handler = stageTask('risk-decision', stageInput, async ({ onboardingId, runId }): Promise<RiskSummary> => {
  let { c, evidence } = await repo.mustGetCaseWithEvidence(onboardingId);
  // The reassessment (the interview's evidence is in): micro-deposits the policy asked for and the contractor
  // has not confirmed by now leave the account's ownership unproven. Recorded as the micro-deposits'
  // evidence in force, so the case page shows it and a later confirmation replaces it.
  const unverified = evidence.some((e) => e.stage === 'interview') ? ownershipUnverifiedFindings(evidence) : [];
  if (unverified.length > 0) {
    const current = microDepositEvidence(evidence)!;
    await repo.putEvidence({ ...current, runId: `unverified-${runId}`, recordedAt: new Date().toISOString(), findings: unverified });
    // The stage state goes with the audit event, in its transaction.
    await audit(onboardingId, 'system', 'micro-deposits.unverified', { findings: unverified.map((f) => f.code) }, {
      head: c.auditHead,
      stage: { key: MICRO_DEPOSIT_STAGE, status: { state: 'findings', findings: unverified.length, maxSeverity: 'medium' } },
    });
    ({ c, evidence } = await repo.mustGetCaseWithEvidence(onboardingId));
  }
  const findings = latestFindings(evidence);
  const decision = decideRisk({ findings, policy: activePolicy() });
  const summary = riskSummaryOf(decision);
  const held = decision.outcome === 'hold';
  // The status through the lifecycle (held, or cleared for the interview from the checks; the reassessment
  // keeps it). Minimal, until the lead's conversion of this handler (hold through holdCase) replaces it.
  const event = held ? ('held' as const) : c.status === 'checking' ? ('risk-cleared' as const) : undefined;
  const at = new Date().toISOString();
  const write = (change: (x: typeof c) => typeof c, options: { audit: ReturnType<typeof auditEvent> }) =>
    event ? repo.moveCase(c, event, change, options) : repo.updateCase(c, change, options);
  // The decision and its audit event in one transaction (built on the head read with the case).
  const updated = await write(
    (x) => ({
      ...x,
      ...(held ? { hold: { since: at, previousStatus: c.status, sources: [{ source: 'risk-decision' as const, at, reason: decision.explanation.join(' '), findings: summary.drivers }], hardStop: findings.some((f) => f.hardStop), votes: [] } } : {}),
      risk: summary,
      stages: { ...x.stages, risk: { state: decision.outcome === 'hold' ? 'hard-stop' : 'done', findings: findings.length, updatedAt: new Date().toISOString() } },
      ...(decision.outcome === 'hold'
        ? { decision: { outcome: 'compliance-hold' as const, by: 'system', at: new Date().toISOString(), reason: decision.explanation.join(' ') } }
        : {}),
    }),
    { audit: auditEvent(onboardingId, 'system', 'risk.decided', { outcome: summary.outcome, score: summary.score, level: summary.level, policyVersion: summary.policyVersion, drivers: summary.drivers }) },
  );
  // The change and its outbox item were written together; this is only the prompt attempt.
  if (updated.status !== c.status) await deliverStatusChanges(onboardingId);
  return summary;
});
