import * as fs from 'node:fs';
import * as path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbLocal } from '../../infra/local/dynamodb-local';
import type { LocalRuntime } from '../../infra/local/runtime';
import { appendAuditEvent, type AuditEvent } from '../../shared/domain/audit/chain';
import type { CaseRecord, CaseStatus } from '../../shared/domain/cases/case-model';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import type { HoldInput } from '../../shared/app/cases/hold-case';
import { propagateLinks, type LaterApplicant, type PropagateDeps } from '../../shared/app/cases/propagate-links';
import { propagateHold } from '../../shared/app/cases/hold-links';
import type { LinkedCase } from '../../shared/app/cases/linked-applicants';
import { recheckLinksBeforeApproval, type RecheckDeps } from '../../shared/app/cases/recheck-links';
import { linkedCaseIds } from '../../shared/domain/cases/linked-evidence';
import { distinctApplicant } from '../support/applicants';
import type { RenderedEmail } from '../../shared/domain/email/rendered-email';
import { defaultPolicy } from '../../shared/domain/policy/default-policy';
import { parsePolicyObject } from '../../shared/domain/policy/policy-document';
import { verifyStoredAudit } from '../../shared/app/records/audit-trail';
import { findingsInForce } from '../../shared/domain/cases/latest-findings';
import { riskSummaryOf } from '../../shared/domain/cases/risk-summary';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import { decideRisk } from '../../shared/domain/risk/decide';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import { startCaseTable } from '../support/case-table';
import { completeInterview, loadRequest, openLink, postOnboarding, startTestRuntime, startToApproval, submitForm, waitFor, waitForMail, waitForStatus } from '../support/local-runtime';

/**
 * Issue 12 item 9, links both ways: when a later applicant's checks link them to an earlier one, the
 * earlier case carries the finding too (naming the later case), its risk is decided again, and, approved
 * already, the compliance pool is told (or, on a hard stop the policy draws from the link, it is held).
 */
describe('links both ways, on the local runtime', () => {
  let rt: LocalRuntime & { apiKey: string };
  let repo: CaseRepository;
  beforeAll(async () => {
    rt = await startTestRuntime();
    repo = new CaseRepository(DynamoDBDocumentClient.from(rt.dynamo.client), rt.tableName);
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('the earlier of two applicants sharing a bank account carries the link finding after the later one is checked', async () => {
    const first = await postOnboarding(
      rt,
      loadRequest((r) => {
        r.externalId = 'both-a';
        r.contractor.email = 'both-a@example.pl';
      }),
      'both-ways-0001',
    );
    const earlier = first.body.id as string;
    await waitForStatus(rt, earlier, ['awaiting-interview', 'compliance-hold']);
    expect((await repo.listEvidence(earlier)).filter((e) => e.stage === 'links')).toEqual([]);

    // The same payout account and phone; another person by external id and email.
    const second = await postOnboarding(
      rt,
      loadRequest((r) => {
        r.externalId = 'both-b';
        r.contractor.email = 'both-b@example.pl';
      }),
      'both-ways-0002',
    );
    const later = second.body.id as string;
    await waitForStatus(rt, later, ['awaiting-interview', 'compliance-hold']);

    // Both of the later case's stages that found a link (bank: the account; public records: the phone and the reference).
    const links = await waitFor(
      'the earlier case to carry both links',
      () => repo.listEvidence(earlier).then((ev) => ev.filter((e) => e.stage === 'links')),
      (l) => l.length === 2,
    );
    const codes = links.flatMap((e) => e.findings.map((f) => f.code)).sort();
    expect(codes).toEqual(['BANK_SHARED_ACCOUNT', 'LINK_SHARED_CONTACT', 'LINK_SHARED_REFERENCE']);
    for (const e of links) {
      expect(e.data?.linkedCases).toEqual([later]);
      expect(JSON.stringify(e.findings)).toContain(later);
    }

    // Its risk decided again over the evidence in force, stored on the case and audited.
    const audit = await waitFor(
      'the re-decision',
      () => repo.listAudit(earlier),
      (a) => a.filter((e) => e.action === 'risk.re-decided').length === 2,
    );
    expect(audit.filter((e) => e.action === 'links.found-by-later-applicant')).toHaveLength(2);
    const c = await repo.mustGetCase(earlier);
    // The stored risk is the decision over the evidence in force, the back-links included (the test policy
    // weighs links at 0 so that the tests' shared fixture applicant is not held: the score stays).
    const inForce = findingsInForce(await repo.listEvidence(earlier), c.clearances);
    expect(inForce.map((f) => f.code)).toEqual(expect.arrayContaining(['BANK_SHARED_ACCOUNT', 'LINK_SHARED_CONTACT']));
    expect(c.risk).toEqual(riskSummaryOf(decideRisk({ findings: inForce, policy: loadPolicy(path.join(import.meta.dirname, '..', 'fixtures', 'test-policy.json')) })));
    expect(audit.filter((e) => e.action === 'risk.re-decided').map((e) => (e.data as Record<string, unknown>).laterCase)).toEqual([later, later]);
    // No status of its own: the case waits for its interview still, or is held through the hold use case.
    if (c.status === 'compliance-hold') expect(c.hold?.sources.map((s) => s.source)).toContain('linked-applicant');
    else expect(c.status).toBe('awaiting-interview');
    expect((await verifyStoredAudit(repo, earlier)).ok).toBe(true);

    // The later case is not told about itself.
    expect((await repo.listEvidence(later)).filter((e) => e.stage === 'links')).toEqual([]);
  });

  it('two applicants the fingerprint index showed neither to the other (a lagging GSI): the approval finds the link, holds the case and tells the other', async () => {
    // A reaches the reviewers, B its interview; nothing links them (different people, test/support/applicants.ts).
    const a = await startToApproval(rt, 'late-link-a', (r) => {
      const d = distinctApplicant(1, 'late');
      Object.assign(r, { contractor: d.contractor, document: d.document, payment: d.payment, employment: d.employment, reviewers: d.reviewers });
    });
    const b = (await postOnboarding(rt, distinctApplicant(0, 'late'), 'late-b-key-0001')).body.id as string;
    await waitForStatus(rt, b, 'awaiting-interview');
    expect(linkedCaseIds(await repo.listEvidence(a.id)).has(b)).toBe(false);
    // B gave A's phone number, and on AWS the index answered both intakes before it had the other's fingerprint
    // (DynamoDB Local's index is consistent, so the test writes B's fingerprint as the lagging index shows it later).
    const phone = (await repo.fingerprintsOf(a.id)).find((p) => p.kind === 'phone')!;
    await repo.putFingerprints(b, [phone]);

    const page = await openLink(a.reviewerLinks[0]);
    const approvedAt = Date.now();
    expect((await submitForm(a.reviewerLinks[0], { csrf: page.csrf, view: page.view, action: 'approve', reason: 'Documents and interview consistent.' })).status).toBe(200);
    const held = await waitForStatus(rt, a.id, ['compliance-hold', 'approved']);
    expect(held.status).toBe('compliance-hold');
    expect(held.decision?.outcome).not.toBe('approved');
    const c = await repo.mustGetCase(a.id);
    expect(c.hold?.sources.map((s) => s.source)).toEqual(['linked-applicant']);
    expect(c.hold?.sources[0]!.reason).toContain(b);
    expect(c.hold?.previousStatus).toBe('awaiting-approval');
    // The link is on A's case page's evidence (recorded once) and in its risk; B was told of A.
    const late = (await repo.listEvidence(a.id)).filter((e) => e.stage === 'links');
    expect(late.map((e) => e.runId)).toEqual([`approval-recheck-${b}`]);
    expect(late[0]!.findings.map((f) => f.code)).toEqual(['LINK_SHARED_CONTACT']);
    expect(findingsInForce(await repo.listEvidence(a.id), c.clearances).map((f) => f.code)).toContain('LINK_SHARED_CONTACT');
    const told = await waitFor(
      'B to carry the link to A',
      () => repo.listEvidence(b).then((ev) => ev.filter((e) => e.stage === 'links')),
      (l) => l.length === 1,
    );
    expect(told[0]!.runId).toBe(`approval-${a.id}`);
    expect(told[0]!.data?.linkedCases).toEqual([a.id]);
    // The compliance review took over (its mail names the case), and the trail verifies.
    await waitFor(
      'the compliance review mail',
      async () => (await rt.mailbox.list()).filter((m) => /^Compliance hold/.test(m.subject) && m.subject.includes(a.request.externalId)),
      (l) => l.length >= 1,
    );
    expect((await repo.listAudit(a.id)).filter((e) => e.action === 'links.found-at-approval')).toHaveLength(1);

    // Compliance clears the hold (two different people): back to the reviewers, whose fresh page names B; their
    // approval now stands (the link was on the case before they voted again).
    const decide = async (to: string, reason: string) => {
      const link = (await waitForMail(rt, to, /compliance hold/i, approvedAt)).link;
      const form = await openLink(link);
      return submitForm(link, { csrf: form.csrf, action: 'clear-hold', reason, reasonsSeen: form.reasonsSeen });
    };
    expect((await decide('ines.compliance@example.com', 'Two colleagues sharing a company phone line; checked.')).status).toBe(200);
    const reviewAgainAt = Date.now();
    expect((await decide('jonas.compliance@example.com', 'Agree: shared office line, different people.')).status).toBe(200);
    await waitForStatus(rt, a.id, 'awaiting-approval');
    const { link: fresh } = await waitForMail(rt, a.request.reviewers[0].email, /approval needed/i, reviewAgainAt);
    const again = await openLink(fresh);
    expect(again.html).toContain(b);
    expect((await submitForm(fresh, { csrf: again.csrf, view: again.view, action: 'approve', reason: 'The shared line is explained.' })).status).toBe(200);
    expect((await waitForStatus(rt, a.id, ['approved', 'compliance-hold'])).status).toBe('approved');
    expect((await verifyStoredAudit(repo, a.id)).ok).toBe(true);
  });

  it('a link the checks missed is recorded at the reassessment after the interview: the reviewers see it, and their approval stands', async () => {
    const request = distinctApplicant(2, 'late');
    const a = (await postOnboarding(rt, request, 'late-reassess-a-0001')).body.id as string;
    const b = (await postOnboarding(rt, distinctApplicant(3, 'late'), 'late-reassess-b-0001')).body.id as string;
    await waitForStatus(rt, a, 'awaiting-interview');
    await waitForStatus(rt, b, 'awaiting-interview');
    // B gave A's phone; the lagging index showed neither intake the other (written here as it shows it later).
    const phone = (await repo.fingerprintsOf(a)).find((p) => p.kind === 'phone')!;
    await repo.putFingerprints(b, [phone]);

    await completeInterview(rt, a, request.contractor.email);
    await waitForStatus(rt, a, 'awaiting-approval');
    const links = (await repo.listEvidence(a)).filter((e) => e.stage === 'links');
    expect(links.map((e) => e.runId)).toEqual([`reassessment-recheck-${b}`]);
    expect(links[0]!.findings.map((f) => f.code)).toEqual(['LINK_SHARED_CONTACT']);
    const told = await waitFor(
      'B to carry the link to A',
      () => repo.listEvidence(b).then((ev) => ev.filter((e) => e.stage === 'links')),
      (l) => l.length === 1,
    );
    expect(told[0]!.runId).toBe(`reassessment-${a}`);
    expect((await repo.listAudit(a)).filter((e) => e.action === 'links.found-at-reassessment')).toHaveLength(1);

    // The reviewers' page shows the link; the test policy weighs it nothing, so the approval stands.
    const mails = await waitFor(
      'the approval mail',
      async () => (await rt.mailbox.list()).filter((m) => m.to.includes(request.reviewers[0].email) && /approval needed/i.test(m.subject)),
      (l) => l.length === 1,
    );
    const link = /http:\/\/localhost:\d+\/links\/[A-Za-z0-9_-]{43}/.exec(mails[0]!.text)![0];
    const page = await openLink(link);
    expect(page.html).toContain(b);
    expect((await submitForm(link, { csrf: page.csrf, view: page.view, action: 'approve', reason: 'Link to the other applicant reviewed.' })).status).toBe(200);
    expect((await waitForStatus(rt, a, ['approved', 'compliance-hold'])).status).toBe('approved');
    expect((await verifyStoredAudit(repo, a)).ok).toBe(true);
  });

  it('a second identity on the same mailbox (a sub-address tag, Gmail dots) is linked to the first by email', async () => {
    const first = distinctApplicant(4, 'late');
    first.contractor.email = 'anna.kowalska.late4+job1@gmail.com';
    const second = distinctApplicant(5, 'late');
    second.contractor.email = 'Anna.Kowalska.Late4+job2@googlemail.com';
    const a = (await postOnboarding(rt, first, 'late-mailbox-a-0001')).body.id as string;
    await waitForStatus(rt, a, 'awaiting-interview');
    const b = (await postOnboarding(rt, second, 'late-mailbox-b-0001')).body.id as string;
    await waitForStatus(rt, b, 'awaiting-interview');
    const contact = (await repo.listEvidence(b)).flatMap((e) => e.findings).find((f) => f.code === 'LINK_SHARED_CONTACT');
    expect(contact?.evidence[0]).toMatchObject({ kind: 'link', field: 'email', detail: { otherCases: [a] } });
    // And back: the first applicant's case names the second.
    const back = await waitFor(
      'A to carry the link to B',
      () => repo.listEvidence(a).then((ev) => ev.filter((e) => e.stage === 'links')),
      (l) => l.length >= 1,
    );
    expect(back.flatMap((e) => e.data?.linkedCases as string[])).toContain(b);
  });
});

describe('links both ways to a case already decided (DynamoDB Local)', () => {
  let dynamo: DynamoDbLocal;
  let repo: CaseRepository;
  const application = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'onboarding-request.json'), 'utf8')) as OnboardingRequest;
  const policy = parsePolicyObject({ ...defaultPolicy, reviewerPools: { compliance: ['cora.compliance@example.com'] } });
  const mails: { to: string[]; mail: RenderedEmail }[] = [];
  const holds: HoldInput[] = [];
  const deps = (p = policy): PropagateDeps => ({
    repo,
    policy: p,
    hold: async (input) => (holds.push(input), { kind: 'held', c: await repo.mustGetCase(input.caseId) }),
    mail: async (to, mail) => void mails.push({ to, mail }),
    auditEvent: (caseId, actor, action, data) => (prev) => appendAuditEvent(prev as AuditEvent | undefined, { at: new Date().toISOString(), actor, action, caseId, data }),
    now: () => new Date('2026-12-06T10:00:00Z'),
  });

  beforeAll(async () => {
    let db: DynamoDBDocumentClient;
    let table: string;
    ({ dynamo, db, table } = await startCaseTable());
    repo = new CaseRepository(db, table);
  });
  afterAll(async () => {
    await dynamo?.stop();
  });

  /** A case in `status`, with its first audit event, as the product leaves it (no status write of the test's own afterwards). */
  const seed = async (n: number, status: CaseStatus) => {
    const id = `ob_${String(n).repeat(32).slice(0, 32)}`;
    const now = '2026-12-01T09:00:00.000Z';
    const record: CaseRecord = { id, clientId: 'hris', externalId: `seed-${n}`, status, version: 1, createdAt: now, updatedAt: now, executionName: `ob-${n}`, application, stages: {} };
    const first = appendAuditEvent(undefined, { at: now, actor: 'client:hris', action: 'onboarding.received', caseId: id, data: {} });
    await repo.createCase(record, { clientId: 'hris', key: `seed-key-${n}`, requestHash: 'h', onboardingId: id, createdAt: now }, first);
    return id;
  };

  it('approved: the finding is recorded, the risk re-decided, and the compliance pool mailed once, naming both cases', async () => {
    const earlier = await seed(1, 'approved');
    const later = { id: `ob_${'a'.repeat(32)}`, status: 'checking' as const, stage: 'bank' as const, runId: 'ob-a' };
    const outcome = await propagateLinks(deps(), later, [{ caseId: earlier, status: 'approved', kind: 'bank-account' }]);
    expect(outcome.get(earlier)).toBe('compliance-told');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['cora.compliance@example.com']);
    expect(mails[0]!.mail.subject).toContain(earlier);
    expect(mails[0]!.mail.text).toContain(later.id);
    expect(mails[0]!.mail.text).toContain('payout account');
    const c = await repo.mustGetCase(earlier);
    expect(c.status).toBe('approved');
    expect(c.risk?.drivers).toContain('BANK_SHARED_ACCOUNT');
    expect(holds).toEqual([]);

    // The stage retried: no second evidence, audit event or mail.
    await propagateLinks(deps(), later, [{ caseId: earlier, status: 'approved', kind: 'bank-account' }]);
    expect(mails).toHaveLength(1);
    expect((await repo.listEvidence(earlier)).filter((e) => e.stage === 'links')).toHaveLength(1);
    expect((await repo.listAudit(earlier)).filter((e) => e.action === 'links.found-by-later-applicant')).toHaveLength(1);
    expect((await verifyStoredAudit(repo, earlier)).ok).toBe(true);
  });

  // Adversarial pass (December 2026): with no compliance pool in the policy (the built-in one names none), the link was
  // only logged, and the suspicion on a contractor at work had no owner. It goes where a hold would: the escalation
  // pool, else the reviewers who approved.
  it('approved, and the policy names no compliance pool: the case reviewers are told, as a hold would go to them', async () => {
    const earlier = await seed(12, 'approved');
    const later = { id: `ob_${'d'.repeat(32)}`, status: 'checking' as const, stage: 'bank' as const, runId: 'ob-d' };
    const before = mails.length;
    const noPool = parsePolicyObject({ ...defaultPolicy, reviewerPools: { compliance: [], escalation: [] } });
    expect((await propagateLinks(deps(noPool), later, [{ caseId: earlier, status: 'approved', kind: 'bank-account' }])).get(earlier)).toBe('compliance-told');
    expect(mails.slice(before).map((m) => m.to)).toEqual([application.reviewers.map((r) => r.email)]);
    const escalation = parsePolicyObject({ ...defaultPolicy, reviewerPools: { compliance: [], escalation: ['esc@example.com'] } });
    const other = await seed(13, 'approved');
    await propagateLinks(deps(escalation), later, [{ caseId: other, status: 'approved', kind: 'bank-account' }]);
    expect(mails.at(-1)!.to).toEqual(['esc@example.com']);
  });

  it('approved, and the later applicant is on compliance hold: the policy makes the shared account a hard stop, the case is held (holdCase), not mailed', async () => {
    const earlier = await seed(2, 'approved');
    const later = { id: `ob_${'b'.repeat(32)}`, status: 'compliance-hold' as const, stage: 'bank' as const, runId: 'ob-b' };
    const before = mails.length;
    const outcome = await propagateLinks(deps(), later, [{ caseId: earlier, status: 'approved', kind: 'bank-account' }]);
    expect(outcome.get(earlier)).toBe('held');
    expect(holds.at(-1)).toMatchObject({ caseId: earlier, source: 'linked-applicant', hardStop: true });
    expect(holds.at(-1)!.reason).toContain(later.id);
    expect(mails.length).toBe(before);

    // With the policy's hard stop off, the same link is told to compliance instead.
    const lenient = parsePolicyObject({ ...defaultPolicy, reviewerPools: { compliance: ['cora.compliance@example.com'] }, bank: { ...defaultPolicy.bank, holdOnAccountSharedWithHeldCase: false } });
    const other = await seed(3, 'approved');
    expect((await propagateLinks(deps(lenient), later, [{ caseId: other, status: 'approved', kind: 'bank-account' }])).get(other)).toBe('compliance-told');
  });

  it('ended or still being checked: the finding is kept for the record, nothing else', async () => {
    const rejected = await seed(4, 'rejected');
    const checking = await seed(5, 'checking');
    const later = { id: `ob_${'c'.repeat(32)}`, status: 'checking' as const, stage: 'screening' as const, runId: 'ob-c' };
    const outcome = await propagateLinks(deps(), later, [
      { caseId: rejected, status: 'rejected', kind: 'phone' },
      { caseId: checking, status: 'checking', kind: 'reference-email' },
    ]);
    expect(Object.fromEntries(outcome)).toEqual({ [rejected]: 'recorded', [checking]: 'recorded' });
    expect((await repo.listEvidence(rejected)).flatMap((e) => e.findings.map((f) => f.code))).toEqual(['LINK_SHARED_CONTACT']);
    expect((await repo.listEvidence(checking)).flatMap((e) => e.findings.map((f) => f.code))).toEqual(['LINK_SHARED_REFERENCE']);
    expect((await repo.mustGetCase(checking)).risk).toBeUndefined();
  });

  it('a case put on hold: the applicants sharing an identifier with it weigh the link again as one with a held case, earlier or later', async () => {
    // Two applicants under review sharing a reference's email; neither was held when the link was found.
    const heldId = await seed(6, 'awaiting-approval');
    const other = await seed(7, 'awaiting-interview');
    const reference = { kind: 'reference-email' as const, hmac: 'shared-reference-hmac' };
    await repo.putFingerprints(heldId, [reference, { kind: 'phone', hmac: 'own-phone-6' }]);
    await repo.putFingerprints(other, [reference]);
    expect((await repo.fingerprintsOf(heldId)).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([{ kind: 'phone', hmac: 'own-phone-6' }, reference]);

    const held = {
      ...(await repo.mustGetCase(heldId)),
      status: 'compliance-hold' as const,
      hold: { since: '2026-12-06T09:30:00.000Z', previousStatus: 'awaiting-approval' as const, sources: [], hardStop: true },
    };
    const outcome = await propagateHold(deps(), held);
    expect([...outcome.keys()]).toEqual([other]);
    expect(['re-decided', 'held']).toContain(outcome.get(other));
    const links = (await repo.listEvidence(other)).filter((e) => e.stage === 'links');
    expect(links.map((e) => e.runId)).toEqual([`hold-${heldId}`]);
    const f = links[0]!.findings.find((x) => x.code === 'LINK_SHARED_REFERENCE')!;
    expect(f.severity).toBe('high');
    expect(f.message).toMatch(/rejected or held/);
    // Its risk decided again with it (stored on the case, audited).
    expect((await repo.mustGetCase(other)).risk?.drivers).toContain('LINK_SHARED_REFERENCE');
    // Once per held case: the same hold told again writes nothing new.
    await propagateHold(deps(), held);
    expect((await repo.listEvidence(other)).filter((e) => e.stage === 'links')).toHaveLength(1);
    // The held case is not told about itself.
    expect((await repo.listEvidence(heldId)).filter((e) => e.stage === 'links')).toEqual([]);
  });
  it('the links again at approval: one recorded before the first vote was seen; one recorded after it, or never, holds the case; a retried run holds once', async () => {
    const approving = await seed(8, 'awaiting-approval');
    const seenBefore = await seed(9, 'awaiting-interview');
    const missed = await seed(10, 'awaiting-approval');
    const phone = { kind: 'phone' as const, hmac: 'shared-phone-8' };
    await repo.putFingerprints(approving, [phone, { kind: 'email', hmac: 'own-email-8' }]);
    await repo.putFingerprints(seenBefore, [phone]);
    await repo.putFingerprints(missed, [phone]);
    // The first link is on the case (a later applicant's check told it at 09:10); the second nobody found.
    await propagateLinks(deps(), { id: seenBefore, status: 'awaiting-interview', stage: 'screening', runId: 'ob-9' }, [{ caseId: approving, status: 'awaiting-approval', kind: 'phone' }]);
    const told: { later: LaterApplicant; linked: readonly LinkedCase[] }[] = [];
    const recheckDeps: RecheckDeps = {
      ...deps(),
      now: () => new Date('2026-12-06T10:31:00Z'),
      propagate: async (later, linked) => void told.push({ later, linked }),
    };
    const firstVote = '2026-12-06T10:30:00.000Z';
    const c = await repo.mustGetCase(approving);
    const outcome = await recheckLinksBeforeApproval(recheckDeps, c, firstVote);
    expect(outcome).toEqual({ kind: 'held', unseen: [missed] });
    expect(holds.at(-1)).toMatchObject({ caseId: approving, source: 'linked-applicant', findings: ['LINK_SHARED_CONTACT'], hardStop: false });
    expect(holds.at(-1)!.reason).toContain(missed);
    expect(holds.at(-1)!.reason).not.toContain(seenBefore);
    expect(told).toEqual([
      { later: { id: approving, status: 'awaiting-approval', stage: 'approval', runId: firstVote }, linked: [{ caseId: missed, status: 'awaiting-approval', kind: 'phone', via: phone.hmac }] },
    ]);

    // Retried (the step ran again after a crash): its own record, written after the vote, is still not "seen".
    const again = await recheckLinksBeforeApproval(recheckDeps, c, firstVote);
    expect(again).toEqual({ kind: 'held', unseen: [missed] });
    expect(
      (await repo.listEvidence(approving))
        .filter((e) => e.stage === 'links')
        .map((e) => e.runId)
        .sort(),
    ).toEqual([`approval-recheck-${missed}`, `screening-${seenBefore}`]);
    expect((await repo.listAudit(approving)).filter((e) => e.action === 'links.found-at-approval')).toHaveLength(1);

    // The reviewers vote again after compliance cleared the hold: every link was on the case by then.
    expect(await recheckLinksBeforeApproval(recheckDeps, c, '2026-12-06T11:00:00.000Z')).toEqual({ kind: 'seen' });
    // A link recorded after the first vote (the reviewers could not see it) is not seen either.
    expect(await recheckLinksBeforeApproval(recheckDeps, c, '2026-12-06T09:00:00.000Z')).toEqual({ kind: 'held', unseen: [missed, seenBefore].sort() });
    expect((await verifyStoredAudit(repo, approving)).ok).toBe(true);
  });
});
