import type { CaseStatus, DecisionRecord } from '../../shared/cases/case-model';
import { deliverStatusChanges } from '../../shared/config/notify';
import { auditEvent, repo } from '../../shared/config/services';
import { stageTask } from '../../shared/runtime/stage-task';
import { finalizeInput } from '../../shared/runtime/task-input';

/**
 * Records how the onboarding ended: the reviewers' decision as sent through the task token (the
 * authoritative copy, even if the page's own write was lost), or the expiry of a person step. A timeout
 * never approves.
 */
export const handler = stageTask('finalize', finalizeInput, async (input) => {
  const c = await repo.mustGetCase(input.onboardingId);
  const now = new Date().toISOString();
  let status: CaseStatus;
  let decision: DecisionRecord;
  if ('decision' in input) {
    const d = input.decision;
    status = d.decision;
    decision = { outcome: d.decision, by: d.by, at: d.at, reason: d.reason, ...(d.via ? { via: d.via } : {}), ...(d.approvals ? { approvals: d.approvals } : {}) };
  } else if (input.timedOut === 'information') {
    status = 'info-not-provided';
    decision = { outcome: 'info-not-provided', by: 'system', at: now, reason: 'The contractor did not provide the requested information before the deadline; the onboarding was not approved.' };
  } else {
    status = 'expired';
    decision = { outcome: 'expired', by: 'system', at: now, reason: `No answer before the ${input.timedOut} deadline; the onboarding was not approved.` };
  }
  if (c.status !== status || c.decision?.at !== decision.at) {
    await repo.updateCase(c, (x) => ({ ...x, status, decision, stages: { ...x.stages, approval: { state: 'done', findings: 0, updatedAt: now } } }), {
      audit: auditEvent(input.onboardingId, decision.by === 'system' ? 'system' : `reviewer:${decision.by}`, 'decision.recorded', { outcome: decision.outcome }),
    });
  }
  // Also after a retry: an item a crashed first run left behind goes out now, not only at the next sweep.
  await deliverStatusChanges(input.onboardingId);
  return { onboardingId: input.onboardingId, status };
});
