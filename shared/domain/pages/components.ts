import type { EvidenceRef, Severity } from '../finding';
import { html, safeUrl, type HtmlValue, type SafeHtml } from './html';

/** What a page needs of a finding; a `Finding` from shared/domain fits as is. */
export interface FindingView {
  code: string;
  severity: Severity;
  message: string;
  hardStop?: boolean;
  guidance?: string;
  evidence?: readonly EvidenceRef[];
}

/** Field errors and the submitted values, for re-rendering a form after a failed POST. */
export interface FormState {
  errors?: Readonly<Record<string, string>>;
  values?: Readonly<Record<string, string>>;
}

const SEVERITY_LABEL: Record<Severity, string> = {
  info: 'Info',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export function severityBadge(severity: Severity): SafeHtml {
  return html`<span class="badge sev-${severity}">${SEVERITY_LABEL[severity]}</span>`;
}

export function findingItem(f: FindingView): SafeHtml {
  return html`<li class="sev-${f.severity}">
${severityBadge(f.severity)} ${f.hardStop ? html`<span class="badge hold">Hard stop</span> ` : ''}<span class="code">${f.code}</span>
<div>${f.message}</div>
${f.guidance ? html`<div class="muted evidence">Source: ${f.guidance}</div>` : ''}
${f.evidence?.length ? evidenceList(f.evidence) : ''}
</li>`;
}

export function findingList(findings: readonly FindingView[], empty = 'No findings.'): SafeHtml {
  if (findings.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<ul class="findings">${findings.map(findingItem)}</ul>`;
}

/** Evidence details are arbitrary JSON from the stages: rendered as text, never as markup. */
export function evidenceList(evidence: readonly EvidenceRef[]): SafeHtml {
  return html`<div class="evidence">${evidence.map(
    (e) => html`<div><span class="muted">Evidence:</span> ${e.kind}${e.field ? html` · <span class="code">${e.field}</span>` : ''}
${e.detail && Object.keys(e.detail).length ? facts(Object.entries(e.detail).map(([k, v]) => [humanize(k), describeValue(v)])) : ''}</div>`,
  )}</div>`;
}

export function facts(rows: readonly (readonly [string, HtmlValue])[]): SafeHtml {
  return html`<dl class="facts">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v === undefined || v === '' ? '—' : v}</dd>`)}</dl>`;
}

export function link(url: string, text: HtmlValue): SafeHtml {
  return html`<a href="${safeUrl(url)}" rel="noreferrer noopener">${text}</a>`;
}

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${token}">`;
}

export function fieldError(state: FormState, name: string): SafeHtml | '' {
  const message = state.errors?.[name];
  return message ? html`<p class="error-text" id="${name}-error">${message}</p>` : '';
}

export function formErrorSummary(state: FormState): SafeHtml | '' {
  const count = Object.keys(state.errors ?? {}).length;
  return count ? html`<div class="notice error" role="alert">Please correct ${count === 1 ? 'the field' : `the ${count} fields`} marked below and submit again.</div>` : '';
}

export interface RadioOption {
  value: string;
  label: HtmlValue;
}

/** A required radio group in a fieldset; works with scripts disabled and with screen readers. */
export function radioGroup(opts: { name: string; legend: HtmlValue; options: readonly RadioOption[]; state: FormState; required?: boolean; hint?: HtmlValue }): SafeHtml {
  const current = opts.state.values?.[opts.name];
  return html`<fieldset>
<legend>${opts.legend}</legend>
${opts.hint ? html`<p class="muted">${opts.hint}</p>` : ''}
${fieldError(opts.state, opts.name)}
${opts.options.map(
  (o, i) =>
    html`<label class="inline"><input type="radio" name="${opts.name}" value="${o.value}"${current === o.value ? html` checked` : ''}${opts.required !== false && i === 0 ? html` required` : ''}>${o.label}</label>`,
)}
</fieldset>`;
}

export const YES_NO_UNSURE: readonly RadioOption[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unsure', label: 'Unsure' },
];

export function textArea(opts: { name: string; label: HtmlValue; state: FormState; required?: boolean; maxLength?: number; id?: string }): SafeHtml {
  const id = opts.id ?? opts.name;
  return html`<label for="${id}">${opts.label}${opts.required ? '' : html` <span class="muted">(optional)</span>`}</label>
${fieldError(opts.state, opts.name)}
<textarea id="${id}" name="${opts.name}"${opts.required ? html` required` : ''} maxlength="${opts.maxLength ?? 4000}">${opts.state.values?.[opts.name] ?? ''}</textarea>`;
}

function humanize(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .replace(/^./, (c) => c.toUpperCase());
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.map(String).join(', ');
  return JSON.stringify(v);
}
