import type { RiskDecision } from '../risk/decide';
import type { RiskSummary } from './case-model';

/**
 * What the case keeps of a risk decision: outcome, score, level, four-eyes, the policy version, the
 * drivers' codes and the arithmetic (thresholds, counted facts, hard stops, explanation), for every
 * outcome. Small: a few dozen facts at most, well under the item limit.
 */
export function riskSummaryOf(decision: RiskDecision, decidedAt?: Date): RiskSummary {
  return {
    outcome: decision.outcome,
    score: decision.score,
    level: decision.level,
    fourEyesRequired: decision.fourEyesRequired,
    policyVersion: `${decision.policyVersion.version}#${decision.policyVersion.hash.replace('sha256:', '').slice(0, 12)}`,
    drivers: decision.drivers.map((d) => d.code),
    thresholds: decision.thresholds,
    facts: decision.facts.map((f) => ({ fact: f.fact, weight: f.weight, code: f.code, codes: [...new Set(f.findings.map((x) => x.code))] })),
    hardStops: decision.hardStops.map((h) => h.code),
    explanation: decision.explanation.map((l) => (l.length > 600 ? `${l.slice(0, 599)}…` : l)),
    ...(decidedAt && { decidedAt: decidedAt.toISOString() }),
  };
}
