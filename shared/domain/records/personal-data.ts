import type { OnboardingRequest } from '../schemas/onboarding';

/** What erased personal data is replaced with: the field stays, so the record keeps its shape. */
export const ERASED = '[erased]';

/**
 * The personal values of one application, as strings to look for anywhere in the case's items.
 * `all` is everything that identifies or contacts the contractor or their references; `screened` is the
 * subset a sanctions-screening record needs to say who was screened (name, other names, birth date), which
 * the erasure keeps while the OFAC retention applies (see erase-case.ts).
 */
export interface PersonalValues {
  all: string[];
  screened: string[];
}

const minLength = 3;

export function personalValues(app: OnboardingRequest | undefined): PersonalValues {
  if (!app) return { all: [], screened: [] };
  const all = new Set<string>();
  const screened = new Set<string>();
  const add = (v: unknown, into: Set<string>[] = [all]) => {
    if (typeof v !== 'string') return;
    for (const variant of variants(v)) for (const s of into) s.add(variant);
  };
  const c = app.contractor;
  const names = [
    c?.legalName?.givenNames,
    c?.legalName?.surname,
    c?.legalName && `${c.legalName.givenNames} ${c.legalName.surname}`,
    c?.legalName && `${c.legalName.surname}, ${c.legalName.givenNames}`,
    ...(c?.otherNames ?? []),
    app.document?.givenNames,
    app.document?.surname,
    app.document && `${app.document.givenNames} ${app.document.surname}`,
  ];
  for (const n of names) add(n, [all, screened]);
  add(c?.birthDate, [all, screened]);
  add(app.document?.birthDate, [all, screened]);
  add(c?.email);
  add(c?.phone);
  add(phoneDigits(c?.phone));
  if (c?.address) for (const v of [c.address.line1, c.address.line2, c.address.city, c.address.postalCode]) add(v);
  add(app.document?.number);
  for (const line of app.document?.mrz ?? []) add(line);
  for (const f of app.document?.files ?? []) add(f.key);
  // Every payment string is an identifier except the method, the bank's own codes and names.
  for (const [k, v] of Object.entries((app.payment ?? {}) as Record<string, unknown>)) {
    if (k === 'method' || k === 'bic' || k === 'bankName' || k === 'routingNumber' || k === 'sortCode' || k === 'ifsc') continue;
    add(v);
    if (typeof v === 'string' && /^[A-Z]{2}[0-9]{2}[A-Z0-9 ]+$/i.test(v)) add(groupedIban(v));
  }
  for (const job of app.employment ?? []) {
    add(job.employer);
    add(job.employerDomain);
    if (job.reference) {
      add(job.reference.name);
      add(job.reference.email);
      add(job.reference.phone);
      add(phoneDigits(job.reference.phone));
    }
  }
  const keep = (s: Set<string>) => [...s].filter((v) => v.length >= minLength && v !== ERASED && !v.includes(ERASED));
  return { all: keep(all), screened: keep(screened) };
}

function variants(v: string): string[] {
  const t = v.trim();
  const out = [t];
  const compact = t.replace(/\s+/g, '');
  if (compact !== t && /[0-9]/.test(t)) out.push(compact);
  const ascii = t.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  if (ascii !== t) out.push(ascii);
  return out;
}

function phoneDigits(p: string | undefined): string | undefined {
  const d = p?.replace(/[^0-9]/g, '');
  return d && d.length >= 7 ? d : undefined;
}

function groupedIban(iban: string): string {
  return iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matcher for the values as whole words (so "Ann" does not eat "Announcement"), case-insensitive. */
export function valueMatcher(values: readonly string[]): RegExp | undefined {
  const sorted = [...new Set(values)].filter((v) => v.length >= minLength).sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${sorted.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

export function scrubText(text: string, matcher: RegExp | undefined): string {
  return matcher ? text.replace(matcher, ERASED) : text;
}

export function containsAny(text: string, matcher: RegExp | undefined): boolean {
  if (!matcher) return false;
  matcher.lastIndex = 0;
  const found = matcher.test(text);
  matcher.lastIndex = 0;
  return found;
}

export interface ScrubOptions {
  /** Values to replace wherever they occur in a string. */
  matcher: RegExp | undefined;
  /** String leaves under a key matching this are replaced whole (identifiers even when masked). */
  identifierKeys?: RegExp;
  /** Keys left exactly as they are (codes, severities, dates, ids). */
  keepKeys?: ReadonlySet<string>;
}

/**
 * Returns a copy of `value` with personal data replaced by "[erased]". Numbers, booleans and null stay
 * (counts, scores, flags are not personal data); structure stays, so a reader of the erased record sees
 * that a field existed and was erased rather than wondering whether it was ever recorded.
 */
export function scrubDeep(value: unknown, opts: ScrubOptions, underIdentifier = false): unknown {
  if (typeof value === 'string') return underIdentifier ? ERASED : scrubText(value, opts.matcher);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, opts, underIdentifier));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (opts.keepKeys?.has(k)) out[k] = v;
      else out[k] = scrubDeep(v, opts, underIdentifier || Boolean(opts.identifierKeys?.test(k)));
    }
    return out;
  }
  return value;
}

/** Where the values occur in `value`: dotted paths, for reports and for the no-PII assertions. */
export function findValues(value: unknown, matcher: RegExp | undefined, path = ''): string[] {
  if (!matcher) return [];
  if (typeof value === 'string') return containsAny(value, matcher) ? [path || '(value)'] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => findValues(v, matcher, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => findValues(v, matcher, path ? `${path}.${k}` : k));
  return [];
}
