import { interviewOutcomeSchema, type InterviewOutcome } from '../interview/outcome';
import { OUTCOME_QUESTION_LIST, type OutcomeQuestion } from '../interview/outcome-questions';
import { parseForm, type FormResult } from './form-errors';

/**
 * The interviewer outcome form's POST, with field errors keyed for re-rendering the page. "Same voice and
 * face as the earlier call" must be answered when there was an earlier call; without one it is "n/a",
 * whatever a crafted POST says.
 */
export function parseOutcomeForm(form: Readonly<Record<string, string>>, context: { earlierCall?: boolean } = {}): FormResult<InterviewOutcome> {
  const r = parseForm(interviewOutcomeSchema, form);
  const earlierUnanswered = context.earlierCall && form.attended === 'yes' && !['yes', 'no', 'unsure'].includes(form.sameAsEarlierCall ?? '');
  if (earlierUnanswered) return { ok: false, errors: { ...(r.ok ? {} : r.errors), sameAsEarlierCall: 'there was an earlier call: choose yes, no or unsure' } };
  if (!r.ok) return r;
  if (r.value.attended === 'yes' && !context.earlierCall) return { ok: true, value: { ...r.value, sameAsEarlierCall: 'n/a' } };
  return r;
}

/** Questions in the order an interviewer meets them during the call; the case page reuses the wording. */
export const OUTCOME_QUESTIONS: readonly OutcomeQuestion[] = OUTCOME_QUESTION_LIST;

/** Rows for the case page's InterviewView.answers; the phrase read aloud is recorded with its answer. */
export function outcomeAnswerRows(outcome: InterviewOutcome, shown: { phrase?: string; homeCity?: string } = {}): { question: string; answer: string }[] {
  if (outcome.attended === 'no') return [{ question: 'Did the contractor attend?', answer: 'no (no-show)' }];
  const detail = (name: OutcomeQuestion['name']): string =>
    name === 'phraseRead' && shown.phrase ? ` (phrase: "${shown.phrase}")` : name === 'homeCityConvincing' && shown.homeCity ? ` (claimed home city: ${shown.homeCity})` : '';
  return [{ question: 'Did the contractor attend?', answer: 'yes' }, ...OUTCOME_QUESTIONS.map((q) => ({ question: q.question, answer: `${outcome[q.name]}${detail(q.name)}` }))];
}
