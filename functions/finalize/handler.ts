import type { CaseRecord, ClearedMatch, DecisionRecord } from '../../shared/domain/cases/case-model';
import type { LifecycleEvent } from '../../shared/domain/cases/lifecycle';
import { findingBases, findingDigest, findingsInForce } from '../../shared/domain/cases/latest-findings';
import { findingsSinceVote } from '../../shared/domain/cases/approval-votes';
import { clearancesRequired, holdOutcome } from '../../shared/domain/cases/hold-votes';
import { CaseOnHoldError } from '../../shared/adapters/dynamodb/errors';
import { logger } from '../../shared/adapters/observability/logger';
import { riskSummaryOf } from '../../shared/domain/cases/risk-summary';
import { deliverStatusChanges } from '../../shared/config/notify';
import { recheckLinksAtApproval } from '../../shared/config/propagate-links';
import { activePolicy } from '../../shared/config/policy';
import { decideRisk } from '../../shared/domain/risk/decide';
import { auditEvent, repo } from '../../shared/config/services';
import { stageTask } from '../../shared/adapters/lambda/stage-task';
import { finalizeInput, type ComplianceOutput } from '../../shared/adapters/lambda/task-input';

/**
 * The one writer of how a person step ended: the reviewers' decision as sent through the task token (the
 * page that took the click only recorded the vote and completed the task), the compliance review's outcome
 * (confirmed: rejected as a sanctions or policy match; cleared: back to where the case stopped), or the
 * expiry of a step. A timeout never approves. Retried runs find the change made and write nothing again.
 */
export const handler = stageTask('finalize', finalizeInput, async (input) => {
  const c = await repo.mustGetCase(input.onboardingId);
  const now = new Date().toISOString();
  if ('compliance' in input) return resolveHold(c, input.compliance, now);
  let event: LifecycleEvent;
  let decision: DecisionRecord;
  let step: 'interview' | 'approval' = 'approval';
  if ('decision' in input) {
    const d = input.decision;
    if (d.decision === 'info-requested') throw new Error('an information request is not an end: the workflow goes to the information round');
    event = d.decision === 'approved' ? 'reviewer-approved' : 'reviewer-rejected';
    decision = { outcome: d.decision, by: d.by, at: d.at, reason: d.reason, ...(d.via ? { via: d.via } : {}), ...(d.approvals ? { approvals: d.approvals } : {}) };
  } else if (input.timedOut === 'information') {
    event = 'information-not-provided';
    decision = { outcome: 'info-not-provided', by: 'system', at: now, reason: 'The contractor did not provide the requested information before the deadline; the onboarding was not approved.' };
  } else {
    if (input.timedOut === 'interview') step = 'interview';
    event = 'timed-out';
    decision = { outcome: 'expired', by: 'system', at: now, reason: `No answer before the ${input.timedOut} deadline; the onboarding was not approved.` };
  }
  if (c.decision?.outcome !== decision.outcome || c.decision.at !== decision.at) {
    // An approval stands only on the links the reviewers could see: the links again, now that the fingerprint
    // index has caught up (shared/app/cases/recheck-links.ts). One they did not see holds the case instead, and the
    // move below finds it on hold (ComplianceHold: the workflow takes the compliance review).
    if (event === 'reviewer-approved' && c.status !== 'compliance-hold' && (await recheckLinksAtApproval(c, firstVoteAt(decision))).kind === 'held')
      throw new CaseOnHoldError(`onboarding ${c.id} was held: a linked applicant nobody had seen was found when the approval was applied`);
    // Findings recorded between the deciding click and now (a signal a moment after the vote): no reviewer saw them.
    if (event === 'reviewer-approved' && c.status !== 'compliance-hold' && (await holdFindingsSinceVote(c, decision.at)))
      throw new CaseOnHoldError(`onboarding ${c.id} was held: findings came in after the deciding vote, before the approval was applied`);
    await repo.moveCase(c, event, (x) => ({ ...x, decision, stages: { ...x.stages, [step]: { state: 'done', findings: 0, updatedAt: now } } }), {
      audit: auditEvent(input.onboardingId, decision.by === 'system' ? 'system' : `reviewer:${decision.by}`, 'decision.recorded', { outcome: decision.outcome }),
    });
  }
  // Also after a retry: an item a crashed first run left behind goes out now, not only at the next sweep.
  await deliverStatusChanges(input.onboardingId);
  return { onboardingId: input.onboardingId, status: (await repo.mustGetCase(input.onboardingId)).status };
});

/**
 * An approval stands only on what its reviewers saw: findings in force now that were not when the deciding vote was
 * cast hold the case (the compliance review; cleared, it returns to the reviewers, who then see them). True when held.
 */
async function holdFindingsSinceVote(c: CaseRecord, votedAt: string): Promise<boolean> {
  const { evidence } = await repo.mustGetCaseWithEvidence(c.id);
  const unseen = findingsSinceVote(c, evidence, votedAt);
  if (!unseen.length) return false;
  const policy = activePolicy();
  const codes = [...new Set(unseen.map((f) => f.code))].sort();
  const { hold } = await import('../../shared/config/hold');
  const held = await hold({
    caseId: c.id,
    source: 'approval',
    reason: `Findings came in after the reviewers' deciding vote, before the approval was applied (${codes.join(', ')}): no reviewer saw them. The approval does not stand: confirm the hold, or clear it and the reviewers decide again with them on the case.`,
    findings: codes,
    bases: findingBases(unseen, codes),
    hardStop: unseen.some((f) => f.hardStop || policy.hardStopCodes.includes(f.code)),
    risk: riskSummaryOf(decideRisk({ findings: findingsInForce(evidence, c.clearances), policy })),
    read: c,
  });
  logger.warn('findings recorded after the deciding vote: the approval is not applied', { onboardingId: c.id, codes, outcome: held.kind });
  return held.kind !== 'not-holdable';
}

/** When the first reviewer voted to approve: what any of them saw on the case page was recorded by then. */
function firstVoteAt(d: DecisionRecord): string {
  return [d.at, ...(d.approvals ?? []).map((a) => a.at)].reduce((a, b) => (b < a ? b : a));
}

/**
 * Compliance decided a hold. Confirmed: the case ends rejected as a sanctions or policy match (its report
 * pack is `npm run case -- export`). Cleared: the hold's findings stop counting (a clearance on the case,
 * with the entries cleared, so the next re-screening does not hold again on them) and the case returns to
 * the status it was held in; the workflow continues where it stopped.
 */
async function resolveHold(c: CaseRecord, outcome: ComplianceOutput, now: string) {
  const by = outcome.votes.map((v) => v.by);
  if (c.status !== 'compliance-hold') return { onboardingId: c.id, status: c.status };
  const hold = c.hold;
  if (outcome.outcome === 'confirmed') {
    const reason = outcome.votes.map((v) => v.reason).join(' / ');
    await repo.moveCase(
      c,
      'hold-confirmed',
      (x) => ({ ...x, decision: { outcome: 'rejected', by: by.join(', '), at: now, reason: `Compliance confirmed the hold: ${reason}`, via: 'compliance-review' } }),
      { audit: auditEvent(c.id, `compliance:${by.join(',')}`, 'hold.confirmed', { sources: (hold?.sources ?? []).map((s) => s.source) }) },
    );
  } else {
    // The votes decided before a finding the clearers never saw was added (a re-screening hit between the
    // deciding click and this step): nothing is cleared, and the hold goes back to the compliance team.
    const policy = activePolicy();
    const standing = holdOutcome(hold?.votes ?? [], clearancesRequired(c, policy.fourEyes.onHold), { ignorePlusTags: policy.fourEyes.ignorePlusTags }, hold?.sources ?? []);
    if (standing?.outcome !== 'cleared') {
      logger.warn('a hold clearance went stale before it was applied: the hold is reviewed again', { onboardingId: c.id });
      return { onboardingId: c.id, status: c.status, reviewAgain: true };
    }
    if (new Set(by).size < clearancesRequired(c, policy.fourEyes.onHold)) throw new Error('clearing this hold takes more different compliance reviewers');
    const codes = [...new Set((hold?.sources ?? []).flatMap((s) => s.findings))];
    const back = hold?.previousStatus ?? 'checking';
    const { evidence } = await repo.mustGetCaseWithEvidence(c.id);
    // A clearance covers the evidence as it stood when the first clearer voted: what came after (a second login
    // from DPRK address space, under the same code as the first) none of them may have seen. It was cleared
    // with the rest, and its digest kept it cleared for good (adversarial pass, December 2026).
    const firstVote = outcome.votes.map((v) => v.at).reduce((a, b) => (b < a ? b : a), now);
    const seen = evidence.filter((e) => e.recordedAt <= firstVote);
    // The findings cleared, as they read then: unchanged, they stay cleared when a later evaluation records them again.
    const findings = [...new Set(findingsInForce(seen, c.clearances).flatMap((f) => (codes.includes(f.code) ? (findingDigest(f) ?? []) : [])))];
    const clearances = [...(c.clearances ?? []), { at: firstVote, by, codes, reasons: outcome.votes.map((v) => v.reason), findings }];
    const decision = decideRisk({ findings: findingsInForce(evidence, clearances), policy: activePolicy() });
    if (decision.outcome === 'hold') {
      // What came after the first vote holds the case on its own: nothing is cleared, the votes given before it
      // no longer count, and the hold goes back to the compliance team with every reason.
      logger.warn('evidence recorded after the first clearance vote holds the case: the hold is reviewed again', { onboardingId: c.id });
      await repo.updateCase(c, (x) => ({ ...x, hold: { ...x.hold!, votes: [] } }), {
        audit: auditEvent(c.id, 'system', 'hold.votes-voided', { reason: 'evidence recorded after the first clearance vote', since: firstVote }),
      });
      return { onboardingId: c.id, status: c.status, reviewAgain: true };
    }
    // The risk shown from now on is the decision without the cleared findings.
    const risk = riskSummaryOf(decision);
    // The list entries behind the hold, as they read when the first clearer voted (content hash): the
    // re-screening does not hold on them again unless the entry changes.
    const entries = new Map<string, ClearedMatch>();
    for (const e of seen.filter((x) => x.stage === 'screening'))
      for (const h of (e.data?.applicantHits as { source?: string; sourceId?: string; entryHash?: string }[] | undefined) ?? [])
        if (h.source && h.sourceId)
          entries.set(`${h.source}:${h.sourceId}`, { source: h.source, sourceId: h.sourceId, ...(h.entryHash ? { entryHash: h.entryHash } : {}), clearedAt: now, clearedBy: by });
    await repo.moveCase(c, 'hold-cleared', ({ hold: _h, ...x }) => ({ ...x, clearances, risk, clearedMatches: [...(x.clearedMatches ?? []), ...entries.values()] }), {
      back,
      audit: auditEvent(c.id, `compliance:${by.join(',')}`, 'hold.cleared', { codes, back }),
    });
  }
  await deliverStatusChanges(c.id);
  return { onboardingId: c.id, status: (await repo.mustGetCase(c.id)).status };
}
