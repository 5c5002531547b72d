import { SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut, InvalidToken, sfnClient } from '../../shared/aws/sfn';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { isFinalDecision, type CaseRecord } from '../../shared/cases/case-model';
import { ConflictError } from '../../shared/cases/case-repository';
import { recordStageResult } from '../../shared/cases/record-stage';
import { activeInterviewConfig } from '../../shared/config/interview-config';
import { links, mailFrom, publicBaseUrl, reminderLeadMs } from '../../shared/config/link-services';
import { logger } from '../../shared/config/logger';
import { loadKeys } from '../../shared/config/secrets';
import { audit, auditEvent, env, repo } from '../../shared/config/services';
import { renderInterviewConfirmationEmail, renderOutcomeFormRequestEmail, renderSlotInvitationEmail } from '../../shared/email';
import type { Finding } from '../../shared/domain/finding';
import { parseContractorTimes } from '../../shared/interview/contractor-times';
import { buildInvitation } from '../../shared/interview/invitation';
import { meetingProviderFor } from '../../shared/interview/meeting';
import { nextInterviewStep } from '../../shared/interview/next-interview-step';
import { nightTimeFinding } from '../../shared/interview/night-time';
import { outcomeFindings } from '../../shared/interview/outcome';
import { MAX_PROPOSAL_ROUNDS, proposeOtherSlots, proposeSlots } from '../../shared/interview/propose-slots';
import { casePageView } from '../../shared/links/case-page-view';
import type { InterviewProgress } from '../../shared/links/interview-progress';
import { contractorRecipient, issueLink } from '../../shared/links/issue-link';
import type { CallbackTask, LinkRecord, PendingCallback } from '../../shared/links/link-model';
import { constantTimeEquals, csrfTokenFor, hashLinkToken, linkTokenPattern } from '../../shared/links/link-token';
import { sendEmail } from '../../shared/notify/mailer';
import { referenceFindings } from '../../shared/references/reference-findings';
import { answerMicroDeposits } from '../../shared/bank/micro-deposit-flow';
import { MAX_MICRO_DEPOSIT_ATTEMPTS } from '../../shared/bank/micro-deposits';
import { deposits } from '../../shared/config/micro-deposit-services';
import {
  parseInfoResponseForm,
  parseReferenceForm,
  renderMicroDepositPage,
  renderInfoResponsePage,
  renderReferenceCheckPage,
  outcomeAnswerRows,
  pageSecurityHeaders,
  parseDecisionForm,
  parseOutcomeForm,
  parseSlotPickForm,
  renderCasePage,
  renderOutcomeFormPage,
  renderResultPage,
  renderSlotPickerPage,
  type ResultPageView,
} from '../../shared/pages';
import type { InformationProgress } from '../../shared/links/information-progress';
import { organisationName } from '../../shared/config/organisation';

const maxFormBytes = 16 * 1024;

type Open = { kind: 'open'; link: LinkRecord & { task: CallbackTask }; c: CaseRecord; pc: PendingCallback };
type LinkState = Open | { kind: 'closed'; view: ResultPageView };

/**
 * The pages people open from their email. GET renders and changes nothing (mail scanners open links and
 * run scripts); only a same-origin POST carrying the page's CSRF token acts. The link token is the
 * credential: it is looked up by keyed hash, bound to one case, one callback, one recipient, and used once.
 */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  try {
    const token = event.pathParameters?.token ?? '';
    if (!linkTokenPattern.test(token)) return result({ kind: 'link-invalid' });
    const keys = await loadKeys(env.SECRET_ARN);
    const tokenHash = hashLinkToken(keys.linkKey, token);
    const link = await links.getLink(tokenHash);
    if (!link) return result({ kind: 'link-invalid' });
    const csrf = csrfTokenFor(keys.linkKey, tokenHash);
    // A reference check answers no waiting task: its own small flow.
    if (link.purpose === 'reference-check') return await referenceCheck(event, link, csrf);
    // So does a micro-deposit confirmation: the contractor proves the payout account is theirs.
    if (link.purpose === 'micro-deposit') return await microDepositCheck(event, link, csrf);

    if (event.httpMethod === 'GET') {
      const state = await linkState(link);
      if (state.kind === 'closed') return result(state.view);
      // The audit chain is never rewritten, so it holds no applicant data: the contractor is named by role only.
      await audit(link.caseId, actorOf(link), 'link.opened', { purpose: link.purpose }, { head: state.c.auditHead });
      return page(200, await render(state, csrf, {}));
    }
    if (event.httpMethod !== 'POST') return result({ kind: 'forbidden' });

    if (!sameOrigin(event)) return result({ kind: 'forbidden' });
    const form = readForm(event);
    if (!form) return page(415, renderResultPage({ kind: 'forbidden' }).html);
    if (!constantTimeEquals(form.csrf ?? '', csrf)) return result({ kind: 'forbidden' });

    const state = await linkState(link);
    // A review link used a moment ago by a concurrent click: answer with the decision once it is written.
    if (state.kind === 'closed' && state.view.kind === 'link-used' && link.purpose === 'review') return alreadyDecided(link.caseId);
    if (state.kind === 'closed') return result(state.view);
    switch (link.purpose) {
      case 'review':
        return await review(state, form, csrf);
      case 'slot-picking':
        return await pickSlot(state, form, csrf);
      case 'interview-outcome':
        return await recordOutcome(state, form, csrf);
      case 'info-response':
        return await provideInformation(state, form, csrf);
      default:
        return link.purpose satisfies never;
    }
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    logger.error('link request failed', { errorName: e.name });
    return result({ kind: 'error' });
  }
}

/** Staff (reviewers, interviewers) by address; the contractor by role only. */
function actorOf(link: LinkRecord): string {
  return link.recipient.role === 'contractor' ? 'contractor' : `${link.recipient.role}:${link.recipient.email}`;
}

function result(view: ResultPageView): APIGatewayProxyResult {
  const r = renderResultPage(view);
  return page(r.status, r.html);
}

function page(statusCode: number, body: string): APIGatewayProxyResult {
  return { statusCode, headers: pageSecurityHeaders(), body };
}

/**
 * Cross-site POSTs are refused: the browser says where the form came from. Our pages are served with
 * `Referrer-Policy: no-referrer`, under which Chromium sends `Origin: null` on the page's own form; that is
 * accepted only together with `Sec-Fetch-Site: same-origin` (sandboxed frames and data: pages say
 * cross-site). The CSRF token is checked after this in every case.
 */
function sameOrigin(event: APIGatewayProxyEvent): boolean {
  const h = lower(event.headers);
  const site = h['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = h.origin;
  if (origin === 'null') return site === 'same-origin';
  if (origin && origin !== new URL(publicBaseUrl()).origin) return false;
  return true;
}

function lower(headers: APIGatewayProxyEvent['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}

function readForm(event: APIGatewayProxyEvent): Record<string, string> | undefined {
  const type = lower(event.headers)['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (raw.length > maxFormBytes) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw)) if (!(k in out)) out[k] = v;
  return out;
}

async function linkState(link: LinkRecord): Promise<LinkState> {
  // The case and the task's pending callback in one read (the callback is not needed when the link is used
  // or superseded, but reading it with the case costs no request).
  const { c, pc } = await links.getCaseAndCallback(link.caseId, link.task as CallbackTask);
  if (!c) return { kind: 'closed', view: { kind: 'link-invalid' } };
  const decided = (): LinkState | undefined =>
    link.purpose === 'review' && isFinalDecision(c.decision)
      ? { kind: 'closed', view: { kind: 'already-decided', decidedBy: c.decision.by, decidedAt: c.decision.at, decision: c.decision.outcome } }
      : undefined;
  if (link.usedAt) return decided() ?? { kind: 'closed', view: { kind: 'link-used' } };
  // A reminder carried a newer link for the same step: this one says "expired, a new link was emailed".
  if (link.supersededAt) return decided() ?? { kind: 'closed', view: { kind: 'link-expired' } };
  if (!pc || pc.callbackId !== link.callbackId || pc.state !== 'waiting') return decided() ?? { kind: 'closed', view: { kind: 'link-expired' } };
  if (Date.now() > Date.parse(link.expiresAt)) return { kind: 'closed', view: { kind: 'link-expired' } };
  return { kind: 'open', link: link as LinkRecord & { task: CallbackTask }, c, pc };
}

async function render(state: Open, csrf: string, form: { errors?: Record<string, string>; values?: Record<string, string> }): Promise<string> {
  const { link, c, pc } = state;
  const contractor = c.application.contractor;
  switch (link.purpose) {
    case 'review':
      return renderCasePage({
        ...casePageView({ c, evidence: await repo.listEvidence(c.id), audit: await repo.listAudit(c.id), link, csrf, deadline: link.expiresAt }),
        ...form,
      });
    case 'slot-picking': {
      const progress = pc.progress as unknown as InterviewProgress;
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
    case 'interview-outcome': {
      const progress = pc.progress as unknown as InterviewProgress;
      return renderOutcomeFormPage({
        interviewerName: link.recipient.name,
        contractorName: `${contractor.legalName.givenNames} ${contractor.legalName.surname}`,
        slotLabel: progress.booked?.slot.interviewerLabel ?? '',
        claimedResidence: contractor.residenceCountry,
        claimedLanguages: contractor.languages,
        csrf,
        ...form,
      });
    }
    case 'info-response': {
      const progress = pc.progress as unknown as InformationProgress;
      return renderInfoResponsePage({
        contractorGivenName: contractor.legalName.givenNames,
        organisationName,
        request: progress.request,
        deadline: link.expiresAt,
        timeZone: contractor.timeZone,
        csrf,
        ...form,
      });
    }
    case 'reference-check':
    case 'micro-deposit':
      return '';
    default:
      return link.purpose satisfies never;
  }
}

const canAskForOthers = (p: InterviewProgress) => p.rounds.length < MAX_PROPOSAL_ROUNDS && !p.history.some((h) => h.type === 'scheduled');

/** The loser of a race for one link waits a moment for the winner's decision, to say who decided. */
async function alreadyDecided(caseId: string): Promise<APIGatewayProxyResult> {
  for (let i = 0; i < 60; i++) {
    const c = await repo.getCase(caseId);
    if (isFinalDecision(c?.decision))
      return result({ kind: 'already-decided', decidedBy: c.decision.by, decidedAt: c.decision.at, decision: c.decision.outcome });
    await new Promise((r) => setTimeout(r, 100));
  }
  return result({ kind: 'link-used' });
}

async function review(state: Open, form: Record<string, string>, csrf: string): Promise<APIGatewayProxyResult> {
  const { link, pc } = state;
  const parsed = parseDecisionForm(form);
  if (!parsed.ok) return page(400, await render(state, csrf, { errors: parsed.errors, values: form }));
  const { action, reason } = parsed.value;
  const reviewer = link.recipient;
  const now = new Date().toISOString();
  if (action === 'approve' && (state.c.risk?.drivers ?? []).includes('SCR_STRONG_MATCH')) return result({ kind: 'forbidden' });
  if (action === 'approve' && (state.c.pendingApprovals ?? []).some((a) => a.callbackId === pc.callbackId && a.by === reviewer.email))
    return page(409, await render(state, csrf, {}));
  if (!(await links.consumeLink(link.tokenHash, action, now))) return alreadyDecided(link.caseId);

  // Exactly one decision: the case is written at the version read, and a concurrent writer makes us re-read.
  // The first attempt takes the case as the page's state read it a moment ago (a stale read only conflicts).
  for (let attempt = 0; attempt < 6; attempt++) {
    const c = attempt === 0 ? state.c : await repo.mustGetCase(link.caseId);
    if (isFinalDecision(c.decision)) return alreadyDecided(link.caseId);
    const given = (c.pendingApprovals ?? []).filter((a) => a.callbackId === pc.callbackId);
    if (action === 'approve' && given.some((a) => a.by === reviewer.email)) return result({ kind: 'forbidden' });
    const needsSecond = action === 'approve' && Boolean(c.risk?.fourEyesRequired) && given.length === 0;
    const approval = { callbackId: pc.callbackId, by: reviewer.email, name: reviewer.name, at: now, reason };
    try {
      if (needsSecond) {
        await repo.updateCase(c, (x) => ({ ...x, pendingApprovals: [...(x.pendingApprovals ?? []), approval] }), {
          audit: auditEvent(c.id, `reviewer:${reviewer.email}`, 'decision.first-approval', { via: link.purpose, reason }),
        });
        return result({ kind: 'thank-you', message: 'Your approval is recorded. A second, different reviewer must approve before the onboarding goes ahead.' });
      }
      const outcome = action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'info-requested';
      const approvals = action === 'approve' ? [...given, approval].map(({ by, at, reason: r }) => ({ by, at, reason: r })) : undefined;
      await repo.updateCase(c, (x) => ({
        ...x,
        status: outcome,
        decision: { outcome, by: reviewer.email, at: now, reason, via: `link:${link.purpose}`, ...(approvals ? { approvals } : {}) },
      }));
      try {
        await sfnClient().send(
          new SendTaskSuccessCommand({
            taskToken: pc.taskToken,
            output: JSON.stringify({ decision: outcome, by: reviewer.email, at: now, reason, via: `link:${link.purpose}`, ...(approvals ? { approvals } : {}) }),
          }),
        );
      } catch (err) {
        if (err instanceof TaskTimedOut || err instanceof TaskDoesNotExist || err instanceof InvalidToken) {
          // The task ended first (its timeout path ran): this answer came too late and decides nothing.
          const latest = await repo.mustGetCase(c.id);
          await repo.updateCase(latest, (x) => ({ ...x, status: c.status, decision: c.decision }));
          return result({ kind: 'link-expired' });
        }
        throw err;
      }
      await links.updateCallback(c.id, link.task, pc.callbackId, { state: 'done' });
      await audit(c.id, `reviewer:${reviewer.email}`, 'decision.recorded', { outcome, via: link.purpose, reason }, { head: c.auditHead });
      // The request reaches the contractor in the reviewer's words from the workflow's information round,
      // with a link to answer; the reviewers get fresh links once the answer is in.
      if (outcome === 'info-requested')
        return result({ kind: 'thank-you', message: 'Your request is recorded and sent to the contractor. You will get a new link to decide once they have answered.' });
      return result({ kind: 'thank-you', message: `Your decision (${outcome.replace('-', ' ')}) is recorded.` });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  return alreadyDecided(link.caseId);
}

async function pickSlot(state: Open, form: Record<string, string>, csrf: string): Promise<APIGatewayProxyResult> {
  const { link, pc } = state;
  const progress = pc.progress as unknown as InterviewProgress;
  const round = progress.rounds[progress.rounds.length - 1] ?? [];
  const parsed = parseSlotPickForm(form, round.map((s) => s.id), canAskForOthers(progress));
  if (!parsed.ok) return page(400, await render(state, csrf, { errors: parsed.errors, values: form }));
  const config = activeInterviewConfig();
  const contractor = state.c.application.contractor;
  const now = new Date();

  if (parsed.value.kind === 'other-times') {
    const times = parseContractorTimes(parsed.value.proposedLocalTimes, contractor.timeZone, config.slotMinutes);
    if (!times.ok) return page(400, await render(state, csrf, { errors: { proposed1: `not a time that exists in ${contractor.timeZone}: ${times.invalid.join(', ')}` }, values: form }));
    const other = proposeOtherSlots({ config, contractorTimeZone: contractor.timeZone, now: now.toISOString(), previousRounds: progress.rounds });
    if (!other.ok) return page(400, await render(state, csrf, { errors: { choice: 'please choose one of the times listed' }, values: form }));
    if (!(await links.consumeLink(link.tokenHash, 'pick-slot', now.toISOString()))) return result({ kind: 'link-used' });
    const next: InterviewProgress = { ...progress, rounds: [...progress.rounds, other.slots], indicated: [...progress.indicated, ...times.times] };
    if (!(await links.updateCallback(state.c.id, link.task, pc.callbackId, { progress: next as unknown as Record<string, unknown> }))) return result({ kind: 'link-expired' });
    const fresh = await issueLink(links, (await loadKeys(env.SECRET_ARN)).linkKey, publicBaseUrl(), {
      caseId: state.c.id, task: link.task, callbackId: pc.callbackId, purpose: 'slot-picking', actions: ['pick-slot'], recipient: link.recipient, deadline: new Date(pc.deadline), now, reminderLeadMs: reminderLeadMs(),
    });
    await sendEmail(mailFrom(), [contractor.email], renderSlotInvitationEmail({ contractorGivenName: contractor.legalName.givenNames, organisationName, pickUrl: fresh.url, deadline: fresh.expiresAt, timeZone: contractor.timeZone, round: 2 }));
    await audit(state.c.id, 'contractor', 'interview.other-times-requested', { proposed: times.times.length }, { head: state.c.auditHead });
    return result({ kind: 'thank-you', message: 'Thank you. We have emailed you other times to choose from.' });
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
  if (!(await links.updateCallback(state.c.id, link.task, pc.callbackId, { progress: next as unknown as Record<string, unknown> }))) return result({ kind: 'link-expired' });
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
  const outcomeLink = await issueLink(links, (await loadKeys(env.SECRET_ARN)).linkKey, publicBaseUrl(), {
    caseId: state.c.id,
    task: link.task,
    callbackId: pc.callbackId,
    purpose: 'interview-outcome',
    actions: ['record-outcome'],
    recipient: { email: interviewer.email, name: interviewer.name, role: 'interviewer' },
    deadline: new Date(pc.deadline),
    now,
    reminderLeadMs: reminderLeadMs(),
  });
  const confirmation = { slotStart: slot.start, slotEnd: slot.end, meetingUrl: meeting.joinUrl, invitation, organisationName, rescheduled: sequence > 0 };
  await sendEmail(mailFrom(), [contractor.email], renderInterviewConfirmationEmail({ ...confirmation, recipient: 'contractor', recipientName: contractor.legalName.givenNames, otherPartyName: interviewer.name, timeZone: contractor.timeZone }));
  // One mail to the interviewer: the outcome form's link, with the calendar invitation attached
  // (every email is a cost line; the booking and the form belong together).
  await sendEmail(mailFrom(), [interviewer.email], {
    ...renderOutcomeFormRequestEmail({ interviewerName: interviewer.name, contractorName, slotLabel: slot.interviewerLabel, formUrl: outcomeLink.url, deadline: outcomeLink.expiresAt, timeZone: interviewer.timeZone }),
    attachments: [{ filename: invitation.filename, contentType: invitation.contentType, content: invitation.content }],
  });
  // The stage state goes with the audit event, in its transaction.
  await audit(state.c.id, 'contractor', 'interview.scheduled', { slotStart: slot.start, interviewerId: interviewer.id }, { head: state.c.auditHead, stage: { key: 'interview', status: { state: 'waiting', findings: 0 } } });
  return result({ kind: 'thank-you', message: `Your interview is booked: ${slot.contractorLabel}. We have emailed you a calendar invitation with the meeting link.` });
}

async function recordOutcome(state: Open, form: Record<string, string>, csrf: string): Promise<APIGatewayProxyResult> {
  const { link, pc, c } = state;
  const parsed = parseOutcomeForm(form);
  if (!parsed.ok) return page(400, await render(state, csrf, { errors: parsed.errors, values: form }));
  const outcome = parsed.value;
  const progress = pc.progress as unknown as InterviewProgress;
  const now = new Date();
  const contractor = c.application.contractor;
  if (!(await links.consumeLink(link.tokenHash, 'record-outcome', now.toISOString()))) return result({ kind: 'link-used' });
  const noShowsBefore = progress.history.filter((h) => h.type === 'no-show').length;
  const history = [...progress.history, outcome.attended === 'no' ? { type: 'no-show' as const, at: now.toISOString() } : { type: 'held' as const, at: now.toISOString() }];
  const findings: Finding[] = outcomeFindings(outcome, {
    claimedLanguages: contractor.languages,
    residenceCountry: contractor.residenceCountry,
    interviewerId: progress.booked?.slot.interviewerId ?? '',
    slotStart: progress.booked?.slot.start ?? now.toISOString(),
    noShowsBefore,
  });
  const night = nightTimeFinding({ contractorTimeZone: contractor.timeZone, indicated: progress.indicated, source: 'proposed-other-times' });
  if (night && progress.indicated.length > 1) findings.push(night);
  const step = nextInterviewStep(history);

  if (step === 'reschedule') {
    const config = activeInterviewConfig();
    const previous = progress.rounds.flat().map((s) => ({ start: s.start, end: s.end }));
    const slots = proposeSlots({ config, contractorTimeZone: contractor.timeZone, now: now.toISOString(), excludeIntervals: previous });
    const next: InterviewProgress = { ...progress, history, rounds: [...progress.rounds, slots] };
    if (!(await links.updateCallback(c.id, link.task, pc.callbackId, { progress: next as unknown as Record<string, unknown> }))) return result({ kind: 'link-expired' });
    const fresh = await issueLink(links, (await loadKeys(env.SECRET_ARN)).linkKey, publicBaseUrl(), {
      caseId: c.id, task: link.task, callbackId: pc.callbackId, purpose: 'slot-picking', actions: ['pick-slot'],
      recipient: contractorRecipient(contractor.legalName.givenNames), deadline: new Date(pc.deadline), now, reminderLeadMs: reminderLeadMs(),
    });
    await sendEmail(mailFrom(), [contractor.email], renderSlotInvitationEmail({ contractorGivenName: contractor.legalName.givenNames, organisationName, pickUrl: fresh.url, deadline: fresh.expiresAt, timeZone: contractor.timeZone, round: 2 }));
    await audit(c.id, `interviewer:${link.recipient.email}`, 'interview.no-show', { reschedule: true }, { head: c.auditHead });
    return result({ kind: 'thank-you', message: 'Recorded as a no-show. The contractor has been asked to pick a new time, once.' });
  }

  const summary = await recordStageResult(repo, audit, {
    caseId: c.id,
    head: c.auditHead,
    stage: 'interview',
    runId: pc.callbackId,
    inputs: { interviewerId: progress.booked?.slot.interviewerId ?? null, slotStart: progress.booked?.slot.start ?? null, bookings: history.filter((h) => h.type === 'scheduled').length },
    findings,
    data: { answers: outcomeAnswerRows(outcome), step },
  });
  if (!(await links.updateCallback(c.id, link.task, pc.callbackId, { progress: { ...progress, history } as unknown as Record<string, unknown>, state: 'done' }))) return result({ kind: 'link-expired' });
  try {
    await sfnClient().send(new SendTaskSuccessCommand({ taskToken: pc.taskToken, output: JSON.stringify({ outcome: step === 'done' ? 'held' : 'review', findings: summary.findings, hardStop: summary.hardStop }) }));
  } catch (err) {
    if (err instanceof TaskTimedOut || err instanceof TaskDoesNotExist || err instanceof InvalidToken) return result({ kind: 'link-expired' });
    throw err;
  }
  await audit(c.id, `interviewer:${link.recipient.email}`, 'interview.recorded', { attended: outcome.attended, findings: findings.map((f) => f.code) });
  return result({ kind: 'thank-you', message: 'Thank you. Your observations are recorded on the case.' });
}

/**
 * The contractor answers a reviewer's request for more information. The answer is evidence on the case
 * (erasable with the case's personal data; the audit chain only says that an answer came), and resumes
 * the workflow, which sends the reviewers fresh links.
 */
async function provideInformation(state: Open, form: Record<string, string>, csrf: string): Promise<APIGatewayProxyResult> {
  const { link, pc, c } = state;
  const parsed = parseInfoResponseForm(form);
  if (!parsed.ok) return page(400, await render(state, csrf, { errors: parsed.errors, values: form }));
  const now = new Date().toISOString();
  if (!(await links.consumeLink(link.tokenHash, 'provide-info', now))) return result({ kind: 'link-used' });
  const progress = pc.progress as unknown as InformationProgress;
  await repo.putEvidence({
    caseId: c.id,
    stage: 'information',
    runId: pc.callbackId,
    recordedAt: now,
    inputs: { requestedBy: progress.requestedBy, requestedAt: progress.requestedAt, request: progress.request },
    findings: [],
    data: { answer: parsed.value.answer },
  });
  if (!(await links.updateCallback(c.id, link.task, pc.callbackId, { state: 'done' }))) return result({ kind: 'link-expired' });
  try {
    await sfnClient().send(new SendTaskSuccessCommand({ taskToken: pc.taskToken, output: JSON.stringify({ provided: true, at: now }) }));
  } catch (err) {
    if (err instanceof TaskTimedOut || err instanceof TaskDoesNotExist || err instanceof InvalidToken) return result({ kind: 'link-expired' });
    throw err;
  }
  await audit(c.id, 'contractor', 'information.provided', { purpose: link.purpose, length: parsed.value.answer.length }, { head: c.auditHead });
  return result({ kind: 'thank-you', message: 'Thank you. Your answer is with the reviewers.' });
}

/**
 * A former employer's reference confirms (or not) the role and dates the contractor claimed. GET shows the
 * claim and the form; a same-origin POST with the CSRF token records the answer once, as evidence with
 * findings, which the risk reassessment after the interview takes into account.
 */
async function referenceCheck(event: APIGatewayProxyEvent, link: LinkRecord, csrf: string): Promise<APIGatewayProxyResult> {
  if (link.usedAt) return result({ kind: 'link-used' });
  if (Date.now() > Date.parse(link.expiresAt)) return result({ kind: 'link-expired' });
  const c = await repo.getCase(link.caseId);
  const index = Number(link.callbackId.split('#').pop());
  const job = c?.application.employment[index];
  if (!c || !job?.reference) return result({ kind: 'link-invalid' });
  const contractor = c.application.contractor;
  const view = (form: { errors?: Record<string, string>; values?: Record<string, string> }) =>
    renderReferenceCheckPage({
      refereeName: job.reference!.name,
      contractorName: `${contractor.legalName.givenNames} ${contractor.legalName.surname}`,
      employer: job.employer,
      claimedRole: job.role,
      claimedStartDate: job.startDate,
      ...(job.endDate ? { claimedEndDate: job.endDate } : {}),
      organisationName,
      csrf,
      ...form,
    });
  if (event.httpMethod === 'GET') return page(200, view({}));
  if (event.httpMethod !== 'POST' || !sameOrigin(event)) return result({ kind: 'forbidden' });
  const form = readForm(event);
  if (!form) return page(415, renderResultPage({ kind: 'forbidden' }).html);
  if (!constantTimeEquals(form.csrf ?? '', csrf)) return result({ kind: 'forbidden' });
  const parsed = parseReferenceForm(form);
  if (!parsed.ok) return page(400, view({ errors: parsed.errors, values: form }));
  if (!(await links.consumeLink(link.tokenHash, 'confirm-reference', new Date().toISOString()))) return result({ kind: 'link-used' });
  await recordStageResult(repo, audit, {
    caseId: c.id,
    head: c.auditHead,
    stage: 'references',
    runId: `reference-${index}`,
    inputs: { employer: job.employer, claimedRole: job.role, claimedStartDate: job.startDate, claimedEndDate: job.endDate ?? null },
    findings: referenceFindings(parsed.value, job.employer),
    data: { answer: parsed.value },
  });
  return result({ kind: 'thank-you', message: 'Thank you. Your answer is recorded.' });
}

/**
 * The contractor confirms the two micro-deposits. GET shows the form and the tries left and changes
 * nothing; a same-origin POST with the CSRF token checks the answer. A wrong answer uses a try and shows
 * the form again; the right one, or the third wrong one, closes the challenge and uses the link up. An
 * answer that is not two amounts (0.01 to 0.99) is a 400 and uses no try. Every try is in the audit trail.
 */
async function microDepositCheck(event: APIGatewayProxyEvent, link: LinkRecord, csrf: string): Promise<APIGatewayProxyResult> {
  if (link.usedAt) return result({ kind: 'link-used' });
  if (Date.now() > Date.parse(link.expiresAt)) return result({ kind: 'link-expired' });
  const c = await repo.getCase(link.caseId);
  const challenge = await deposits.getChallenge(link.caseId);
  if (!c || !challenge) return result({ kind: 'link-invalid' });
  if (challenge.status !== 'pending') return result({ kind: 'link-used' });
  const attemptsLeft = (ch: { attempts: number }) => Math.max(0, MAX_MICRO_DEPOSIT_ATTEMPTS - ch.attempts);
  const view = (status: number, form: { errors?: Record<string, string>; values?: Record<string, string>; wrongAnswer?: boolean; attemptsLeft?: number }) =>
    page(
      status,
      renderMicroDepositPage({
        contractorGivenName: c.application.contractor.legalName.givenNames,
        organisationName,
        currency: challenge.currency,
        csrf,
        ...form,
        attemptsLeft: form.attemptsLeft ?? attemptsLeft(challenge),
      }),
    );
  if (event.httpMethod === 'GET') {
    await audit(link.caseId, 'contractor', 'link.opened', { purpose: link.purpose }, { head: c.auditHead });
    return view(200, {});
  }
  if (event.httpMethod !== 'POST' || !sameOrigin(event)) return result({ kind: 'forbidden' });
  const form = readForm(event);
  if (!form) return page(415, renderResultPage({ kind: 'forbidden' }).html);
  if (!constantTimeEquals(form.csrf ?? '', csrf)) return result({ kind: 'forbidden' });
  const answer = [form.amount1 ?? '', form.amount2 ?? ''] as const;
  const outcome = await answerMicroDeposits(
    { repo, deposits, audit, consume: () => links.consumeLink(link.tokenHash, 'confirm-micro-deposits', new Date().toISOString()) },
    challenge,
    answer,
  );
  const values = { amount1: answer[0], amount2: answer[1] };
  switch (outcome.kind) {
    case 'invalid-input':
      return view(400, { values, errors: { amount1: 'enter each amount as on your statement, between 0.01 and 0.99, such as 0.32' } });
    case 'wrong':
      return view(422, { wrongAnswer: true, attemptsLeft: outcome.attemptsLeft });
    case 'verified':
      return result({ kind: 'thank-you', message: 'Thank you. Your bank account is confirmed.' });
    case 'failed':
      return result({ kind: 'thank-you', message: 'Those amounts do not match, and that was the last try. A reviewer will look at your bank account and may contact you.' });
    case 'closed':
      return result({ kind: 'link-used' });
    default:
      return outcome satisfies never;
  }
}
