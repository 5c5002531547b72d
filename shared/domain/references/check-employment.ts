import { finding, type Finding } from '../finding';
import type { OnboardingRequest } from '../schemas/onboarding';
import { emailDomain, isDisposableDomain, isFreeMailDomain } from '../signals/email-domains';
import { mailboxOf } from '../person-identity';

const guidance = '2022 DPRK IT worker advisory: cross-check employment history and references with public information';

/** Whether `domain` is `employerDomain` or one of its subdomains. */
function belongsTo(domain: string, employerDomain: string): boolean {
  const d = domain.toLowerCase();
  const e = employerDomain.toLowerCase();
  return d === e || d.endsWith(`.${e}`);
}

/**
 * Employment history: references whose email is not at the stated employer, free or disposable reference
 * addresses, and dates that overlap or cannot be (in the future, before adulthood).
 */
export function checkEmployment(app: OnboardingRequest, now: Date): Finding[] {
  const out: Finding[] = [];
  const today = now.toISOString().slice(0, 10);
  const adult = `${String(Number(app.contractor.birthDate.slice(0, 4)) + 16)}${app.contractor.birthDate.slice(4)}`;
  app.employment.forEach((job, i) => {
    const field = `employment.${i}`;
    const ref = job.reference;
    // The reference link goes to this address: at the contractor's own mailbox (a +tag, another spelling), the
    // contractor would answer it and confirm their own employment (adversarial pass 4, December 2026).
    if (ref && mailboxOf(ref.email) === mailboxOf(app.contractor.email))
      out.push(
        finding({
          code: 'REF_IS_APPLICANT',
          stage: 'references',
          severity: 'high',
          fact: `${field}.reference.identity`,
          message: `The reference for ${job.employer} writes from the contractor's own mailbox: the contractor would be confirming their own employment. Ask for a reference who is another person.`,
          evidence: [{ kind: 'reference', field: `${field}.reference.email` }],
          guidance,
        }),
      );
    if (ref) {
      const domain = emailDomain(ref.email);
      if (domain && isDisposableDomain(domain))
        out.push(
          finding({
            code: 'REF_DISPOSABLE_EMAIL',
            stage: 'references',
            severity: 'high',
            message: `The reference for ${job.employer} uses a disposable email address.`,
            evidence: [{ kind: 'reference', field: `${field}.reference.email`, detail: { domain } }],
            guidance,
          }),
        );
      else if (domain && isFreeMailDomain(domain)) {
        // An employer with its own domain gives its staff addresses there: a reference writing from free mail
        // cannot be tied to the employer at all, which is at least as weak as writing from another domain.
        const ownDomain = job.employerDomain !== undefined && !isFreeMailDomain(job.employerDomain.toLowerCase());
        out.push(
          finding({
            code: 'REF_FREE_MAIL',
            stage: 'references',
            severity: ownDomain ? 'medium' : 'low',
            fact: `${field}.reference.email`,
            message: ownDomain
              ? `The reference for ${job.employer} writes from the free-mail address domain ${domain}, although the employer has its own domain ${job.employerDomain}. Nothing ties this address to the employer, so it weighs like a reference writing from another company's domain (rule: free mail for an employer with its own domain is at least as strong as a domain mismatch).`
              : `The reference for ${job.employer} uses a free-mail address rather than a company address (no employer domain was given to compare with, so this is context only).`,
            evidence: [{ kind: 'reference', field: `${field}.reference.email`, detail: { domain, ...(job.employerDomain ? { employerDomain: job.employerDomain } : {}) } }],
            guidance,
          }),
        );
      } else if (domain && job.employerDomain && !belongsTo(domain, job.employerDomain))
        out.push(
          finding({
            code: 'REF_DOMAIN_MISMATCH',
            stage: 'references',
            severity: 'medium',
            message: `The reference for ${job.employer} writes from ${domain}, not from the employer's domain ${job.employerDomain}.`,
            evidence: [{ kind: 'reference', field: `${field}.reference.email`, detail: { domain, employerDomain: job.employerDomain } }],
            guidance,
          }),
        );
    }
    if (job.startDate > today)
      out.push(
        finding({
          code: 'REF_DATES_IMPOSSIBLE',
          stage: 'references',
          severity: 'medium',
          message: `The job at ${job.employer} starts in the future (${job.startDate}).`,
          evidence: [{ kind: 'employment', field: `${field}.startDate` }],
          guidance,
        }),
      );
    else if (job.startDate < adult)
      out.push(
        finding({
          code: 'REF_DATES_IMPOSSIBLE',
          stage: 'references',
          severity: 'medium',
          message: `The job at ${job.employer} starts before the contractor was 16 (${job.startDate}).`,
          evidence: [{ kind: 'employment', field: `${field}.startDate` }],
          guidance,
        }),
      );
  });
  const jobs = [...app.employment].map((j, i) => ({ ...j, i })).sort((a, b) => a.startDate.localeCompare(b.startDate));
  for (let a = 0; a < jobs.length; a++)
    for (let b = a + 1; b < jobs.length; b++) {
      const x = jobs[a]!;
      const y = jobs[b]!;
      const xEnd = x.endDate ?? today;
      // Overlaps of a month or less are ordinary (notice periods); longer full-time overlaps are not.
      const overlapDays = (Date.parse(minDate(xEnd, y.endDate ?? today)) - Date.parse(y.startDate)) / 86_400_000;
      if (overlapDays > 31)
        out.push(
          finding({
            code: 'REF_OVERLAPPING_JOBS',
            stage: 'references',
            severity: 'low',
            message: `The jobs at ${x.employer} and ${y.employer} overlap by about ${Math.round(overlapDays / 30)} months.`,
            evidence: [
              { kind: 'employment', field: `employment.${x.i}` },
              { kind: 'employment', field: `employment.${y.i}` },
            ],
            guidance,
          }),
        );
    }
  return out;
}

const minDate = (a: string, b: string) => (a < b ? a : b);
