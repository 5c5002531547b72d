import * as z from './zod';
import { freeTextProblem, singleLineProblem } from './text';

/** ISO 3166-1 alpha-2, upper case ("KP" is North Korea). */
export const countryCode = z.string().check(z.regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as "IN" or "PL"'));

/** Dates are real calendar dates (no 2024-02-30) within the years anyone could mean: 1900 to 2099. */
export const minDate = '1900-01-01';
export const maxDate = '2099-12-31';
export const isoDate = z.iso
  .date({ message: 'expected a date as YYYY-MM-DD' })
  .check(z.refine((d) => d >= minDate && d <= maxDate, { message: `expected a date between ${minDate} and ${maxDate}`, abort: true }));

/** Time zone names already judged (creating an Intl.DateTimeFormat costs about 0.15 ms); bounded against hostile input. */
const judgedZones = new Map<string, boolean>();

function isIanaZone(tz: string): boolean {
  const known = judgedZones.get(tz);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    valid = tz.includes('/') || tz === 'UTC';
  } catch {
    valid = false;
  }
  if (judgedZones.size < 1000) judgedZones.set(tz, valid);
  return valid;
}

export const timeZone = z.string().check(z.refine(isIanaZone, { message: 'expected an IANA time zone such as "Asia/Kolkata"' }));

export const email = z.email({ message: 'expected an email address' }).check(z.maxLength(254));

/** E.164: a plus, then 8 to 15 digits. Deeper phone checks (VOIP, country) are findings, not 400s. */
export const phone = z.string().check(z.regex(/^\+[1-9][0-9]{7,14}$/, 'expected an E.164 phone number such as "+48601234567"'));

/** A check refusing line breaks, control characters, bidi controls and unpaired surrogates (see text.ts). */
export const singleLineCheck = () =>
  z.superRefine<string>((value, ctx) => {
    const problem = singleLineProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });

/** A check refusing control characters other than line breaks and tabs, and unpaired surrogates (see text.ts). */
export const freeTextCheck = () =>
  z.superRefine<string>((value, ctx) => {
    const problem = freeTextProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });

/** A name or other single-line field: trimmed, 1 to `max` characters, nothing that could break a line or disguise text. */
export const shortText = (max = 200) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max), singleLineCheck());
