import { createHash } from 'node:crypto';
import type { CaseRepository } from '../../adapters/dynamodb/case-repository';
import type { LinkRepository } from '../../adapters/dynamodb/link-repository';
import { findingsUnseenBy, standingApprovals, type PendingApproval } from '../../domain/cases/approval-votes';
import type { CaseRecord } from '../../domain/cases/case-model';
import { renderApprovalVoidedEmail } from '../../domain/email/approval-voided';
import type { RenderedEmail } from '../../domain/email/rendered-email';
import type { Severity } from '../../domain/finding';
import type { PendingCallback } from '../../domain/links/link-model';
import { personKey, samePerson } from '../../domain/person-identity';
import { issueLink } from './issue-link';

export interface VoidedApprovalDeps {
  repo: CaseRepository;
  links: LinkRepository;
  /**
   * What minting a link takes (the link key, the base URL, the policy's reminder lead: the fresh link is reminded like
   * the first), read only when someone is to be told: most callers find nobody.
   */
  mint(): Promise<{ linkKey: Buffer; baseUrl: string; reminderLeadMs: number }>;
  /** The mail path every reviewer link takes (SES, the local mailbox). */
  send(to: string, mail: RenderedEmail): Promise<void>;
  audit(caseId: string, actor: string, action: string, data: Record<string, unknown>): Promise<void>;
}

const riskSeverity: Record<string, Severity> = { low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

/** The round's tasks a reviewer's approval answers: the first reviewers', then the backup reviewers'. */
const reviewTasks = ['approval', 'escalation'] as const;

/**
 * A first approval of four eyes given before a finding that came in since no longer counts (approval-votes.ts). Its
 * giver used their link to give it, so without this the case would wait for the escalation with nobody told it
 * needs them: each giver of a voided approval of the round now waiting gets a fresh link of their own, by mail,
 * saying why. Exactly once per voided approval (a claim on the case, named by the round and the approval): a
 * re-run of whatever recorded the finding (a retried signals batch, a re-run stage) sends nothing more. The claim
 * comes first and is given back when the mail fails, so a retry sends it then. Returns how many were told.
 */
export async function tellVoidedApprovers(deps: VoidedApprovalDeps, caseId: string, now: Date): Promise<number> {
  const read = await deps.repo.getCaseWithEvidence(caseId);
  if (!read || read.c.status !== 'awaiting-approval' || !read.c.pendingApprovals?.length) return 0;
  const { c, evidence } = read;
  let told = 0;
  for (const task of reviewTasks) {
    const pc = await deps.links.getPendingCallback(caseId, task);
    if (!pc || pc.state !== 'waiting') continue;
    const { standing, voided } = standingApprovals(c, evidence, pc.callbackId);
    // One mail per person: a giver who approved again since (and whose new approval stands) has nothing to do, and
    // two voided approvals of one person (approved, voided, approved, voided) are one notice of the latest.
    const byPerson = new Map<string, PendingApproval[]>();
    for (const a of voided) if (!standing.some((s) => samePerson(s.by, a.by))) byPerson.set(personKey(a.by), [...(byPerson.get(personKey(a.by)) ?? []), a]);
    for (const theirs of byPerson.values()) {
      const claimed: string[] = [];
      for (const a of theirs) if (await deps.repo.claimOnce(caseId, voidedMarker(pc.callbackId, a))) claimed.push(voidedMarker(pc.callbackId, a));
      if (!claimed.length) continue;
      const latest = theirs.reduce((x, y) => (y.at > x.at ? y : x));
      const unseen = findingsUnseenBy(c, evidence, latest);
      try {
        await tellOne(deps, c, { ...pc, task }, latest, { given: standing.length, unseen }, now);
      } catch (err) {
        for (const marker of claimed) await deps.repo.releaseClaim(caseId, marker);
        throw err;
      }
      await deps.audit(caseId, 'system', 'decision.approval-voided', { by: latest.by, approvedAt: latest.at, newFindings: [...new Set(unseen.map((f) => f.code))] });
      told++;
    }
  }
  return told;
}

/** The claim of one voided approval's notice: the round, and the approval by its giver and moment. */
function voidedMarker(callbackId: string, a: PendingApproval): string {
  return `approval-voided#${callbackId}#${createHash('sha256').update(`${a.by}\n${a.at}`).digest('base64url').slice(0, 22)}`;
}

async function tellOne(
  deps: VoidedApprovalDeps,
  c: CaseRecord,
  pc: PendingCallback & { task: (typeof reviewTasks)[number] },
  a: PendingApproval,
  counts: { given: number; unseen: readonly { severity: Severity; message: string }[] },
  now: Date,
): Promise<void> {
  const { linkKey, baseUrl, reminderLeadMs } = await deps.mint();
  const link = await issueLink(deps.links, linkKey, baseUrl, {
    caseId: c.id,
    task: pc.task,
    callbackId: pc.callbackId,
    purpose: 'review',
    actions: ['approve', 'reject', 'request-info'],
    recipient: { email: a.by, name: a.name, role: pc.task === 'escalation' ? 'backup-reviewer' : 'reviewer' },
    deadline: new Date(pc.deadline),
    now,
    reminderLeadMs,
  });
  const contractor = c.application.contractor;
  await deps.send(
    a.by,
    renderApprovalVoidedEmail({
      reviewerName: a.name,
      contractorName: `${contractor.legalName.givenNames} ${contractor.legalName.surname}`,
      externalId: c.externalId,
      riskLevel: riskSeverity[c.risk?.level ?? 'medium'] ?? 'medium',
      newFindings: counts.unseen.map((f) => ({ severity: f.severity, message: f.message })),
      approvedAt: a.at,
      caseUrl: link.url,
      deadline: link.expiresAt,
      approvals: { required: 2, given: counts.given },
    }),
  );
}
