import type { OutcomeQuestion } from '../interview/outcome-questions';
import { csrfField, facts, formErrorSummary, radioGroup, textArea, YES_NO_UNSURE, type FormState, type RadioOption } from './components';
import { html, safeUrl, type SafeHtml } from './html';
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
  /**
   * Presigned, short-lived URLs of the document photo and the intake selfie (their origin is allowed in the
   * page's img-src); a missing one is said on the page. `unavailable`: the storage could not sign them.
   */
  photos?: { document?: string; selfie?: string; unavailable?: boolean };
  /** Minutes the photo URLs work; the page says so. */
  photoMinutes?: number;
  /** The phrase to read aloud, revealed only when the interviewer opens it. */
  phrase?: string;
  /** Claimed home city as on the application, e.g. "Kraków, Poland (PL)"; absent when the application has none. */
  homeCity?: string;
  /** An earlier call with this applicant (a second interview): when; absent when there was none. */
  earlierCall?: { label: string };
  csrf: string;
}

const YES_NO: readonly RadioOption[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/**
 * The interviewer's page. The phrase sits in a <details> element: it is in the HTML from the start, and that
 * is acceptable because only the interviewer's link renders this page (the applicant never sees it unless
 * the interviewer shares their screen, which the page warns against); <details> keeps it off the screen until
 * the moment it is needed, with no script.
 */
export function renderOutcomeFormPage(view: OutcomeFormView): string {
  const protocol = OUTCOME_QUESTIONS.filter((q) => q.protocol);
  const others = OUTCOME_QUESTIONS.filter((q) => !q.protocol);
  const missing = OUTCOME_QUESTIONS.filter((q) => view.errors?.[q.name]);
  const body = html`
<p>Thank you for interviewing. Please record what you observed; your answers become evidence on the case.</p>
<div class="notice warn">Do not share your screen while this page is open: it shows the applicant's photos and the phrase they must not see in advance.</div>
<section class="card">
${facts([
  ['Contractor', view.contractorName],
  ['Interview', view.slotLabel],
  ['Claimed residence', view.claimedResidence],
  ['Claimed home city', view.homeCity ?? 'Not on the application: ask about the region they say they live in'],
  ['Claimed languages', view.claimedLanguages.join(', ') || '—'],
])}
</section>
<section class="card">
<h2>Compare the face on camera with</h2>
${photoSection(view)}
</section>
${formErrorSummary(view)}
${missing.length ? html`<div class="notice error" role="alert"><p>Answers missing or invalid:</p><ul>${missing.map((q) => html`<li><a href="#q-${q.name}">${q.question}</a></li>`)}</ul></div>` : ''}
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
<h2>Protocol against stand-ins and face swaps</h2>
<p class="muted">Ask for each check during the call; the contractor was told in advance that the call involves them (FBI, January 2025).</p>
${protocol.map((q) => question(q, view))}
<h2>Other observations</h2>
${others.map((q) => question(q, view))}
<fieldset>
<legend>Other remarks</legend>
${textArea({ name: 'remarks', label: 'Anything else the reviewer should know', state: view, maxLength: 4000 })}
</fieldset>
<p><button type="submit">Submit outcome</button></p>
</form>`;
  return layout({ title: 'Interview outcome', body });
}

function photoSection(view: OutcomeFormView): SafeHtml {
  const photos = view.photos ?? {};
  if (photos.unavailable) return html`<p class="notice warn">The photos could not be loaded right now. Reload the page to try again.</p>`;
  const one = (url: string | undefined, alt: string, caption: string, missing: string) =>
    url
      ? html`<figure><img src="${safeUrl(url)}" alt="${alt}" width="280"><figcaption>${caption}</figcaption></figure>`
      : html`<figure><p class="muted" data-missing="${caption}">${missing}</p><figcaption>${caption}</figcaption></figure>`;
  return html`<div class="side-by-side">
${one(photos.document, 'Photo page of the identity document', 'Identity document', 'No document photo was uploaded at intake.')}
${one(photos.selfie, 'Selfie taken at intake', 'Selfie at intake', 'No selfie was uploaded at intake.')}
</div>
${photos.document || photos.selfie ? html`<p class="muted">These images come through links that work for ${view.photoMinutes ?? 5} minutes; reload the page to see them again later. They are never emailed.</p>` : ''}`;
}

function question(q: OutcomeQuestion, view: OutcomeFormView): SafeHtml {
  if (q.name === 'sameAsEarlierCall' && !view.earlierCall)
    return html`<fieldset id="q-${q.name}"><legend>${q.question}</legend><p class="muted">Not asked: there was no earlier call with this applicant (recorded as n/a).</p></fieldset>`;
  const extra =
    q.name === 'phraseRead' && view.phrase
      ? html`<details><summary>Reveal the phrase (only at the moment you ask for it)</summary><p><strong class="code" id="interview-phrase">${view.phrase}</strong></p></details>`
      : q.name === 'homeCityConvincing'
        ? html`<p>Claimed home city: <strong>${view.homeCity ?? view.claimedResidence}</strong></p>`
        : q.name === 'sameAsEarlierCall' && view.earlierCall
          ? html`<p>Earlier call: <strong>${view.earlierCall.label}</strong></p>`
          : '';
  return html`<div id="q-${q.name}">${extra}${radioGroup({
    name: q.name,
    legend: q.question,
    options: q.answers === 'yes-no' ? YES_NO : YES_NO_UNSURE,
    state: view,
    required: false,
    ...(q.hint ? { hint: q.hint } : {}),
  })}</div>`;
}
