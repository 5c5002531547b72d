/**
 * The case lifecycle: the one place that says which status a case may move to, and why.
 *
 * Every status change in the product is an event applied here (`transition`). The table lists, for each
 * event, the statuses it may start from and where it leads; an event from any other status is a
 * `ForbiddenTransition` naming the event and both statuses, never a silent write. Pure: no AWS, no I/O.
 *
 * Two events lead "back": a hold cleared by compliance returns the case to the status it was held in, and a
 * redriven onboarding returns to the status it failed in. The caller names that status (it is stored on the
 * case when the hold or the failure is recorded) and the table bounds it.
 */
import { caseStatuses, type CaseStatus } from './case-model';

export const lifecycleEvents = [
  /** The automated checks start: applied as the API creates the case (start-onboarding.ts). */
  'checks-started',
  /** The first risk decision allowed the onboarding to go on to the interview. */
  'risk-cleared',
  /** The interview step waits for the contractor and the interviewer. */
  'interview-waiting',
  /** The reviewers' step waits for a decision (again, after an information round or an escalation). */
  'approval-waiting',
  /** A reviewer asked the contractor for more information. */
  'information-requested',
  /** The reviewers approved (with four eyes where required). */
  'reviewer-approved',
  /** A reviewer rejected. */
  'reviewer-rejected',
  /** A hard stop or a score at the hold threshold, from any path: risk decision, signals, re-screening, a linked applicant. */
  'held',
  /** Two compliance reviewers cleared the hold as a false positive: back to where the case stopped. */
  'hold-cleared',
  /** Compliance confirmed the hold: the case ends rejected as a sanctions or policy match. */
  'hold-confirmed',
  /** A person step's deadline passed with no answer. */
  'timed-out',
  /** The contractor did not answer a reviewer's request for information in time. */
  'information-not-provided',
  /** A stage failed permanently (after its retries). */
  'failed',
  /** An operator or the HRIS redrove a failed onboarding from the stage that failed. */
  'redriven',
] as const;
export type LifecycleEvent = (typeof lifecycleEvents)[number];

/** Every case starts here (start-onboarding writes it with the case). */
export const initialStatus: CaseStatus = 'received';
/**
 * The version a case is created with (the API's start-onboarding). The status event the case is born with is
 * the outbox item of that version (outbox items are numbered by the version they record).
 */
export const BORN_VERSION = 1;

/** Statuses in which the onboarding is still under way (a person or a check may still act). */
const active = ['received', 'checking', 'awaiting-interview', 'awaiting-approval', 'info-requested'] as const satisfies readonly CaseStatus[];

interface Rule {
  from: readonly CaseStatus[];
  /** Where the event leads; `back` means the status the caller names, which must be one of `backTo`. */
  to: CaseStatus | 'back';
  backTo?: readonly CaseStatus[];
}

/** The allowed transitions. Read a row as: event, from any of these, leads there. */
export const transitionTable: Readonly<Record<LifecycleEvent, Rule>> = {
  'checks-started': { from: ['received'], to: 'checking' },
  'risk-cleared': { from: ['checking'], to: 'awaiting-interview' },
  'interview-waiting': { from: ['checking', 'awaiting-interview'], to: 'awaiting-interview' },
  'approval-waiting': { from: ['awaiting-interview', 'awaiting-approval', 'info-requested'], to: 'awaiting-approval' },
  'information-requested': { from: ['awaiting-approval'], to: 'info-requested' },
  'reviewer-approved': { from: ['awaiting-approval'], to: 'approved' },
  'reviewer-rejected': { from: ['awaiting-approval'], to: 'rejected' },
  // An approved contractor named by a new list entry is held too (ongoing monitoring).
  held: { from: [...active, 'approved'], to: 'compliance-hold' },
  'hold-cleared': { from: ['compliance-hold'], to: 'back', backTo: [...active, 'approved'] },
  'hold-confirmed': { from: ['compliance-hold'], to: 'rejected' },
  'timed-out': { from: ['awaiting-interview', 'awaiting-approval', 'compliance-hold'], to: 'expired' },
  'information-not-provided': { from: ['info-requested'], to: 'info-not-provided' },
  failed: { from: [...active], to: 'failed' },
  'redriven': { from: ['failed'], to: 'back', backTo: [...active] },
};

export class ForbiddenTransition extends Error {
  override readonly name = 'ForbiddenTransition';
  constructor(
    readonly event: LifecycleEvent,
    readonly from: CaseStatus,
    readonly to?: CaseStatus,
  ) {
    super(`Invalid transition: ${event} from ${from}${to ? ` to ${to}` : ''}`);
  }
}

/**
 * The status a case in `from` moves to on `event`. `back` names the status to return to for `hold-cleared`
 * and `redriven` (required there, refused elsewhere). Throws ForbiddenTransition when the table does not
 * allow it.
 */
export function transition(from: CaseStatus, event: LifecycleEvent, back?: CaseStatus): CaseStatus {
  const rule = transitionTable[event];
  if (!rule.from.includes(from)) throw new ForbiddenTransition(event, from, rule.to === 'back' ? back : rule.to);
  if (rule.to !== 'back') {
    if (back !== undefined) throw new ForbiddenTransition(event, from, back);
    return rule.to;
  }
  if (back === undefined || !(rule.backTo ?? []).includes(back)) throw new ForbiddenTransition(event, from, back);
  return back;
}

/** Whether `event` may be applied to a case in `from` (for guards that choose rather than fail). */
export function canTransition(from: CaseStatus, event: LifecycleEvent, back?: CaseStatus): boolean {
  try {
    transition(from, event, back);
    return true;
  } catch (err) {
    if (err instanceof ForbiddenTransition) return false;
    throw err;
  }
}

/** Every (from, event, to) the table allows: for the README's diagram and the table-driven tests. */
export function allowedTransitions(): { from: CaseStatus; event: LifecycleEvent; to: CaseStatus }[] {
  const out: { from: CaseStatus; event: LifecycleEvent; to: CaseStatus }[] = [];
  for (const event of lifecycleEvents) {
    const rule = transitionTable[event];
    for (const from of rule.from) for (const to of rule.to === 'back' ? (rule.backTo ?? []) : [rule.to]) out.push({ from, event, to });
  }
  return out;
}

/** A Mermaid state diagram of the table (README, `npm run diagram`). */
export function lifecycleDiagram(): string {
  const lines = ['stateDiagram-v2', '  [*] --> received'];
  const seen = new Set<string>();
  for (const t of allowedTransitions()) {
    const edge = `  ${id(t.from)} --> ${id(t.to)}: ${t.event}`;
    if (seen.has(edge)) continue;
    seen.add(edge);
    lines.push(edge);
  }
  for (const s of caseStatuses) if (!allowedTransitions().some((t) => t.from === s)) lines.push(`  ${id(s)} --> [*]`);
  return lines.join('\n');
}

const id = (s: CaseStatus) => s.replaceAll('-', '_');
