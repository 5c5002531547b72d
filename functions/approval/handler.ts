import type { Severity } from '../../shared/domain/finding';
import { latestFindings } from '../../shared/domain/cases/latest-findings';
import { approversToTell, complianceOwners } from '../../shared/domain/cases/hold-votes';
import { links, mailFrom, publicBaseUrl, reminderLeadMs } from '../../shared/config/link-services';
import { activePolicy } from '../../shared/config/policy';
import { loadKeys } from '../../shared/config/secrets';
import { deliverStatusChanges } from '../../shared/config/notify';
import { audit, auditEvent, env, repo } from '../../shared/config/services';
import { renderApprovalRequestEmail, renderApprovedContractorHeldEmail, renderComplianceReviewEmail, renderEscalationEmail } from '../../shared/domain/email';
import { logger } from '../../shared/adapters/observability/logger';
import { renderInfoRequestEmail } from '../../shared/domain/email/info-request';
import { contractorRecipient, issueLink } from '../../shared/app/links/issue-link';
import type { Recipient } from '../../shared/domain/links/link-model';
import { enterStep, startCallback } from '../../shared/app/links/start-callback';
import { sendEmail } from '../../shared/adapters/notify/mailer';
import { stageTask } from '../../shared/adapters/lambda/stage-task';
import { callbackInput } from '../../shared/adapters/lambda/task-input';
import { organisationName } from '../../shared/config/organisation';
import { storedProgress, type InformationProgress } from '../../shared/domain/links/callback-progress';

const riskSeverity: Record<string, Severity> = { low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

/**
 * Reviewer approval (callback task): keeps the task token server-side and emails each reviewer a link
 * of their own to the case page. On escalation, the backup reviewers get fresh links; the first
 * reviewers' links have expired with the previous callback.
 */
export const handler = stageTask('approval', callbackInput, async (input) => {
  if (input.task === 'information') return requestInformation({ ...input, task: 'information' });
  if (input.task === 'compliance') return requestComplianceReview({ ...input, task: 'compliance' });
  if (input.task === 'interview') throw new Error("the interview step is not the approval function's");
  const { onboardingId, task, taskToken, timeoutSeconds } = input;
  const now = new Date();
  const { c, evidence } = await repo.mustGetCaseWithEvidence(onboardingId);
  const policy = activePolicy();
  const keys = await loadKeys(env.SECRET_ARN);
  const pc = await startCallback(links, { caseId: onboardingId, task, taskToken, timeoutSeconds, now });

  if (pc.notifiedAt) return { onboardingId, callbackId: pc.callbackId };
  // The case shows the step before anyone is mailed about it.
  await enterStep(links, pc, () => repo.setStage(onboardingId, 'approval', { state: 'waiting', findings: 0 }, 'approval-waiting', { read: c }));
  const requested = c.application.reviewers;
  const escalationPool = policy.reviewerPools.escalation.map((email) => ({ email, name: email }));
  const recipients: Recipient[] =
    task === 'escalation' && escalationPool.length
      ? escalationPool.map((r) => ({ ...r, role: 'backup-reviewer' }))
      : requested.map((r) => ({ email: r.email, name: r.name, role: task === 'escalation' ? 'backup-reviewer' : 'reviewer' }));

  const findings = latestFindings(evidence).map((f) => ({ severity: f.severity, message: f.message }));
  const contractorName = `${c.application.contractor.legalName.givenNames} ${c.application.contractor.legalName.surname}`;
  const approvals = { required: (c.risk?.fourEyesRequired ? 2 : 1) as 1 | 2, given: 0 };
  for (const r of recipients) {
    const link = await issueLink(links, keys.linkKey, publicBaseUrl(), {
      caseId: onboardingId,
      task,
      callbackId: pc.callbackId,
      purpose: 'review',
      actions: ['approve', 'reject', 'request-info'],
      recipient: r,
      deadline: new Date(pc.deadline),
      now,
      reminderLeadMs: reminderLeadMs(),
    });
    const common = {
      contractorName,
      externalId: c.externalId,
      riskLevel: riskSeverity[c.risk?.level ?? 'medium'] ?? 'medium',
      findings,
      caseUrl: link.url,
      deadline: link.expiresAt,
      approvals,
    };
    const mail =
      task === 'escalation'
        ? renderEscalationEmail({ ...common, backupReviewerName: r.name, originalReviewerName: requested.map((x) => x.name).join(', ') })
        : renderApprovalRequestEmail({ ...common, reviewerName: r.name });
    await sendEmail(mailFrom(), [r.email], mail);
  }
  await links.markNotified(onboardingId, task, pc.callbackId, new Date().toISOString());
  // The status change leaves the audit head alone: the head read with the case is a good hint.
  await audit(onboardingId, 'system', 'link.issued', { task, purpose: 'review', recipients: recipients.length, expiresAt: pc.deadline }, { head: c.auditHead });
  await deliverStatusChanges(onboardingId);
  return { onboardingId, callbackId: pc.callbackId };
});

/**
 * The compliance review of a hold (callback task): every member of the compliance pool gets a link of their
 * own to the hold's case page. An empty pool is an operator error that `npm start` and synth warn about; the
 * hold still gets an owner: the escalation pool, else the reviewers the HRIS named.
 */
async function requestComplianceReview({ onboardingId, task, taskToken, timeoutSeconds }: { onboardingId: string; task: 'compliance'; taskToken: string; timeoutSeconds: number }) {
  const now = new Date();
  const { c, evidence } = await repo.mustGetCaseWithEvidence(onboardingId);
  if (c.status !== 'compliance-hold') throw new Error('compliance review of a case that is not on hold');
  const policy = activePolicy();
  const pc = await startCallback(links, { caseId: onboardingId, task, taskToken, timeoutSeconds, now });
  if (pc.notifiedAt) return { onboardingId, callbackId: pc.callbackId };
  const pool = complianceOwners(policy.reviewerPools, c.application.reviewers);
  if (pool.fallback) logger.warn("the policy's compliance pool is empty: the hold goes to the fallback owners", { onboardingId, fallback: pool.fallback });
  const keys = await loadKeys(env.SECRET_ARN);
  const contractorName = `${c.application.contractor.legalName.givenNames} ${c.application.contractor.legalName.surname}`;
  const findings = latestFindings(evidence).map((f) => ({ severity: f.severity, message: f.message }));
  for (const r of pool.recipients) {
    const link = await issueLink(links, keys.linkKey, publicBaseUrl(), {
      caseId: onboardingId,
      task,
      callbackId: pc.callbackId,
      purpose: 'compliance-review',
      // Reviewers the HRIS named are not the compliance team: they may confirm a hold, never clear it (one
      // person with two mailboxes would otherwise clear it alone).
      actions: pool.mayClear ? ['confirm-hold', 'clear-hold'] : ['confirm-hold'],
      recipient: { ...r, role: 'compliance' },
      deadline: new Date(pc.deadline),
      now,
      reminderLeadMs: reminderLeadMs(),
    });
    await sendEmail(
      mailFrom(),
      [r.email],
      renderComplianceReviewEmail({
        reviewerName: r.name,
        contractorName,
        externalId: c.externalId,
        riskLevel: riskSeverity[c.risk?.level ?? 'critical'] ?? 'critical',
        findings,
        caseUrl: link.url,
        deadline: link.expiresAt,
        reasons: (c.hold?.sources ?? []).map((s) => s.reason),
        hardStop: Boolean(c.hold?.hardStop),
        mayClear: pool.mayClear,
      }),
    );
  }
  // A contractor held after approval: the reviewers who approved are told their approval is suspended (they may
  // be the ones giving the contractor access or work). No link: the hold is the compliance team's.
  const approvers = approversToTell(c, pool.recipients, { ignorePlusTags: policy.fourEyes.ignorePlusTags });
  for (const r of approvers)
    await sendEmail(
      mailFrom(),
      [r.email],
      renderApprovedContractorHeldEmail({
        reviewerName: r.name,
        contractorName,
        externalId: c.externalId,
        approvedAt: c.decision!.at,
        heldAt: c.hold!.since,
        reasons: (c.hold?.sources ?? []).map((s) => s.reason),
        hardStop: Boolean(c.hold?.hardStop),
      }),
    );
  await links.markNotified(onboardingId, task, pc.callbackId, new Date().toISOString());
  await audit(
    onboardingId,
    'system',
    'link.issued',
    { task, purpose: 'compliance-review', recipients: pool.recipients.length, approversTold: approvers.length, fallback: pool.fallback ?? null, expiresAt: pc.deadline },
    { head: c.auditHead },
  );
  return { onboardingId, callbackId: pc.callbackId };
}

/**
 * The information round (callback task): a reviewer asked the contractor for more information. The contractor
 * gets the reviewer's words and a link of their own to answer; the answer resumes the workflow, which asks
 * the reviewers again. The contractor is mailed once per round, however often the task is delivered.
 */
async function requestInformation({ onboardingId, task, taskToken, timeoutSeconds }: { onboardingId: string; task: 'information'; taskToken: string; timeoutSeconds: number }) {
  const now = new Date();
  let c = await repo.mustGetCase(onboardingId);
  const asked = c.review;
  if (asked?.outcome !== 'info-requested') throw new Error("information round without a reviewer's request on the case");
  const progress: InformationProgress = { request: asked.reason, requestedBy: asked.by, requestedAt: asked.at };
  // The case shows the round before the contractor is mailed (a retried task finds it there already).
  if (c.status === 'awaiting-approval')
    c = await repo.moveCase(c, 'information-requested', (x) => x, { audit: auditEvent(onboardingId, `reviewer:${asked.by}`, 'information.requested', { via: 'review' }) });
  const pc = await startCallback(links, { caseId: onboardingId, task, taskToken, timeoutSeconds, now, progress: storedProgress('information', progress) });
  if (pc.notifiedAt) return { onboardingId, callbackId: pc.callbackId };
  const keys = await loadKeys(env.SECRET_ARN);
  const contractor = c.application.contractor;
  const link = await issueLink(links, keys.linkKey, publicBaseUrl(), {
    caseId: onboardingId,
    task,
    callbackId: pc.callbackId,
    purpose: 'info-response',
    actions: ['provide-info'],
    recipient: contractorRecipient(contractor.legalName.givenNames),
    deadline: new Date(pc.deadline),
    now,
    reminderLeadMs: reminderLeadMs(),
  });
  await sendEmail(
    mailFrom(),
    [contractor.email],
    renderInfoRequestEmail({
      contractorGivenName: contractor.legalName.givenNames,
      organisationName,
      message: progress.request,
      url: link.url,
      deadline: link.expiresAt,
      timeZone: contractor.timeZone,
    }),
  );
  await links.markNotified(onboardingId, task, pc.callbackId, new Date().toISOString());
  await audit(onboardingId, 'system', 'link.issued', { task, purpose: 'info-response', expiresAt: link.expiresAt }, { head: c.auditHead });
  await deliverStatusChanges(onboardingId);
  return { onboardingId, callbackId: pc.callbackId };
}
