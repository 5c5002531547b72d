import { finding, type Finding } from '../../domain/finding';
import type { RenderedEmail } from '../../domain/email/rendered-email';
import type { Policy } from '../../domain/policy/policy-schema';
import { decideRisk, holdCauses } from '../../domain/risk/decide';
import type { CaseRecord, CaseStatus, EvidenceRecord } from '../../domain/cases/case-model';
import { ConflictError, EvidenceExistsError, type AuditEventBuilder, type CaseRepository } from '../../adapters/dynamodb/case-repository';
import type { FingerprintKind } from '../../domain/cases/fingerprints';
import type { AccountKeyBasis } from '../../domain/bank/account-identifier';
import { accountLinkReason } from '../../domain/bank/check-bank';
import type { HoldInput, HoldResult } from './hold-case';
import { findingBases, findingsInForce } from '../../domain/cases/latest-findings';
import { linkFindings } from './link-findings';
import { linksByCase, type LinkedCase } from './linked-applicants';
import { riskSummaryOf } from '../../domain/cases/risk-summary';
import { retry } from '../../adapters/dynamodb/retry';
import { isHeldLike, isSevereLink } from '../../domain/cases/link-standing';
import { complianceOwners } from '../../domain/cases/hold-votes';

export interface PropagateDeps {
  repo: CaseRepository;
  policy: Policy;
  /** Holds a case (shared/app/cases/hold-case.ts). */
  hold(input: HoldInput): Promise<HoldResult>;
  /** Sends a mail (the compliance pool's). */
  mail(to: string[], mail: RenderedEmail): Promise<void>;
  auditEvent(caseId: string, actor: string, action: string, data: Record<string, unknown>): AuditEventBuilder;
  now(): Date;
}

/** The applicant whose check found the links (the later one). */
export interface LaterApplicant {
  id: string;
  status: CaseStatus;
  /** The stage that found them: its run names the evidence on the earlier case (a retried run writes it once). */
  /**
   * `signals`: the contractor's link visits (an address shared with other applicants); `shipping`: the signals'
   * equipment shipping addresses (their own run name, beside other links the signals find); `contacts`: a phone or
   * email the signals say the contractor changed to (shared/app/cases/contact-links.ts); `hold`: the
   * other applicant was just put on hold (shared/app/cases/hold-links.ts), whenever it applied; `approval`: the
   * links looked up again when the other applicant's approval was applied, `reassessment` when its risk was decided
   * again after the interview (shared/app/cases/recheck-links.ts).
   */
  stage: 'bank' | 'screening' | 'signals' | 'shipping' | 'contacts' | 'hold' | 'approval' | 'reassessment';
  runId: string;
  /** Its payout account's prints, with why each links (accountPrintBases): the earlier case is told when the account met written another way. */
  accountBases?: ReadonlyMap<string, AccountKeyBasis>;
}

export type PropagationOutcome =
  /** The earlier case carries the finding; its own risk decision is still to come (or it has ended). */
  | 'recorded'
  /** Its risk was decided again and stored on the case; its reviewers see the finding on the case page. */
  | 're-decided'
  /** The re-decided risk holds it: put on compliance hold (holdCase). */
  | 'held'
  /** Approved already: the hold's owners were mailed (the compliance pool, else the escalation pool, else the case's reviewers). */
  | 'compliance-told'
  /** Approved already, and nobody to tell: no pool and no reviewer on the case (the caller logs it loudly). */
  | 'compliance-pool-empty';

/** Statuses in which the case's own risk decision has not run yet: it will weigh the finding itself. */
const beforeRiskDecision: ReadonlySet<CaseStatus> = new Set(['received', 'checking']);
/** Statuses in which people still act on the case: reviewers or the interview. */
const underReview: ReadonlySet<CaseStatus> = new Set(['awaiting-interview', 'awaiting-approval', 'info-requested']);

/**
 * Links both ways (issue 12 item 9). When a new applicant's check links them to earlier applicants (bank
 * account, phone, email, address, reference), each earlier case gets the finding too, naming the later
 * case: evidence of its own (stage `links`, one record per later case and stage, every record in force),
 * recorded with its audit event. Then, by where the earlier case stands:
 * - its checks still running: nothing more, its own risk decision weighs the finding;
 * - under review (interview, reviewers, information): the risk is decided again over the evidence in force
 *   and stored on the case, where the reviewers' case page shows it; a re-decided hold holds the case
 *   through holdCase (its waiting links then say so);
 * - approved: the same re-decision; a hard stop the policy draws from a link (an account shared with a
 *   held applicant, `bank.holdOnAccountSharedWithHeldCase`) holds it through holdCase, which starts the
 *   compliance review; otherwise the compliance pool is mailed, once per later case and stage;
 * - on hold: the risk shown is updated, the hold stands;
 * - ended otherwise (rejected, expired, failed...): the finding is kept for the record.
 * Never a status write of its own: a hold goes through holdCase. Idempotent per later case and stage.
 */
export async function propagateLinks(deps: PropagateDeps, later: LaterApplicant, linked: readonly LinkedCase[]): Promise<Map<string, PropagationOutcome>> {
  const byCase = linksByCase(linked, (id) => id === later.id);
  const out = new Map<string, PropagationOutcome>();
  // Bounded: an identifier shared by dozens of applicants (a laptop farm, a test fixture) would otherwise make
  // every new applicant rewrite every earlier one. The nearest MAX_PROPAGATIONS (by id order of the index) are
  // told; the later case itself carries the finding for all of them.
  for (const [earlierId, { kinds }] of [...byCase].slice(0, MAX_PROPAGATIONS))
    out.set(earlierId, await propagateTo(deps, later, earlierId, [...kinds].sort(), accountMatchedBy(later, earlierId, linked)));
  return out;
}

/** Which of the later case's account keys met the earlier case (accountBases, by the print that met). */
function accountMatchedBy(later: LaterApplicant, earlierId: string, linked: readonly LinkedCase[]): AccountKeyBasis[] {
  const bases = linked.flatMap((l) => (l.caseId === earlierId && l.kind === 'bank-account' && l.via ? [later.accountBases?.get(l.via)] : []));
  return [...new Set(bases.filter((b): b is AccountKeyBasis => b !== undefined))];
}

/** How many earlier applicants one stage run tells of a shared identifier. */
export const MAX_PROPAGATIONS = 10;

async function propagateTo(deps: PropagateDeps, later: LaterApplicant, earlierId: string, kinds: FingerprintKind[], matchedBy: readonly AccountKeyBasis[]): Promise<PropagationOutcome> {
  const findings = backLinkFindings(deps.policy, later, kinds, matchedBy);
  const evidence: EvidenceRecord = {
    caseId: earlierId,
    stage: 'links',
    runId: `${later.stage}-${later.id}`,
    recordedAt: deps.now().toISOString(),
    inputs: { laterCase: later.id, laterStatus: later.status, shared: kinds, foundBy: later.stage, run: later.runId },
    findings,
    data: { linkedCases: [later.id] },
  };
  try {
    await deps.repo.appendAudit(
      earlierId,
      deps.auditEvent(earlierId, `stage:${later.stage}`, 'links.found-by-later-applicant', { laterCase: later.id, shared: kinds, findings: findings.map((f) => f.code) }),
      { evidence },
    );
  } catch (err) {
    // A retried run: the finding is there already (with its audit event); the re-decision below is idempotent.
    if (!(err instanceof EvidenceExistsError)) throw err;
  }
  // A concurrent writer of the earlier case: decide again on a fresh read.
  return retry(() => reDecide(deps, later, earlierId, kinds), { attempts: 11, retryable: (err) => err instanceof ConflictError });
}

async function reDecide(deps: PropagateDeps, later: LaterApplicant, earlierId: string, kinds: FingerprintKind[]): Promise<PropagationOutcome> {
  const { c, evidence } = await deps.repo.mustGetCaseWithEvidence(earlierId);
  if (beforeRiskDecision.has(c.status)) return 'recorded';
  const onHold = c.status === 'compliance-hold';
  if (!underReview.has(c.status) && c.status !== 'approved' && !onHold) return 'recorded';
  // As the risk decision reads the case: the findings in force, less those compliance cleared.
  const findings = findingsInForce(evidence, c.clearances);
  const decision = decideRisk({ findings, policy: deps.policy });
  const isHardStop = (f: Finding) => Boolean(f.hardStop) || deps.policy.hardStopCodes.includes(f.code);
  const risk = riskSummaryOf(decision);
  const reason = `Linked to a later applicant (case ${later.id}) by the same ${kinds.map((k) => kindLabel[k]).join(', ')}: ${decision.explanation.join(' ')}`.slice(0, 1000);
  // Under review, a re-decided hold holds as the risk decision would; an approved contractor is held only by
  // a hard stop the policy draws from the link itself (else compliance is told and decides).
  const hardStopLink = evidence.some((e) => e.stage === 'links' && e.findings.some(isHardStop));
  if (decision.outcome === 'hold' && !onHold && (c.status !== 'approved' || hardStopLink)) {
    const causes = holdCauses(decision, { approved: c.status === 'approved' });
    const held = await deps.hold({
      caseId: c.id,
      source: 'linked-applicant',
      reason,
      findings: causes,
      bases: findingBases(decision.drivers, causes),
      hardStop: decision.drivers.some(isHardStop),
      risk,
      read: c,
    });
    if (held.kind !== 'not-holdable') return 'held';
  }
  await deps.repo.updateCase(c, (x) => ({ ...x, risk }), {
    audit: deps.auditEvent(c.id, 'system', 'risk.re-decided', {
      reason: 'linked-applicant',
      laterCase: later.id,
      outcome: risk.outcome,
      score: risk.score,
      level: risk.level,
      policyVersion: risk.policyVersion,
      drivers: risk.drivers,
    }),
  });
  if (c.status !== 'approved') return 're-decided';
  // The hold's owners (complianceOwners): the compliance pool; where the policy names none, the escalation pool, else
  // the reviewers who approved the contractor. With an empty compliance pool the link was only logged, and nobody
  // owned the suspicion on a contractor at work (adversarial pass, December 2026).
  const owners = complianceOwners(deps.policy.reviewerPools, c.application.reviewers).recipients.map((r) => r.email);
  if (!owners.length) return 'compliance-pool-empty';
  // Once per later case and stage, however often the stage runs.
  if (await deps.repo.claimOnce(c.id, `back-link-mail-${later.stage}-${later.id}`)) await deps.mail(owners, approvedLinkedMail(c, later, kinds, risk.level, risk.score));
  return 'compliance-told';
}

const kindLabel: Record<FingerprintKind, string> = {
  email: 'email address',
  phone: 'phone number',
  'bank-account': 'payout account',
  address: 'postal address',
  'reference-email': "reference's email",
  'reference-phone': "reference's phone",
  ip: 'IP address',
  'document-image': 'identity-document image',
  'document-image-near': 'identity-document image (saved again or resized)',
  'shipping-address': 'equipment shipping address',
  document: 'identity document number',
  messaging: 'messaging handle',
};

/**
 * The findings the earlier case gets: the same codes the later case got (BANK_SHARED_ACCOUNT,
 * LINK_SHARED_CONTACT, LINK_SHARED_REFERENCE), weighed by the later case's status as the later case's
 * were by the earlier one's.
 */
export function backLinkFindings(policy: Policy, later: Pick<LaterApplicant, 'id' | 'status'>, kinds: readonly FingerprintKind[], matchedBy: readonly AccountKeyBasis[] = []): Finding[] {
  const out: Finding[] = [];
  if (kinds.includes('bank-account')) {
    const held = isHeldLike(later.status);
    out.push(
      finding({
        code: 'BANK_SHARED_ACCOUNT',
        stage: 'links',
        severity: isSevereLink(later.status) ? 'critical' : 'high',
        hardStop: held && policy.bank.holdOnAccountSharedWithHeldCase,
        message: `Another applicant (case ${later.id}) gives the same payout account${accountLinkReason(matchedBy)}${held ? ', and is on compliance hold' : ''}. One account shared across applicants is a red flag for a team behind several identities.`,
        evidence: [{ kind: 'link', field: 'payment', detail: { linkedCases: [{ caseId: later.id, status: later.status, ...(matchedBy.length ? { matchedBy } : {}) }] } }],
      }),
    );
  }
  out.push(...linkFindings(kinds.filter((k) => k !== 'bank-account').map((kind) => ({ caseId: later.id, status: later.status, kind }))));
  return out;
}

function approvedLinkedMail(c: CaseRecord, later: LaterApplicant, kinds: readonly FingerprintKind[], level: string, score: number): RenderedEmail {
  const shared = kinds.map((k) => kindLabel[k]).join(', ');
  const text = [
    `Case ${c.id} (external id ${c.externalId}) was approved, and a later applicant, case ${later.id}, gives the same ${shared}.`,
    `The link is recorded on case ${c.id} as evidence; its risk, decided again with it, is ${level} (score ${score}).`,
    'Review whether the approved contractor and the later applicant are one team behind several identities; put the case on hold if so.',
  ].join('\n\n');
  return {
    subject: `vetflow: approved case ${c.id} linked to a new applicant (${later.id})`,
    text,
    html: text
      .split('\n\n')
      .map((p) => `<p>${p.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)}</p>`)
      .join('\n'),
  };
}
