import type { CaseRecord, EvidenceRecord } from '../cases/case-model';
import { relatedApplicantsOf } from './related-applicants';
import { payoutAccountsOf } from '../bank/payout-accounts';
import { evidenceInForce } from '../cases/latest-findings';
import { maskDocumentNumber } from '../document/mask';
import type { Severity, StageName } from '../finding';
import type { CasePageView, MicroDepositView, ScreeningHitView, StageView } from '../pages/case-page';
import type { DecisionAction } from '../pages/decision-form';
import type { LinkRecord } from './link-model';
import type { HoldSource } from '../cases/case-model';
import { samePerson, type PersonIdentityOptions } from '../person-identity';
import { standingClearances } from '../cases/hold-votes';
import { standingApprovals } from '../cases/approval-votes';
import { readStoredInterviewData } from '../interview/stored-outcome';

const holdSourceText: Record<HoldSource, string> = {
  'risk-decision': 'the risk decision',
  reassessment: 'the reassessment after the interview',
  signals: 'platform signals',
  rescreen: 'sanctions re-screening',
  'linked-applicant': 'a linked applicant',
  operator: 'an operator',
  approval: 'the approval, with findings that came in after the deciding vote',
};

const stageLabels: Partial<Record<StageName, string>> = {
  document: 'Identity-document check',
  screening: 'Public-record cross-reference',
  bank: 'Bank-account verification',
  interview: 'Video interview',
  signals: 'Platform signals',
  references: 'Employment references',
  'micro-deposits': 'Bank-account ownership (micro-deposits)',
  information: 'Information from the contractor',
  links: 'Links found by later applicants',
};

const riskSeverity: Record<string, Severity> = { low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

export interface PendingApproval {
  callbackId: string;
  by: string;
  name: string;
  at: string;
  reason: string;
}

/** Why a hold's link offers only "confirm": it went to the reviewers the HRIS named, not to compliance staff. */
export const clearOnlyByComplianceTeam =
  "Only the compliance team can clear a hold, and this deployment names none (the policy's reviewerPools.compliance and reviewerPools.escalation are empty), so the hold came to the reviewers named with the onboarding. You can confirm it. If you believe it is a false positive, tell the operator: until a compliance team clears it, the hold stays and the onboarding ends unapproved at the deadline.";

/** Everything the reviewer's case page shows, from the case, its evidence and its audit trail. */
export function casePageView(input: {
  c: CaseRecord;
  evidence: readonly EvidenceRecord[];
  audit: readonly Record<string, unknown>[];
  link: LinkRecord;
  csrf: string;
  deadline?: string;
  /** Telling people apart (policy fourEyes.ignorePlusTags). */
  identity?: PersonIdentityOptions;
  /** How many different compliance reviewers must clear a hold (the compliance review's page). */
  clearancesRequired?: number;
  /** Hard conditions that refuse approval (shared/domain/risk/approval-blockers.ts); a strong match alone when left out. */
  approvalBlockers?: readonly string[];
  /** The interviewer pool, to show the interviewer by name rather than by id. */
  interviewers?: readonly { id: string; name: string }[];
}): CasePageView {
  const { c, evidence, link } = input;
  const app = c.application;
  const inForce = evidenceInForce(evidence);
  const newest = new Map([...inForce].map(([stage, records]) => [stage, records[records.length - 1]!]));
  const stages: StageView[] = [...inForce]
    .filter(([stage]) => stage !== 'information')
    .map(([stage, records]) => {
      const findings = records.flatMap((r) => r.findings);
      // Deposits sent and not yet answered have passed nothing.
      const waiting = stage === 'micro-deposits' && !findings.length && records[0]!.data?.status === 'pending';
      return { name: records[0]!.stage, label: stageLabels[records[0]!.stage] ?? stage, status: waiting ? 'waiting' : findings.length ? 'findings' : 'passed', findings };
    });
  const screening = newest.get('screening');
  // Stored by several writers over time (the screening stage, the re-screening): read with defaults.
  const hits = ((screening?.data?.hits as Partial<ScreeningHitView>[] | undefined) ?? []).slice(0, 20).map(hitView);
  const fourEyes = Boolean(c.risk?.fourEyesRequired);
  // An approval given before a finding that came in since no longer counts (it did not see it).
  const given = standingApprovals(c, evidence, link.callbackId).standing;
  const strong = (c.risk?.drivers ?? []).includes('SCR_STRONG_MATCH');
  const approvedAlready = given.some((a) => samePerson(a.by, link.recipient.email, input.identity));
  const compliance = link.purpose === 'compliance-review' && c.hold !== undefined;
  // A clearance that a newer finding made stale does not count: that reviewer may clear again, having seen it.
  const clearedAlready = compliance && standingClearances(c.hold?.votes ?? [], c.hold?.sources ?? []).some((v) => samePerson(v.by, link.recipient.email, input.identity));
  const conditions = input.approvalBlockers ?? (strong ? ['A strong sanctions match cannot be approved from a link; compliance must clear it.'] : []);
  const mayClear = link.actions.includes('clear-hold');
  const blocked = compliance
    ? !mayClear
      ? clearOnlyByComplianceTeam
      : clearedAlready
        ? 'You have already cleared this hold; a second, different compliance reviewer must clear it too.'
        : undefined
    : conditions.length > 0
      ? conditions.join(' ')
      : approvedAlready
        ? 'You have already approved; a second, different reviewer must approve.'
        : undefined;
  const allowed: DecisionAction[] = compliance
    ? clearedAlready || !mayClear
      ? ['confirm-hold']
      : ['confirm-hold', 'clear-hold']
    : blocked
      ? ['reject', 'request-info']
      : ['approve', 'reject', 'request-info'];
  const interviewEvidence = newest.get('interview');
  const interviewData = readStoredInterviewData(interviewEvidence?.data);
  const microDeposits = microDepositView(newest.get('micro-deposits'));
  const { current, earlier } = payoutAccountsOf(c, evidence);
  return {
    caseId: c.id,
    externalId: c.externalId,
    contractorName: `${app.contractor.legalName.givenNames} ${app.contractor.legalName.surname}`,
    riskLevel: riskSeverity[c.risk?.level ?? 'medium'] ?? 'medium',
    ...(c.risk
      ? {
          risk: {
            outcome: c.risk.outcome,
            score: c.risk.score,
            ...(c.risk.thresholds ? { thresholds: c.risk.thresholds } : {}),
            facts: c.risk.facts ?? [],
            hardStops: c.risk.hardStops ?? [],
            policyVersion: c.risk.policyVersion,
            explanation: c.risk.explanation ?? [],
          },
        }
      : {}),
    status: c.status.replace(/-/g, ' '),
    complianceHold: c.status === 'compliance-hold',
    ...(input.deadline ? { deadline: input.deadline } : {}),
    viewer: { name: link.recipient.name },
    identity: {
      legalName: `${app.contractor.legalName.givenNames} ${app.contractor.legalName.surname}`,
      otherNames: app.contractor.otherNames,
      birthDate: app.contractor.birthDate,
      nationality: app.contractor.nationality,
      residenceCountry: app.contractor.residenceCountry,
      email: app.contractor.email,
      phone: app.contractor.phone,
      timeZone: app.contractor.timeZone,
      languages: app.contractor.languages,
      ...(app.contractor.address ? { address: `${app.contractor.address.city}, ${app.contractor.address.country}` } : {}),
      document: { type: app.document.type, issuingCountry: app.document.issuingCountry, numberMasked: maskDocumentNumber(app.document.number), expiryDate: app.document.expiryDate },
      employment: app.employment.map((j) => ({
        employer: j.employer,
        role: j.role,
        startDate: j.startDate,
        ...(j.endDate ? { endDate: j.endDate } : {}),
        ...(j.country ? { country: j.country } : {}),
        ...(j.reference ? { reference: j.reference.name } : {}),
      })),
      ...(app.engagement
        ? {
            engagement: {
              ...(app.engagement.role ? { role: app.engagement.role } : {}),
              ...(app.engagement.company ? { company: app.engagement.company } : {}),
              ...(app.engagement.startDate ? { startDate: app.engagement.startDate } : {}),
            },
          }
        : {}),
    },
    stages,
    screeningHits: hits,
    ...(snapshotText(screening?.inputs.listSnapshot) ? { screeningSnapshot: snapshotText(screening?.inputs.listSnapshot)! } : {}),
    relatedApplicants: relatedApplicantsOf(inForce),
    ...(interviewEvidence
      ? {
          interview: {
            status: interviewData.step === 'review' ? ('review' as const) : ('held' as const),
            ...(typeof interviewEvidence.inputs.slotStart === 'string' ? { slotLabel: new Date(interviewEvidence.inputs.slotStart).toUTCString() } : {}),
            ...(typeof interviewEvidence.inputs.interviewerId === 'string'
              ? { interviewerName: input.interviewers?.find((i) => i.id === interviewEvidence.inputs.interviewerId)?.name ?? interviewEvidence.inputs.interviewerId }
              : {}),
            answers: interviewData.answers,
            protocolVersion: interviewData.protocolVersion,
          },
        }
      : {}),
    ...(microDeposits ? { microDeposits } : {}),
    payout: { current, earlier },
    information: evidence
      .filter((e) => e.stage === 'information')
      .map((e) => ({ request: String(e.inputs.request ?? ''), requestedBy: String(e.inputs.requestedBy ?? ''), answer: String(e.data?.answer ?? ''), at: e.recordedAt })),
    audit: input.audit.map((a) => ({ at: String(a.at), actor: String(a.actor), action: String(a.action), ...(auditDetail(a.data) ? { detail: auditDetail(a.data)! } : {}) })),
    approvals: { required: fourEyes ? 2 : 1, given: given.map((a) => ({ reviewerName: a.name, at: a.at })) },
    actions: { allowed, ...(blocked ? { approveBlockedReason: blocked } : {}) },
    ...(compliance && c.hold
      ? {
          hold: {
            since: c.hold.since,
            hardStop: c.hold.hardStop,
            reasons: c.hold.sources.map((h) => ({ source: holdSourceText[h.source], at: h.at, reason: h.reason, findings: h.findings })),
            votes: (c.hold.votes ?? []).map((v) => ({ name: v.name, at: v.at, outcome: v.outcome, reason: v.reason })),
            clearancesRequired: input.clearancesRequired ?? 2,
          },
        }
      : {}),
    csrf: input.csrf,
  };
}

/** The micro-deposits' evidence in force, as the reviewer reads it. */
function microDepositView(e: EvidenceRecord | undefined): MicroDepositView | undefined {
  // The account paid now needs no deposits (a payout change to one the policy does not ask to prove).
  if (!e || e.data?.status === 'not-required') return undefined;
  const status = e.data?.status;
  const unverified = e.findings.some((f) => f.code === 'BANK_OWNERSHIP_UNVERIFIED');
  const newAccount = e.inputs.trigger === 'payout-account-change';
  return {
    status:
      status === 'verified'
        ? 'confirmed'
        : status === 'failed'
          ? 'failed'
          : unverified
            ? newAccount && !e.runId.includes('unverified')
              ? 'new-account-unproven'
              : 'unverified'
            : 'awaiting-confirmation',
    ...(typeof e.inputs.currency === 'string' ? { currency: e.inputs.currency } : {}),
    ...(typeof e.inputs.account === 'string' ? { account: e.inputs.account } : {}),
    ...(e.data?.provenBefore === true ? { provenBefore: true } : {}),
    ...(typeof e.data?.sentAt === 'string' ? { sentAt: e.data.sentAt } : {}),
    attempts: Number(e.data?.attempts ?? 0),
    attemptsLeft: Number(e.data?.attemptsLeft ?? 0),
  };
}

/** A short line per audit event: the outcome, stage or reason it recorded. */
function auditDetail(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  const parts = ['stage', 'outcome', 'purpose', 'reason', 'error'].filter((k) => typeof d[k] === 'string' || typeof d[k] === 'number').map((k) => `${k}: ${String(d[k])}`);
  if (Array.isArray(d.findings) && d.findings.length) parts.push(`findings: ${d.findings.join(', ')}`);
  return parts.length ? parts.join('; ').slice(0, 300) : undefined;
}

/** The snapshot a screening recorded (inputs.listSnapshot), as the sentence the case page shows. */
export function snapshotText(snapshot: unknown): string | undefined {
  if (!snapshot || typeof snapshot !== 'object') return undefined;
  const d = (snapshot as { description?: unknown }).description;
  return typeof d === 'string' && d ? d : undefined;
}

/** A stored hit as the page shows it, whatever fields its writer left out. */
function hitView(h: Partial<ScreeningHitView>): ScreeningHitView {
  const listed = (h.listed ?? {}) as Partial<ScreeningHitView['listed']>;
  return {
    ...h,
    level: h.level ?? 'potential',
    score: typeof h.score === 'number' ? h.score : 0,
    source: h.source ?? '',
    sourceId: h.sourceId ?? '',
    programs: h.programs ?? [],
    reasons: h.reasons ?? [],
    submitted: h.submitted ?? { name: '' },
    listed: { ...listed, name: listed.name ?? '', aliases: listed.aliases ?? [], birthDates: listed.birthDates ?? [], nationalities: listed.nationalities ?? [] },
  } as ScreeningHitView;
}
