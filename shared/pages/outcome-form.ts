import { interviewOutcomeSchema, type InterviewOutcome } from '../interview/outcome';
import { parseForm, type FormResult } from './form-errors';

/** The interviewer outcome form's POST, with field errors keyed for re-rendering the page. */
export function parseOutcomeForm(form: Readonly<Record<string, string>>): FormResult<InterviewOutcome> {
  return parseForm(interviewOutcomeSchema, form);
}
