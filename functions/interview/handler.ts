import { links, mailFrom, publicBaseUrl, reminderLeadMs } from '../../shared/config/link-services';
import { activeInterviewConfig } from '../../shared/config/interview-config';
import { loadKeys } from '../../shared/config/secrets';
import { audit, env, repo } from '../../shared/config/services';
import { renderOutcomeFormRequestEmail, renderSlotInvitationEmail } from '../../shared/domain/email';
import { buildInvitation } from '../../shared/domain/interview/invitation';
import { nextInterviewStep } from '../../shared/domain/interview/next-interview-step';
import { proposeSlots } from '../../shared/domain/interview/propose-slots';
import { schedulingProgress, type InterviewProgress } from '../../shared/domain/links/interview-progress';
import { interviewProgressOf, storedProgress } from '../../shared/domain/links/callback-progress';
import { organisationName } from '../../shared/config/organisation';
import { contractorRecipient, issueLink, mintLink } from '../../shared/app/links/issue-link';
import type { LinkRecord, PendingCallback } from '../../shared/domain/links/link-model';
import type { CaseRecord } from '../../shared/domain/cases/case-model';
import { ConflictError, NotFoundError } from '../../shared/adapters/dynamodb/case-repository';
import { TransactionCancelled } from '../../shared/adapters/dynamodb/transaction';
import { enterStep, newPendingCallback, startCallback } from '../../shared/app/links/start-callback';
import { bookingsOf } from '../../shared/domain/links/interview-progress';
import { sendEmail } from '../../shared/adapters/notify/mailer';
import { stageTask } from '../../shared/adapters/lambda/stage-task';
import { interviewTaskInput } from '../../shared/adapters/lambda/task-input';
import type * as z from '../../shared/domain/schemas/zod';

type Input = z.infer<typeof interviewTaskInput>;

/**
 * The interview's two person steps (callback tasks of the workflow), on the case's one interview callback
 * item: `schedule` proposes daytime slots in the contractor's claimed time zone and emails them a link to
 * pick one (the slot-pick page completes the task with the booking); `outcome` takes over the booking and
 * emails the interviewer the outcome form with the calendar invitation (the form completes the task).
 */
export const handler = stageTask('interview', interviewTaskInput, async (input) => (input.step === 'schedule' ? schedule(input) : awaitOutcome(input)));

/** The case's interview so far, from the callback item an earlier task of this interview left. */
function previousProgress(previous: PendingCallback | undefined, taskToken: string): InterviewProgress | undefined {
  // Our own item (the same invocation delivered again): startCallback keeps it as it is.
  if (!previous?.progress || previous.taskToken === taskToken) return undefined;
  return interviewProgressOf(previous.progress);
}

async function schedule({ onboardingId, task, taskToken, timeoutSeconds }: Input) {
  const now = new Date();
  // The case and the interview's callback item in one read.
  const { c, pc: previous } = await links.getCaseAndCallback(onboardingId, task);
  if (!c) throw new NotFoundError(`onboarding ${onboardingId} not found`);
  const keys = await loadKeys(env.SECRET_ARN);
  const contractor = c.application.contractor;
  const config = activeInterviewConfig();
  const { progress, round } = schedulingProgress(previousProgress(previous, taskToken), (exclude) =>
    proposeSlots({ config, contractorTimeZone: contractor.timeZone, now: now.toISOString(), ...(exclude.length ? { excludeIntervals: exclude } : {}) }),
  );
  const callback = { caseId: onboardingId, task, taskToken, timeoutSeconds, now, progress: storedProgress('interview', progress) };
  // The contractor has the pick window of the policy (the task's own deadline).
  const mint = (pc: PendingCallback) =>
    mintLink(keys.linkKey, publicBaseUrl(), {
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
  // Two deliveries of this step (a retry, with a new task token, beside a slow first attempt that still runs,
  // or after an error once the mail was out) both get here: one mails, the other's link is never sent. Once
  // per proposal round of the case's interview (a cleared hold starts the interview afresh: a new generation).
  const mailClaim = `mail-slot-picking-${interviewGeneration(c)}-${bookingsOf(progress.history)}-${progress.rounds.length}`;
  const slots = progress.rounds.at(-1)?.length ?? 0;
  const issuedFor = (link: ReturnType<typeof mint>) => ({ task, purpose: 'slot-picking', slots, round, expiresAt: link.expiresAt });
  const invite = (link: ReturnType<typeof mint>) =>
    sendEmail(
      mailFrom(),
      [contractor.email],
      renderSlotInvitationEmail({
        contractorGivenName: contractor.legalName.givenNames,
        organisationName,
        pickUrl: link.url,
        deadline: link.expiresAt,
        timeZone: contractor.timeZone,
        ...(round === 'first' ? {} : { round: 2 }),
      }),
    );

  // The usual delivery (a new task token, the case awaiting its interview): the callback is stored with the
  // invitation, in its one transaction, already notified. Whatever keeps that transaction from being written
  // leaves nothing of it behind, and the steps below run as they would have.
  if (!(previous?.taskToken === taskToken && previous.state === 'waiting') && c.status === 'awaiting-interview') {
    const pc = newPendingCallback(callback);
    const link = mint(pc);
    const first = await recordInvitation(c, { link: link.link, mailClaim, task, callbackId: pc.callbackId, issued: issuedFor(link), store: pc });
    if (first === 'recorded') {
      await sendClaimed(
        () => invite(link),
        async () => {
          await repo.releaseClaim(onboardingId, mailClaim);
          await links.clearNotified(onboardingId, task, pc.callbackId);
        },
      );
      return { onboardingId, callbackId: pc.callbackId };
    }
    // Another delivery holds this round's mail: the task token is taken over all the same, as below.
    if (first === 'claimed-elsewhere') return { onboardingId, callbackId: (await startCallback(links, callback)).callbackId };
  }

  const pc = await startCallback(links, callback);
  if (pc.notifiedAt) return { onboardingId, callbackId: pc.callbackId };
  const link = mint(pc);
  const issued = issuedFor(link);
  const recorded = await recordInvitation(c, { link: link.link, mailClaim, task, callbackId: pc.callbackId, issued });
  if (recorded === 'claimed-elsewhere') return { onboardingId, callbackId: pc.callbackId };
  await sendClaimed(
    () => invite(link),
    async () => {
      await repo.releaseClaim(onboardingId, mailClaim);
      if (recorded === 'recorded') await links.clearNotified(onboardingId, task, pc.callbackId);
    },
  );
  if (recorded === 'stepwise') {
    await links.markNotified(onboardingId, task, pc.callbackId, new Date().toISOString());
    // Built on the head read with the case above (nothing in between appends); a stale hint only costs a retry.
    await audit(onboardingId, 'system', 'link.issued', issued, { head: c.auditHead });
  }
  return { onboardingId, callbackId: pc.callbackId };
}

/**
 * Everything the invitation changes, before the mail goes out, in the one transaction of its audit event
 * (`link.issued`, built on the head read with the case): the interview stage waiting on the case (shown
 * before anyone is mailed), the link, the claim on this round's mail and the callback marked notified (with
 * `store`: the new callback itself, stored notified, unless this task token's is waiting already).
 * 'claimed-elsewhere': another delivery of this step holds the claim, nothing was written and no mail goes.
 * A case no longer awaiting its interview (or a busy one) takes the steps one by one ('stepwise': the stage
 * through setStage, which moves the status or answers the hold; the notice and the event after the mail);
 * with `store`, nothing is written then ('not-recorded': the caller stores the callback first).
 */
async function recordInvitation(
  c: CaseRecord,
  r: { link: LinkRecord; mailClaim: string; task: Input['task']; callbackId: string; issued: Record<string, unknown>; store?: PendingCallback },
): Promise<'recorded' | 'claimed-elsewhere' | 'stepwise' | 'not-recorded'> {
  const waiting = { state: 'waiting' as const, findings: 0 };
  if (c.status === 'awaiting-interview')
    try {
      await audit(c.id, 'system', 'link.issued', r.issued, {
        head: c.auditHead,
        stage: { key: 'interview', status: waiting, inStatus: 'awaiting-interview' },
        with: (tx) => {
          const at = new Date().toISOString();
          tx.put('link', links.linkItem(r.link), { ifAbsent: true });
          tx.put('mail-claim', repo.cases.claimItem(c.id, r.mailClaim), { ifAbsent: true });
          if (!r.store) tx.update('notified', links.notifiedUpdate(c.id, r.task, r.callbackId, at));
          else {
            const put = links.pendingCallbackPut({ ...r.store, notifiedAt: at });
            tx.put('callback', put.item, { condition: put.condition });
          }
        },
      });
      return 'recorded';
    } catch (err) {
      // This very task token's callback is waiting (another delivery of this invocation stored it): as below.
      if (err instanceof TransactionCancelled && err.failed('callback')) return 'not-recorded';
      if (err instanceof TransactionCancelled && err.failed('mail-claim')) return 'claimed-elsewhere';
      if (!(err instanceof ConflictError)) throw err;
    }
  if (r.store) return 'not-recorded';
  await repo.setStage(c.id, 'interview', waiting, 'interview-waiting', { read: c });
  await links.putLink(r.link);
  return (await repo.claimOnce(c.id, r.mailClaim)) ? 'stepwise' : 'claimed-elsewhere';
}

/** A booked interview whose outcome is not recorded yet: what the outcome step takes over. */
class NothingBooked extends Error {
  override readonly name = 'NothingBooked';
}

async function awaitOutcome({ onboardingId, task, taskToken, timeoutSeconds }: Input) {
  const now = new Date();
  const [c, previous] = await Promise.all([repo.mustGetCase(onboardingId), links.getPendingCallback(onboardingId, task)]);
  const carried = previousProgress(previous, taskToken);
  // The workflow comes here only from a booking; anything else is a bug to see, never an empty form.
  if (carried && (nextInterviewStep(carried.history) !== 'await-outcome' || !carried.booked)) throw new NothingBooked(`onboarding ${onboardingId}: no booked interview to await`);
  if (!carried && previous?.taskToken !== taskToken) throw new NothingBooked(`onboarding ${onboardingId}: no interview callback to take over`);
  const pc = await startCallback(links, { caseId: onboardingId, task, taskToken, timeoutSeconds, now, ...(carried ? { progress: storedProgress('interview', carried) } : {}) });
  if (pc.notifiedAt) return { onboardingId, callbackId: pc.callbackId };
  // A hold raised between the booking and now ends this step here (ComplianceHold), before anyone is mailed.
  await enterStep(links, pc, () => repo.setStage(onboardingId, 'interview', { state: 'waiting', findings: 0 }, 'interview-waiting', { read: c }));
  const progress = interviewProgressOf(pc.progress);
  const booked = progress.booked!;
  const interviewer = activeInterviewConfig().interviewers.find((i) => i.id === booked.slot.interviewerId);
  if (!interviewer) throw new NothingBooked(`onboarding ${onboardingId}: interviewer ${booked.slot.interviewerId} is no longer in the pool`);
  const contractor = c.application.contractor;
  const contractorName = `${contractor.legalName.givenNames} ${contractor.legalName.surname}`;
  const outcomeLink = await issueLink(links, (await loadKeys(env.SECRET_ARN)).linkKey, publicBaseUrl(), {
    caseId: onboardingId,
    task,
    callbackId: pc.callbackId,
    purpose: 'interview-outcome',
    actions: ['record-outcome'],
    recipient: { email: interviewer.email, name: interviewer.name, role: 'interviewer' },
    deadline: new Date(pc.deadline),
    now,
    reminderLeadMs: reminderLeadMs(),
  });
  // The same calendar entry (UID from the case and slot) the contractor's confirmation carries.
  const invitation = buildInvitation({
    caseId: onboardingId,
    slot: booked.slot,
    organizer: { name: organisationName, email: mailFrom() },
    contractor: { name: contractorName, email: contractor.email },
    interviewer: { name: interviewer.name, email: interviewer.email },
    meeting: { joinUrl: booked.meetingUrl },
    now: now.toISOString(),
    sequence: booked.sequence,
    organisationName,
  });
  // One mail to the interviewer: the outcome form's link, with the calendar invitation attached
  // (every email is a cost line; the booking and the form belong together).
  // Once per booking of the case's interview, however the step is delivered (see schedule).
  const mailClaim = `mail-interview-outcome-${interviewGeneration(c)}-${bookingsOf(progress.history)}-${booked.slot.start}`;
  if (!(await repo.claimOnce(onboardingId, mailClaim))) return { onboardingId, callbackId: pc.callbackId };
  await sendClaimed(
    () =>
      sendEmail(mailFrom(), [interviewer.email], {
        ...renderOutcomeFormRequestEmail({
          interviewerName: interviewer.name,
          contractorName,
          slotLabel: booked.slot.interviewerLabel,
          formUrl: outcomeLink.url,
          deadline: outcomeLink.expiresAt,
          timeZone: interviewer.timeZone,
        }),
        attachments: [{ filename: invitation.filename, contentType: invitation.contentType, content: invitation.content }],
      }),
    () => repo.releaseClaim(onboardingId, mailClaim),
  );
  await links.markNotified(onboardingId, task, pc.callbackId, new Date().toISOString());
  await audit(onboardingId, 'system', 'link.issued', { task, purpose: 'interview-outcome', expiresAt: outcomeLink.expiresAt }, { head: c.auditHead });
  return { onboardingId, callbackId: pc.callbackId };
}

/**
 * Sends a claimed mail; if the mail service refuses it, the claim is given back before the error goes up, so the
 * workflow's retry of this step sends it. Claims keep a retry from mailing twice; they must not keep a refused
 * mail from ever going (an invitation never sent stalls the case until its deadline; a rare second copy when
 * the service failed after sending is the lesser harm).
 */
async function sendClaimed(send: () => Promise<unknown>, release: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (err) {
    await release().catch(() => undefined);
    throw err;
  }
}

/** Which run of the case's interview this is: each hold compliance cleared starts the interview afresh. */
function interviewGeneration(c: { clearances?: readonly unknown[] }): number {
  return c.clearances?.length ?? 0;
}
