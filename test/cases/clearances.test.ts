import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import type { Clearance, EvidenceRecord } from '../../shared/domain/cases/case-model';
import { findingDigest, findingsInForce } from '../../shared/domain/cases/latest-findings';
import type { Finding } from '../../shared/domain/finding';
import { evaluateLogins } from '../../shared/domain/signals/login-rules';
import type { LoginSignal } from '../../shared/domain/signals/signal-schema';
import { fixtureIpIntel } from '../signals/ip-fixture';

const policy = loadPolicy();
const at = (m: number) => new Date(Date.UTC(2026, 10, 25, 10, 0) + m * 60_000).toISOString();
const login = (ip: string, m: number, accountId = 'acct-1'): LoginSignal => ({ type: 'login', time: at(m), ip, accountId });
/** The login findings of every login so far, as each signals batch records them (one evaluation of all). */
const evaluate = (logins: LoginSignal[]) => evaluateLogins({ logins, residenceCountry: 'PL', ipIntel: fixtureIpIntel, policy });
const evaluation = (recordedAt: string, logins: LoginSignal[]): EvidenceRecord => ({
  caseId: 'ob_1',
  stage: 'signals',
  runId: `r${logins.length}`,
  recordedAt,
  inputs: { total: logins.length },
  findings: evaluate(logins),
});
const clearing = (e: EvidenceRecord, codes: string[]): Clearance => ({
  at: '2026-12-06T10:00:00Z',
  by: ['ines@x.com', 'jonas@x.com'],
  codes,
  reasons: ['a test range'],
  findings: e.findings.flatMap((f) => (codes.includes(f.code) ? (findingDigest(f) ?? []) : [])),
});
const codesInForce = (evidence: EvidenceRecord[], cl: Clearance) => findingsInForce(evidence, [cl]).map((f) => f.code);

describe('what a clearance clears when a later evaluation records the finding again', () => {
  const dprk = [login('175.45.176.10', 0)];
  const before = evaluation('2026-12-06T09:00:00Z', dprk);
  const cleared = clearing(before, ['SIG_DPRK_IP']);

  it('a login from DPRK address space, cleared, stays cleared when a harmless login comes after it', () => {
    expect(codesInForce([before], cleared)).not.toContain('SIG_DPRK_IP');
    const after = evaluation('2026-12-06T11:00:00Z', [...dprk, login('83.10.0.1', 60)]);
    expect(codesInForce([before, after], cleared)).not.toContain('SIG_DPRK_IP');
  });

  it('one more login it counts makes it count again: another DPRK address, or the same address again', () => {
    expect(codesInForce([before, evaluation('2026-12-06T11:00:00Z', [...dprk, login('175.45.178.10', 60)])], cleared)).toContain('SIG_DPRK_IP');
    expect(codesInForce([before, evaluation('2026-12-06T11:00:00Z', [...dprk, login('175.45.176.10', 60)])], cleared)).toContain('SIG_DPRK_IP');
  });

  it('past the ten addresses the evidence lists, the next one still counts again (the basis is every login, not the listing)', () => {
    // Logins from China, ten addresses of one network, cleared as travel; an eleventh address changes neither the
    // message nor the ten listed, and must count again (adversarial pass on the first version of this rule).
    const cn = Array.from({ length: 10 }, (_, i) => login(`36.100.1.${i + 1}`, i * 30));
    const first = evaluation('2026-12-06T09:00:00Z', cn);
    const code = first.findings.find((f) => f.code.startsWith('SIG_LOGIN_') && f.code.includes('COUNTRY'))!.code;
    const cl = clearing(first, [code]);
    const more = evaluation('2026-12-06T11:00:00Z', [...cn, login('36.100.1.11', 600)]);
    const again = more.findings.find((f) => f.code === code)!;
    expect({ message: again.message, evidence: again.evidence }).toEqual({
      message: first.findings.find((f) => f.code === code)!.message,
      evidence: first.findings.find((f) => f.code === code)!.evidence,
    });
    expect(codesInForce([first, more], cl)).toContain(code);
  });

  it('a finding whose rule records no basis counts again whenever it is recorded after the clearance', () => {
    const bare: Finding = { code: 'SIG_LOGIN_MANY_IPS', stage: 'signals', severity: 'medium', message: 'Many addresses in an hour.', hardStop: false, evidence: [] };
    const e = (recordedAt: string): EvidenceRecord => ({ caseId: 'ob_1', stage: 'signals', runId: recordedAt, recordedAt, inputs: { total: 1 }, findings: [bare] });
    const cl = clearing(e('2026-12-06T09:00:00Z'), ['SIG_LOGIN_MANY_IPS']);
    expect(cl.findings).toEqual([]);
    expect(codesInForce([e('2026-12-06T09:00:00Z')], cl)).toEqual([]);
    expect(codesInForce([e('2026-12-06T11:00:00Z')], cl)).toEqual(['SIG_LOGIN_MANY_IPS']);
  });

  it('a clearance given before digests were kept clears only what was recorded up to it', () => {
    const { findings: _kept, ...older } = cleared;
    const after = evaluation('2026-12-06T11:00:00Z', [...dprk, login('83.10.0.1', 60)]);
    expect(codesInForce([before], older)).not.toContain('SIG_DPRK_IP');
    expect(codesInForce([before, after], older)).toContain('SIG_DPRK_IP');
  });

  it('the basis does not depend on the order the platform sent the logins in', () => {
    const logins = [login('175.45.176.10', 0), login('175.45.178.10', 5), login('83.10.0.1', 9)];
    const dprkOf = (ls: LoginSignal[]) => evaluate(ls).find((f) => f.code === 'SIG_DPRK_IP')!.basis;
    expect(dprkOf([...logins].reverse())).toBe(dprkOf(logins));
  });
});
