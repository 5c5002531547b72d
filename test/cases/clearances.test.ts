import { describe, expect, it } from 'vitest';
import type { Clearance, EvidenceRecord } from '../../shared/domain/cases/case-model';
import { findingDigest, findingsInForce } from '../../shared/domain/cases/latest-findings';
import type { Finding } from '../../shared/domain/finding';

const dprkLogin = (ips: string[], logins = ips.length): Finding => ({
  code: 'SIG_DPRK_IP',
  stage: 'signals',
  severity: 'critical',
  message: `${logins} login(s) came from North Korean address space. This is a sanctions hard stop.`,
  hardStop: true,
  evidence: ips.map((ip) => ({ kind: 'login', field: 'ip', detail: { ip, time: '2026-11-25T10:05:00Z', country: 'KP', asn: 131279, org: 'Star JV' } })),
});
const evaluation = (recordedAt: string, total: number, findings: Finding[]): EvidenceRecord => ({ caseId: 'ob_1', stage: 'signals', runId: `r${total}`, recordedAt, inputs: { total }, findings });
const clearance = (f: Finding): Clearance => ({ at: '2026-12-06T10:00:00Z', by: ['ines@x.com', 'jonas@x.com'], codes: [f.code], reasons: ['a test range'], findings: [findingDigest(f)] });

describe('what a clearance clears when the same finding is recorded again', () => {
  const cleared = dprkLogin(['175.45.176.10']);
  const before = evaluation('2026-12-06T09:00:00Z', 1, [cleared]);

  it('the very finding cleared, recorded again by a later evaluation (a harmless login beside it), stays cleared', () => {
    const after = evaluation('2026-12-06T11:00:00Z', 2, [dprkLogin(['175.45.176.10'])]);
    expect(findingsInForce([before, after], [clearance(cleared)])).toEqual([]);
  });

  it('a change to it counts again: another address in DPRK space, or another login from the cleared one', () => {
    const otherAddress = evaluation('2026-12-06T11:00:00Z', 2, [dprkLogin(['175.45.176.10', '175.45.178.20'])]);
    expect(findingsInForce([before, otherAddress], [clearance(cleared)]).map((f) => f.code)).toEqual(['SIG_DPRK_IP']);
    const againFromIt = evaluation('2026-12-06T11:00:00Z', 2, [dprkLogin(['175.45.176.10'], 2)]);
    expect(findingsInForce([before, againFromIt], [clearance(cleared)]).map((f) => f.code)).toEqual(['SIG_DPRK_IP']);
  });

  it('a clearance given before findings were kept clears only what was recorded up to it, as before', () => {
    const { findings: _kept, ...older } = clearance(cleared);
    const after = evaluation('2026-12-06T11:00:00Z', 2, [dprkLogin(['175.45.176.10'])]);
    expect(findingsInForce([before], [older])).toEqual([]);
    expect(findingsInForce([before, after], [older]).map((f) => f.code)).toEqual(['SIG_DPRK_IP']);
  });

  it('the digest ignores key order and is the same for a finding read back from the database', () => {
    const readBack = JSON.parse(JSON.stringify({ evidence: cleared.evidence, message: cleared.message, code: cleared.code, stage: 'signals', severity: 'critical', hardStop: true })) as Finding;
    expect(findingDigest(readBack)).toBe(findingDigest(cleared));
  });
});
