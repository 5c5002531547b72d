import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import { decideRisk } from '../../shared/domain/risk/decide';
import { judgeIntakeProfile } from '../../shared/domain/risk/intake-profile';
import { onboardingRequestSchema, type OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import * as z from '../../shared/domain/schemas/zod';
import fixture from '../fixtures/onboarding-request.json' with { type: 'json' };

const policy = loadPolicy();
const base: OnboardingRequest = z.parse(onboardingRequestSchema, fixture);
const withContractor = (patch: Partial<OnboardingRequest['contractor']>, extra: Partial<OnboardingRequest> = {}): OnboardingRequest => ({
  ...base,
  ...extra,
  contractor: { ...base.contractor, ...patch },
});
const codes = (r: OnboardingRequest) => judgeIntakeProfile(r, policy).map((f) => f.code);

describe("judgeIntakeProfile: the request's own phone, email and countries", () => {
  it('a clean Polish applicant raises nothing', () => {
    expect(judgeIntakeProfile(base, policy)).toEqual([]);
  });

  it('a +850 phone is a DPRK hard stop at intake, not a mere country mismatch', () => {
    const r = withContractor({ phone: '+850 2 381 8111' });
    expect(codes(r)).toEqual(expect.arrayContaining(['SIG_PHONE_DPRK', 'SYS_COUNTRY_HARD_STOP']));
    const d = decideRisk({ findings: judgeIntakeProfile(r, policy), policy });
    expect(d.outcome).toBe('hold');
    expect(judgeIntakeProfile(r, policy).every((f) => f.stage === 'document')).toBe(true);
  });

  it('a disposable address is judged from the maintained list', () => {
    expect(codes(withContractor({ email: 'dev@mailinator.com' }))).toEqual(['SIG_EMAIL_DISPOSABLE']);
    expect(codes(withContractor({ email: 'dev@sub.guerrillamail.com' }))).toEqual(['SIG_EMAIL_DISPOSABLE']);
  });

  it('free mail counts only where the engagement is through a company', () => {
    expect(codes(withContractor({ email: 'anna@gmail.com' }))).toEqual([]);
    expect(codes(withContractor({ email: 'anna@gmail.com' }, { engagement: { company: 'Kowalska Software' } }))).toEqual(['SIG_EMAIL_FREEMAIL']);
  });

  it('a phone from the country of nationality is no mismatch; one from a third country is', () => {
    expect(codes(withContractor({ nationality: 'UA', phone: '+380501234567' }, { document: { ...base.document, nationality: 'UA', issuingCountry: 'UA' } }))).toEqual([]);
    expect(codes(withContractor({ phone: '+4915112345678' }))).toEqual(['SIG_PHONE_COUNTRY_MISMATCH']);
  });

  it('a Chinese national living in China is one profile fact, not three', () => {
    const r = withContractor({ nationality: 'CN', residenceCountry: 'CN', phone: '+8613812345678' }, { document: { ...base.document, nationality: 'CN', issuingCountry: 'CN' } });
    const facts = decideRisk({ findings: judgeIntakeProfile(r, policy), policy }).facts;
    expect(facts.map((f) => f.fact)).toEqual(['profile.country']);
  });
});

describe('the platform signals judge the intake phone by the same rule', () => {
  it('a phone of the nationality is no mismatch from the signals either', async () => {
    const { evaluateSignals } = await import('../../shared/domain/signals/evaluate-signals');
    const { fixtureIpIntel } = await import('../signals/ip-fixture');
    const application = { residenceCountry: 'PL', nationality: 'UA', phone: '+380501234567', email: 'a@example.pl' };
    expect(evaluateSignals({ signals: [], application, ipIntel: fixtureIpIntel, policy }).map((f) => f.code)).toEqual([]);
    expect(evaluateSignals({ signals: [], application: { ...application, nationality: 'PL' }, ipIntel: fixtureIpIntel, policy }).map((f) => f.code)).toEqual(['SIG_PHONE_COUNTRY_MISMATCH']);
  });
});
