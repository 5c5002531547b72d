import type { Policy, RequirableStage } from './policy-schema';

/**
 * The questions the workflow asks the policy, answered in one place so that the state machine, the API
 * and the case page cannot disagree about them.
 */

export type CountryRisk = 'hard-stop' | 'high' | 'standard';

export function countryRisk(policy: Policy, country: string | undefined): CountryRisk {
  if (!country) return 'standard';
  const code = country.toUpperCase();
  if (policy.countries.hardStop.includes(code)) return 'hard-stop';
  if (policy.countries.highRisk.includes(code)) return 'high';
  return 'standard';
}

const stageOrder: readonly RequirableStage[] = ['document', 'screening', 'bank', 'references', 'interview', 'approval'];

/** Stages required for this applicant: the default, plus what the country and the role add. */
export function requiredStages(policy: Policy, applicant: { residenceCountry?: string; role?: string }): RequirableStage[] {
  const required = new Set<RequirableStage>(policy.requiredStages.default);
  if (applicant.residenceCountry) for (const s of policy.requiredStages.byCountry[applicant.residenceCountry.toUpperCase()] ?? []) required.add(s);
  const role = applicant.role?.toLowerCase();
  if (role) for (const [pattern, stages] of Object.entries(policy.requiredStages.byRole)) if (role.includes(pattern.toLowerCase())) for (const s of stages) required.add(s);
  return stageOrder.filter((s) => required.has(s));
}

export function microDepositsRequired(policy: Policy, bankCountry: string | undefined): boolean {
  const rule = policy.bank.microDeposits;
  if (typeof rule === 'boolean') return rule;
  return (bankCountry ? rule.byCountry[bankCountry.toUpperCase()] : undefined) ?? rule.default;
}

export type PolicyTimeout = 'interviewPick' | 'interviewOutcome' | 'approval' | 'reminderBeforeDeadline';

/** Timeouts in whole seconds, the unit Step Functions' TimeoutSeconds takes. */
export function timeoutSeconds(policy: Policy, which: PolicyTimeout): number {
  return Math.round(policy.timeouts[`${which}Hours`] * 3600);
}

/**
 * The last day of the engagement (YYYY-MM-DD): the request's end date, else its start (or the day the
 * case was created) plus policy.engagement.durationDays.
 */
export function engagementEnd(policy: Policy, engagement: { startDate?: string; endDate?: string } | undefined, createdAt: Date): string {
  if (engagement?.endDate) return engagement.endDate;
  const start = engagement?.startDate ? new Date(`${engagement.startDate}T00:00:00Z`) : createdAt;
  return new Date(start.getTime() + policy.engagement.durationDays * 86_400_000).toISOString().slice(0, 10);
}
