import { parsePhoneNumberFromString } from '../phone/max';
import type { Finding } from '../finding';
import { countryRisk } from '../policy/policy-queries';
import type { Policy } from '../policy/policy-schema';
import { emailDomain, isDisposableDomain, isFreeMailDomain } from './email-domains';
import type { Signal } from './signal-schema';
import { signalFinding } from './signal-finding';

/**
 * Contact details: the phone and email at intake and every new value the platform reports, checked the
 * same way, plus how often they change ("incorrect or frequently changed contact information", 2022).
 * Uses libphonenumber's *max* metadata: only it knows number types, so only it can say VOIP. Where the
 * metadata cannot tell a number's type (getType() undefined), no VOIP finding is made.
 */
export interface ContactContext {
  residenceCountry: string;
  /** A phone from the country of the applicant's nationality is not a mismatch (a Ukrainian in Poland). */
  nationality?: string;
  phones: readonly { value: string; source: string }[];
  emails: readonly { value: string; source: string }[];
  businessEmailExpected: boolean;
  contactChanges: readonly Extract<Signal, { type: 'contact-change' }>[];
  policy: Policy;
}

export function evaluateContacts(ctx: ContactContext): Finding[] {
  const residence = ctx.residenceCountry.toUpperCase();
  const out: Finding[] = [];
  const invalid: { source: string }[] = [];
  const voip: { source: string; country: string | null }[] = [];
  const mismatch: { source: string; country: string }[] = [];
  const dprk: { source: string }[] = [];
  const hardStop: { source: string; country: string }[] = [];

  for (const { value, source } of dedupe(ctx.phones)) {
    const number = parsePhoneNumberFromString(value);
    if (!number || !number.isValid()) {
      invalid.push({ source });
      continue;
    }
    const country = number.country;
    if (country === 'KP') dprk.push({ source });
    else if (country && countryRisk(ctx.policy, country) === 'hard-stop') hardStop.push({ source, country });
    if (number.getType() === 'VOIP') voip.push({ source, country: country ?? null });
    if (country && country !== residence && country !== 'KP' && country !== ctx.nationality?.toUpperCase()) mismatch.push({ source, country });
  }
  // Evidence names where the number came from, never the number: the case page shows the profile itself.
  const ev = (list: { source: string; country?: string | null }[], field: string) =>
    list.map((x) => ({ kind: 'contact', field, detail: { source: x.source, ...(x.country !== undefined && { country: x.country }) } }));
  if (dprk.length > 0) out.push(signalFinding('SIG_PHONE_DPRK', 'A North Korean phone number (+850) was given. This is a sanctions hard stop.', ev(dprk, 'phone'), 'contact.phone'));
  if (hardStop.length > 0)
    out.push(
      signalFinding(
        'SIG_HARD_STOP_COUNTRY',
        `A phone number from ${[...new Set(hardStop.map((x) => x.country))].join(', ')}, which the policy treats as a hard stop.`,
        ev(hardStop, 'phone'),
        'contact.phone',
      ),
    );
  if (invalid.length > 0) out.push(signalFinding('SIG_PHONE_INVALID', `${invalid.length} phone number(s) are not valid numbers in any numbering plan.`, ev(invalid, 'phone'), 'contact.phone'));
  if (voip.length > 0)
    out.push(signalFinding('SIG_PHONE_VOIP', 'The phone number is a VOIP number, which anyone can obtain anywhere and which does not prove a location.', ev(voip, 'phone'), 'contact.phone'));
  if (mismatch.length > 0)
    out.push(
      signalFinding(
        'SIG_PHONE_COUNTRY_MISMATCH',
        `Phone number from ${[...new Set(mismatch.map((x) => x.country))].join(', ')} although the applicant claims to live in ${residence}.`,
        ev(mismatch, 'phone'),
        'contact.phone',
      ),
    );

  const disposable: { source: string; domain: string }[] = [];
  const free: { source: string; domain: string }[] = [];
  for (const { value, source } of dedupe(ctx.emails)) {
    const domain = emailDomain(value);
    if (!domain) continue; // schema-validated upstream; a value without "@" is nothing to judge here
    if (isDisposableDomain(domain)) disposable.push({ source, domain });
    else if (ctx.businessEmailExpected && isFreeMailDomain(domain)) free.push({ source, domain });
  }
  const domainEv = (list: { source: string; domain: string }[]) => list.map((x) => ({ kind: 'contact', field: 'email', detail: { source: x.source, domain: x.domain } }));
  if (disposable.length > 0)
    out.push(
      signalFinding(
        'SIG_EMAIL_DISPOSABLE',
        `Disposable email domain (${disposable.map((x) => x.domain).join(', ')}): an address meant to be thrown away after use.`,
        domainEv(disposable),
        'contact.email',
      ),
    );
  if (free.length > 0)
    out.push(
      signalFinding(
        'SIG_EMAIL_FREEMAIL',
        `Free-mail address (${free.map((x) => x.domain).join(', ')}) where the engagement is through a company and a business address is expected.`,
        domainEv(free),
        'contact.email',
      ),
    );

  const changes = [...ctx.contactChanges].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const windowMs = ctx.policy.signals.contactChangeWindowDays * 86_400_000;
  let busiest: typeof changes = [];
  for (let i = 0, j = 0; j < changes.length; j++) {
    while (Date.parse(changes[j]!.time) - Date.parse(changes[i]!.time) > windowMs) i++;
    if (j - i + 1 > busiest.length) busiest = changes.slice(i, j + 1);
  }
  if (busiest.length > ctx.policy.signals.maxContactChanges)
    out.push(
      signalFinding(
        'SIG_CONTACT_CHANGES',
        `Contact information changed ${busiest.length} times within ${ctx.policy.signals.contactChangeWindowDays} days (${[...new Set(busiest.map((c) => c.field))].join(', ')}).`,
        busiest.slice(0, 10).map((c) => ({ kind: 'contact-change', field: c.field, detail: { time: c.time } })),
      ),
    );
  return out;
}

function dedupe<T extends { value: string }>(list: readonly T[]): T[] {
  return [...new Map(list.map((x) => [x.value.trim().toLowerCase(), x])).values()];
}
