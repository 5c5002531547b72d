import type { APIGatewayProxyResult } from 'aws-lambda';
import { completeTask } from '../complete-task';
import { recordStageResult } from '../../../shared/app/cases/record-stage';
import { activeInterviewConfig } from '../../../shared/config/interview-config';
import { links } from '../../../shared/config/link-services';
import { activePolicy } from '../../../shared/config/policy';
import { loadKeys } from '../../../shared/config/secrets';
import { logger } from '../../../shared/adapters/observability/logger';
import { audit, env, repo } from '../../../shared/config/services';
import { photoOrigins } from '../../../shared/domain/document/interview-photos';
import { PHOTO_URL_TTL_SECONDS, presignInterviewPhotos } from '../../../shared/config/photo-urls';
import type { Finding } from '../../../shared/domain/finding';
import { nextInterviewStep } from '../../../shared/domain/interview/next-interview-step';
import { earlierCall } from '../../../shared/domain/interview/earlier-call';
import { nightTimeFinding } from '../../../shared/domain/interview/night-time';
import { OUTCOME_PROTOCOL_VERSION, outcomeFindings } from '../../../shared/domain/interview/outcome';
import { outcomeTooEarly } from '../../../shared/domain/interview/outcome-timing';
import { interviewPhrase } from '../../../shared/domain/interview/protocol-phrase';
import { interviewProgressOf, storedProgress } from '../../../shared/domain/links/callback-progress';
import { bookingsOf } from '../../../shared/domain/links/interview-progress';
import { outcomeAnswerRows, parseOutcomeForm, renderOutcomeFormPage } from '../../../shared/domain/pages';
import { formatInstant } from '../../../shared/domain/pages/format';
import { page, result, type FormState, type PageBody } from '../http';
import type { Open } from '../state';

const regions = new Intl.DisplayNames(['en'], { type: 'region' });
const regionName = (code: string) => `${regions.of(code) ?? code} (${code})`;

/**
 * What the protocol shows the interviewer and records with the answers: the phrase (derived per interview,
 * never stored before it is used), the claimed home city, and whether there was an earlier call.
 */
async function protocolContext(state: Open) {
  const { c, pc } = state;
  const contractor = c.application.contractor;
  const progress = interviewProgressOf(pc.progress);
  const [keys, evidence] = await Promise.all([loadKeys(env.SECRET_ARN), repo.listEvidence(c.id)]);
  const phrase = interviewPhrase(keys.linkKey, { caseId: c.id, callbackId: pc.callbackId, slotStart: progress.booked?.slot.start ?? '' });
  const homeCity = contractor.address ? `${contractor.address.city}, ${regionName(contractor.address.country)}` : undefined;
  return { progress, phrase, homeCity, earlier: earlierCall(evidence, progress.history) };
}

/** The interviewer's outcome form, with the intake photos through presigned URLs made for this rendering. */
export async function renderInterviewOutcome(state: Open, csrf: string, form: FormState): Promise<PageBody> {
  const { link, c } = state;
  const contractor = c.application.contractor;
  const { progress, phrase, homeCity, earlier } = await protocolContext(state);
  let photos: { document?: string; selfie?: string; unavailable?: boolean };
  try {
    photos = await presignInterviewPhotos(c.application.document.files, new Date());
  } catch (err) {
    logger.error('interview photos could not be signed', { errorName: err instanceof Error ? err.name : 'unknown' });
    photos = { unavailable: true };
  }
  const interviewerZone = activeInterviewConfig().interviewers.find((i) => i.id === progress.booked?.slot.interviewerId)?.timeZone ?? 'UTC';
  const html = renderOutcomeFormPage({
    interviewerName: link.recipient.name,
    contractorName: `${contractor.legalName.givenNames} ${contractor.legalName.surname}`,
    slotLabel: progress.booked?.slot.interviewerLabel ?? '',
    claimedResidence: regionName(contractor.residenceCountry),
    claimedLanguages: contractor.languages,
    photos,
    photoMinutes: PHOTO_URL_TTL_SECONDS / 60,
    phrase,
    ...(homeCity ? { homeCity } : {}),
    ...(earlier ? { earlierCall: { label: formatInstant(earlier.at, interviewerZone) } } : {}),
    csrf,
    ...form,
  });
  return { html, imgSrc: photoOrigins(photos) };
}

/**
 * The interviewer records what they saw, which completes the workflow's AwaitInterviewOutcome. A no-show
 * with a booking left sends the workflow round its reschedule loop (ScheduleInterview proposes new times);
 * anything else is the interview's evidence first.
 */
export async function submitInterviewOutcome(state: Open, form: Record<string, string>, csrf: string): Promise<APIGatewayProxyResult> {
  const { link, pc, c } = state;
  const { progress, phrase, homeCity, earlier } = await protocolContext(state);
  const parsed = parseOutcomeForm(form, { earlierCall: earlier !== undefined });
  if (!parsed.ok) return page(400, await renderInterviewOutcome(state, csrf, { errors: parsed.errors, values: form }));
  const outcome = parsed.value;
  const now = new Date();
  const booked = progress.booked?.slot;
  if (outcomeTooEarly(booked?.start, now, activePolicy().timeouts.interviewOutcomeGraceMinutes))
    return result({
      kind: 'not-yet',
      message: `The interview is booked for ${formatInstant(booked!.start, activeInterviewConfig().interviewers.find((i) => i.id === booked!.interviewerId)?.timeZone ?? 'UTC')}. Its outcome can be recorded once it has started.`,
    });
  const contractor = c.application.contractor;
  if (!(await links.consumeLink(link.tokenHash, 'record-outcome', now.toISOString()))) return result({ kind: 'link-used' });
  const noShowsBefore = progress.history.filter((h) => h.type === 'no-show').length;
  const history = [...progress.history, outcome.attended === 'no' ? { type: 'no-show' as const, at: now.toISOString() } : { type: 'held' as const, at: now.toISOString() }];
  const findings: Finding[] = outcomeFindings(outcome, {
    claimedLanguages: contractor.languages,
    residenceCountry: contractor.residenceCountry,
    interviewerId: booked?.interviewerId ?? '',
    slotStart: booked?.start ?? now.toISOString(),
    noShowsBefore,
    phrase,
    ...(homeCity ? { homeCity } : {}),
    holdOnProtocolRefused: activePolicy().engagement.holdOnInterviewProtocolRefused,
  });
  const night = nightTimeFinding({ contractorTimeZone: contractor.timeZone, indicated: progress.indicated, source: 'proposed-other-times' });
  if (night && progress.indicated.length > 1) findings.push(night);
  const step = nextInterviewStep(history);

  const bookings = bookingsOf(history);

  // A no-show with a booking left: the workflow's InterviewHeld choice goes round its reschedule loop, and
  // ScheduleInterview mails the contractor new times. Nothing is evidence yet.
  if (step === 'reschedule') {
    if (!(await links.updateCallback(c.id, link.task, pc.callbackId, { progress: storedProgress('interview', { ...progress, history }), state: 'done' }))) return result({ kind: 'link-expired' });
    if (!(await completeTask(pc.taskToken, { outcome: 'no-show', attended: 'no', bookings } satisfies OutcomeOutput))) return result({ kind: 'link-expired' });
    await audit(c.id, `interviewer:${link.recipient.email}`, 'interview.no-show', { reschedule: true }, { head: c.auditHead });
    return result({ kind: 'thank-you', message: 'Recorded as a no-show. The contractor is asked to pick a new time, once.' });
  }

  const interviewer = activeInterviewConfig().interviewers.find((i) => i.id === booked?.interviewerId);
  const summary = await recordStageResult(repo, audit, {
    caseId: c.id,
    head: c.auditHead,
    stage: 'interview',
    runId: pc.callbackId,
    inputs: {
      interviewerId: booked?.interviewerId ?? null,
      interviewerName: interviewer?.name ?? link.recipient.name,
      slotStart: booked?.start ?? null,
      bookings,
    },
    findings,
    data: {
      answers: outcomeAnswerRows(outcome, { phrase, ...(homeCity ? { homeCity } : {}) }),
      step,
      protocolVersion: OUTCOME_PROTOCOL_VERSION,
      ...(outcome.attended === 'yes' ? { phrase } : {}),
    },
  });
  if (!(await links.updateCallback(c.id, link.task, pc.callbackId, { progress: storedProgress('interview', { ...progress, history }), state: 'done' }))) return result({ kind: 'link-expired' });
  // Completes the workflow's AwaitInterviewOutcome: held goes on to the reassessment; a no-show out of
  // bookings ('review') too, through OutOfReschedules, with the no-show's finding on the case.
  const completed = await completeTask(pc.taskToken, {
    outcome: step === 'done' ? 'held' : 'review',
    attended: outcome.attended === 'no' ? 'no' : 'yes',
    bookings,
    findings: summary.findings,
    hardStop: summary.hardStop,
  } satisfies OutcomeOutput);
  if (!completed) return result({ kind: 'link-expired' });
  await audit(c.id, `interviewer:${link.recipient.email}`, 'interview.recorded', { attended: outcome.attended, findings: findings.map((f) => f.code) });
  return result({ kind: 'thank-you', message: 'Thank you. Your observations are recorded on the case.' });
}

/** What the interviewer's outcome sends back to the workflow (its InterviewHeld choice reads it). */
type OutcomeOutput = { outcome: 'held' | 'review' | 'no-show'; attended: 'yes' | 'no'; bookings: number; findings?: number; hardStop?: boolean };
