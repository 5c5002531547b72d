/**
 * Characters no name or other single-line field may carry, and what free text may carry.
 *
 * Why: a name is printed into mails, pages, logs and CSV exports. A line break in it lets the applicant
 * write a line of their own into a reviewer's mail ("Open the case: http://evil"), ESC drives terminals,
 * NUL truncates in C libraries, a bidi override (U+202E) reverses what a reviewer reads, and a lone
 * surrogate is not text at all (it cannot be encoded as UTF-8). So a single-line field refuses them with
 * a 400 naming the field. Free text (a reviewer's reason, a contractor's answer) may contain line breaks
 * and, in right-to-left writing, bidi controls; there they are neutralized where the text is rendered
 * (shared/domain/pages/html.ts, shared/domain/email/email-frame.ts), while NUL, ESC and the other controls are refused.
 *
 * Invisible format characters (zero-width space and joiners, U+2060, U+FEFF...) are accepted on purpose:
 * screening treats them as an evasion finding, which a 400 would hide from the reviewer.
 */

/** Line breaks of every kind: CR, LF, VT, FF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR. */
export const LINE_BREAKS = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g;

/** Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069). */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What is wrong with the first forbidden character of a single-line value, or undefined if none. */
export function singleLineProblem(value: string): string | undefined {
  return textProblem(value, false);
}

/** What is wrong with the first forbidden character of a free-text value (line breaks allowed). */
export function freeTextProblem(value: string): string | undefined {
  return textProblem(value, true);
}

function textProblem(value: string, freeText: boolean): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return `contains an unpaired surrogate (${hex(code)}), which is not text`;
      i++; // a valid pair: a character outside the Basic Multilingual Plane
      continue;
    }
    if (code === 0x2028 || code === 0x2029 || code === 0x0085 || code === 0x0a || code === 0x0d || code === 0x0b || code === 0x0c) {
      if (freeText) continue;
      return `must be a single line (contains a line break ${hex(code)})`;
    }
    if (code === 0x09 && freeText) continue;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `contains a control character (${hex(code)})`;
    if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
      if (freeText) continue;
      return `contains a bidirectional-text control (${hex(code)}), which can disguise what is shown`;
    }
  }
  return undefined;
}

/** Free text as one line: line breaks collapsed to a space, bidi controls and other controls removed. */
export function oneLine(text: string): string {
  return neutralize(text.replace(LINE_BREAKS, ' ').replace(/\t/g, ' '));
}

/**
 * Text made safe to render: bidi controls removed (a reviewer reads what is there, in its order), control
 * characters other than tab and line feed removed, unpaired surrogates replaced. Line breaks are kept.
 */
export function neutralize(text: string): string {
  return text
    .replace(BIDI_CONTROLS, '')
    .replace(/\r\n?|[\u000b\u000c\u0085\u2028\u2029]/g, '\n')
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g, '')
    .replace(LONE_SURROGATES, '\ufffd');
}
