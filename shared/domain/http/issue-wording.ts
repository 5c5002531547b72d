import type * as z from '../schemas/zod';
import type { FieldError } from './responses';

/**
 * One wording for every error a route answers (issue 17): each offending field is named, `message` says what
 * is wrong with it, `allowed` says what would be accepted. Zod's issues are worded here from their code, not
 * from zod's English sentences ("Invalid input: expected string, received number"), and our own refinements
 * follow the convention "<what is wrong>; expected <what is allowed>" (or only "expected <what is allowed>"),
 * which is split at "expected". The input itself is never echoed (it may be a passport number).
 */
export function issueToFieldError(issue: z.core.$ZodIssue, input: unknown = notGiven): FieldError {
  return { field: fieldName(issue.path), ...describeIssue(issue, input === notGiven ? ('input' in issue ? issue.input : notGiven) : valueAt(input, issue.path)) };
}

/**
 * The errors of a failed parse, worded. `input` is what was parsed: it tells a missing field from one of the
 * wrong type when a schema gave its own message (only the value's type is used, never the value).
 */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[], input: unknown = notGiven): FieldError[] {
  return issues.flatMap((issue) =>
    // Unknown fields are each their own error, named by their own path.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((k) => ({
          field: fieldName([...issue.path, k]),
          message: 'unknown field',
          allowed: 'only the fields the API document describes (GET /openapi.json); field names are case-sensitive',
        }))
      : [issueToFieldError(issue, input)],
  );
}

/** No such field in the input. */
const absent = Symbol('absent');
/** The input was not given to the wording (only zod's issue is at hand). */
const notGiven = Symbol('not given');

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) return absent;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** `contractor.legalName.surname`, `employment.0.startDate`; `(body)` for the body itself. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.map(segment).join('.') || '(body)';
}

/** A key as sent, quoted when it would not read as one (empty, spaces, dots, controls), and cut at 64 characters. */
function segment(key: PropertyKey): string {
  const s = String(key);
  const cut = s.length > 64 ? `${s.slice(0, 64)}…` : s;
  return /^[\p{L}\p{N}_$-]+$/u.test(s) ? cut : JSON.stringify(cut);
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);

/** A stand-in value of the type zod's sentence names ("... received number"), when the input is not at hand. */
function receivedOf(message: string): unknown {
  const t = / received (\w+)$/.exec(message)?.[1];
  if (t === undefined) return notGiven;
  return t === 'undefined' ? undefined : t === 'null' ? null : t === 'array' ? [] : t === 'number' ? 0 : t === 'boolean' ? false : t === 'object' ? {} : t === 'string' ? '' : Symbol(t);
}

function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'symbol') return 'a value of another type';
  return article(typeof input);
}

/** Splits one of our own messages at its "expected": the part before is what is wrong. */
export function splitMessage(message: string, wrongByDefault: string, asAllowed = false): { message: string; allowed: string } {
  const at = message.search(/(^|[;:,]\s*|\s)expected\s/i);
  // A message without "expected": a bound ("at most 500 signals per request") says what is allowed; any other
  // says what is wrong.
  if (at < 0) return asAllowed ? { message: wrongByDefault, allowed: message } : { message, allowed: 'a value that meets the rule named' };
  const wrong = message.slice(0, at).replace(/[\s;:,]+$/, '');
  const allowed = message.slice(at).replace(/^[\s;:,]*expected\s+/i, '');
  return { message: wrong || wrongByDefault, allowed };
}

function sizeWord(origin: string, plural: boolean): string {
  switch (origin) {
    case 'string':
      return plural ? 'characters' : 'character';
    case 'array':
    case 'set':
      return plural ? 'items' : 'item';
    case 'file':
      return 'bytes';
    default:
      return '';
  }
}

function bound(limit: number | bigint, inclusive: boolean | undefined, origin: string, direction: 'min' | 'max'): string {
  const n = Number(limit);
  const unit = sizeWord(origin, n !== 1);
  if (origin === 'string' || origin === 'array' || origin === 'set' || origin === 'file')
    return `${direction === 'min' ? 'at least' : 'at most'} ${inclusive === false ? n + (direction === 'min' ? 1 : -1) : n} ${unit}`.trim();
  const op = direction === 'min' ? (inclusive === false ? 'greater than' : 'at least') : inclusive === false ? 'less than' : 'at most';
  return `a number ${op} ${n}`;
}

/** What is wrong with a string of the wrong format, by zod's format name. */
const formatWords: Record<string, string> = {
  regex: 'not in the accepted form',
  datetime: 'not a valid timestamp',
  date: 'not a valid date',
  email: 'not a valid email address',
  url: 'not a valid URL',
  uuid: 'not a valid UUID',
};

function describeIssue(issue: z.core.$ZodIssue, value: unknown): { message: string; allowed: string } {
  // Our own messages (refinements, and checks given a message) carry both parts.
  const own = ownMessage(issue);
  switch (issue.code) {
    case 'invalid_type': {
      // Missing or of another type: from the input when given, else from zod's own sentence ("received undefined").
      const seen = value === notGiven ? receivedOf(issue.message) : value;
      const wrong = seen === absent || seen === undefined ? 'missing' : seen === notGiven ? 'not valid' : `received ${kindOf(seen)}`;
      if (own) return splitMessage(own, wrong);
      return { message: wrong, allowed: article(issue.expected) };
    }
    case 'too_small':
      if (own) return splitMessage(own, issue.origin === 'string' ? 'too short' : issue.origin === 'array' ? 'too few items' : 'too small', true);
      return {
        message: issue.origin === 'string' ? (Number(issue.minimum) === 1 ? 'empty' : 'too short') : issue.origin === 'array' ? 'too few items' : 'too small',
        allowed: bound(issue.minimum, issue.inclusive, issue.origin, 'min'),
      };
    case 'too_big':
      if (own) return splitMessage(own, issue.origin === 'string' ? 'too long' : issue.origin === 'array' ? 'too many items' : 'too large', true);
      return { message: issue.origin === 'string' ? 'too long' : issue.origin === 'array' ? 'too many items' : 'too large', allowed: bound(issue.maximum, issue.inclusive, issue.origin, 'max') };
    case 'invalid_format': {
      const wrong = formatWords[issue.format] ?? `not a valid ${issue.format}`;
      if (own) return splitMessage(own, wrong);
      return { message: wrong, allowed: issue.format === 'regex' && issue.pattern ? `text matching ${issue.pattern}` : article(issue.format) };
    }
    case 'invalid_value':
      if (own) return splitMessage(own, 'not one of the accepted values');
      return { message: 'not one of the accepted values', allowed: issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'invalid_union': {
      if (own) return splitMessage(own, 'does not match any accepted form');
      // A discriminated union whose tag is unknown or missing: zod says which tags exist.
      const tagged = issue as { note?: string; options?: unknown[] };
      if (tagged.note === 'No matching discriminator' && tagged.options?.length)
        return { message: value === absent || value === undefined ? 'missing' : 'not one of the accepted values', allowed: `one of ${tagged.options.map((o) => JSON.stringify(o)).join(', ')}` };
      return { message: 'does not match any accepted form', allowed: 'one of the forms the API document describes (GET /openapi.json)' };
    }
    case 'unrecognized_keys':
      return {
        message: `unknown ${issue.keys.length > 1 ? 'fields' : 'field'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
        allowed: 'only the fields the API document describes (GET /openapi.json)',
      };
    case 'not_multiple_of':
      return own ? splitMessage(own, 'not a multiple') : { message: 'not a multiple', allowed: `a multiple of ${Number(issue.divisor)}` };
    case 'invalid_key':
    case 'invalid_element':
      return own ? splitMessage(own, 'invalid entry') : { message: 'invalid entry', allowed: 'entries as the API document describes' };
    case 'custom':
      return splitMessage(issue.message, 'not valid');
    default:
      // A code zod adds later: its own sentence, still split the same way.
      return splitMessage((issue as { message: string }).message, 'not valid');
  }
}

/**
 * The message a schema author gave (zod copies it into the issue), as opposed to zod's English default, which
 * always starts "Invalid ...", "Too small", "Too big" or "Unrecognized ...".
 */
function ownMessage(issue: z.core.$ZodIssue): string | undefined {
  const m = issue.message;
  return m && !/^(Invalid|Too small|Too big|Unrecognized)\b/.test(m) ? m : undefined;
}
