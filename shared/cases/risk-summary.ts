import type { RiskDecision } from '../risk/decide';
import type { RiskSummary } from './case-model';

/** What the case keeps of a risk decision: outcome, score, level, four-eyes, the policy version and the drivers' codes. */
export function riskSummaryOf(decision: RiskDecision): RiskSummary {
  return {
    outcome: decision.outcome,
    score: decision.score,
    level: decision.level,
    fourEyesRequired: decision.fourEyesRequired,
    policyVersion: `${decision.policyVersion.version}#${decision.policyVersion.hash.replace('sha256:', '').slice(0, 12)}`,
    drivers: decision.drivers.map((d) => d.code),
  };
}
