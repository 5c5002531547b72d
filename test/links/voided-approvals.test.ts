import { describe, expect, it } from 'vitest';
import type { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import type { LinkRepository } from '../../shared/adapters/dynamodb/link-repository';
import { tellVoidedApprovers, type VoidedApprovalDeps } from '../../shared/app/links/voided-approvals';
import { findingsSeen } from '../../shared/domain/cases/approval-votes';
import type { CaseRecord, EvidenceRecord } from '../../shared/domain/cases/case-model';
import type { RenderedEmail } from '../../shared/domain/email/rendered-email';
import { finding } from '../../shared/domain/finding';
import type { LinkRecord, PendingCallback } from '../../shared/domain/links/link-model';
import { onboardingRequestSchema } from '../../shared/domain/schemas/onboarding';
import * as z from '../../shared/domain/schemas/zod';
import fixture from '../fixtures/onboarding-request.json' with { type: 'json' };

/**
 * The giver of a first approval a new finding voided is told, with a fresh link, exactly once per voided approval
 * (shared/app/links/voided-approvals.ts). In memory: the claim, the link store and the mail are fakes; time is an input.
 */
describe('tellVoidedApprovers', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const docFinding = finding({ code: 'DOC_EXPIRING_SOON', stage: 'document', severity: 'low', message: 'The passport expires within six months.' });
  const telegram = finding({ code: 'SIG_OFF_PLATFORM_REQUEST', stage: 'signals', severity: 'medium', message: 'The contractor asked to move to Telegram.' });
  const evidence = (findings: ReturnType<typeof finding>[][]): EvidenceRecord[] =>
    findings.map((f, i) => ({ caseId: 'ob_1', stage: i ? 'signals' : 'document', runId: `run-${i}`, recordedAt: `2026-12-0${i + 1}T09:00:00Z`, inputs: {}, findings: f }));
  const before = evidence([[docFinding]]);
  const after = evidence([[docFinding], [telegram]]);
  const rita = { callbackId: 'cb-1', by: 'rita@corp.example', name: 'Rita Reviewer', at: '2026-12-05T10:00:00Z', reason: 'Documents fine.', seen: findingsSeen({}, before) };
  const caseWith = (over: Partial<CaseRecord> = {}): CaseRecord => ({
    id: 'ob_1',
    clientId: 'hris',
    externalId: 'x-1',
    status: 'awaiting-approval',
    version: 7,
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-06T00:00:00Z',
    executionName: 'ob-1',
    application: z.parse(onboardingRequestSchema, fixture),
    stages: {},
    pendingApprovals: [rita],
    ...over,
  });
  const pc: PendingCallback = { caseId: 'ob_1', task: 'approval', callbackId: 'cb-1', taskToken: 't', issuedAt: '2026-12-05T09:00:00Z', deadline: '2026-12-09T09:00:00Z', state: 'waiting' };

  function world(c: CaseRecord, ev: EvidenceRecord[], failMails = 0) {
    const claims = new Set<string>();
    const links: LinkRecord[] = [];
    const mails: { to: string; mail: RenderedEmail }[] = [];
    const audits: string[] = [];
    let failures = failMails;
    const deps: VoidedApprovalDeps = {
      repo: {
        getCaseWithEvidence: async () => ({ c, evidence: ev }),
        claimOnce: async (_id: string, marker: string) => (claims.has(marker) ? false : (claims.add(marker), true)),
        releaseClaim: async (_id: string, marker: string) => void claims.delete(marker),
      } as unknown as CaseRepository,
      links: {
        getPendingCallback: async (_id: string, task: string) => (task === pc.task ? pc : undefined),
        putLink: async (l: LinkRecord) => void links.push(l),
      } as unknown as LinkRepository,
      mint: async () => ({ linkKey: Buffer.alloc(32, 1), baseUrl: 'https://vetflow.example', reminderLeadMs: 12 * 3_600_000 }),
      send: async (to, mail) => {
        if (failures-- > 0) throw new Error('the mail service refused');
        mails.push({ to, mail });
      },
      audit: async (_id, _actor, action) => void audits.push(action),
    };
    return { deps, links, mails, audits };
  }

  it('tells the giver of the voided approval, with a fresh link of their own to the same round; a re-run tells nobody again', async () => {
    const w = world(caseWith(), after);
    expect(await tellVoidedApprovers(w.deps, 'ob_1', now)).toBe(1);
    expect(w.mails).toHaveLength(1);
    expect(w.mails[0]!.to).toBe(rita.by);
    expect(w.mails[0]!.mail.subject).toMatch(/Your approval no longer counts/);
    expect(w.mails[0]!.mail.text).toMatch(/needs your decision again/);
    expect(w.mails[0]!.mail.text).toMatch(/Telegram/);
    expect(w.links).toHaveLength(1);
    expect(w.links[0]).toMatchObject({
      caseId: 'ob_1',
      task: 'approval',
      callbackId: 'cb-1',
      purpose: 'review',
      actions: ['approve', 'reject', 'request-info'],
      recipient: { email: rita.by, role: 'reviewer' },
    });
    expect(w.links[0]!.remindAt).toBeDefined();
    expect(w.mails[0]!.mail.text).toContain('https://vetflow.example/links/');
    expect(w.audits).toEqual(['decision.approval-voided']);

    expect(await tellVoidedApprovers(w.deps, 'ob_1', now)).toBe(0);
    expect(w.mails).toHaveLength(1);
  });

  it('a mail that fails gives the claim back: the retried step sends it, once', async () => {
    const w = world(caseWith(), after, 1);
    await expect(tellVoidedApprovers(w.deps, 'ob_1', now)).rejects.toThrow(/refused/);
    expect(w.mails).toHaveLength(0);
    expect(await tellVoidedApprovers(w.deps, 'ob_1', now)).toBe(1);
    expect(await tellVoidedApprovers(w.deps, 'ob_1', now)).toBe(0);
    expect(w.mails).toHaveLength(1);
  });

  it('a new approval by the same reviewer, voided again later, is a voiding of its own: told again', async () => {
    const w = world(caseWith(), after);
    expect(await tellVoidedApprovers(w.deps, 'ob_1', now)).toBe(1);
    const again = { ...rita, at: '2026-12-06T10:00:00Z', seen: findingsSeen({}, after) };
    const signal = finding({ code: 'SIG_OFF_PLATFORM_REQUEST', stage: 'signals', severity: 'medium', message: 'The contractor asked to move to Signal.' });
    const later: EvidenceRecord[] = [...after, { caseId: 'ob_1', stage: 'signals', runId: 'run-9', recordedAt: '2026-12-06T12:00:00Z', inputs: {}, findings: [telegram, signal] }];
    const w2 = { ...w.deps, repo: { ...w.deps.repo, getCaseWithEvidence: async () => ({ c: caseWith({ pendingApprovals: [rita, again] }), evidence: later }) } as unknown as CaseRepository };
    expect(await tellVoidedApprovers(w2, 'ob_1', now)).toBe(1);
    expect(w.mails).toHaveLength(2);
  });

  it('tells nobody when the approval still stands, belongs to an earlier round, its giver approved again since, or the case no longer waits for reviewers', async () => {
    for (const [c, ev] of [
      [caseWith(), before],
      [caseWith({ pendingApprovals: [{ ...rita, callbackId: 'cb-0' }] }), after],
      [caseWith({ status: 'compliance-hold' }), after],
      // Rita approved again since, having seen the new finding: her standing approval is her answer.
      [caseWith({ pendingApprovals: [rita, { ...rita, at: '2026-12-06T10:00:00Z', seen: findingsSeen({}, after) }] }), after],
      [caseWith({ pendingApprovals: [] }), after],
    ] as const) {
      const w = world(c, [...ev]);
      expect(await tellVoidedApprovers(w.deps, 'ob_1', now)).toBe(0);
      expect(w.mails).toHaveLength(0);
    }
  });
});
