import { terminalStatuses, type CaseRecord } from '../../domain/cases/case-model';
import type { CaseRepository } from '../../adapters/dynamodb/case-repository';
import { renderDeadlineReminderEmail, type ReminderPurpose } from '../../domain/email/deadline-reminder';
import type { RenderedEmail } from '../../domain/email/rendered-email';
import { issueLink } from './issue-link';
import type { CallbackTask, LinkPurpose, LinkRecord } from '../../domain/links/link-model';
import type { LinkRepository } from '../../adapters/dynamodb/link-repository';

export interface ReminderDeps {
  links: LinkRepository;
  repo: CaseRepository;
  linkKey: Buffer;
  baseUrl: string;
  send: (to: string, mail: RenderedEmail) => Promise<void>;
  /** A staff member's time zone for the deadline in the mail (interviewers have one configured). */
  staffTimeZone: (email: string) => string | undefined;
  audit: (caseId: string, actor: string, action: string, data: Record<string, unknown>) => Promise<void>;
}

export interface ReminderReport {
  due: number;
  reminded: number;
  /** Taken out of the queue without a mail: used, expired, or their step is over. */
  dropped: number;
  /** Claimed by a concurrent sweep, or used while this one looked. */
  skipped: number;
}

const reminderPurpose: Record<LinkPurpose, ReminderPurpose> = {
  'slot-picking': 'pick-slot',
  'interview-outcome': 'interview-outcome',
  review: 'approval',
  'reference-check': 'reference',
  'info-response': 'information',
  'micro-deposit': 'micro-deposits',
  'compliance-review': 'compliance',
};

const pageSize = 100;

/**
 * One sweep of the reminder queue: every link whose reminder moment has come, still unused and still
 * answering a waiting step, gets ONE reminder. The raw token exists only in the first email (the table
 * keeps its keyed hash), so the reminder carries a fresh link for the same case, callback, action set and
 * recipient, expiring when the first would have; the first link is then superseded and shows "expired,
 * a newer link was emailed". At most one link per recipient and step works at any time.
 *
 * Order matters for a crash midway: claim (the one conditional write that makes two sweeps send one mail),
 * then issue and mail, then supersede. A crash after the claim leaves the first link working and sends no
 * reminder: a reminder can be lost, a working link never is.
 */
export async function sendDueReminders(deps: ReminderDeps, now: Date): Promise<ReminderReport> {
  const report: ReminderReport = { due: 0, reminded: 0, dropped: 0, skipped: 0 };
  const at = now.toISOString();
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await deps.links.dueReminders(at, pageSize, cursor);
    cursor = page.cursor;
    for (const link of page.links) {
      report.due++;
      const outcome = await remindOne(deps, link, now);
      report[outcome]++;
    }
  } while (cursor);
  return report;
}

async function remindOne(deps: ReminderDeps, link: LinkRecord, now: Date): Promise<'reminded' | 'dropped' | 'skipped'> {
  const at = now.toISOString();
  const c = await deps.repo.getCase(link.caseId);
  if (link.usedAt || link.supersededAt || Date.parse(link.expiresAt) <= now.getTime() || !c || !(await stillWaiting(deps, link, c))) {
    await deps.links.dropReminder(link.tokenHash);
    return 'dropped';
  }
  if (!(await deps.links.claimReminder(link.tokenHash, at))) return 'skipped';

  const fresh = await issueLink(deps.links, deps.linkKey, deps.baseUrl, {
    caseId: link.caseId,
    task: link.task,
    callbackId: link.callbackId,
    purpose: link.purpose,
    actions: link.actions,
    recipient: link.recipient,
    deadline: new Date(link.expiresAt),
    expiresAt: link.expiresAt,
    reminderOf: link.tokenHash,
    now,
  });
  const contractor = c.application.contractor;
  const toContractor = link.recipient.role === 'contractor';
  await deps.send(
    toContractor ? contractor.email : link.recipient.email,
    renderDeadlineReminderEmail({
      purpose: reminderPurpose[link.purpose],
      recipientName: toContractor ? contractor.legalName.givenNames : link.recipient.name,
      ...(toContractor ? {} : { contractorName: `${contractor.legalName.givenNames} ${contractor.legalName.surname}` }),
      url: fresh.url,
      deadline: link.expiresAt,
      timeZone: toContractor ? contractor.timeZone : (deps.staffTimeZone(link.recipient.email) ?? 'UTC'),
    }),
  );
  // Used a moment ago through the first link: the person has acted, so the reminder's link must not act again.
  if (!(await deps.links.supersede(link.tokenHash, at))) await deps.links.supersede(fresh.tokenHash, at);
  await deps.audit(link.caseId, 'system', 'link.reminded', { purpose: link.purpose, role: link.recipient.role, expiresAt: link.expiresAt });
  return 'reminded';
}

/** The link still answers something: its callback waits under the same id, or a reference the open case still wants. */
async function stillWaiting(deps: ReminderDeps, link: LinkRecord, c: CaseRecord): Promise<boolean> {
  if (terminalStatuses.has(c.status)) return false;
  // On hold, only the compliance review still wants an answer; every other step was ended by the hold.
  if ((c.status === 'compliance-hold') !== (link.task === 'compliance')) return false;
  // Non-blocking links (references, micro-deposits) answer nothing that waits: an open case still wants them.
  if (link.task === 'reference' || link.task === 'micro-deposit') return true;
  const pc = await deps.links.getPendingCallback(link.caseId, link.task as CallbackTask);
  return Boolean(pc && pc.state === 'waiting' && pc.callbackId === link.callbackId);
}
