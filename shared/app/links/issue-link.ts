import type { LinkRepository } from '../../adapters/dynamodb/link-repository';
import type { CallbackTask, LinkAction, LinkPurpose, LinkRecord, Recipient } from '../../domain/links/link-model';
import { hashLinkToken, newLinkToken } from '../../domain/links/link-token';

export interface IssueLinkInput {
  caseId: string;
  task: CallbackTask | 'reference' | 'micro-deposit';
  callbackId: string;
  purpose: LinkPurpose;
  actions: LinkAction[];
  recipient: Recipient;
  /** The callback's deadline: a link always expires before the task it answers. */
  deadline: Date;
  now: Date;
  /**
   * The policy's reminder lead (`timeouts.reminderBeforeDeadlineHours`, in ms): the link enters the
   * reminder queue. Omitted: never reminded (a reminder's own link).
   */
  reminderLeadMs?: number;
  /** A reminder's link expires when the link it replaces would have: the deadline does not move. */
  expiresAt?: string;
  reminderOf?: string;
}

/** Margin between a link's expiry and its task's timeout, so a click never races the timeout path. */
const expiryMarginMs = 10 * 60 * 1000;

/**
 * Mints a link: the token goes into the URL (built from the configured base URL, never a Host header)
 * and only its keyed hash into the table.
 */
export async function issueLink(links: LinkRepository, linkKey: Buffer, baseUrl: string, input: IssueLinkInput): Promise<{ url: string; expiresAt: string; tokenHash: string }> {
  const minted = mintLink(linkKey, baseUrl, input);
  await links.putLink(minted.link);
  return { url: minted.url, expiresAt: minted.expiresAt, tokenHash: minted.tokenHash };
}

/**
 * A link minted but not stored yet: the caller writes `link` (LinkRepository.linkItem) in the transaction
 * of the step it belongs to, so a link exists exactly when that step was recorded.
 */
export function mintLink(linkKey: Buffer, baseUrl: string, input: IssueLinkInput): { link: LinkRecord; url: string; expiresAt: string; tokenHash: string } {
  const token = newLinkToken();
  const tokenHash = hashLinkToken(linkKey, token);
  const span = input.deadline.getTime() - input.now.getTime();
  const expiresAt = input.expiresAt ?? new Date(input.now.getTime() + Math.max(span - Math.min(expiryMarginMs, span / 10), 1000)).toISOString();
  const remindAt = input.reminderLeadMs !== undefined ? reminderMoment(input.now, expiresAt, input.reminderLeadMs) : undefined;
  const link: LinkRecord = {
    tokenHash,
    caseId: input.caseId,
    task: input.task,
    callbackId: input.callbackId,
    purpose: input.purpose,
    actions: input.actions,
    recipient: input.recipient,
    createdAt: input.now.toISOString(),
    expiresAt,
    ...(remindAt ? { remindAt } : {}),
    ...(input.reminderOf ? { reminderOf: input.reminderOf } : {}),
  };
  return { link, url: `${baseUrl.replace(/\/+$/, '')}/links/${token}`, expiresAt, tokenHash };
}

/**
 * When an unanswered link is worth a reminder: `lead` before it expires, but never in the first half of its
 * life (a short deadline, or the lead longer than the link lives, would remind right after the first mail).
 * That is the later of "half the time gone" and "lead before expiry".
 */
export function reminderMoment(issuedAt: Date, expiresAt: string, leadMs: number): string {
  const expiry = Date.parse(expiresAt);
  const life = expiry - issuedAt.getTime();
  return new Date(expiry - Math.min(leadMs, life / 2)).toISOString();
}

/**
 * The contractor as a link's recipient: by role and given name only. Mail goes to the address on the case;
 * a link item, which lives outside the case, holds no second copy of it.
 */
export function contractorRecipient(givenName: string): Recipient {
  return { email: '', name: givenName, role: 'contractor' };
}
