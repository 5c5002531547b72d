import { csrfField, facts, formErrorSummary, radioGroup, textArea, YES_NO_UNSURE, type FormState } from './components';
import { html, safeUrl } from './html';
import { layout } from './layout';
import { OUTCOME_QUESTIONS } from './outcome-form';

export interface OutcomeFormView extends FormState {
  interviewerName: string;
  contractorName: string;
  /** The slot in the interviewer's zone (`Slot.interviewerLabel`). */
  slotLabel: string;
  /** Human-readable, e.g. "Poland (PL)". */
  claimedResidence: string;
  /** Human-readable, e.g. ["Polish", "English"]. */
  claimedLanguages: readonly string[];
  /** Same-origin URL of the document photo to compare against (allow its origin in img-src if not). */
  documentPhotoUrl?: string;
  csrf: string;
}

export function renderOutcomeFormPage(view: OutcomeFormView): string {
  const body = html`
<p>Thank you for interviewing. Please record what you observed; your answers become evidence on the case.</p>
<section class="card">
${facts([
  ['Contractor', view.contractorName],
  ['Interview', view.slotLabel],
  ['Claimed residence', view.claimedResidence],
  ['Claimed languages', view.claimedLanguages.join(', ') || '—'],
])}
${view.documentPhotoUrl ? html`<p><img src="${safeUrl(view.documentPhotoUrl)}" alt="Photo from the identity document" width="240"></p>` : ''}
</section>
${formErrorSummary(view)}
<form method="post">
${csrfField(view.csrf)}
${radioGroup({
  name: 'attended',
  legend: 'Did the contractor attend?',
  hint: 'If not, choose "No" and submit; the other questions are then skipped and one reschedule is offered.',
  options: [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No (no-show)' },
  ],
  state: view,
})}
${OUTCOME_QUESTIONS.map(({ name, question: legend, hint }) =>
  radioGroup({ name, legend, options: YES_NO_UNSURE, state: view, required: false, ...(hint ? { hint } : {}) }),
)}
<fieldset>
<legend>Other remarks</legend>
${textArea({ name: 'remarks', label: 'Anything else the reviewer should know', state: view, maxLength: 4000 })}
</fieldset>
<p><button type="submit">Submit outcome</button></p>
</form>`;
  return layout({ title: 'Interview outcome', body });
}
