import { neutralize } from '../schemas/text';

/**
 * Auto-escaping HTML templates. Every interpolated value is escaped unless it is already `SafeHtml`, so the
 * safe path is the default and a forgotten escape cannot happen: contractor-supplied names, employer names,
 * finding messages and remarks all reach these pages and emails.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | false | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Escapes markup characters, and neutralizes what escaping leaves dangerous: bidi overrides and isolates
 * (which reorder what a reviewer reads), control characters and unpaired surrogates (shared/domain/schemas/text.ts).
 */
export function escapeHtml(text: string): string {
  return neutralize(text).replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i] as HtmlValue) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** For markup this module produced itself (never for data). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * Escaping does not stop `javascript:` in an href, so links are checked too: only absolute https/http URLs
 * and site-relative paths pass; anything else becomes an inert "#".
 */
export function safeUrl(url: string): string {
  const trimmed = url.trim();
  if (/^\/(?!\/)/.test(trimmed)) return trimmed;
  try {
    const u = new URL(trimmed);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : '#';
  } catch {
    return '#';
  }
}
