import { csrfField, fieldError, formErrorSummary, type FormState } from './components';
import { formatInstant } from './format';
import { html } from './html';
import { layout } from './layout';
import { PROPOSED_TIME_FIELDS } from './slot-picker-form';
import { timeZoneQuestion } from './time-zone-question';

export interface SlotPickerView extends FormState {
  /** Given name for the greeting; nothing else about the contractor is shown. */
  contractorGivenName: string;
  organisationName?: string;
  /** The claimed time zone every label is in. */
  timeZone: string;
  /** `Slot.id` and `Slot.contractorLabel`. */
  slots: readonly { id: string; label: string }[];
  /** False on the second round: "none of these work" is then not offered. */
  canAskForOthers: boolean;
  /** When this link expires (ISO). */
  deadline?: string;
  csrf: string;
}

export function renderSlotPickerPage(view: SlotPickerView): string {
  const chosen = view.values?.choice;
  const body = html`
<p>Hello ${view.contractorGivenName},</p>
<p>As part of onboarding${view.organisationName ? html` with ${view.organisationName}` : ''}, we hold a short video call with the camera on to confirm your identity. Please choose a time that suits you.</p>
<section class="card" id="what-the-call-involves">
<h2>What the call involves</h2>
<p>We ask everyone the same, so that nobody can take part in someone else's name:</p>
<ul>
<li>keep your camera on for the whole call, in a lit room;</li>
<li>when asked, pass a hand slowly in front of your face, and turn your head fully to each side;</li>
<li>read aloud a short phrase the interviewer gives you during the call;</li>
<li>answer a few questions about the city where you live;</li>
<li>please use no virtual or blurred background, no face filter and no voice changer.</li>
</ul>
</section>
<div class="notice">All times are shown in <strong>${view.timeZone}</strong>, the time zone you gave us.${view.deadline ? html` Please answer by ${formatInstant(view.deadline, view.timeZone)}.` : ''}</div>
${formErrorSummary(view)}
<form method="post">
${csrfField(view.csrf)}
<fieldset>
<legend>Available times</legend>
${fieldError(view, 'choice')}
${view.slots.length === 0 ? html`<p class="muted">No times are available right now.</p>` : ''}
${view.slots.map((s, i) => html`<label><input type="radio" name="choice" value="${s.id}"${chosen === s.id ? html` checked` : ''}${i === 0 ? html` required` : ''}>${s.label}</label>`)}
${
  view.canAskForOthers
    ? html`<label><input type="radio" name="choice" value="none"${chosen === 'none' ? html` checked` : ''}${view.slots.length === 0 ? html` required` : ''}>None of these work — I will suggest other times</label>`
    : ''
}
</fieldset>
${
  view.canAskForOthers
    ? html`<fieldset>
<legend>If none of these work: times that suit you (in ${view.timeZone})</legend>
<p class="muted">Only needed if you chose "None of these work". You can ask for other times once.</p>
${PROPOSED_TIME_FIELDS.map(
  (name, i) => html`<label for="${name}">Option ${i + 1}</label>
${fieldError(view, name)}
<input type="datetime-local" id="${name}" name="${name}" value="${view.values?.[name] ?? ''}">`,
)}
<label for="note">Anything we should know <span class="muted">(optional)</span></label>
<textarea id="note" name="note" maxlength="1000">${view.values?.note ?? ''}</textarea>
</fieldset>`
    : html`<p class="muted">These are the alternative times. If none of them work, reply to the email and a person will contact you.</p>`
}
${timeZoneQuestion(view.values)}
<p><button type="submit">Confirm</button></p>
</form>`;
  return layout({ title: 'Choose a time for your video call', body, ...(view.organisationName ? { organisationName: view.organisationName } : {}) });
}
