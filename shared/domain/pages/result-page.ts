import { formatInstant } from './format';
import { html } from './html';
import { layout } from './layout';

/**
 * The pages a link can end on. Each carries its HTTP status so the router cannot answer "expired" with 200
 * or a tampered token with 500.
 */
export type ResultPageView =
  | { kind: 'already-decided'; decidedBy: string; decidedAt: string; decision: string; displayTimeZone?: string }
  | { kind: 'link-expired' }
  | { kind: 'link-used' }
  | { kind: 'link-invalid' }
  | { kind: 'forbidden' }
  | { kind: 'thank-you'; message?: string }
  /** The case is on compliance hold: every link but the compliance review's stops acting. */
  | { kind: 'on-hold' }
  /** The step cannot be taken yet (an interview outcome before the booked slot starts). */
  | { kind: 'not-yet'; message: string }
  /** The same person already acted on this step (four eyes, two compliance reviewers). */
  | { kind: 'same-person'; message: string }
  /**
   * Other changes to the case kept winning the race while this one was tried: nothing was recorded and the link
   * works again. A 409 the person can act on (submit again), with Retry-After; never a 5xx.
   */
  | { kind: 'case-busy'; retryAfterSeconds: number }
  | { kind: 'error'; reference?: string };

export type ResultKind = ResultPageView['kind'];

export function resultStatus(kind: ResultKind): number {
  switch (kind) {
    case 'already-decided':
      return 409;
    case 'link-expired':
    case 'link-used':
      return 410;
    case 'link-invalid':
      return 404;
    case 'forbidden':
      return 403;
    case 'thank-you':
      return 200;
    case 'on-hold':
    case 'not-yet':
    case 'same-person':
    case 'case-busy':
      return 409;
    case 'error':
      return 503;
    default:
      return kind satisfies never;
  }
}

export function renderResultPage(view: ResultPageView): { status: number; html: string } {
  const status = resultStatus(view.kind);
  switch (view.kind) {
    case 'already-decided': {
      const tz = view.displayTimeZone ?? 'UTC';
      return {
        status,
        html: layout({
          title: 'Already decided',
          body: html`<div class="notice">This was already decided by <strong>${view.decidedBy}</strong> at ${formatInstant(view.decidedAt, tz)}: <strong>${view.decision}</strong>.</div>
<p>Nothing was changed. No further action is needed from you.</p>`,
        }),
      };
    }
    case 'link-expired':
      return {
        status,
        html: layout({
          title: 'This link has expired',
          body: html`<div class="notice warn">Links are valid for a limited time. If this still needs your answer, a new link has been or will be sent to you by email.</div>`,
        }),
      };
    case 'link-used':
      return {
        status,
        html: layout({
          title: 'This link was already used',
          body: html`<div class="notice warn">Each link works once, and this one has been used. Nothing was changed.</div>`,
        }),
      };
    case 'link-invalid':
      return {
        status,
        html: layout({
          title: 'Link not valid',
          body: html`<div class="notice error">This link is not valid. Please open the link exactly as it appears in your email; if you copied it, part of it may be missing.</div>`,
        }),
      };
    case 'forbidden':
      return {
        status,
        html: layout({
          title: 'Not allowed',
          body: html`<div class="notice error">This request could not be accepted. Please go back to the link in your email and submit the form from there.</div>`,
        }),
      };
    case 'thank-you':
      return {
        status,
        html: layout({
          title: 'Thank you',
          body: html`<div class="notice">${view.message ?? 'Your answer has been recorded.'}</div><p>You can close this page.</p>`,
        }),
      };
    case 'on-hold':
      return {
        status,
        html: layout({
          title: 'This onboarding is on hold',
          body: html`<div class="notice warn">This onboarding is on compliance hold. Nothing can be decided or changed through this link while the compliance team reviews it; nothing was recorded.</div><p>If your answer is still needed once the hold is resolved, you will get a new link by email.</p>`,
        }),
      };
    case 'not-yet':
      return { status, html: layout({ title: 'Not yet', body: html`<div class="notice warn">${view.message}</div><p>Nothing was recorded. Please use the same link again later.</p>` }) };
    case 'same-person':
      return { status, html: layout({ title: 'Already recorded for you', body: html`<div class="notice warn">${view.message}</div><p>Nothing else was recorded.</p>` }) };
    case 'case-busy':
      return {
        status,
        html: layout({
          title: 'Please submit again',
          body: html`<div class="notice warn">Another change to this case was being recorded at the same moment, so your answer was not recorded. Nothing was decided, and your link still works.</div><p>Please go back and submit the form again in ${String(view.retryAfterSeconds)} seconds or later.</p>`,
        }),
      };
    case 'error':
      return {
        status,
        html: layout({
          title: 'Something went wrong',
          body: html`<div class="notice error">We could not complete this just now; nothing was recorded. Please try again in a few minutes.${
            view.reference ? html` Reference: <span class="code">${view.reference}</span>` : ''
          }</div>`,
        }),
      };
    default:
      return view satisfies never;
  }
}
