import { csrfField, fieldError, formErrorSummary, type FormState } from './components';
import { html, type SafeHtml } from './html';
import { layout } from './layout';
import { timeZoneQuestion } from './time-zone-question';

export interface MicroDepositPageView extends FormState {
  contractorGivenName: string;
  organisationName?: string;
  currency: string;
  attemptsLeft: number;
  /** Set after a wrong answer: the page says so and how many tries remain. */
  wrongAnswer?: boolean;
  csrf: string;
}

/** Where the contractor types the two deposits back. A plain form: no script needed, POST only acts. */
export function renderMicroDepositPage(view: MicroDepositPageView): string {
  const body = html`
<p>Dear ${view.contractorGivenName},</p>
<p>We sent two small deposits, each less than 1.00 ${view.currency}, to the bank account you gave${
    view.organisationName ? html` ${view.organisationName}` : ''
  } for your pay. Enter the two amounts as they appear on your statement, in any order, for example 0.32.</p>
${view.wrongAnswer ? html`<p class="error" role="alert">Those amounts do not match what we sent.</p>` : ''}
<p><strong>${view.attemptsLeft} ${view.attemptsLeft === 1 ? 'try' : 'tries'} left.</strong> After three wrong answers the link stops working and a reviewer looks at your account.</p>
${formErrorSummary(view)}
<form method="post">
${csrfField(view.csrf)}
${amountInput('amount1', 'First amount', view)}
${amountInput('amount2', 'Second amount', view)}
${timeZoneQuestion(view.values)}
<p><button type="submit">Confirm the amounts</button></p>
</form>`;
  return layout({ title: 'Confirm your bank account', body });
}

function amountInput(name: string, label: string, view: FormState): SafeHtml {
  return html`<label for="${name}">${label} (${'0.01'} to ${'0.99'})</label>
${fieldError(view, name)}
<input type="text" id="${name}" name="${name}" value="${view.values?.[name] ?? ''}" inputmode="decimal" autocomplete="off" required maxlength="8" pattern="0?[.,][0-9]{2}">`;
}
