import { DateTime } from 'luxon';

/**
 * "Tuesday 4 March 2025, 09:00 (Europe/Warsaw)". The zone is always named: reviewers, interviewers and
 * contractors sit in different zones, and an unlabelled time is how interviews get missed.
 */
export function formatInstant(iso: string, zone = 'UTC'): string {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) return iso;
  return `${dt.setZone(zone).setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm')} (${zone})`;
}

/** A plain date as written on documents ("2025-03-04" stays unambiguous across locales). */
export function formatDate(isoDate: string | undefined): string {
  return isoDate ?? '—';
}

/**
 * Document and account numbers are shown masked everywhere a person reads them: enough to tell two apart,
 * not enough to reuse. Keeps the last four characters.
 */
export function maskIdentifier(value: string): string {
  const compact = value.replace(/[\s-]/g, '');
  if (compact.length <= 4) return '•'.repeat(compact.length);
  return `${'•'.repeat(Math.min(compact.length - 4, 8))}${compact.slice(-4)}`;
}

/**
 * Defence in depth for free text that goes to a person (finding messages, remarks): a stage that wrote an
 * account or document number into a message must not leak it by email. A run of digit-bearing chunks
 * joined by single spaces or dashes ("PL61 1090 1014 ...", "X1234567", "12-34-56-78") with 6+ digits is
 * masked; ISO dates, years and short numbers are left alone because reviewers need them.
 */
export function redactIdentifiers(text: string): string {
  const chunk = '[A-Za-z0-9]*[0-9][A-Za-z0-9]*';
  const run = new RegExp(`(?<![A-Za-z0-9])${chunk}(?:[ -]${chunk})*(?![A-Za-z0-9])`, 'g');
  return text.replace(run, (match) => {
    const digits = match.replace(/[^0-9]/g, '').length;
    if (digits < 6) return match;
    if (match.split(' ').every((part) => /^\d{4}-\d{2}-\d{2}$/.test(part) || /^\d{1,4}$/.test(part))) return match;
    return maskIdentifier(match);
  });
}
