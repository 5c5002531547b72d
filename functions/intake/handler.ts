import { applicationFingerprints } from '../../shared/domain/cases/fingerprints';
import { deliverStatusChanges } from '../../shared/config/notify';
import { loadKeys } from '../../shared/config/secrets';
import { auditEvent, env, repo } from '../../shared/config/services';
import { stageTask } from '../../shared/adapters/lambda/stage-task';
import { MAX_CARRIED_LINKS, stageInput } from '../../shared/adapters/lambda/task-input';
import { findLinkedCases } from '../../shared/app/cases/linked-applicants';

/**
 * First task: marks the checks as running and records the applicant's fingerprints, then finds the other
 * applicants sharing them, for the parallel checks (returned into the workflow state: ids only).
 */
export const handler = stageTask('intake', stageInput, async ({ onboardingId }) => {
  const c = await repo.mustGetCase(onboardingId);
  const keys = await loadKeys(env.SECRET_ARN);
  const prints = applicationFingerprints(keys.fingerprintKey, c.application);
  if (c.status === 'received') {
    // The status change, its outbox item, its audit event and the applicant's fingerprints in one
    // transaction, on the case read above.
    const moved = await repo.setStage(onboardingId, 'document', { state: 'running', findings: 0 }, 'checks-started', {
      read: c,
      audit: auditEvent(onboardingId, 'system', 'onboarding.started', { executionName: c.executionName }),
      fingerprints: prints,
    });
    await deliverStatusChanges(onboardingId, moved);
  }
  // A re-run finds them written with the change; written again all the same (idempotent), in one batch.
  else await repo.putFingerprints(onboardingId, prints);
  // The other applicants sharing any of them, looked up once for the parallel checks (one request instead of
  // one per check), after they are written: of two applicants at the same moment, the second sees the first.
  const linked = await findLinkedCases(repo, c, prints);
  return { onboardingId, linked: linked.length <= MAX_CARRIED_LINKS ? linked : null };
});
