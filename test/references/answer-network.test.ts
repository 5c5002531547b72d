import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../shared/domain/cases/case-model';
import { ipFingerprints } from '../../shared/domain/cases/fingerprints';
import { referenceAnswerPrints, referenceNetworkFindings } from '../../shared/domain/references/answer-network';

const key = Buffer.alloc(32, 7);
const prints = (ip: string) => ipFingerprints(key, ip).map((p) => p.hmac);
const answer = (runId: string, ip?: string) =>
  ({ stage: 'references', runId, inputs: { employer: 'Example Software' }, findings: [], data: { answer: {}, ...(ip ? { answeredFrom: prints(ip) } : {}) } }) as unknown as EvidenceRecord;

describe('a reference answer compared with the contractor’s addresses', () => {
  it('reads the answers that came with an address, in run order; other evidence is not one', () => {
    const evidence = [answer('reference-1', '83.10.0.2'), answer('reference-0'), { stage: 'signals', runId: 'x', data: { answeredFrom: ['a'] } } as unknown as EvidenceRecord];
    expect(referenceAnswerPrints(evidence).map((a) => a.runId)).toEqual(['reference-1']);
  });

  it('the same address, or the same IPv6 home network (/64), is the contractor’s: one finding with a stable basis', () => {
    const [a] = referenceAnswerPrints([answer('reference-0', '2a02:a311:1:2::5')]);
    const same = referenceNetworkFindings([a!], new Set(prints('2a02:a311:1:2:aaaa::9')), new Map());
    expect(same.map((f) => f.code)).toEqual(['SIG_REFERENCE_FROM_APPLICANT_NETWORK']);
    expect(same[0]!.severity).toBe('high');
    expect(same[0]!.basis).toBe(referenceNetworkFindings([a!], new Set(prints('2a02:a311:1:2:aaaa::9')), new Map())[0]!.basis);
    // Another /64 of the same provider is someone else.
    expect(referenceNetworkFindings([a!], new Set(prints('2a02:a311:1:3::5')), new Map())).toEqual([]);
  });

  it('an IPv4 address spelled as IPv6 (::ffff:) is the same address; a neighbour in the same /24 is not', () => {
    const [a] = referenceAnswerPrints([answer('reference-0', '83.10.0.2')]);
    expect(referenceNetworkFindings([a!], new Set(prints('::ffff:83.10.0.2')), new Map()).map((f) => f.code)).toEqual(['SIG_REFERENCE_FROM_APPLICANT_NETWORK']);
    expect(referenceNetworkFindings([a!], new Set(prints('83.10.0.3')), new Map())).toEqual([]);
  });

  it('another applicant seen at the address: a finding naming them', () => {
    const [a] = referenceAnswerPrints([answer('reference-0', '83.10.0.2')]);
    const [f] = referenceNetworkFindings([a!], new Set(), new Map([['reference-0', ['ob_other']]]));
    expect(f!.code).toBe('SIG_REFERENCE_FROM_OTHER_APPLICANT_NETWORK');
    expect(f!.message).toContain('ob_other');
  });
});
