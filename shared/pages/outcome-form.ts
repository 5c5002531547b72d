import { interviewOutcomeSchema, type HeldInterviewOutcome, type InterviewOutcome } from '../interview/outcome';
import { parseForm, type FormResult } from './form-errors';

/** The interviewer outcome form's POST, with field errors keyed for re-rendering the page. */
export function parseOutcomeForm(form: Readonly<Record<string, string>>): FormResult<InterviewOutcome> {
  return parseForm(interviewOutcomeSchema, form);
}

type QuestionName = keyof Omit<HeldInterviewOutcome, 'attended' | 'remarks'>;

/** Questions in the order an interviewer meets them during the call; the case page reuses the wording. */
export const OUTCOME_QUESTIONS: readonly { name: QuestionName; question: string; hint?: string }[] = [
  { name: 'cameraOnThroughout', question: 'Was the camera on for the whole interview?' },
  {
    name: 'faceMatchesDocument',
    question: 'Does the face on camera match the document photo?',
    hint: 'Compare face shape, ears, hairline; AI-altered photos often look smoother than the live face.',
  },
  {
    name: 'locationConsistent',
    question: 'Are the location and background consistent with the claimed residence?',
    hint: 'Virtual or blurred backgrounds count as "unsure" unless removed on request.',
  },
  {
    name: 'livenessHandInFront',
    question: 'Liveness: did they pass a hand slowly in front of their face when asked?',
    hint: 'Face-swap filters tear, blur or lag when the face is covered.',
  },
  {
    name: 'livenessWindow',
    question: 'Liveness: did they turn the camera to a window when asked?',
    hint: 'Daylight should match the local time in the claimed time zone.',
  },
  { name: 'spokeClaimedLanguages', question: 'Did they speak the claimed language(s)?' },
  {
    name: 'readingAnswers',
    question: 'Were there signs of reading answers or being prompted?',
    hint: 'Long pauses, eyes tracking text, a voice off camera, answers that sound recited.',
  },
];

/** Rows for the case page's InterviewView.answers. */
export function outcomeAnswerRows(outcome: InterviewOutcome): { question: string; answer: string }[] {
  if (outcome.attended === 'no') return [{ question: 'Did the contractor attend?', answer: 'no (no-show)' }];
  return [
    { question: 'Did the contractor attend?', answer: 'yes' },
    ...OUTCOME_QUESTIONS.map((q) => ({ question: q.question, answer: outcome[q.name] })),
  ];
}
