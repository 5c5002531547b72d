import type { LinkRepository } from './link-repository';
import type { CallbackTask, LinkAction, LinkPurpose, Recipient } from './link-model';
import { hashLinkToken, newLinkToken } from './link-token';

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
}

/** Margin between a link's expiry and its task's timeout, so a click never races the timeout path. */
const expiryMarginMs = 10 * 60 * 1000;

/**
 * Mints a link: the token goes into the URL (built from the configured base URL, never a Host header)
 * and only its keyed hash into the table.
 */
export async function issueLink(links: LinkRepository, linkKey: Buffer, baseUrl: string, input: IssueLinkInput): Promise<{ url: string; expiresAt: string }> {
  const token = newLinkToken();
  const span = input.deadline.getTime() - input.now.getTime();
  const expiresAt = new Date(input.now.getTime() + Math.max(span - Math.min(expiryMarginMs, span / 10), 1000)).toISOString();
  await links.putLink({
    tokenHash: hashLinkToken(linkKey, token),
    caseId: input.caseId,
    task: input.task,
    callbackId: input.callbackId,
    purpose: input.purpose,
    actions: input.actions,
    recipient: input.recipient,
    createdAt: input.now.toISOString(),
    expiresAt,
  });
  return { url: `${baseUrl.replace(/\/+$/, '')}/links/${token}`, expiresAt };
}

/**
 * The contractor as a link's recipient: by role and given name only. Mail goes to the address on the case;
 * a link item, which lives outside the case, holds no second copy of it.
 */
export function contractorRecipient(givenName: string): Recipient {
  return { email: '', name: givenName, role: 'contractor' };
}
