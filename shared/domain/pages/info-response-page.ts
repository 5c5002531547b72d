import { csrfField, formErrorSummary, textArea, type FormState } from './components';
import { formatInstant } from './format';
import { html } from './html';
import { layout } from './layout';
import { timeZoneQuestion } from './time-zone-question';

export interface InfoResponseView extends FormState {
  contractorGivenName: string;
  organisationName: string;
  /** The reviewer's request, in their words: nothing else of the case. */
  request: string;
  deadline: string;
  timeZone: string;
  csrf: string;
}

/** Where the contractor answers a reviewer's request for more information. */
export function renderInfoResponsePage(view: InfoResponseView): string {
  const body = html`
<p>Hello ${view.contractorGivenName},</p>
<p>The team reviewing your onboarding with ${view.organisationName} asked for more information before they decide.</p>
<section class="card">
<h3>Their request</h3>
<p>${view.request}</p>
</section>
${formErrorSummary(view)}
<form method="post">
${csrfField(view.csrf)}
${textArea({ name: 'answer', label: 'Your answer', state: view, required: true, maxLength: 4000 })}
<p class="muted">Please answer by ${formatInstant(view.deadline, view.timeZone)}. Your answer goes to the reviewers; you can send it once.</p>
${timeZoneQuestion(view.values)}
<p><button type="submit">Send answer</button></p>
</form>`;
  return layout({ title: 'More information for your onboarding', body, organisationName: view.organisationName });
}
