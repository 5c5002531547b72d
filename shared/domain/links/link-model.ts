/** The person-facing tasks that wait for a link click. */
export type CallbackTask = 'interview' | 'approval' | 'escalation' | 'information' | 'compliance';

export type LinkAction = 'pick-slot' | 'record-outcome' | 'approve' | 'reject' | 'request-info' | 'confirm-reference' | 'confirm-micro-deposits' | 'provide-info' | 'confirm-hold' | 'clear-hold';

export type LinkPurpose = 'slot-picking' | 'interview-outcome' | 'review' | 'reference-check' | 'micro-deposit' | 'info-response' | 'compliance-review';

export interface Recipient {
  email: string;
  name: string;
  role: 'contractor' | 'interviewer' | 'reviewer' | 'backup-reviewer' | 'reference' | 'compliance';
}

/** The link item: bound to one case, one callback (task invocation), one action set and one recipient. */
export interface LinkRecord {
  tokenHash: string;
  caseId: string;
  /** The person step it answers; a reference check or micro-deposit confirmation answers none (nobody waits for it). */
  task: CallbackTask | 'reference' | 'micro-deposit';
  callbackId: string;
  purpose: LinkPurpose;
  actions: LinkAction[];
  recipient: Recipient;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  usedAction?: LinkAction;
  /** GETs of the page, counted on the link (not in the audit chain). */
  openedCount?: number;
  firstOpenedAt?: string;
  lastOpenedAt?: string;
  /**
   * On a compliance review's link: how many of the hold's reasons the last page served for it showed. A
   * clearance covers no more than this, whatever number its form posts (a form can be made by hand).
   */
  reasonsShown?: number;
  /**
   * Written by earlier versions on every GET of a reviewer's page, read by nothing now: what a page showed travels
   * with its form (shared/domain/links/page-view.ts), since a mail scanner's GET widened what an older tab's approval
   * covered. Kept so that links issued before still parse.
   */
  findingsShown?: string[];
  /** When the reminder sweep may remind the recipient; absent: never reminded (a reminder's own link). */
  remindAt?: string;
  /** Set once, by the sweep that claimed this link's one reminder. */
  remindedAt?: string;
  /** A reminder went out with a fresh link for the same callback and recipient: this one no longer works. */
  supersededAt?: string;
  /** On a reminder's link: the hash of the link it replaces. */
  reminderOf?: string;
}

/**
 * The task token's home: never in an email, a URL or a log. One item per case and callback task; a
 * retried or re-issued task replaces it with a new callbackId, which is what expires the old links.
 */
export interface PendingCallback {
  caseId: string;
  task: CallbackTask;
  callbackId: string;
  taskToken: string;
  issuedAt: string;
  deadline: string;
  state: 'waiting' | 'done';
  /** Set once the recipients were emailed: a re-delivered invocation with the same token sends nothing. */
  notifiedAt?: string;
  /** Task-specific progress (proposed slots, picked slot, approvals so far). */
  progress?: Record<string, unknown>;
}
