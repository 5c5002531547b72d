import { describe, expect, it } from 'vitest';
import { finding, type Finding, type FindingInput } from '../../shared/domain/finding';
import { loadPolicy, parsePolicyObject, policyVersionOf } from '../../shared/adapters/files/load-policy';
import { decideRisk, holdCauses, riskOutcomes } from '../../shared/domain/risk/decide';

const policy = loadPolicy();
const f = (code: string, severity: FindingInput['severity'], extra: Partial<FindingInput> = {}): Finding => finding({ code, stage: 'signals', severity, message: `${code} happened`, ...extra });

describe('decideRisk', () => {
  it('clears a case with no findings and says so', () => {
    const d = decideRisk({ findings: [], policy });
    expect(d).toMatchObject({ outcome: 'clear', score: 0, level: 'low', drivers: [], fourEyesRequired: false });
    expect(d.policyVersion).toEqual(policyVersionOf(policy));
    expect(d.explanation).toContain('No findings.');
  });

  it('weighs by severity when the policy has no weight for the code', () => {
    const d = decideRisk({ findings: [f('SIG_OFF_PLATFORM_REQUEST', 'medium')], policy });
    expect(d.score).toBe(15);
    expect(d.outcome).toBe('clear');
    expect(d.explanation.join('\n')).toMatch(/SIG_OFF_PLATFORM_REQUEST \(medium\): \+15, weight for medium severity/);
  });

  it('weighs by code when the policy has one, over the severity', () => {
    const d = decideRisk({ findings: [f('SIG_SHARED_IP', 'high')], policy });
    expect(d.score).toBe(50);
    expect(d.explanation.join('\n')).toMatch(/\+50, policy weight for SIG_SHARED_IP/);
  });

  it('a code weighed 0 by policy does not drive the decision', () => {
    const p = parsePolicyObject({ version: 't', weights: { bySeverity: policy.weights.bySeverity, byCode: { SIG_LOGIN_VPN: 0 } } });
    const d = decideRisk({ findings: [f('SIG_LOGIN_VPN', 'medium'), f('SIG_INFO', 'info')], policy: p });
    expect(d).toMatchObject({ score: 0, outcome: 'clear', drivers: [] });
  });

  describe('boundaries (review 30, hold 100)', () => {
    const p = parsePolicyObject({
      version: 'boundaries',
      weights: { bySeverity: { info: 0, low: 1, medium: 10, high: 29, critical: 100 }, byCode: { X_ONE: 1, X_NINETY_NINE: 99, X_SEVENTY: 70, X_THIRTY: 30 } },
    });
    it.each<[string[], number, string, string]>([
      [['X_ONE', 'X_HIGH'], 30, 'review', 'medium'],
      [['X_HIGH'], 29, 'clear', 'low'],
      [['X_THIRTY'], 30, 'review', 'medium'],
      [['X_NINETY_NINE'], 99, 'review', 'medium'],
      [['X_NINETY_NINE', 'X_ONE'], 100, 'hold', 'high'],
      [['X_SEVENTY', 'X_THIRTY'], 100, 'hold', 'high'],
    ])('%j -> score %d, %s, %s', (codes, score, outcome, level) => {
      const d = decideRisk({ findings: codes.map((c) => f(c, 'high')), policy: p });
      expect(d).toMatchObject({ score, outcome, level });
    });
  });

  it('counts a code once, at its heaviest finding, and says how many there were', () => {
    const d = decideRisk({
      findings: [f('SIG_LOGIN_VPN', 'low'), f('SIG_LOGIN_VPN', 'medium'), f('SIG_LOGIN_VPN', 'low')],
      policy,
    });
    expect(d.score).toBe(15);
    expect(d.drivers).toHaveLength(1);
    expect(d.drivers[0]!.severity).toBe('medium');
    expect(d.explanation.join('\n')).toMatch(/3 findings with this code, counted once/);
  });

  it('holds on a finding marked hard stop, whatever the score', () => {
    const p = parsePolicyObject({ version: 't', weights: { bySeverity: policy.weights.bySeverity, byCode: { SIG_DPRK_IP: 0 } } });
    const d = decideRisk({ findings: [f('SIG_LOW', 'low'), f('SIG_DPRK_IP', 'critical', { hardStop: true })], policy: p });
    expect(d).toMatchObject({ outcome: 'hold', level: 'critical', score: 5 });
    expect(d.drivers.map((x) => x.code)).toEqual(['SIG_DPRK_IP', 'SIG_LOW']);
    expect(d.explanation.join('\n')).toMatch(/Hard stop: SIG_DPRK_IP\./);
  });

  it('holds on a code the policy lists as hard stop even if the finding did not say so', () => {
    const d = decideRisk({ findings: [f('SCR_STRONG_MATCH', 'high', { stage: 'screening' })], policy });
    expect(d.outcome).toBe('hold');
    expect(d.drivers[0]).toMatchObject({ code: 'SCR_STRONG_MATCH', hardStop: true });
    expect(d.explanation.join('\n')).toMatch(/listed in policy.hardStopCodes/);
  });

  it('orders drivers: hard stops, then weight, then severity', () => {
    const d = decideRisk({
      findings: [f('SIG_A_LOW', 'low'), f('SIG_B_HIGH', 'high'), f('SIG_SHARED_IP', 'high'), f('SIG_C_MED', 'medium'), f('DOC_DPRK_DOCUMENT', 'low', { stage: 'document' })],
      policy,
    });
    expect(d.drivers.map((x) => x.code)).toEqual(['DOC_DPRK_DOCUMENT', 'SIG_SHARED_IP', 'SIG_B_HIGH', 'SIG_C_MED', 'SIG_A_LOW']);
  });

  it('fills in the guidance citation from the catalogue when a finding has none', () => {
    const d = decideRisk({ findings: [f('SIG_REMOTE_DESKTOP', 'high'), f('SIG_CUSTOM', 'high', { guidance: 'house rule 7' })], policy });
    expect(d.drivers.find((x) => x.code === 'SIG_REMOTE_DESKTOP')!.guidance).toMatch(/FBI PSA May 2024/);
    expect(d.drivers.find((x) => x.code === 'SIG_CUSTOM')!.guidance).toBe('house rule 7');
  });

  describe('four-eyes', () => {
    it('is required from the policy score on', () => {
      expect(decideRisk({ findings: [f('SIG_X', 'high'), f('SIG_Y', 'medium')], policy }).fourEyesRequired).toBe(false); // 50
      const d = decideRisk({ findings: [f('SIG_X', 'high'), f('SIG_Y', 'high')], policy }); // 70
      expect(d.fourEyesRequired).toBe(true);
      expect(d.explanation.at(-1)).toMatch(/score 70 >= 60/);
    });
    it('is required for a potential sanctions match even at a low score', () => {
      const p = parsePolicyObject({ version: 't', weights: { bySeverity: policy.weights.bySeverity, byCode: { SCR_POTENTIAL_MATCH: 1 } } });
      const d = decideRisk({ findings: [f('SCR_POTENTIAL_MATCH', 'high', { stage: 'screening' })], policy: p });
      expect(d).toMatchObject({ outcome: 'clear', fourEyesRequired: true });
      expect(d.explanation.at(-1)).toMatch(/SCR_POTENTIAL_MATCH/);
    });
    it('is required to release a hold when the policy says so', () => {
      const findings = [f('SIG_DPRK_IP', 'critical', { hardStop: true })];
      expect(decideRisk({ findings, policy }).fourEyesRequired).toBe(true);
      const p = parsePolicyObject({ version: 't', fourEyes: { whenScoreAtLeast: 1000, whenCodes: [], onHold: false } });
      expect(decideRisk({ findings, policy: p }).fourEyesRequired).toBe(false);
    });
  });

  it('explains every outcome, in rule order, ending with the approval rule', () => {
    for (const [findings, outcome] of [
      [[], 'clear'],
      [[f('SIG_X', 'high')], 'review'],
      [[f('SIG_X', 'critical')], 'hold'],
    ] as const) {
      const d = decideRisk({ findings: [...findings], policy });
      expect(d.outcome).toBe(outcome);
      expect(riskOutcomes).toContain(d.outcome);
      expect(d.explanation[0]).toMatch(/^Policy "default-2026.1" \(sha256:/);
      expect(d.explanation.some((l) => l.startsWith(`Outcome: ${outcome === 'hold' ? 'compliance hold' : outcome === 'review' ? 'review' : 'clear'}`))).toBe(true);
    }
  });

  it('a score-driven hold says it came from the score', () => {
    const d = decideRisk({ findings: [f('SIG_X', 'critical')], policy });
    expect(d).toMatchObject({ outcome: 'hold', level: 'high', score: 100 });
    expect(d.explanation.join('\n')).toMatch(/score 100 >= hold threshold 100/);
  });
});

describe('what a hold stands on (what its clearance clears)', () => {
  it('a hard stop alone: clearing it leaves the case the findings it had before the hold, with their four eyes', () => {
    const before = [f('DOC_FILE_MISSING', 'high'), f('BANK_COUNTRY_NOT_RESIDENCE', 'medium'), f('DOC_MRZ_MISSING', 'medium')];
    const d = decideRisk({ findings: [...before, f('SIG_DPRK_IP', 'critical', { hardStop: true })], policy });
    expect(d.outcome).toBe('hold');
    expect(holdCauses(d)).toEqual(['SIG_DPRK_IP']);
    // Held already on that decision, a new finding (logins that cannot all be one traveller) is a cause too:
    // compliance must see it; the findings from before the hold still are not.
    const later = decideRisk({ findings: [...before, f('SIG_DPRK_IP', 'critical', { hardStop: true }), f('SIG_CONTACT_CHANGES', 'low')], policy });
    expect(holdCauses(later, { heldOn: d.drivers.map((x) => x.code) }).sort()).toEqual(['SIG_CONTACT_CHANGES', 'SIG_DPRK_IP']);
  });

  it('every driver when nobody would see the rest after a clearance, or the rest holds by itself', () => {
    const before = [f('DOC_FILE_MISSING', 'high'), f('DOC_MRZ_MISSING', 'medium')];
    const d = decideRisk({ findings: [...before, f('SIG_DPRK_IP', 'critical', { hardStop: true })], policy });
    // An approved contractor: a clearance sends the case straight back to approved.
    expect(holdCauses(d, { approved: true }).sort()).toEqual(d.drivers.map((x) => x.code).sort());
    // The findings beside the hard stop hold the case by score on their own.
    const heavy = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((x) => f(`SIG_TEST_${x}`, 'high'));
    const both = decideRisk({ findings: [...heavy, f('SIG_DPRK_IP', 'critical', { hardStop: true })], policy });
    expect(decideRisk({ findings: heavy, policy }).outcome).toBe('hold');
    expect(holdCauses(both).sort()).toEqual(both.drivers.map((x) => x.code).sort());
  });

  it('a hold by score alone stands on every driver', () => {
    const findings = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((x) => f(`SIG_TEST_${x}`, 'high'));
    const d = decideRisk({ findings, policy });
    expect(d.hardStops).toEqual([]);
    expect(d.outcome).toBe('hold');
    expect(holdCauses(d).sort()).toEqual(d.drivers.map((x) => x.code).sort());
  });
});
