import { describe, expect, it } from 'vitest';
import {
  NoVendor,
  vendorFindings,
  type IdentityVerificationResult,
  type IdentityVerificationVendor,
} from '../../shared/document/verification-vendor';
import { DOC_CODES } from '../../shared/document/doc-codes';

const pass = { status: 'pass' as const, score: 0.98 };
const result = (over: Partial<IdentityVerificationResult> = {}): IdentityVerificationResult => ({
  vendor: 'acme-idv',
  reference: 'chk_1',
  completedAt: '2026-03-01T10:00:00Z',
  documentAuthenticity: pass,
  liveness: pass,
  faceMatch: pass,
  ...over,
});
const summary = (r: IdentityVerificationResult) =>
  vendorFindings({ status: 'completed', result: r }).map((f) => [f.code, f.severity, f.evidence[0]!.field]);

describe('identity-verification vendor port', () => {
  it('NoVendor calls nothing and yields DOC_VENDOR_NOT_CONFIGURED (info)', async () => {
    const vendor: IdentityVerificationVendor = new NoVendor();
    const outcome = await vendor.verify({ caseId: 'c', documentType: 'passport', issuingCountry: 'PL', files: [] });
    expect(outcome).toEqual({ status: 'not-configured' });
    expect(vendorFindings(outcome).map((f) => [f.code, f.severity])).toEqual([[DOC_CODES.vendorNotConfigured, 'info']]);
  });

  it('all checks passing gives no findings', () => {
    expect(summary(result())).toEqual([]);
  });

  it('each failed check maps to its own high finding', () => {
    expect(summary(result({ documentAuthenticity: { status: 'fail', reasons: ['digital_tampering'] } }))).toEqual([
      [DOC_CODES.vendorDocumentNotAuthentic, 'high', 'documentAuthenticity'],
    ]);
    expect(summary(result({ liveness: { status: 'fail', reasons: ['screen_replay'] } }))).toEqual([
      [DOC_CODES.vendorLivenessFailed, 'high', 'liveness'],
    ]);
    expect(summary(result({ faceMatch: { status: 'fail', score: 0.12 } }))).toEqual([
      [DOC_CODES.vendorFaceMismatch, 'high', 'faceMatch'],
    ]);
  });

  it('inconclusive is medium, not performed is low', () => {
    expect(summary(result({ liveness: { status: 'inconclusive' }, faceMatch: { status: 'not-performed' } }))).toEqual([
      [DOC_CODES.vendorInconclusive, 'medium', 'liveness'],
      [DOC_CODES.vendorInconclusive, 'low', 'faceMatch'],
    ]);
  });

  it('a vendor error is DOC_VENDOR_ERROR (medium)', () => {
    const f = vendorFindings({ status: 'error', vendor: 'acme-idv', error: 'timeout' });
    expect(f.map((x) => [x.code, x.severity])).toEqual([[DOC_CODES.vendorError, 'medium']]);
  });
});
