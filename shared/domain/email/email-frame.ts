import { html, safeUrl, type HtmlValue, type SafeHtml } from '../pages/html';
import { LINE_BREAKS, oneLine } from '../schemas/text';
import type { RenderedEmail, EmailAttachment } from './rendered-email';

/**
 * Mail clients drop <style> blocks and ignore CSP, so emails use a few inline styles and no images or
 * tracking pixels: nothing loads from outside, and nothing tells us (or anyone) when the mail was opened.
 */
const S = {
  body: 'margin:0;padding:0;background:#f6f8fa;font-family:Arial,Helvetica,sans-serif;color:#1b1f24;',
  card: 'max-width:600px;margin:0 auto;background:#ffffff;border:1px solid #d0d7de;border-radius:6px;padding:24px;',
  button: 'display:inline-block;background:#1f2328;color:#ffffff;text-decoration:none;font-weight:bold;padding:10px 18px;border-radius:6px;',
  muted: 'color:#57606a;font-size:13px;',
};

export interface EmailParts {
  subject: string;
  /** Paragraphs and blocks of the HTML body (already built with `html`). */
  htmlBlocks: readonly SafeHtml[];
  /**
   * Lines of the text body. Each is one line: line breaks inside (from a name, an employer, a reviewer's
   * words) are collapsed to a space, so no field can start a line of its own ("Open the case: http://evil"
   * above the real link). Free text that has lines of its own goes through quotedLines().
   */
  textLines: readonly string[];
  /** The one action the recipient is asked to take, if any. */
  action?: { url: string; label: string };
  footer: string;
  attachments?: readonly EmailAttachment[];
}

export function composeEmail(parts: EmailParts): RenderedEmail {
  const url = parts.action ? safeUrl(parts.action.url) : undefined;
  const htmlBody = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${parts.subject}</title></head>
<body style="${S.body}"><div style="padding:16px"><div style="${S.card}">
${parts.htmlBlocks}
${
  parts.action && url
    ? html`<p style="margin:24px 0"><a href="${url}" style="${S.button}">${parts.action.label}</a></p>
<p style="${S.muted}">If the button does not work, copy this address into your browser:<br>${url}</p>`
    : ''
}
<hr style="border:none;border-top:1px solid #d0d7de;margin:24px 0">
<p style="${S.muted}">${parts.footer}</p>
</div></div></body></html>`;
  const text = [...parts.textLines.map(oneLine), ...(parts.action && url ? ['', `${parts.action.label}:`, url] : []), '', '--', oneLine(parts.footer)].join('\n');
  return {
    subject: headerSafe(parts.subject),
    text: `${text}\n`,
    html: htmlBody.value,
    ...(parts.attachments ? { attachments: parts.attachments } : {}),
  };
}

/**
 * Free text with line breaks of its own (a reviewer's request), for the text body: each of its lines
 * quoted with "> ", so what the writer typed is visibly theirs and never a line of the mail itself.
 */
export function quotedLines(text: string): string[] {
  return text.split(LINE_BREAKS).map((l) => `> ${oneLine(l)}`.trimEnd());
}

export function para(...content: HtmlValue[]): SafeHtml {
  return html`<p style="line-height:1.5">${content}</p>`;
}

/** Subjects carry names from the intake request: strip anything that could start a new header line. */
export function headerSafe(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

export const FOOTER_PERSONAL = 'This message and its link are for you personally. Do not forward it: the link acts on your behalf, works once and expires.';
