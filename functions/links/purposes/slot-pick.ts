import type { APIGatewayProxyResult } from 'aws-lambda';
import { completeTask } from '../complete-task';
import { activeInterviewConfig } from '../../../shared/config/interview-config';
import { organisationName } from '../../../shared/config/organisation';
import { links, mailFrom } from '../../../shared/config/link-services';
import { audit } from '../../../shared/config/services';
import { renderInterviewConfirmationEmail } from '../../../shared/domain/email';
import { parseContractorTimes } from '../../../shared/domain/interview/contractor-times';
import { buildInvitation } from '../../../shared/domain/interview/invitation';
import { meetingProviderFor } from '../../../shared/domain/interview/meeting';
import { MAX_PROPOSAL_ROUNDS, proposeOtherSlots } from '../../../shared/domain/interview/propose-slots';
import { interviewProgressOf, storedProgress } from '../../../shared/domain/links/callback-progress';
import { bookingsOf, type InterviewProgress } from '../../../shared/domain/links/interview-progress';
import { sendEmail } from '../../../shared/adapters/notify/mailer';
import { parseSlotPickForm, renderSlotPickerPage } from '../../../shared/domain/pages';
import { page, result, type FormState } from '../http';
import type { Open } from '../state';

const canAskForOthers = (p: InterviewProgress) => p.rounds.length < MAX_PROPOSAL_ROUNDS && !p.history.some((h) => h.type === 'scheduled');

/** The contractor's slot picker: the times of the latest proposal, and "none of these work" once. */
export async function renderSlotPick(state: Open, csrf: string, form: FormState): Promise<string> {
  const { link, c, pc } = state;
  const contractor = c.application.contractor;
  const progress = interviewProgressOf(pc.progress);
  const round = progress.rounds[progress.rounds.length - 1] ?? [];
  return renderSlotPickerPage({
    contractorGivenName: contractor.legalName.givenNames,
    organisationName,
    timeZone: contractor.timeZone,
    slots: round.map((s) => ({ id: s.id, label: s.contractorLabel })),
    canAskForOthers: canAskForOthers(progress),
    deadline: link.expiresAt,
    csrf,
    ...form,
  });
}

/**
 * The contractor picks a slot (the meeting is created, the contractor gets the calendar invitation, and the
 * booking completes the workflow's ScheduleInterview, whose next task mails the interviewer) or asks for
 * other times once (a second proposal, which completes ScheduleInterview unbooked: the workflow books again).
 */
export async function submitSlotPick(state: Open, form: Record<string, string>, csrf: string): Promise<APIGatewayProxyResult> {
  const { link, pc } = state;
  const progress = interviewProgressOf(pc.progress);
  const round = progress.rounds[progress.rounds.length - 1] ?? [];
  const parsed = parseSlotPickForm(
    form,
    round.map((s) => s.id),
    canAskForOthers(progress),
  );
  if (!parsed.ok) return page(400, await renderSlotPick(state, csrf, { errors: parsed.errors, values: form }));
  const config = activeInterviewConfig();
  const contractor = state.c.application.contractor;
  const now = new Date();

  if (parsed.value.kind === 'other-times') {
    const times = parseContractorTimes(parsed.value.proposedLocalTimes, contractor.timeZone, config.slotMinutes);
    if (!times.ok) return page(400, await renderSlotPick(state, csrf, { errors: { proposed1: `not a time that exists in ${contractor.timeZone}: ${times.invalid.join(', ')}` }, values: form }));
    const other = proposeOtherSlots({ config, contractorTimeZone: contractor.timeZone, now: now.toISOString(), previousRounds: progress.rounds });
    if (!other.ok) return page(400, await renderSlotPick(state, csrf, { errors: { choice: 'please choose one of the times listed' }, values: form }));
    if (!(await links.consumeLink(link.tokenHash, 'pick-slot', now.toISOString()))) return result({ kind: 'link-used' });
    const next: InterviewProgress = {
      ...progress,
      rounds: [...progress.rounds, other.slots],
      indicated: [...progress.indicated, ...times.times],
      history: [...progress.history, { type: 'other-times', at: now.toISOString() }],
    };
    // Completes the workflow's ScheduleInterview without a booking: its SlotBooked choice goes round
    // OtherTimesRequested, and the next ScheduleInterview mails these times with a link of its own.
    if (!(await links.updateCallback(state.c.id, link.task, pc.callbackId, { progress: storedProgress('interview', next), state: 'done' }))) return result({ kind: 'link-expired' });
    if (!(await completeTask(pc.taskToken, { booked: false, bookings: bookingsOf(next.history) } satisfies ScheduleOutput))) return result({ kind: 'link-expired' });
    await audit(state.c.id, 'contractor', 'interview.other-times-requested', { proposed: times.times.length }, { head: state.c.auditHead });
    return result({ kind: 'thank-you', message: 'Thank you. We are emailing you other times to choose from.' });
  }

  const slotId = parsed.value.slotId;
  const slot = round.find((s) => s.id === slotId)!;
  const interviewer = config.interviewers.find((i) => i.id === slot.interviewerId);
  if (!interviewer) return result({ kind: 'link-expired' });
  if (!(await links.consumeLink(link.tokenHash, 'pick-slot', now.toISOString()))) return result({ kind: 'link-used' });
  const meeting = await meetingProviderFor(config.meetingProvider).createMeeting({ caseId: state.c.id, slotId: slot.id, start: slot.start, end: slot.end, title: 'Contractor onboarding interview' });
  const sequence = (progress.booked?.sequence ?? -1) + 1;
  const next: InterviewProgress = {
    ...progress,
    booked: { slot, meetingUrl: meeting.joinUrl, meetingId: meeting.meetingId, sequence },
    history: [...progress.history, { type: 'scheduled', at: now.toISOString(), slotStart: slot.start }],
    indicated: [...progress.indicated, { start: slot.start, end: slot.end }],
  };
  // The booking completes the workflow's ScheduleInterview; its AwaitInterviewOutcome then takes the booking
  // over and mails the interviewer the outcome form with the calendar invitation.
  if (!(await links.updateCallback(state.c.id, link.task, pc.callbackId, { progress: storedProgress('interview', next), state: 'done' }))) return result({ kind: 'link-expired' });
  if (!(await completeTask(pc.taskToken, { booked: true, slotStart: slot.start, bookings: bookingsOf(next.history) } satisfies ScheduleOutput))) return result({ kind: 'link-expired' });
  const contractorName = `${contractor.legalName.givenNames} ${contractor.legalName.surname}`;
  const invitation = buildInvitation({
    caseId: state.c.id,
    slot,
    organizer: { name: organisationName, email: mailFrom() },
    contractor: { name: contractorName, email: contractor.email },
    interviewer: { name: interviewer.name, email: interviewer.email },
    meeting,
    now: now.toISOString(),
    sequence,
    organisationName,
  });
  const confirmation = { slotStart: slot.start, slotEnd: slot.end, meetingUrl: meeting.joinUrl, invitation, organisationName, rescheduled: sequence > 0 };
  await sendEmail(
    mailFrom(),
    [contractor.email],
    renderInterviewConfirmationEmail({ ...confirmation, recipient: 'contractor', recipientName: contractor.legalName.givenNames, otherPartyName: interviewer.name, timeZone: contractor.timeZone }),
  );
  // The stage state goes with the audit event, in its transaction.
  await audit(
    state.c.id,
    'contractor',
    'interview.scheduled',
    { slotStart: slot.start, interviewerId: interviewer.id },
    { head: state.c.auditHead, stage: { key: 'interview', status: { state: 'waiting', findings: 0 } } },
  );
  return result({ kind: 'thank-you', message: `Your interview is booked: ${slot.contractorLabel}. We have emailed you a calendar invitation with the meeting link.` });
}

/** What the contractor's answer sends back to the workflow (its SlotBooked choice reads `booked`). */
type ScheduleOutput = { booked: true; slotStart: string; bookings: number } | { booked: false; bookings: number };
