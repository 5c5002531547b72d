import { links, mailFrom, publicBaseUrl, reminderLeadMs } from '../../shared/config/link-services';
import { activeInterviewConfig } from '../../shared/config/interview-config';
import { loadKeys } from '../../shared/config/secrets';
import { audit, env, repo } from '../../shared/config/services';
import { renderSlotInvitationEmail } from '../../shared/email';
import { proposeSlots } from '../../shared/interview/propose-slots';
import { emptyInterviewProgress } from '../../shared/links/interview-progress';
import { contractorRecipient, issueLink } from '../../shared/links/issue-link';
import { startCallback } from '../../shared/links/start-callback';
import { organisationName } from '../../shared/config/organisation';
import { sendEmail } from '../../shared/notify/mailer';
import { stageTask } from '../../shared/runtime/stage-task';
import { callbackInput } from '../../shared/runtime/task-input';

/**
 * Video interview (callback task): proposes daytime slots in the contractor's claimed time zone and
 * emails them a link to pick one. The task token waits server-side until the interviewer records the
 * outcome through their own link.
 */
export const handler = stageTask('interview', callbackInput, async ({ onboardingId, task, taskToken, timeoutSeconds }) => {
  const now = new Date();
  const c = await repo.mustGetCase(onboardingId);
  const keys = await loadKeys(env.SECRET_ARN);
  const contractor = c.application.contractor;
  const slots = proposeSlots({ config: activeInterviewConfig(), contractorTimeZone: contractor.timeZone, now: now.toISOString() });
  const pc = await startCallback(links, {
    caseId: onboardingId,
    task,
    taskToken,
    timeoutSeconds,
    now,
    progress: emptyInterviewProgress(slots) as unknown as Record<string, unknown>,
  });
  if (pc.notifiedAt) return { onboardingId, callbackId: pc.callbackId };
  // The case shows the step before anyone is mailed about it.
  await repo.setStage(onboardingId, 'interview', { state: 'waiting', findings: 0 }, 'awaiting-interview', { read: c });
  // The contractor has the pick window of the policy, at most the task's own deadline.
  const link = await issueLink(links, keys.linkKey, publicBaseUrl(), {
    caseId: onboardingId,
    task,
    callbackId: pc.callbackId,
    purpose: 'slot-picking',
    actions: ['pick-slot'],
    recipient: contractorRecipient(contractor.legalName.givenNames),
    deadline: new Date(pc.deadline),
    now,
    reminderLeadMs: reminderLeadMs(),
  });
  await sendEmail(
    mailFrom(),
    [contractor.email],
    renderSlotInvitationEmail({ contractorGivenName: contractor.legalName.givenNames, organisationName, pickUrl: link.url, deadline: link.expiresAt, timeZone: contractor.timeZone }),
  );
  await links.markNotified(onboardingId, task, pc.callbackId, new Date().toISOString());
  // Built on the head read with the case above (nothing in between appends); a stale hint only costs a retry.
  await audit(onboardingId, 'system', 'link.issued', { task, purpose: 'slot-picking', slots: slots.length, expiresAt: link.expiresAt }, { head: c.auditHead });
  return { onboardingId, callbackId: pc.callbackId };
});
