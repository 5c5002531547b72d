import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../shared/domain/cases/case-model';
import { clearancesRequired, complianceOwners, holdOutcome } from '../../shared/domain/cases/hold-votes';
import { casePageView, clearOnlyByComplianceTeam } from '../../shared/domain/links/case-page-view';
import type { LinkRecord } from '../../shared/domain/links/link-model';
import { onboardingRequestSchema } from '../../shared/domain/schemas/onboarding';
import * as z from '../../shared/domain/schemas/zod';
import fixture from '../fixtures/onboarding-request.json' with { type: 'json' };

/**
 * Issue 12: who owns a hold, and who may clear it. The reviewers an HRIS names come with the request, so the
 * requester chooses their addresses: one person with two mailboxes (rita.smith@ and ritasmith@, or two domains)
 * is two "different" reviewers to any comparison of addresses. They may confirm a hold, never clear it.
 */
const reviewers = [
  { name: 'Rita Smith', email: 'rita.smith@example.com' },
  { name: 'R. Smith', email: 'ritasmith@example.org' },
];

describe("complianceOwners: the hold always has an owner, and only the operator's staff may clear it", () => {
  it('the compliance pool owns the hold and may clear it', () => {
    expect(complianceOwners({ compliance: ['ines@corp.example'], escalation: ['esc@corp.example'] }, reviewers)).toEqual({
      recipients: [{ email: 'ines@corp.example', name: 'ines@corp.example' }],
      mayClear: true,
    });
  });
  it("an empty compliance pool falls back to the escalation pool, still the operator's staff", () => {
    expect(complianceOwners({ compliance: [], escalation: ['esc@corp.example'] }, reviewers)).toMatchObject({ fallback: 'escalation-pool', mayClear: true });
  });
  it("with neither pool, the HRIS's reviewers own the hold but may only confirm it", () => {
    const owners = complianceOwners({ compliance: [], escalation: [] }, reviewers);
    expect(owners).toMatchObject({ fallback: 'case-reviewers', mayClear: false });
    expect(owners.recipients.map((r) => r.email)).toEqual(reviewers.map((r) => r.email));
  });
  const oneReason = [{ source: 'signals' as const, at: '2026-12-06T09:00:00Z', reason: 'A login from DPRK address space', findings: ['SIG_DPRK_IP'] }];
  it('why it matters: two mailboxes of one person count as two people once clearing is allowed', () => {
    const votes = reviewers.map((r) => ({ by: r.email, name: r.name, at: '2026-12-06T10:00:00Z', outcome: 'clear' as const, reason: 'namesake' }));
    expect(holdOutcome(votes, clearancesRequired({}, true), { ignorePlusTags: true }, oneReason)?.outcome).toBe('cleared');
  });
});

describe('the compliance page of a link that may only confirm', () => {
  const application = z.parse(onboardingRequestSchema, fixture);
  const c: CaseRecord = {
    id: 'ob_1',
    clientId: 'hris',
    externalId: 'x-1',
    status: 'compliance-hold',
    version: 3,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-02T00:00:00Z',
    executionName: 'ob-1',
    application,
    stages: {},
    hold: {
      since: '2026-01-02T00:00:00Z',
      previousStatus: 'awaiting-approval',
      sources: [{ source: 'rescreen', at: '2026-01-02T00:00:00Z', reason: 'listed', findings: ['SCR_STRONG_MATCH'] }],
      hardStop: false,
    },
  };
  const link = (actions: LinkRecord['actions']): LinkRecord => ({
    tokenHash: 'h',
    caseId: 'ob_1',
    task: 'compliance',
    callbackId: 'cb1',
    purpose: 'compliance-review',
    actions,
    recipient: { name: 'Rita Smith', email: 'rita.smith@example.com', role: 'compliance' },
    createdAt: '2026-01-02T00:00:00Z',
    expiresAt: '2026-01-04T00:00:00Z',
  });
  const view = (actions: LinkRecord['actions']) => casePageView({ c, evidence: [], audit: [], link: link(actions), csrf: 'x', clearancesRequired: 2 }).actions;

  it('offers confirm and clear to the compliance team', () => {
    expect(view(['confirm-hold', 'clear-hold'])).toEqual({ allowed: ['confirm-hold', 'clear-hold'] });
  });
  it('offers confirm only, and says why, when the link was issued without clear', () => {
    expect(view(['confirm-hold'])).toEqual({ allowed: ['confirm-hold'], approveBlockedReason: clearOnlyByComplianceTeam });
  });
});
