import * as z from '../schemas/zod';
import { finding, type Finding, type Severity } from '../finding';
import { questionText, type OutcomeQuestionName } from './outcome-questions';

/**
 * The interviewer's form arrives as HTML form strings, so answers are 'yes' / 'no' / 'unsure' rather than
 * booleans: an honest "unsure" is worth recording and is weaker evidence than a "no".
 */
export const answerSchema = z.enum(['yes', 'no', 'unsure'], { error: 'choose yes, no or unsure' });
export type Answer = z.infer<typeof answerSchema>;
/** "Did they refuse?" has no honest "unsure". */
const yesNoSchema = z.enum(['yes', 'no'], { error: 'choose yes or no' });
/** Asked only when there was an earlier call; otherwise the form leaves it out and it reads "n/a". */
const withNaSchema = z._default(z.enum(['yes', 'no', 'unsure', 'n/a'], { error: 'choose yes, no, unsure or n/a' }), 'n/a');

/** Version of the questions: 1 before the face-swap protocol (stored outcomes of that time have no version). */
export const OUTCOME_PROTOCOL_VERSION = 2;

/** Empty textareas come back as "" — treat them as absent. */
const remarks = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
  z.optional(z.string().check(z.maxLength(4000, 'remarks are limited to 4000 characters'))),
);

const heldSchema = z.object({
  attended: z.literal('yes'),
  cameraOnThroughout: answerSchema,
  faceMatchesDocument: answerSchema,
  locationConsistent: answerSchema,
  /** Protocol: a hand passed in front of the face, the face staying intact (face-swap filters tear or lag). */
  livenessHandInFront: answerSchema,
  /** Protocol: the head turned fully to each side, the face staying intact in profile. */
  livenessProfile: answerSchema,
  /** Protocol: the phrase revealed at that moment read aloud at once, lips and voice in sync. */
  phraseRead: answerSchema,
  /** Protocol: questions about the claimed home city answered like a resident. */
  homeCityConvincing: answerSchema,
  /** Protocol: voice and face the same as in an earlier call ('n/a' when there was none). */
  sameAsEarlierCall: withNaSchema,
  /** Protocol: the applicant refused part of it ('yes' is the red flag). */
  protocolRefused: yesNoSchema,
  /** Liveness prompt: camera turned to the window (shows daylight vs the claimed local time, and the place). */
  livenessWindow: answerSchema,
  spokeClaimedLanguages: answerSchema,
  /** Long pauses, eyes tracking text, answers read aloud, someone prompting off camera. */
  readingAnswers: answerSchema,
  remarks,
});

const noShowSchema = z.object({
  attended: z.literal('no'),
  remarks,
});

/**
 * Unknown keys (the csrf field, a submit button's name) are stripped, not refused: they are the form's,
 * not the interviewer's answers. When `attended` is 'no' the other radios are ignored.
 */
export const interviewOutcomeSchema = z.discriminatedUnion('attended', [heldSchema, noShowSchema], {
  error: 'say whether the contractor attended',
});
export type InterviewOutcome = z.infer<typeof interviewOutcomeSchema>;
export type HeldInterviewOutcome = z.infer<typeof heldSchema>;

export interface OutcomeContext {
  /** ISO 639 codes from the intake request. */
  claimedLanguages: readonly string[];
  /** ISO 3166-1 alpha-2 from the intake request. */
  residenceCountry: string;
  interviewerId: string;
  slotStart: string;
  /** No-shows before this one; the second no-show is more serious and sends the stage to review. */
  noShowsBefore?: number;
  /** The phrase the form revealed (shared/domain/interview/protocol-phrase.ts), recorded with its answer. */
  phrase?: string;
  /** The claimed home city as the form showed it, e.g. "Kraków, PL". */
  homeCity?: string;
  /** Policy engagement.holdOnInterviewProtocolRefused: a refused protocol is a hard stop (compliance hold). */
  holdOnProtocolRefused?: boolean;
}

const GUIDANCE = 'FBI PSAs on DPRK IT workers (2023-2025): verify identity on camera-on video; Mandiant UNC5267';
const PROTOCOL_GUIDANCE = 'FBI PSA 250123 (January 2025): face swaps and stand-ins in video interviews; FBI PSAs 2023-2024';

interface Rule {
  code: string;
  field: OutcomeQuestionName;
  /** The answer that is the red flag ('yes' for reading answers, 'no' for everything else). */
  bad: Answer;
  severity: Severity;
  unsureSeverity: Severity;
  message: (ctx: OutcomeContext, unsure: boolean) => string;
}

const RULES: readonly Rule[] = [
  {
    code: 'INT_CAMERA_OFF',
    field: 'cameraOnThroughout',
    bad: 'no',
    severity: 'high',
    unsureSeverity: 'medium',
    message: (_, u) => (u ? 'The interviewer could not confirm the camera stayed on for the whole interview.' : 'The contractor turned the camera off or avoided video during the interview.'),
  },
  {
    code: 'INT_FACE_MISMATCH',
    field: 'faceMatchesDocument',
    bad: 'no',
    severity: 'high',
    unsureSeverity: 'medium',
    message: (_, u) => (u ? 'The interviewer was unsure whether the face on camera matches the identity document photo.' : 'The face on camera does not match the identity document photo.'),
  },
  {
    code: 'INT_LOCATION_INCONSISTENT',
    field: 'locationConsistent',
    bad: 'no',
    severity: 'medium',
    unsureSeverity: 'low',
    message: (ctx, u) =>
      `${u ? 'The interviewer was unsure whether' : 'The interviewer found that'} the location and background ` +
      `${u ? 'are' : 'are not'} consistent with the claimed residence (${regionName(ctx.residenceCountry)}).`,
  },
  {
    code: 'INT_FACE_SWAP_SUSPECTED',
    field: 'livenessHandInFront',
    bad: 'no',
    severity: 'high',
    unsureSeverity: 'medium',
    message: (_, u) =>
      u
        ? 'The interviewer was unsure the face stayed intact when a hand passed in front of it: a face swap cannot be ruled out.'
        : 'Face swap suspected: the hand-in-front-of-the-face check was not done, or the face tore, blurred or lagged behind the hand.',
  },
  {
    code: 'INT_FACE_SWAP_SUSPECTED',
    field: 'livenessProfile',
    bad: 'no',
    severity: 'high',
    unsureSeverity: 'medium',
    message: (_, u) =>
      u
        ? 'The interviewer was unsure the face stayed intact with the head turned to each side: a face swap cannot be ruled out.'
        : 'Face swap suspected: the head was not turned fully to each side, or the face warped or changed shape in profile.',
  },
  {
    code: 'INT_PHRASE_NOT_READ',
    field: 'phraseRead',
    bad: 'no',
    severity: 'high',
    unsureSeverity: 'medium',
    message: (ctx, u) =>
      `${u ? 'The interviewer was unsure the applicant read' : 'The applicant did not read'} the unprepared phrase${ctx.phrase ? ` "${ctx.phrase}"` : ''} ` +
      `${u ? 'aloud at once and in sync' : 'aloud at once, fluently and with lips and voice in sync'} (a voice changer, a face swap or a prompter lags behind it).`,
  },
  {
    code: 'INT_HOME_CITY_UNCONVINCING',
    field: 'homeCityConvincing',
    bad: 'no',
    severity: 'medium',
    unsureSeverity: 'low',
    message: (ctx, u) =>
      `${u ? 'The interviewer was unsure the applicant knows' : 'The applicant did not answer convincingly about'} the claimed home city` +
      `${ctx.homeCity ? ` (${ctx.homeCity})` : ` in ${regionName(ctx.residenceCountry)}`}.`,
  },
  {
    code: 'INT_VOICE_FACE_CHANGED',
    field: 'sameAsEarlierCall',
    bad: 'no',
    severity: 'high',
    unsureSeverity: 'medium',
    message: (_, u) =>
      u ? 'The interviewer was unsure the voice and face were the same as in the earlier call.' : 'The voice or the face differed from the earlier call: possibly a different person (a stand-in).',
  },
  {
    code: 'INT_LIVENESS_NOT_DONE',
    field: 'livenessWindow',
    bad: 'no',
    severity: 'high',
    unsureSeverity: 'low',
    message: (_, u) =>
      u
        ? 'The interviewer was unsure the camera-to-the-window liveness prompt was done properly.'
        : 'The contractor refused or did not turn the camera to the window (which shows daylight and surroundings).',
  },
  {
    code: 'INT_LANGUAGE_MISMATCH',
    field: 'spokeClaimedLanguages',
    bad: 'no',
    severity: 'medium',
    unsureSeverity: 'low',
    message: (ctx, u) =>
      `${u ? 'The interviewer could not confirm' : 'The contractor did not demonstrate'} the claimed language(s): ` + `${ctx.claimedLanguages.map(languageName).join(', ') || 'none listed'}.`,
  },
  {
    code: 'INT_READING_ANSWERS',
    field: 'readingAnswers',
    bad: 'yes',
    severity: 'medium',
    unsureSeverity: 'low',
    message: (_, u) => (u ? 'The interviewer saw possible signs that answers were being read or prompted.' : 'The contractor appeared to read answers or be prompted off camera.'),
  },
];

/** Codes of the protocol's checks: their findings cite the January 2025 notice. */
const PROTOCOL_FIELDS = new Set<OutcomeQuestionName>([
  'cameraOnThroughout',
  'livenessHandInFront',
  'livenessProfile',
  'phraseRead',
  'homeCityConvincing',
  'faceMatchesDocument',
  'sameAsEarlierCall',
  'protocolRefused',
]);

/**
 * Turns the interviewer's answers into findings. A clean interview still yields one info finding carrying
 * every answer, so the reviewer and the audit record see what was checked, not just what failed.
 */
export function outcomeFindings(outcome: InterviewOutcome, context: OutcomeContext): Finding[] {
  const base = { interviewerId: context.interviewerId, slotStart: context.slotStart };
  if (outcome.attended === 'no') {
    const repeated = (context.noShowsBefore ?? 0) >= 1;
    return [
      finding({
        code: 'INT_NO_SHOW',
        stage: 'interview',
        severity: repeated ? 'high' : 'medium',
        message: repeated
          ? 'The contractor missed the rescheduled interview as well; the interview stage goes to a reviewer.'
          : 'The contractor did not attend the video interview; one reschedule is offered.',
        evidence: [
          { kind: 'interview-outcome', field: 'attended', detail: { ...base, answer: 'no', noShowsBefore: context.noShowsBefore ?? 0, ...(outcome.remarks ? { remarks: outcome.remarks } : {}) } },
        ],
        guidance: GUIDANCE,
      }),
    ];
  }

  const out: Finding[] = [];
  for (const rule of RULES) {
    const answer = outcome[rule.field];
    const unsure = answer === 'unsure';
    if (answer !== rule.bad && !unsure) continue;
    out.push(
      finding({
        code: rule.code,
        stage: 'interview',
        severity: unsure ? rule.unsureSeverity : rule.severity,
        message: rule.message(context, unsure),
        // The question as the interviewer read it and their answer, so the reviewer sees both on the case page.
        evidence: [{ kind: 'interview-outcome', field: rule.field, detail: { ...base, question: questionText(rule.field), answer, ...protocolContext(rule.field, context) } }],
        guidance: PROTOCOL_FIELDS.has(rule.field) ? PROTOCOL_GUIDANCE : GUIDANCE,
      }),
    );
  }
  if (outcome.protocolRefused === 'yes') {
    const hold = context.holdOnProtocolRefused ?? true;
    out.push(
      finding({
        code: 'INT_PROTOCOL_REFUSED',
        stage: 'interview',
        severity: hold ? 'critical' : 'high',
        message: hold
          ? 'The applicant refused part of the interview protocol against stand-ins and face swaps; the policy puts the case on compliance hold for it.'
          : 'The applicant refused part of the interview protocol against stand-ins and face swaps.',
        evidence: [
          {
            kind: 'interview-outcome',
            field: 'protocolRefused',
            detail: { ...base, question: questionText('protocolRefused'), answer: 'yes', ...(outcome.remarks ? { remarks: outcome.remarks } : {}) },
          },
        ],
        guidance: PROTOCOL_GUIDANCE,
        hardStop: hold,
      }),
    );
  }
  const { attended: _attended, remarks: text, ...answers } = outcome;
  out.push(
    finding({
      code: 'INT_INTERVIEW_RECORDED',
      stage: 'interview',
      severity: 'info',
      message: 'The video interview took place and the interviewer recorded their observations.',
      evidence: [
        {
          kind: 'interview-outcome',
          detail: {
            ...base,
            protocolVersion: OUTCOME_PROTOCOL_VERSION,
            answers,
            ...(context.phrase ? { phrase: context.phrase } : {}),
            ...(context.homeCity ? { homeCity: context.homeCity } : {}),
            ...(text ? { remarks: text } : {}),
          },
        },
      ],
      guidance: GUIDANCE,
    }),
  );
  return out;
}

/** What the form showed for the question: the phrase, the home city. */
function protocolContext(field: OutcomeQuestionName, context: OutcomeContext): Record<string, string> {
  if (field === 'phraseRead' && context.phrase) return { phrase: context.phrase };
  if (field === 'homeCityConvincing' && context.homeCity) return { homeCity: context.homeCity };
  return {};
}

const languages = new Intl.DisplayNames(['en'], { type: 'language' });
const regions = new Intl.DisplayNames(['en'], { type: 'region' });

function languageName(code: string): string {
  try {
    return `${languages.of(code) ?? code} (${code})`;
  } catch {
    return code;
  }
}

function regionName(code: string): string {
  try {
    return `${regions.of(code) ?? code} (${code})`;
  } catch {
    return code;
  }
}
