import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import { assessCountryExposure } from '../../shared/domain/risk/country-exposure';
import { decideRisk } from '../../shared/domain/risk/decide';

const policy = loadPolicy();

describe('assessCountryExposure', () => {
  it('finds nothing for an ordinary profile', () => {
    expect(assessCountryExposure({ nationality: 'PL', residenceCountry: 'PL', documentIssuingCountry: 'PL', bankCountry: 'DE' }, policy)).toEqual([]);
  });
  it('makes any link to North Korea a hard stop, naming the field', () => {
    const [f] = assessCountryExposure({ nationality: 'KR', residenceCountry: 'CN', bankCountry: 'kp' }, policy).filter((x) => x.code === 'SYS_COUNTRY_HARD_STOP');
    expect(f).toMatchObject({ severity: 'critical', hardStop: true, evidence: [{ kind: 'profile-country', field: 'bankCountry', detail: { country: 'KP' } }] });
    expect(f!.message).toMatch(/bank country KP/);
    expect(decideRisk({ findings: [f!], policy }).outcome).toBe('hold');
  });
  it('flags high-risk countries for review weight, once per fact, listing each field', () => {
    const out = assessCountryExposure({ nationality: 'RU', residenceCountry: 'RU', documentIssuingCountry: 'RU', employerCountries: ['CN', 'CN', 'US'] }, policy);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ code: 'SYS_COUNTRY_HIGH_RISK', severity: 'medium', hardStop: false, fact: 'profile.country' });
    expect(out[0]!.evidence.map((e) => `${e.field}:${String(e.detail?.country)}`)).toEqual(['nationality:RU', 'residenceCountry:RU', 'documentIssuingCountry:RU']);
    expect(out[1]).toMatchObject({ fact: 'employment.country', evidence: [{ field: 'employerCountries', detail: { country: 'CN' } }] });
    // A Russian national living in Russia is one fact, weighed once.
    expect(decideRisk({ findings: out, policy }).facts.map((f) => [f.fact, f.weight])).toEqual([
      ['profile.country', 15],
      ['employment.country', 15],
    ]);
  });
  it('a bank or phone in a high-risk country is the same fact the bank and document stages report', () => {
    const out = assessCountryExposure({ nationality: 'UA', residenceCountry: 'UA', bankCountry: 'CN', phoneCountry: 'RU' }, policy);
    expect(out.map((f) => f.fact)).toEqual(['bank.country', 'contact.phone']);
  });
});
