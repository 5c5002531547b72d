import { compareSeverity, type Finding } from '../finding';
import { policyVersionOf, type PolicyVersion } from '../policy/policy-document';
import type { Policy } from '../policy/policy-schema';
import { guidanceFor } from './catalogue';
import { factOf } from './facts';

/**
 * The risk decision: findings in, one of three outcomes out, with the arithmetic spelled out so that a
 * reviewer can see why and an auditor can recompute it from the recorded findings and policy version.
 *
 * Rules, in order:
 *  1. Each finding weighs policy.weights.byCode[code], else policy.weights.bySeverity[severity].
 *  2. Each finding is about a fact (shared/domain/risk/facts.ts): `bank.country`, `contact.phone`, a linked
 *     applicant... A fact counts once, at its strongest finding (policy.risk.factCombination
 *     'strongest'), or its strongest plus a fraction of the others ('strongest-plus-fraction'). Every
 *     finding is still listed, under its fact. Ten logins from one VPN are one red flag, not ten; a bank
 *     in China seen by three checks is one red flag, not three.
 *  3. score = sum of the facts' weights.
 *  4. Any hard stop (finding.hardStop, or its code in policy.hardStopCodes) -> hold, whatever the score.
 *  5. Otherwise score >= thresholds.hold -> hold; >= thresholds.review -> review; else clear.
 */

export const riskOutcomes = ['clear', 'review', 'hold'] as const;
export type RiskOutcome = (typeof riskOutcomes)[number];
export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

/** One counted fact: what it added to the score and which findings spoke about it. */
export interface CountedFact {
  fact: string;
  /** What the fact added to the score (rounded to a whole point). */
  weight: number;
  /** The finding that set the weight. */
  code: string;
  /** Every finding about the fact, strongest first, with its own weight. */
  findings: { code: string; severity: Finding['severity']; weight: number; hardStop: boolean }[];
}

export interface RiskDecision {
  outcome: RiskOutcome;
  score: number;
  level: RiskLevel;
  /** The strongest finding of each fact that counts or stops, best first: hard stops, then weight, then severity. */
  drivers: Finding[];
  /** The arithmetic: each fact with what it added, heaviest first. */
  facts: CountedFact[];
  /** Codes that are hard stops, with why (the finding says so, or the policy lists the code). */
  hardStops: { code: string; source: 'finding' | 'policy' }[];
  thresholds: { review: number; hold: number };
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
}

/** What one fact adds under the policy's combination rule, from its findings' weights. */
export function combineFactWeights(weights: readonly number[], policy: Pick<Policy, 'risk'>): number {
  if (weights.length === 0) return 0;
  const sorted = [...weights].sort((a, b) => b - a);
  const strongest = sorted[0]!;
  switch (policy.risk.factCombination) {
    case 'strongest':
      return strongest;
    case 'strongest-plus-fraction':
      return Math.round(strongest + policy.risk.corroborationFraction * sorted.slice(1).reduce((s, w) => s + w, 0));
    default:
      return policy.risk.factCombination satisfies never;
  }
}

export function weighFinding(f: Finding, policy: Pick<Policy, 'weights' | 'hardStopCodes'>): Weighed {
  const codeWeight = policy.weights.byCode[f.code];
  return {
    finding: f,
    weight: codeWeight ?? policy.weights.bySeverity[f.severity],
    weightSource: codeWeight === undefined ? 'severity' : 'code',
    hardStop: f.hardStop ? 'finding' : policy.hardStopCodes.includes(f.code) ? 'policy' : false,
  };
}

/**
 * The findings a hold stands on, which a compliance clearance of that hold clears. Its hard stops alone
 * when the rest goes back to reviewers who see it, and the rest does not hold by score on its own: clearing
 * a VPN login used to clear a missing document file as well, and the case went from four eyes to one
 * (adversarial pass, December 2026). Every driver otherwise: a hold by score; a contractor already
 * approved (no reviewer would see the rest after the clearance: it went straight back to approved with
 * its risk saying hold, second adversarial pass); or the rest holding by itself. `heldOn`: for a case
 * already on hold, the drivers of the risk it is held with; a driver new since is a cause too.
 */
export function holdCauses(
  decision: Pick<RiskDecision, 'hardStops' | 'drivers' | 'facts' | 'thresholds'>,
  { heldOn, approved = false }: { heldOn?: readonly string[]; approved?: boolean } = {},
): string[] {
  const drivers = [...new Set(decision.drivers.map((d) => d.code))];
  const rest = decision.facts.filter((f) => !f.findings.some((x) => x.hardStop)).reduce((sum, f) => sum + f.weight, 0);
  if (!decision.hardStops.length || approved || rest >= decision.thresholds.hold) return drivers;
  return [...new Set([...decision.hardStops.map((h) => h.code), ...(heldOn ? drivers.filter((d) => !heldOn.includes(d)) : [])])];
}

export function decideRisk({ findings, policy }: { findings: readonly Finding[]; policy: Policy }): RiskDecision {
  const policyVersion = policyVersionOf(policy);
  const { review, hold } = policy.thresholds;
  const byFact = new Map<string, Weighed[]>();
  for (const f of findings) {
    const fact = factOf(f);
    byFact.set(fact, [...(byFact.get(fact) ?? []), weighFinding(f, policy)]);
  }

  const groups = [...byFact.entries()].map(([fact, list]) => {
    const sorted = [...list].sort(rank);
    return {
      fact,
      list: sorted,
      best: sorted[0]!,
      weight: combineFactWeights(
        list.map((w) => w.weight),
        policy,
      ),
    };
  });
  groups.sort((a, b) => rank(a.best, b.best) || b.weight - a.weight || cmp(a.fact, b.fact));
  const score = groups.reduce((sum, g) => sum + g.weight, 0);

  const hardStopList = new Map<string, 'finding' | 'policy'>();
  for (const g of groups) for (const w of g.list) if (w.hardStop && !hardStopList.has(w.finding.code)) hardStopList.set(w.finding.code, w.hardStop);
  const hardStops = [...hardStopList].map(([code, source]) => ({ code, source }));

  const outcome: RiskOutcome = hardStops.length > 0 || score >= hold ? 'hold' : score >= review ? 'review' : 'clear';
  const level: RiskLevel = hardStops.length > 0 ? 'critical' : score >= hold ? 'high' : score >= review ? 'medium' : 'low';
  const driving = groups.filter((g) => g.best.hardStop || g.weight > 0);

  const fourEyesReasons: string[] = [];
  if (score >= policy.fourEyes.whenScoreAtLeast) fourEyesReasons.push(`score ${score} >= ${policy.fourEyes.whenScoreAtLeast}`);
  const fourEyesCodes = [...new Set(findings.map((f) => f.code))].filter((c) => policy.fourEyes.whenCodes.includes(c)).sort();
  if (fourEyesCodes.length > 0) fourEyesReasons.push(`finding ${fourEyesCodes.join(', ')}`);
  if (outcome === 'hold' && policy.fourEyes.onHold) fourEyesReasons.push('releasing a compliance hold');

  const combination =
    policy.risk.factCombination === 'strongest'
      ? 'each fact counts once, at its strongest finding'
      : `each fact counts its strongest finding plus ${policy.risk.corroborationFraction} of each other finding about it`;
  const explanation = [
    `Policy "${policyVersion.version}" (${policyVersion.hash.slice(0, 19)}): review at ${review}, hold at ${hold}; ${combination}.`,
    ...(findings.length === 0 ? ['No findings.'] : []),
    ...groups.map((g) => describeFact(g.fact, g.weight, g.list)),
    `Score ${score} = ${driving.length > 0 ? driving.map((g) => g.weight).join(' + ') : '0'}.`,
    ...hardStops.map((h) => `Hard stop: ${h.code}${h.source === 'policy' ? ' (listed in policy.hardStopCodes)' : ''}.`),
    describeOutcome(outcome, { score, review, hold, hardStops: hardStops.length }),
    fourEyesReasons.length > 0 ? `Four-eyes approval required: ${fourEyesReasons.join('; ')}.` : 'One approver is enough.',
  ];

  return {
    outcome,
    score,
    level,
    drivers: driving.map((g) => ({
      ...g.best.finding,
      hardStop: g.best.hardStop !== false,
      guidance: g.best.finding.guidance ?? guidanceFor(g.best.finding.code),
    })),
    facts: groups.map((g) => ({
      fact: g.fact,
      weight: g.weight,
      code: g.best.finding.code,
      findings: g.list.map((w) => ({ code: w.finding.code, severity: w.finding.severity, weight: w.weight, hardStop: w.hardStop !== false })),
    })),
    hardStops,
    thresholds: { review, hold },
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
    cmp(a.finding.code, b.finding.code) ||
    cmp(a.finding.message, b.finding.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function describeFact(fact: string, weight: number, list: Weighed[]): string {
  const best = list[0]!;
  // The weight comes from the heaviest finding, which a weightless hard stop may precede in the list.
  const heaviest = list.reduce((a, b) => (b.weight > a.weight ? b : a));
  const from = heaviest.weightSource === 'code' ? `policy weight for ${heaviest.finding.code}` : `weight for ${heaviest.finding.severity} severity`;
  const sameCode = list.filter((w) => w.finding.code === best.finding.code).length;
  const times = sameCode > 1 ? ` (${sameCode} findings with this code, counted once)` : '';
  const others = [...new Map(list.filter((w) => w.finding.code !== best.finding.code).map((w) => [w.finding.code, w])).values()];
  const added = weight - heaviest.weight;
  const also = others.length > 0 ? ` Same fact, ${added === 0 ? 'not added again' : `${added} added as corroboration`}: ${others.map((w) => `${w.finding.code} (${w.weight})`).join(', ')}.` : '';
  return `${fact}: ${best.finding.code} (${best.finding.severity}): +${weight}, ${from}${times}. ${best.finding.message}${also}`;
}

function describeOutcome(outcome: RiskOutcome, c: { score: number; review: number; hold: number; hardStops: number }): string {
  switch (outcome) {
    case 'hold':
      return c.hardStops > 0 ? 'Outcome: compliance hold, because of a hard stop; the score does not matter.' : `Outcome: compliance hold, score ${c.score} >= hold threshold ${c.hold}.`;
    case 'review':
      return `Outcome: review by a person, score ${c.score} >= review threshold ${c.review}.`;
    case 'clear':
      return `Outcome: clear, score ${c.score} < review threshold ${c.review}.`;
    default:
      return outcome satisfies never;
  }
}
