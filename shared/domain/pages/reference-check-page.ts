import { csrfField, facts, fieldError, formErrorSummary, radioGroup, textArea, YES_NO_UNSURE, type FormState } from './components';
import { html, type SafeHtml } from './html';
import { layout } from './layout';

export interface ReferenceCheckView extends FormState {
  refereeName: string;
  /** The contractor's name as they gave it, so the referee knows who is meant; nothing more about them. */
  contractorName: string;
  employer: string;
  claimedRole: string;
  claimedStartDate: string;
  claimedEndDate?: string;
  organisationName?: string;
  csrf: string;
}

export function renderReferenceCheckPage(view: ReferenceCheckView): string {
  const body = html`
<p>Dear ${view.refereeName},</p>
<p>${view.contractorName} named you as a reference for their work at ${view.employer}${
    view.organisationName ? html`, while onboarding as a contractor with ${view.organisationName}` : ''
  }. Please confirm only what you know from your records. It takes about two minutes.</p>
<section class="card">
<h3>What they told us</h3>
${facts([
  ['Employer', view.employer],
  ['Role', view.claimedRole],
  ['From', view.claimedStartDate],
  ['To', view.claimedEndDate ?? 'present'],
])}
</section>
${formErrorSummary(view)}
<form method="post">
${csrfField(view.csrf)}
${radioGroup({ name: 'knowsPerson', legend: html`Did ${view.contractorName} work at ${view.employer}?`, options: YES_NO_UNSURE, state: view })}
${radioGroup({ name: 'roleConfirmed', legend: 'Is the role correct?', options: YES_NO_UNSURE, state: view })}
${radioGroup({ name: 'datesConfirmed', legend: 'Are the dates correct?', options: YES_NO_UNSURE, state: view })}
<fieldset>
<legend>Corrections <span class="muted">(optional)</span></legend>
${textInput('actualRole', 'Actual role', 'text', view)}
${textInput('actualStartDate', 'Actual start date', 'date', view)}
${textInput('actualEndDate', 'Actual end date', 'date', view)}
</fieldset>
<fieldset>
<legend>About you</legend>
${textInput('refereeJobTitle', 'Your role at the company', 'text', view, true)}
${textArea({ name: 'remarks', label: 'Anything else', state: view, maxLength: 4000 })}
</fieldset>
<p><button type="submit">Send confirmation</button></p>
</form>`;
  return layout({ title: 'Employment reference', body });
}

function textInput(name: string, label: string, type: 'text' | 'date', view: FormState, required = false): SafeHtml {
  return html`<label for="${name}">${label}${required ? '' : html` <span class="muted">(optional)</span>`}</label>
${fieldError(view, name)}
<input type="${type}" id="${name}" name="${name}" value="${view.values?.[name] ?? ''}"${required ? html` required` : ''} maxlength="200">`;
}
