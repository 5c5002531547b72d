import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/audit/canonical-json';
import type { CaseRecord, DecisionRecord, EvidenceRecord, RiskSummary } from '../../domain/cases/case-model';
import { AuditTrailBroken, NotFoundError, type CaseRepository } from '../../adapters/dynamodb/case-repository';
import type { Finding } from '../../domain/finding';
import { payoutAccountsOf, type PayoutAccounts } from '../../domain/bank/payout-accounts';
import type { LinkRecord } from '../../domain/links/link-model';
import { appendRecordsAudit, verifyCaseAudit, type CaseAuditVerification } from './audit-trail';

/**
 * The case file: one JSON document a compliance officer hands to an auditor. Everything is read from the
 * table as stored (the application as submitted, every evidence record with its inputs and list versions,
 * the risk decision with its policy version, the interview outcome, each decision with who, when, what,
 * why and through which link), plus the audit trail and the result of verifying its hash chain.
 *
 * Exporting is itself an audited action: `case.exported` is appended after the file is built, carrying the
 * SHA-256 of the file's canonical JSON, so a file produced later can be matched to the export it came from
 * (except when events were cut off the end of the chain: then nothing can be appended, see below).
 */
export const CASE_FILE_FORMAT = 'vetflow.case-file';
export const CASE_FILE_FORMAT_VERSION = 1;

export interface ScreeningRun {
  runId: string;
  recordedAt: string;
  listVersion: string | null;
  listSources: unknown[];
  thresholds: unknown;
  subjects: unknown[];
  hits: Record<string, unknown>[];
  findings: Finding[];
}

export interface DecisionEntry {
  kind: 'decision' | 'approval';
  outcome: string;
  by: string;
  at: string;
  reason: string;
  /** The link purpose the decision came through ("review"), or "workflow" for a system decision. */
  via: string;
  /** The link item it was made with, when found: its id is the first 12 characters of the token hash. */
  link?: { id: string; purpose: string; task: string; callbackId: string; recipientRole: string; usedAction?: string; usedAt?: string };
}

export interface LinkEntry {
  id: string;
  purpose: string;
  task: string;
  callbackId: string;
  actions: string[];
  recipient: { role: string; name: string; email: string };
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  usedAction?: string;
  openedCount?: number;
}

export interface CaseFile {
  format: typeof CASE_FILE_FORMAT;
  formatVersion: typeof CASE_FILE_FORMAT_VERSION;
  exportedAt: string;
  exportedBy: string;
  case: Omit<CaseRecord, 'application' | 'risk' | 'decision' | 'pendingApprovals'> & { erasure?: unknown };
  application: CaseRecord['application'];
  /**
   * The payout account in use (masked) and the earlier ones, oldest first: the application keeps the
   * account as submitted, each payout change's evidence the account it introduced (shared/domain/bank/payout-accounts.ts).
   */
  payout: PayoutAccounts;
  evidence: EvidenceRecord[];
  findings: (Finding & { runId: string; recordedAt: string })[];
  screening: ScreeningRun[];
  risk: { current: RiskSummary | null; history: { seq: number; at: string; data: Record<string, unknown> }[] };
  interview: { outcome: Record<string, unknown> | null; events: { seq: number; at: string; actor: string; action: string; data: Record<string, unknown> }[] };
  decisions: DecisionEntry[];
  links: LinkEntry[];
  auditTrail: Record<string, unknown>[];
  auditVerification: CaseAuditVerification;
  /**
   * For a case compliance held or confirmed: the report pack for the authorities in one place (the matched
   * list entries, the applicant's identifiers as submitted, the IP addresses seen, the payment details, the
   * hold's reasons and votes, and the timeline). The whole file stays hash-chained and hashed on export.
   */
  compliancePack?: CompliancePack;
}

export interface CompliancePack {
  outcome: 'on-hold' | 'confirmed' | 'cleared';
  hold: CaseRecord['hold'] | null;
  clearances: NonNullable<CaseRecord['clearances']>;
  decision: DecisionRecord | null;
  matchedEntries: Record<string, unknown>[];
  identifiers: {
    legalName: string;
    otherNames: string[];
    birthDate: string;
    nationality: string;
    residenceCountry: string;
    email: string;
    phone: string;
    document: { type: string; issuingCountry: string; number: string; expiryDate: string };
  };
  payment: CaseRecord['application']['payment'];
  ipAddresses: string[];
  timeline: { seq: number; at: string; actor: string; action: string }[];
}

export interface BuildCaseFileOptions {
  /** The case's link items (they live outside its partition); see CaseItems.links. Omitted: no links section. */
  links?: (caseId: string) => Promise<LinkRecord[]>;
  /** Recorded as the actor of `case.exported`. */
  actor?: string;
  now?: () => Date;
}

export async function buildCaseFile(repo: CaseRepository, caseId: string, options: BuildCaseFileOptions = {}): Promise<CaseFile> {
  const now = options.now?.() ?? new Date();
  const actor = options.actor ?? 'system:records';
  const c = await repo.getCase(caseId);
  if (!c) throw new NotFoundError(`onboarding ${caseId} not found`);
  const [evidence, audit, links] = await Promise.all([repo.listEvidence(caseId), repo.listAudit(caseId), options.links?.(caseId) ?? Promise.resolve([])]);
  evidence.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.stage.localeCompare(b.stage));
  links.sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  const { application, risk, decision, pendingApprovals, ...rest } = c;
  const file: CaseFile = {
    format: CASE_FILE_FORMAT,
    formatVersion: CASE_FILE_FORMAT_VERSION,
    exportedAt: now.toISOString(),
    exportedBy: actor,
    case: rest,
    application,
    payout: payoutAccountsOf(c, evidence),
    evidence,
    findings: evidence.flatMap((e) => e.findings.map((f) => ({ ...f, runId: e.runId, recordedAt: e.recordedAt }))),
    screening: evidence.filter((e) => e.stage === 'screening').map(screeningRun),
    risk: {
      current: risk ?? null,
      history: audit.filter((a) => a.action === 'risk.decided').map((a) => ({ seq: Number(a.seq), at: String(a.at), data: (a.data ?? {}) as Record<string, unknown> })),
    },
    interview: interviewSection(evidence, audit),
    decisions: decisionEntries(decision, pendingApprovals, links),
    links: links.map(linkEntry),
    auditTrail: audit,
    // The head was read with the case, before the events: appends since then follow it.
    auditVerification: verifyCaseAudit(caseId, audit, c.auditHead),
  };
  const pack = compliancePackOf(c, evidence, audit);
  if (pack) file.compliancePack = pack;
  const sha256 = createHash('sha256').update(canonicalJson(file), 'utf8').digest('hex');
  try {
    await appendRecordsAudit(repo, caseId, actor, 'case.exported', { formatVersion: CASE_FILE_FORMAT_VERSION, sha256, chainOk: file.auditVerification.ok }, now);
  } catch (err) {
    // Events were cut off the end of the chain: nothing can be chained onto the gap without hiding it. The
    // file is still what the auditor needs, and its verification names the missing events.
    if (!(err instanceof AuditTrailBroken)) throw err;
  }
  return file;
}

/** SHA-256 of a case file's canonical JSON: the value the `case.exported` event recorded. */
export function caseFileHash(file: CaseFile): string {
  return createHash('sha256').update(canonicalJson(file), 'utf8').digest('hex');
}

/** The report pack of a case compliance held, confirmed or cleared; undefined for any other case. */
function compliancePackOf(c: CaseRecord, evidence: readonly EvidenceRecord[], audit: readonly Record<string, unknown>[]): CompliancePack | undefined {
  const confirmed = c.decision?.via === 'compliance-review';
  if (!c.hold && !confirmed && !c.clearances?.length) return undefined;
  const a = c.application;
  const ips = new Set<string>();
  for (const e of evidence.filter((x) => x.stage === 'signals')) for (const s of (e.data?.batch as { type?: string; ip?: unknown }[] | undefined) ?? []) if (typeof s.ip === 'string') ips.add(s.ip);
  return {
    outcome: confirmed ? 'confirmed' : c.hold ? 'on-hold' : 'cleared',
    hold: c.hold ?? null,
    clearances: c.clearances ?? [],
    decision: c.decision ?? null,
    matchedEntries: evidence.filter((e) => e.stage === 'screening').flatMap((e) => (Array.isArray(e.data?.hits) ? (e.data.hits as Record<string, unknown>[]) : [])),
    identifiers: {
      legalName: `${a.contractor.legalName.givenNames} ${a.contractor.legalName.surname}`,
      otherNames: a.contractor.otherNames,
      birthDate: a.contractor.birthDate,
      nationality: a.contractor.nationality,
      residenceCountry: a.contractor.residenceCountry,
      email: a.contractor.email,
      phone: a.contractor.phone,
      document: { type: a.document.type, issuingCountry: a.document.issuingCountry, number: a.document.number, expiryDate: a.document.expiryDate },
    },
    payment: a.payment,
    ipAddresses: [...ips].sort(),
    timeline: audit.map((e) => ({ seq: Number(e.seq), at: String(e.at), actor: String(e.actor), action: String(e.action) })),
  };
}

function screeningRun(e: EvidenceRecord): ScreeningRun {
  const inputs = e.inputs ?? {};
  return {
    runId: e.runId,
    recordedAt: e.recordedAt,
    listVersion: typeof inputs.listVersion === 'string' ? inputs.listVersion : null,
    listSources: Array.isArray(inputs.listSources) ? inputs.listSources : [],
    thresholds: inputs.thresholds ?? null,
    subjects: Array.isArray(inputs.subjects) ? inputs.subjects : [],
    hits: Array.isArray(e.data?.hits) ? (e.data.hits as Record<string, unknown>[]) : [],
    findings: e.findings,
  };
}

function interviewSection(evidence: readonly EvidenceRecord[], audit: readonly Record<string, unknown>[]): CaseFile['interview'] {
  const newest = evidence.filter((e) => e.stage === 'interview').at(-1);
  const events = audit
    .filter((a) => String(a.action).startsWith('interview.'))
    .map((a) => ({ seq: Number(a.seq), at: String(a.at), actor: String(a.actor), action: String(a.action), data: (a.data ?? {}) as Record<string, unknown> }));
  if (!newest) return { outcome: null, events };
  const recorded = newest.findings.flatMap((f) => f.evidence).find((ev) => ev.kind === 'interview-outcome')?.detail ?? {};
  return {
    outcome: {
      runId: newest.runId,
      recordedAt: newest.recordedAt,
      interviewerId: newest.inputs.interviewerId ?? recorded.interviewerId ?? null,
      slotStart: newest.inputs.slotStart ?? recorded.slotStart ?? null,
      bookings: newest.inputs.bookings ?? null,
      answers: newest.data?.answers ?? [],
      remarks: recorded.remarks ?? null,
      findings: newest.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
    },
    events,
  };
}

function linkEntry(l: LinkRecord): LinkEntry {
  return {
    id: l.tokenHash.slice(0, 12),
    purpose: l.purpose,
    task: l.task,
    callbackId: l.callbackId,
    actions: l.actions,
    recipient: { role: l.recipient.role, name: l.recipient.name, email: l.recipient.email },
    createdAt: l.createdAt,
    expiresAt: l.expiresAt,
    ...(l.usedAt ? { usedAt: l.usedAt } : {}),
    ...(l.usedAction ? { usedAction: l.usedAction } : {}),
    ...(l.openedCount !== undefined ? { openedCount: l.openedCount } : {}),
  };
}

const decisionActions: Record<string, string> = { approved: 'approve', rejected: 'reject', 'info-requested': 'request-info' };

/**
 * The decision and, under four-eyes, the approvals before it. A person's decision is matched to the link
 * item they used: same recipient, used for the matching action (approvals are "approve" links).
 */
function decisionEntries(decision: DecisionRecord | undefined, pending: CaseRecord['pendingApprovals'], links: readonly LinkRecord[]): DecisionEntry[] {
  const findLink = (by: string, action: string | undefined) => {
    const l = links.find((x) => x.usedAction !== undefined && x.recipient.email === by && (action === undefined || x.usedAction === action));
    return l
      ? {
          id: l.tokenHash.slice(0, 12),
          purpose: l.purpose,
          task: l.task,
          callbackId: l.callbackId,
          recipientRole: l.recipient.role,
          ...(l.usedAction ? { usedAction: l.usedAction } : {}),
          ...(l.usedAt ? { usedAt: l.usedAt } : {}),
        }
      : undefined;
  };
  const out: DecisionEntry[] = [];
  const approvals = decision?.approvals ?? pending?.map((p) => ({ by: p.by, at: p.at, reason: p.reason })) ?? [];
  for (const a of approvals) {
    const link = findLink(a.by, 'approve');
    out.push({ kind: 'approval', outcome: 'approved', by: a.by, at: a.at, reason: a.reason, via: link?.purpose ?? 'review', ...(link ? { link } : {}) });
  }
  if (decision) {
    const person = decision.by !== 'system';
    const link = person ? findLink(decision.by, decisionActions[decision.outcome]) : undefined;
    // The final approval of a four-eyes decision is also in `approvals`: show it once, as the decision.
    const dup = out.findIndex((a) => a.by === decision.by && a.at === decision.at);
    if (dup >= 0) out.splice(dup, 1);
    out.push({
      kind: 'decision',
      outcome: decision.outcome,
      by: decision.by,
      at: decision.at,
      reason: decision.reason,
      via: decision.via ?? (person ? (link?.purpose ?? 'unknown') : 'workflow'),
      ...(link ? { link } : {}),
    });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}
