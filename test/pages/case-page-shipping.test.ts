import { describe, expect, it } from 'vitest';
import type { CaseRecord, EvidenceRecord } from '../../shared/domain/cases/case-model';
import { linkFindings } from '../../shared/app/cases/link-findings';
import { casePageView } from '../../shared/domain/links/case-page-view';
import type { LinkRecord } from '../../shared/domain/links/link-model';
import { renderCasePage } from '../../shared/domain/pages/case-page';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import { onboardingRequestSchema } from '../../shared/domain/schemas/onboarding';
import * as z from '../../shared/domain/schemas/zod';
import { evaluateSignals } from '../../shared/domain/signals/evaluate-signals';
import type { Signal } from '../../shared/domain/signals/signal-schema';
import { fixtureIpIntel as ipIntel } from '../signals/ip-fixture';
import fixture from '../fixtures/onboarding-request.json' with { type: 'json' };

/** Issue 18: the reviewer's case page explains the shipping findings and shows the address masked only. */
describe('case page: laptop-farm findings', () => {
  const application = z.parse(onboardingRequestSchema, fixture);
  const signals: Signal[] = [
    {
      type: 'shipping-address',
      time: '2026-03-01T10:00:00Z',
      address: { line1: '12 Wilshire Boulevard', line2: 'Apt 4B', city: 'Los Angeles', postalCode: '90017', country: 'US' },
      shipDate: '2026-03-10',
    },
    {
      type: 'shipping-address',
      time: '2026-03-08T10:00:00Z',
      address: { line1: '4400 Northeast Seventyseventh Avenue', line2: 'Shipito Suite 275', city: 'Portland', postalCode: '97218', country: 'US' },
    },
  ];
  const findings = [
    ...evaluateSignals({ signals, application: { residenceCountry: 'PL' }, ipIntel, policy: loadPolicy() }),
    ...linkFindings([{ caseId: 'ob_other', status: 'compliance-hold', kind: 'shipping-address' }]),
  ];
  const evidence: EvidenceRecord[] = [
    {
      caseId: 'ob_1',
      stage: 'signals',
      runId: 's1',
      recordedAt: '2026-03-08T10:00:01Z',
      inputs: { total: 2 },
      findings,
      data: { batch: signals, shippingLinks: [{ caseId: 'ob_other', status: 'compliance-hold', kind: 'shipping-address' }] },
    },
  ];
  const c: CaseRecord = {
    id: 'ob_1',
    clientId: 'hris',
    externalId: 'x-1',
    status: 'awaiting-approval',
    version: 1,
    createdAt: '2026-03-01T00:00:00Z',
    updatedAt: '2026-03-08T00:00:00Z',
    executionName: 'ob-1',
    application,
    stages: {},
  };
  const link: LinkRecord = {
    tokenHash: 'h',
    caseId: 'ob_1',
    task: 'approval',
    callbackId: 'cb1',
    purpose: 'review',
    actions: ['approve', 'reject', 'request-info'],
    recipient: { name: 'Rita Reviewer', email: 'rita.reviewer@example.com', role: 'reviewer' },
    createdAt: '2026-03-08T00:00:00Z',
    expiresAt: '2026-03-10T00:00:00Z',
  };
  const page = renderCasePage(casePageView({ c, evidence, audit: [], link, csrf: 'x' }));

  it('explains each finding: the change before shipping, the forwarder, the shared address with a held applicant', () => {
    expect(findings.map((f) => f.code)).toEqual(expect.arrayContaining(['SIG_SHIPPING_CHANGED_BEFORE_SHIPPING', 'SIG_SHIPPING_FORWARDER', 'LINK_SHARED_SHIPPING_ADDRESS']));
    expect(page).toContain('SIG_SHIPPING_CHANGED_BEFORE_SHIPPING');
    expect(page).toContain('within 7 day(s) of shipping');
    expect(page).toContain('package forwarder (Shipito)');
    expect(page).toContain('laptop-farm pattern');
    // The linked applicant in the links table, by case id, with what is shared.
    expect(page).toMatch(/ob_other<\/td><td>equipment shipping address/);
  });

  it('shows the addresses masked: the street reduced to initials, the number, unit, city and country kept', () => {
    expect(page).toContain('12 W… B…, unit 4B, 90017 Los Angeles, US');
    expect(page).not.toContain('Wilshire');
    expect(page).not.toContain('Seventyseventh');
  });
});
