import type { CaseRecord, RiskSummary } from '../../shared/domain/cases/case-model';
import { microDepositEvidence, MICRO_DEPOSIT_STAGE, ownershipUnverifiedFindings } from '../../shared/app/bank/micro-deposit-flow';
import { findingBases, findingsInForce } from '../../shared/domain/cases/latest-findings';
import { hold } from '../../shared/config/hold';
import { owedStageEvents } from '../../shared/app/cases/record-stage';
import { riskSummaryOf } from '../../shared/domain/cases/risk-summary';
import { activePolicy } from '../../shared/config/policy';
import { deliverOwnStatusChange, deliverStatusChanges, writerClaim } from '../../shared/config/notify';
import { recheckLinksAtReassessment } from '../../shared/config/propagate-links';
import { audit, auditEvent, repo } from '../../shared/config/services';
import { decideRisk, holdCauses } from '../../shared/domain/risk/decide';
import { stageTask } from '../../shared/adapters/lambda/stage-task';
import { stageInput } from '../../shared/adapters/lambda/task-input';

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
  // Recorded once per run: a re-run (retry, replay after a crash) finds its evidence and appends nothing.
  const unverifiedRecorded = evidence.some((e) => e.stage === MICRO_DEPOSIT_STAGE && e.runId === `unverified-${runId}`);
  if (unverified.length > 0 && !unverifiedRecorded) {
    const current = microDepositEvidence(evidence)!;
    await repo.putEvidence({ ...current, runId: `unverified-${runId}`, recordedAt: new Date().toISOString(), findings: unverified });
    // The stage state goes with the audit event, in its transaction.
    await audit(
      onboardingId,
      'system',
      'micro-deposits.unverified',
      { findings: unverified.map((f) => f.code) },
      {
        head: c.auditHead,
        stage: { key: MICRO_DEPOSIT_STAGE, status: { state: 'findings', findings: unverified.length, maxSeverity: 'medium' } },
      },
    );
    ({ c, evidence } = await repo.mustGetCaseWithEvidence(onboardingId));
  }
  // The reassessment looks the links up again, so that the reviewers see on the case page any the checks missed
  // (the fingerprint index is eventually consistent on AWS: shared/app/cases/recheck-links.ts).
  if (evidence.some((e) => e.stage === 'interview') && (await recheckLinksAtReassessment(c, evidence, runId)).length) ({ c, evidence } = await repo.mustGetCaseWithEvidence(onboardingId));
  const policy = activePolicy();
  const findings = findingsInForce(evidence, c.clearances);
  const decision = decideRisk({ findings, policy });
  const summary = riskSummaryOf(decision);
  // A case another path put on hold meanwhile (signals, a re-screening) stays held whatever this decision says.
  const held = decision.outcome === 'hold' || c.status === 'compliance-hold';
  const stageState = held ? 'hard-stop' : 'done';
  // The checks' stage.completed events (they record their results without touching the chain): appended
  // before the decision, in its transaction, which takes them off the case's owed list.
  const owed = owedStageEvents(c, evidence);
  const change = (x: CaseRecord): CaseRecord =>
    owed.settle({
      ...x,
      risk: summary,
      stages: { ...x.stages, risk: { state: stageState, findings: findings.length, updatedAt: new Date().toISOString() } },
    });
  // The same decision, on the same evidence, already on the case (this task re-run after a crash or a
  // retry): it stands as recorded, with its one `risk.decided` event. A reassessment always has newer
  // evidence (the interview's) than the decision it revisits, so it is recorded afresh.
  const decidedAt = c.stages.risk?.updatedAt;
  const replay =
    decidedAt !== undefined &&
    owed.events.length === 0 &&
    (held ? c.status === 'compliance-hold' : c.status !== 'checking') &&
    c.stages.risk?.state === stageState &&
    c.stages.risk.findings === findings.length &&
    sameRisk(c.risk, summary) &&
    evidence.every((e) => e.recordedAt <= decidedAt);
  if (replay) {
    await deliverStatusChanges(onboardingId);
    return held ? { ...summary, outcome: 'hold' } : summary;
  }
  // The decision and its audit event (after the owed ones) in one transaction, built on the head read with the case.
  const recorded = auditEvent(onboardingId, 'system', 'risk.decided', {
    outcome: summary.outcome,
    score: summary.score,
    level: summary.level,
    policyVersion: summary.policyVersion,
    drivers: summary.drivers,
  });
  const events = owed.events.length ? [...owed.events, recorded] : recorded;
  // A move to risk-cleared is told by this task itself, right after: its outbox item is born claimed by it.
  const claim = !held && c.status === 'checking' ? await writerClaim() : undefined;
  const updated = claim ? await repo.moveCase(c, 'risk-cleared', change, { audit: events, claim }) : await repo.updateCase(c, change, { audit: events });
  if (held) {
    const reassessment = evidence.some((e) => e.stage === 'interview');
    const causes = holdCauses(decision, c.status === 'compliance-hold' ? { heldOn: c.risk?.drivers ?? [] } : {});
    await hold({
      caseId: onboardingId,
      source: reassessment ? 'reassessment' : 'risk-decision',
      reason: decision.explanation.join(' '),
      findings: causes,
      bases: findingBases(decision.drivers, causes),
      hardStop: decision.drivers.some((d) => d.hardStop || policy.hardStopCodes.includes(d.code)),
      risk: summary,
      read: updated,
    });
    return { ...summary, outcome: 'hold' };
  }
  // The change and its outbox item (claimed by this task) were written together; this is only the prompt attempt.
  if (claim) await deliverOwnStatusChange(updated, claim);
  return summary;
});

function sameRisk(a: RiskSummary | undefined, b: RiskSummary): boolean {
  return (
    a !== undefined &&
    a.outcome === b.outcome &&
    a.score === b.score &&
    a.level === b.level &&
    a.fourEyesRequired === b.fourEyesRequired &&
    a.policyVersion === b.policyVersion &&
    a.drivers.length === b.drivers.length &&
    a.drivers.every((d, i) => d === b.drivers[i])
  );
}
