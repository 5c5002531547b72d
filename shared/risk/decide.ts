import { compareSeverity, type Finding } from '../domain/finding';
import { policyVersionOf, type PolicyVersion } from '../policy/policy-document';
import type { Policy } from '../policy/policy-schema';
import { guidanceFor } from './catalogue';

/**
 * The risk decision: findings in, one of three outcomes out, with the arithmetic spelled out so that a
 * reviewer can see why and an auditor can recompute it from the recorded findings and policy version.
 *
 * Rules, in order:
 *  1. Each finding weighs policy.weights.byCode[code], else policy.weights.bySeverity[severity].
 *  2. A code counts once, at its heaviest finding: ten logins from one VPN are one red flag, not ten.
 *  3. score = sum of those weights.
 *  4. Any hard stop (finding.hardStop, or its code in policy.hardStopCodes) -> hold, whatever the score.
 *  5. Otherwise score >= thresholds.hold -> hold; >= thresholds.review -> review; else clear.
 */

export const riskOutcomes = ['clear', 'review', 'hold'] as const;
export type RiskOutcome = (typeof riskOutcomes)[number];
export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

export interface RiskDecision {
  outcome: RiskOutcome;
  score: number;
  level: RiskLevel;
  /** Findings that drove the outcome, best first: hard stops, then by weight, then severity. */
  drivers: Finding[];
  fourEyesRequired: boolean;
  policyVersion: PolicyVersion;
  /** Plain-language lines for the case page, in the order the rules were applied. */
  explanation: string[];
}

interface Weighed {
  finding: Finding;
  weight: number;
  weightSource: 'code' | 'severity';
  hardStop: 'finding' | 'policy' | false;
  count: number;
}

export function decideRisk({ findings, policy }: { findings: readonly Finding[]; policy: Policy }): RiskDecision {
  const policyVersion = policyVersionOf(policy);
  const { review, hold } = policy.thresholds;
  const byCode = new Map<string, Weighed>();

  for (const f of findings) {
    const codeWeight = policy.weights.byCode[f.code];
    const weight = codeWeight ?? policy.weights.bySeverity[f.severity];
    const hardStop = f.hardStop ? 'finding' : policy.hardStopCodes.includes(f.code) ? 'policy' : false;
    const current = byCode.get(f.code);
    const candidate: Weighed = { finding: f, weight, weightSource: codeWeight === undefined ? 'severity' : 'code', hardStop, count: 1 };
    if (!current) byCode.set(f.code, candidate);
    else {
      const better = rank(candidate, current) < 0 ? candidate : current;
      byCode.set(f.code, {
        ...better,
        // A hard stop anywhere among same-code findings keeps the code a hard stop.
        hardStop: current.hardStop || candidate.hardStop,
        count: current.count + 1,
      });
    }
  }

  const ranked = [...byCode.values()].sort(rank);
  const score = ranked.reduce((sum, w) => sum + w.weight, 0);
  const hardStops = ranked.filter((w) => w.hardStop);
  const outcome: RiskOutcome = hardStops.length > 0 || score >= hold ? 'hold' : score >= review ? 'review' : 'clear';
  const level: RiskLevel = hardStops.length > 0 ? 'critical' : score >= hold ? 'high' : score >= review ? 'medium' : 'low';
  const driving = ranked.filter((w) => w.hardStop || w.weight > 0);

  const fourEyesReasons: string[] = [];
  if (score >= policy.fourEyes.whenScoreAtLeast)
    fourEyesReasons.push(`score ${score} >= ${policy.fourEyes.whenScoreAtLeast}`);
  const fourEyesCodes = ranked.filter((w) => policy.fourEyes.whenCodes.includes(w.finding.code)).map((w) => w.finding.code);
  if (fourEyesCodes.length > 0) fourEyesReasons.push(`finding ${fourEyesCodes.join(', ')}`);
  if (outcome === 'hold' && policy.fourEyes.onHold) fourEyesReasons.push('releasing a compliance hold');

  const explanation = [
    `Policy "${policyVersion.version}" (${policyVersion.hash.slice(0, 19)}): review at ${review}, hold at ${hold}.`,
    ...(findings.length === 0 ? ['No findings.'] : []),
    ...ranked.map(describeWeighed),
    `Score ${score}.`,
    ...hardStops.map((w) => `Hard stop: ${w.finding.code}${w.hardStop === 'policy' ? ' (listed in policy.hardStopCodes)' : ''}.`),
    describeOutcome(outcome, { score, review, hold, hardStops: hardStops.length }),
    fourEyesReasons.length > 0 ? `Four-eyes approval required: ${fourEyesReasons.join('; ')}.` : 'One approver is enough.',
  ];

  return {
    outcome,
    score,
    level,
    drivers: driving.map((w) => ({
      ...w.finding,
      hardStop: w.hardStop !== false,
      guidance: w.finding.guidance ?? guidanceFor(w.finding.code),
    })),
    fourEyesRequired: fourEyesReasons.length > 0,
    policyVersion,
    explanation,
  };
}

/** Hard stops first, then heavier, then more severe, then by code so the order is stable. */
function rank(a: Weighed, b: Weighed): number {
  return (
    Number(b.hardStop !== false) - Number(a.hardStop !== false) ||
    b.weight - a.weight ||
    compareSeverity(b.finding.severity, a.finding.severity) ||
    (a.finding.code < b.finding.code ? -1 : a.finding.code > b.finding.code ? 1 : 0)
  );
}

function describeWeighed(w: Weighed): string {
  const from = w.weightSource === 'code' ? `policy weight for ${w.finding.code}` : `weight for ${w.finding.severity} severity`;
  const times = w.count > 1 ? ` (${w.count} findings with this code, counted once)` : '';
  return `${w.finding.code} (${w.finding.severity}): +${w.weight}, ${from}${times}. ${w.finding.message}`;
}

function describeOutcome(outcome: RiskOutcome, c: { score: number; review: number; hold: number; hardStops: number }): string {
  switch (outcome) {
    case 'hold':
      return c.hardStops > 0
        ? 'Outcome: compliance hold, because of a hard stop; the score does not matter.'
        : `Outcome: compliance hold, score ${c.score} >= hold threshold ${c.hold}.`;
    case 'review':
      return `Outcome: review by a person, score ${c.score} >= review threshold ${c.review}.`;
    case 'clear':
      return `Outcome: clear, score ${c.score} < review threshold ${c.review}.`;
    default:
      return outcome satisfies never;
  }
}
