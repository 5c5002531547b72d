import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { documentImageFingerprints } from '../../shared/domain/cases/fingerprints';
import { DOC_CODES } from '../../shared/domain/document/doc-codes';
import { sharedImageFindings } from '../../shared/domain/document/shared-images';

describe('identical document images across applicants', () => {
  it('no linked case, no finding', () => {
    expect(sharedImageFindings([])).toEqual([]);
  });

  it('linked cases are named once each, sorted, in the evidence', () => {
    const [f] = sharedImageFindings([
      { caseId: 'ob_b', status: 'awaiting-interview' },
      { caseId: 'ob_a', status: 'checking' },
      { caseId: 'ob_b', status: 'awaiting-interview' },
    ]);
    expect(f!.code).toBe(DOC_CODES.imageSharedWithOtherApplicant);
    expect(f!.severity).toBe('high');
    expect(f!.message).toContain('2 other applicants');
    expect(f!.evidence[0]!.detail!.linkedCases).toEqual([
      { caseId: 'ob_a', status: 'checking' },
      { caseId: 'ob_b', status: 'awaiting-interview' },
    ]);
  });

  it.each(['compliance-hold', 'rejected'])('an image shared with a case that is %s is critical', (status) => {
    expect(sharedImageFindings([{ caseId: 'ob_a', status }])[0]!.severity).toBe('critical');
  });

  it('fingerprints are keyed and one per distinct image (hex case does not matter)', () => {
    const key = randomBytes(32);
    const h = 'ab'.repeat(32);
    const prints = documentImageFingerprints(key, [h, h.toUpperCase(), 'cd'.repeat(32)]);
    expect(prints).toHaveLength(2);
    expect(prints.every((p) => p.kind === 'document-image' && !p.hmac.includes(h))).toBe(true);
    expect(documentImageFingerprints(randomBytes(32), [h])[0]!.hmac).not.toBe(prints[0]!.hmac);
  });
});
