import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finding, severitySchema, type Finding, type FindingInput } from '../../shared/domain/finding';
import { loadPolicy, parsePolicyObject } from '../../shared/adapters/files/load-policy';
import { combineFactWeights, decideRisk, weighFinding } from '../../shared/domain/risk/decide';
import { factOf } from '../../shared/domain/risk/facts';

const policy = loadPolicy();
const f = (code: string, severity: FindingInput['severity'], extra: Partial<FindingInput> = {}): Finding => finding({ code, stage: 'bank', severity, message: `${code} happened`, ...extra });

describe('the decision counts facts, not codes', () => {
  it('a payout bank in China for a resident of Ukraine is one fact at its strongest weight', () => {
    const findings = [f('BANK_CHINA_BANK', 'high'), f('BANK_COUNTRY_NOT_RESIDENCE', 'medium'), f('DOC_BANK_COUNTRY_MISMATCH', 'medium', { stage: 'document' })];
    const d = decideRisk({ findings, policy });
    expect(d.score).toBe(35);
    expect(d.outcome).toBe('review');
    expect(d.facts).toEqual([
      {
        fact: 'bank.country',
        weight: 35,
        code: 'BANK_CHINA_BANK',
        findings: [
          { code: 'BANK_CHINA_BANK', severity: 'high', weight: 35, hardStop: false },
          { code: 'BANK_COUNTRY_NOT_RESIDENCE', severity: 'medium', weight: 15, hardStop: false },
          { code: 'DOC_BANK_COUNTRY_MISMATCH', severity: 'medium', weight: 15, hardStop: false },
        ],
      },
    ]);
    expect(d.explanation.join('\n')).toMatch(/bank\.country: BANK_CHINA_BANK \(high\): \+35.*Same fact, not added again: BANK_COUNTRY_NOT_RESIDENCE \(15\), DOC_BANK_COUNTRY_MISMATCH \(15\)/);
  });

  it('an account holder who is someone else counts once', () => {
    const d = decideRisk({ findings: [f('BANK_HOLDER_NAME_MISMATCH', 'high'), f('DOC_NAME_MISMATCH_BANK_HOLDER', 'medium', { stage: 'document' })], policy });
    expect(d.score).toBe(35);
    expect(d.facts.map((x) => x.fact)).toEqual(['bank.holder']);
  });

  it('different facts add up; the explanation writes the sum', () => {
    const d = decideRisk({ findings: [f('BANK_CHINA_BANK', 'high'), f('BANK_HOLDER_NAME_MISMATCH', 'high'), f('SIG_PHONE_VOIP', 'medium', { stage: 'signals' })], policy });
    expect(d.score).toBe(35 + 35 + 20);
    expect(d.explanation).toContain('Score 90 = 35 + 35 + 20.');
    expect(d.thresholds).toEqual({ review: 30, hold: 100 });
  });

  it('a fact set where the finding was produced wins over the derivation', () => {
    expect(factOf(f('BANK_CHINA_BANK', 'high', { fact: 'bank.custom' }))).toBe('bank.custom');
    expect(factOf(f('SOMETHING_NEW', 'high'))).toBe('code:SOMETHING_NEW');
  });

  it('links to the same other applicant are one fact, whatever identifier is shared', () => {
    const email = f('LINK_SHARED_CONTACT', 'medium', { stage: 'links', evidence: [{ kind: 'link', field: 'email', detail: { otherCases: ['ob_b'] } }] });
    const account = f('BANK_SHARED_ACCOUNT', 'high', { evidence: [{ kind: 'link', field: 'payment', detail: { linkedCases: [{ caseId: 'ob_b', status: 'approved' }] } }] });
    const other = f('LINK_SHARED_CONTACT', 'medium', { stage: 'links', evidence: [{ kind: 'link', field: 'phone', detail: { otherCases: ['ob_c'] } }] });
    const d = decideRisk({ findings: [email, account, other], policy });
    expect(d.facts.map((x) => [x.fact, x.weight])).toEqual([
      ['link:ob_b', 35],
      ['link:ob_c', 15],
    ]);
  });

  it("a hard stop among a fact's findings still holds, and is listed", () => {
    const d = decideRisk({ findings: [f('BANK_COUNTRY_NOT_RESIDENCE', 'medium'), f('BANK_DPRK_BANK', 'critical', { hardStop: true })], policy });
    expect(d.outcome).toBe('hold');
    expect(d.hardStops).toEqual([{ code: 'BANK_DPRK_BANK', source: 'finding' }]);
    expect(d.drivers[0]!.code).toBe('BANK_DPRK_BANK');
  });

  it('strongest-plus-fraction adds the policy fraction of the other findings about the fact', () => {
    const p = parsePolicyObject({ version: 't', risk: { factCombination: 'strongest-plus-fraction', corroborationFraction: 0.2 } });
    const d = decideRisk({ findings: [f('BANK_CHINA_BANK', 'high'), f('BANK_COUNTRY_NOT_RESIDENCE', 'medium'), f('DOC_BANK_COUNTRY_MISMATCH', 'medium')], policy: p });
    expect(d.score).toBe(35 + 6);
    expect(d.explanation.join('\n')).toMatch(/6 added as corroboration/);
  });

  it('the policy must say how facts combine with a known rule', () => {
    expect(() => parsePolicyObject({ version: 't', risk: { factCombination: 'sum' } })).toThrow(/risk\.factCombination/);
  });
});

// Generated finding sets over a small universe of codes and facts, so that collisions are frequent.
const codes = ['BANK_CHINA_BANK', 'BANK_COUNTRY_NOT_RESIDENCE', 'DOC_BANK_COUNTRY_MISMATCH', 'SIG_PHONE_VOIP', 'SIG_X', 'DOC_Y', 'SIG_SHARED_IP'];
const facts = [undefined, 'bank.country', 'contact.phone', 'link:ob_a', 'f1', 'f2'];
const findingArb = fc
  .record({
    code: fc.constantFrom(...codes),
    severity: fc.constantFrom(...severitySchema.options),
    fact: fc.constantFrom(...facts),
    hardStop: fc.boolean(),
  })
  .map(({ code, severity, fact, hardStop }) => f(code, severity, { ...(fact && { fact }), hardStop: hardStop && severity === 'critical' }));

describe('property: no single fact moves a case by more than its strongest finding', () => {
  it('adding the findings of one fact raises the score by at most the strongest of them', () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 12 }), fc.array(findingArb, { minLength: 1, maxLength: 6 }), (base, extra) => {
        const fact = factOf(extra[0]!);
        const aboutFact = extra.map((x) => ({ ...x, fact }));
        const before = decideRisk({ findings: base, policy }).score;
        const after = decideRisk({ findings: [...base, ...aboutFact], policy }).score;
        const strongest = Math.max(...aboutFact.map((x) => weighFinding(x, policy).weight));
        expect(after - before).toBeLessThanOrEqual(strongest);
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('each counted fact weighs exactly its strongest finding, and the score is their sum', () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 20 }), (findings) => {
        const d = decideRisk({ findings, policy });
        for (const fact of d.facts) expect(fact.weight).toBe(Math.max(...fact.findings.map((x) => x.weight)));
        expect(d.score).toBe(d.facts.reduce((s, x) => s + x.weight, 0));
        expect(d.facts.reduce((n, x) => n + x.findings.length, 0)).toBe(findings.length);
      }),
    );
  });

  it('the order findings arrive in does not change the decision', () => {
    fc.assert(
      fc.property(
        fc.array(findingArb, { maxLength: 12 }).chain((l) => fc.tuple(fc.constant(l), fc.shuffledSubarray(l, { minLength: l.length, maxLength: l.length }))),
        ([a, b]) => {
          const x = decideRisk({ findings: a, policy });
          const y = decideRisk({ findings: b, policy });
          expect({ ...y, drivers: y.drivers.map((d) => d.code) }).toEqual({ ...x, drivers: x.drivers.map((d) => d.code) });
        },
      ),
    );
  });

  it('with strongest-plus-fraction a fact adds at most its strongest plus the fraction of the rest', () => {
    const p = parsePolicyObject({ version: 't', risk: { factCombination: 'strongest-plus-fraction', corroborationFraction: 0.25 } });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 }), (weights) => {
        const sorted = [...weights].sort((a, b) => b - a);
        const w = combineFactWeights(weights, p);
        expect(w).toBeGreaterThanOrEqual(sorted[0]!);
        expect(w).toBeLessThanOrEqual(Math.round(sorted[0]! + 0.25 * sorted.slice(1).reduce((s, x) => s + x, 0)));
      }),
    );
  });
});
