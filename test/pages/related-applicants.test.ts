import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../shared/domain/cases/case-model';
import { evidenceInForce } from '../../shared/domain/cases/latest-findings';
import { relatedApplicantsOf } from '../../shared/domain/links/related-applicants';
import { linkFindings } from '../../shared/app/cases/link-findings';

const rec = (stage: EvidenceRecord['stage'], runId: string, data: Record<string, unknown>, findings: EvidenceRecord['findings'] = []): EvidenceRecord => ({
  caseId: 'ob_self',
  stage,
  runId,
  recordedAt: '2026-03-01T00:00:00Z',
  inputs: { total: 1 },
  findings,
  data,
});

describe('links to other applicants on the case page', () => {
  it('lists the payout account and the shipping address, found by this case or by a later applicant', () => {
    const back = linkFindings([{ caseId: 'ob_later', status: 'awaiting-interview', kind: 'shipping-address' }]);
    const inForce = evidenceInForce([
      rec('bank', 'bank-1', { linkedCases: ['ob_bank'] }),
      rec('signals', 'signals-1', {
        batch: [],
        shippingLinks: [
          { caseId: 'ob_earlier', status: 'compliance-hold', kind: 'shipping-address' },
          { caseId: 'ob_bank', status: 'approved', kind: 'shipping-address' },
        ],
      }),
      rec('links', 'signals-ob_later', { linkedCases: ['ob_later'] }, back),
    ]);
    expect(relatedApplicantsOf(inForce)).toEqual([
      { label: 'ob_bank', sharedAttributes: ['bank account', 'equipment shipping address'] },
      { label: 'ob_earlier', sharedAttributes: ['equipment shipping address'] },
      { label: 'ob_later', sharedAttributes: ['equipment shipping address'] },
    ]);
    expect(back[0]!.code).toBe('LINK_SHARED_SHIPPING_ADDRESS');
    expect(back[0]!.message).toMatch(/laptop-farm pattern/);
  });
});
