import type { Finding, Severity, StageName } from '../finding';
import type { OnboardingRequest } from '../schemas/onboarding';
import type { CurrentPayout } from '../bank/payout-accounts';

/** Where a case stands. Exhaustive: every consumer switches over all of them. */
export const caseStatuses = [
  'received',
  'checking',
  'compliance-hold',
  'awaiting-interview',
  'awaiting-approval',
  'info-requested',
  'approved',
  'rejected',
  'expired',
  /** A reviewer asked the contractor for more information and none came before the deadline: not approved. */
  'info-not-provided',
  'failed',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const terminalStatuses: ReadonlySet<CaseStatus> = new Set(['approved', 'rejected', 'expired', 'info-not-provided', 'failed']);

/** The automated checks and the two person steps, in workflow order. */
export const stageKeys = ['document', 'screening', 'bank', 'risk', 'interview', 'approval', 'signals', 'references', 'micro-deposits'] as const;
export type StageKey = (typeof stageKeys)[number];

export type StageState = 'pending' | 'running' | 'passed' | 'findings' | 'hard-stop' | 'unavailable' | 'waiting' | 'done' | 'failed';

export interface StageStatus {
  state: StageState;
  findings: number;
  maxSeverity?: Severity;
  updatedAt: string;
}

/** What a stage task returns into the workflow state: a summary only, never personal data. */
export interface StageSummary {
  stage: StageName;
  outcome: 'passed' | 'findings' | 'hard-stop' | 'unavailable';
  findings: number;
  maxSeverity?: Severity;
  hardStop: boolean;
}

export interface RiskSummary {
  outcome: 'clear' | 'review' | 'hold';
  score: number;
  level: 'low' | 'medium' | 'high' | 'critical';
  fourEyesRequired: boolean;
  policyVersion: string;
  drivers: string[];
  /**
   * The arithmetic, kept with every decision (clear and review as well as hold) so the case page can show
   * why: thresholds, each counted fact with its weight, the hard stops and the explanation lines. Absent
   * on decisions recorded before it was kept.
   */
  thresholds?: { review: number; hold: number };
  facts?: { fact: string; weight: number; code: string; codes: string[] }[];
  hardStops?: string[];
  explanation?: string[];
  decidedAt?: string;
}

export interface DecisionRecord {
  outcome: 'approved' | 'rejected' | 'info-requested' | 'expired' | 'info-not-provided' | 'compliance-hold';
  by: string;
  at: string;
  reason: string;
  via?: string;
  approvals?: { by: string; at: string; reason: string }[];
}

/** A decision that ends the reviewers' step: not a hold (compliance decides) nor a request for information (they decide again). */
export function isFinalDecision(d: DecisionRecord | undefined): d is DecisionRecord {
  return d !== undefined && d.outcome !== 'compliance-hold' && d.outcome !== 'info-requested';
}

export interface CaseRecord {
  id: string;
  clientId: string;
  externalId: string;
  status: CaseStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  executionName: string;
  application: OnboardingRequest;
  stages: Partial<Record<StageKey, StageStatus>>;
  risk?: RiskSummary;
  decision?: DecisionRecord;
  failure?: { error: string; cause: string; at: string; state?: string; previousStatus?: CaseStatus };
  /**
   * Four-eyes: approvals given so far, per approval callback (a re-issued task starts again), each with the findings
   * its giver saw (keys, shared/domain/cases/approval-votes.ts): a finding since then voids it.
   */
  pendingApprovals?: { callbackId: string; by: string; name: string; at: string; reason: string; seen?: string[] }[];
  /** Why and since when the case is on compliance hold, and the status it was held in (where clearing returns it). */
  hold?: HoldRecord;
  /**
   * List entries compliance cleared as false positives for this applicant (with the entry's content hash, so
   * a changed entry is screened again). The re-screening does not hold the case again on these.
   */
  clearedMatches?: ClearedMatch[];
  /**
   * Holds compliance cleared as false positives: the findings (by code) recorded up to `at` no longer count
   * in the risk decision; the same finding recorded again later (new evidence) counts again.
   */
  clearances?: Clearance[];
  /**
   * The reviewers' vote that completed the review task (the page that took the click writes it; Finalize
   * writes the decision and the status from the task's output).
   */
  review?: { callbackId: string; outcome: 'approved' | 'rejected' | 'info-requested'; by: string; at: string; reason: string };
  /**
   * The checks' runs whose `stage.completed` events the audit chain is still owed. The parallel checks record
   * their result (evidence, stage state and this entry, in one transaction) without touching the chain's head,
   * which three appenders at once would race on; the next single step (the risk decision, or RecordFailure
   * when the execution stops before it) appends the events from those runs' evidence in its own transaction
   * and removes the entries, so each event is appended exactly once. Kept apart from the stage states, which
   * other writers of a stage replace whole (a payout change re-runs the bank stage).
   */
  owedEvents?: { stage: StageKey; runId: string; outcome: StageSummary['outcome'] }[];
  /**
   * The newest audit event (seq and hash), written in the same transaction as the event itself, so that
   * cutting events off the end of the chain is detectable. Maintained by CaseRepository.appendAudit only;
   * updateCase never writes it. Absent until the first event.
   */
  auditHead?: AuditHead;
  /**
   * The payout account after a payout change (masked), for the status events the HRIS is sent. Written only
   * by the payout change (shared/config/payout-change.ts), from its evidence, which keeps every earlier
   * account; absent while the account given at intake is the one in use.
   */
  payout?: CurrentPayout;
  /**
   * The people other than the contractor that the payout accounts given after intake name as holders (joint,
   * "c/o"), each once: screened at the change, and re-screened daily through the monitor index (monitor-index.ts),
   * which is written from the case. Written only by the payout change (shared/config/payout-change.ts); kept when
   * the account changes again (the contractor was paid there). Erased with the case's personal data.
   */
  payoutHolders?: string[];
}

export type HoldSource = 'risk-decision' | 'reassessment' | 'signals' | 'rescreen' | 'linked-applicant' | 'operator' | 'approval';

/** One path that raised or confirmed a hold: what it found, in words and as finding codes. */
export interface HoldReason {
  source: HoldSource;
  at: string;
  reason: string;
  findings: string[];
  /**
   * The digests of the findings behind it that say which facts they count (findingDigest: the code and its basis):
   * the same code on facts the review has not seen (a second login from DPRK address space) is new to it too.
   */
  bases?: string[];
}

export interface HoldRecord {
  since: string;
  /** The status the case was in when it was held: clearing the hold returns it there. */
  previousStatus: CaseStatus;
  /** Every path that raised or confirmed the hold while it stands, newest last. */
  sources: HoldReason[];
  /** A hard stop that one compliance reviewer can confirm but never clear (DPRK document, DPRK IP, listed wallet...). */
  hardStop: boolean;
  /** Votes of the compliance reviewers on this hold (clearing needs two different people). */
  votes?: {
    by: string;
    name: string;
    at: string;
    outcome: 'clear' | 'confirm';
    reason: string;
    /**
     * How many of the hold's reasons (`sources`, oldest first) the voter's page showed. A clearance covers only
     * the findings of those: a reason added later with findings of its own makes it stale.
     */
    reasonsSeen?: number;
  }[];
}

export interface Clearance {
  at: string;
  by: string[];
  codes: string[];
  reasons: string[];
  /**
   * The cleared findings as they read when cleared (findingDigest: code, message and evidence): the same finding
   * recorded again later, unchanged, stays cleared; any change to it (a new address, a new count) counts again.
   * Absent on clearances given before it was kept.
   */
  findings?: string[];
}

export interface ClearedMatch {
  source: string;
  sourceId: string;
  /** Hash of the list entry as it was when cleared: a changed entry is no longer cleared. */
  entryHash?: string;
  clearedAt: string;
  clearedBy: string[];
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export interface EvidenceRecord {
  caseId: string;
  stage: StageName;
  /** Which run produced it: the execution name, or a re-screening id. */
  runId: string;
  recordedAt: string;
  /** What the check looked at, summarised (masked identifiers, list versions, hashes). */
  inputs: Record<string, unknown>;
  findings: Finding[];
  data?: Record<string, unknown>;
}
