import * as z from '../schemas/zod';
import { finding, type Finding, type Severity } from '../domain/finding';

/**
 * The interviewer's form arrives as HTML form strings, so answers are 'yes' / 'no' / 'unsure' rather than
 * booleans: an honest "unsure" is worth recording and is weaker evidence than a "no".
 */
export const answerSchema = z.enum(['yes', 'no', 'unsure'], { error: 'choose yes, no or unsure' });
export type Answer = z.infer<typeof answerSchema>;

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
  /** Liveness prompt: a hand passed in front of the face (face-swap filters tear or lag). */
  livenessHandInFront: answerSchema,
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
}

const GUIDANCE = 'FBI PSAs on DPRK IT workers (2023-2025): verify identity on camera-on video; Mandiant UNC5267';

interface Rule {
  code: string;
  field: keyof Omit<HeldInterviewOutcome, 'attended' | 'remarks'>;
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
    message: (_, u) =>
      u
        ? 'The interviewer could not confirm the camera stayed on for the whole interview.'
        : 'The contractor turned the camera off or avoided video during the interview.',
  },
  {
    code: 'INT_FACE_MISMATCH',
    field: 'faceMatchesDocument',
    bad: 'no',
    severity: 'high',
    unsureSeverity: 'medium',
    message: (_, u) =>
      u
        ? 'The interviewer was unsure whether the face on camera matches the identity document photo.'
        : 'The face on camera does not match the identity document photo.',
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
    code: 'INT_LIVENESS_NOT_DONE',
    field: 'livenessHandInFront',
    bad: 'no',
    severity: 'high',
    unsureSeverity: 'low',
    message: (_, u) =>
      u
        ? 'The interviewer was unsure the hand-in-front-of-face liveness prompt was done properly.'
        : 'The hand-in-front-of-face liveness prompt was refused or not done (it exposes face-swap filters).',
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
      `${u ? 'The interviewer could not confirm' : 'The contractor did not demonstrate'} the claimed language(s): ` +
      `${ctx.claimedLanguages.map(languageName).join(', ') || 'none listed'}.`,
  },
  {
    code: 'INT_READING_ANSWERS',
    field: 'readingAnswers',
    bad: 'yes',
    severity: 'medium',
    unsureSeverity: 'low',
    message: (_, u) =>
      u
        ? 'The interviewer saw possible signs that answers were being read or prompted.'
        : 'The contractor appeared to read answers or be prompted off camera.',
  },
];

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
        evidence: [{ kind: 'interview-outcome', field: 'attended', detail: { ...base, answer: 'no', noShowsBefore: context.noShowsBefore ?? 0, ...(outcome.remarks ? { remarks: outcome.remarks } : {}) } }],
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
        evidence: [{ kind: 'interview-outcome', field: rule.field, detail: { ...base, answer } }],
        guidance: GUIDANCE,
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
      evidence: [{ kind: 'interview-outcome', detail: { ...base, answers, ...(text ? { remarks: text } : {}) } }],
      guidance: GUIDANCE,
    }),
  );
  return out;
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
