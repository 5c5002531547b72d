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
