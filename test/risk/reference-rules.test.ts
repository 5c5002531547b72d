import { describe, expect, it } from 'vitest';
import { linkFindings } from '../../shared/app/cases/link-findings';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import { checkEmployment } from '../../shared/domain/references/check-employment';
import { decideRisk } from '../../shared/domain/risk/decide';
import { onboardingRequestSchema, type OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import * as z from '../../shared/domain/schemas/zod';
import fixture from '../fixtures/onboarding-request.json' with { type: 'json' };

const policy = loadPolicy();
const base: OnboardingRequest = z.parse(onboardingRequestSchema, fixture);
const withReference = (email: string, employerDomain?: string): OnboardingRequest => ({
  ...base,
  employment: [{ ...base.employment[0]!, ...(employerDomain === undefined ? { employerDomain: undefined } : { employerDomain }), reference: { name: 'Piotr Nowak', email } }],
});
const now = new Date('2026-06-01T00:00:00Z');
const weight = (r: OnboardingRequest) => decideRisk({ findings: checkEmployment(r, now), policy }).score;

describe('reference rules', () => {
  it('free mail for an employer with its own domain weighs at least what a domain mismatch does, and says why', () => {
    const free = checkEmployment(withReference('piotr.nowak@gmail.com', 'example-software.pl'), now);
    expect(free).toMatchObject([{ code: 'REF_FREE_MAIL', severity: 'medium', fact: 'employment.0.reference.email' }]);
    expect(free[0]!.message).toMatch(/own domain example-software\.pl.*at least as strong as a domain mismatch/);
    expect(weight(withReference('piotr.nowak@gmail.com', 'example-software.pl'))).toBeGreaterThanOrEqual(weight(withReference('piotr@other-company.pl', 'example-software.pl')));
  });

  // Adversarial pass 4: the contractor named themselves as the reference (their own mailbox at the employer's domain,
  // under a +tag), got the reference link and confirmed their own employment: nothing said the voice was theirs.
  it("a reference at the contractor's own mailbox (any spelling, a +tag) is a high finding: the contractor would vouch for themselves", () => {
    const own = { ...base, contractor: { ...base.contractor, email: 'anna.kowalska@example-software.pl' } };
    for (const email of ['anna.kowalska+boss@example-software.pl', 'Anna.Kowalska@Example-Software.pl']) {
      const found = checkEmployment({ ...own, employment: [{ ...own.employment[0]!, reference: { name: 'Piotr Nowak', email } }] }, now);
      expect(found).toContainEqual(expect.objectContaining({ code: 'REF_IS_APPLICANT', severity: 'high', fact: 'employment.0.reference.identity' }));
    }
    expect(checkEmployment(own, now).some((f) => f.code === 'REF_IS_APPLICANT')).toBe(false);
    expect(weight({ ...own, employment: [{ ...own.employment[0]!, reference: { name: 'Piotr Nowak', email: 'anna.kowalska+boss@example-software.pl' } }] })).toBeGreaterThan(weight(own));
  });

  it('free mail where no employer domain is known stays context', () => {
    const [f] = checkEmployment(
      { ...base, employment: [{ ...base.employment[0]!, employerDomain: undefined, reference: { name: 'Piotr Nowak', email: 'piotr.nowak@gmail.com' } }] } as OnboardingRequest,
      now,
    );
    expect(f).toMatchObject({ code: 'REF_FREE_MAIL', severity: 'low' });
  });

  it('a shared reference weighs more when the other applicant is held, and the finding states the rule', () => {
    const clean = linkFindings([{ kind: 'reference-email', caseId: 'ob_a', status: 'awaiting-interview' }]);
    const held = linkFindings([{ kind: 'reference-email', caseId: 'ob_a', status: 'compliance-hold' }]);
    expect(clean[0]).toMatchObject({ code: 'LINK_SHARED_REFERENCE', severity: 'medium', fact: 'link:ob_a' });
    expect(held[0]).toMatchObject({ code: 'LINK_SHARED_REFERENCE', severity: 'high' });
    expect(clean[0]!.message).toMatch(/Rule: a reference shared/);
  });
});
