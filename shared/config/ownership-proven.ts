import { terminalStatuses } from '../domain/cases/case-model';
import { findingsInForce } from '../domain/cases/latest-findings';
import { retryOnConflict } from '../app/cases/retry-on-conflict';
import { riskSummaryOf } from '../domain/cases/risk-summary';
import { canonicalJson } from '../domain/audit/canonical-json';
import { decideRisk } from '../domain/risk/decide';
import { activePolicy } from './policy';
import { auditEvent, repo } from './services';

/** Before the risk decision: the workflow's own decision will read the proof. */
const undecided = new Set(['received', 'checking']);

/**
 * The contractor proved a payout account by its test deposits: the risk decided again over the findings in
 * force, so a case whose new account was unproven (BANK_OWNERSHIP_UNVERIFIED) is scored without it now, and
 * the reviewer's page and the four-eyes rule read the new score. A proof only takes a finding away, so this
 * never holds a case; one held stays held (compliance decides). Nothing is written when the decision is the
 * one on the case already (the bank stage's deposits confirmed before the decision changed anything).
 */
export async function reDecideAfterProof(caseId: string): Promise<void> {
  await retryOnConflict(async () => {
    const { c, evidence } = await repo.mustGetCaseWithEvidence(caseId);
    if (!c.risk || undecided.has(c.status) || terminalStatuses.has(c.status)) return;
    const decision = decideRisk({ findings: findingsInForce(evidence, c.clearances), policy: activePolicy() });
    const risk = riskSummaryOf(decision);
    const { decidedAt: _at, ...before } = c.risk;
    if (canonicalJson(risk) === canonicalJson(before)) return;
    // A higher score than on the case comes from something else (a concurrent batch of signals), whose own
    // path decides and holds; a proof lowers it or leaves it.
    if (decision.outcome === 'hold' && c.status !== 'compliance-hold') return;
    await repo.updateCase(c, (x) => ({ ...x, risk }), {
      audit: auditEvent(caseId, 'system', 'risk.re-decided', {
        reason: 'micro-deposits',
        outcome: risk.outcome,
        score: risk.score,
        level: risk.level,
        policyVersion: risk.policyVersion,
        drivers: risk.drivers,
      }),
    });
  });
}
