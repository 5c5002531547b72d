import { parseRate } from '../../infra/local/schedules';
import type { Template } from '../../infra/local/intrinsics';

/**
 * The fixed monthly cost of a deployment nobody uses, from the synthesized template and us-east-1 list
 * prices: what exists (keys, secrets, alarms, the dashboard) and what runs on its own (the schedules:
 * their invocations, duration, log lines, traces). Durations of the scheduled runs are assumptions,
 * stated with the figures; free tiers are not subtracted except where said.
 */
const price = {
  kmsKeyMonth: 1.0,
  secretMonth: 0.4,
  alarmMetricMonth: 0.1,
  dashboardMonth: 3.0,
  lambdaRequest: 0.2 / 1e6,
  lambdaGbSecondArm: 0.0000133334,
  logIngestGb: 0.5,
  logStoreGbMonth: 0.03,
  xrayTrace: 5 / 1e6,
  readUnit: 0.125 / 1e6,
  customMetricMonth: 0.3,
};
const month = 730 * 3_600_000;

/** Assumed duration of one scheduled run when there is nothing to do (a query that finds nothing). */
const idleRunMs: Record<string, number> = { WebhookSweep: 100, ReminderSweep: 100, DailyListRefresh: 30_000 };
/** START, END and REPORT lines plus a log line or two per run, bytes. */
const logBytesPerRun = 600;

export interface IdleCostLine {
  component: string;
  quantity: string;
  usd: number;
}

export function idleMonthlyCost(template: Template): { lines: IdleCostLine[]; total: number; notes: string[] } {
  const all = Object.entries(template.Resources);
  const count = (type: string) => all.filter(([, r]) => r.Type === type).length;
  const lines: IdleCostLine[] = [];
  const keys = count('AWS::KMS::Key');
  lines.push({ component: 'KMS customer-managed keys', quantity: `${keys} key(s)`, usd: keys * price.kmsKeyMonth });
  const secrets = count('AWS::SecretsManager::Secret');
  lines.push({ component: 'Secrets Manager secrets', quantity: `${secrets} secret(s)`, usd: secrets * price.secretMonth });
  // An alarm costs per metric it watches (a metric-math alarm: each metric in it).
  const alarmMetrics = all
    .filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm')
    .reduce((n, [, r]) => n + (Array.isArray(r.Properties?.Metrics) ? (r.Properties.Metrics as { MetricStat?: unknown }[]).filter((m) => m.MetricStat).length : 1), 0);
  lines.push({ component: 'CloudWatch alarms', quantity: `${count('AWS::CloudWatch::Alarm')} alarms on ${alarmMetrics} metrics`, usd: alarmMetrics * price.alarmMetricMonth });
  const dashboards = count('AWS::CloudWatch::Dashboard');
  lines.push({ component: 'CloudWatch dashboard', quantity: `${dashboards} (free among the account's first 3)`, usd: 0 });

  let invocations = 0;
  let gbSeconds = 0;
  const schedules: string[] = [];
  for (const [id, r] of all) {
    if (r.Type !== 'AWS::Events::Rule' || !r.Properties?.ScheduleExpression) continue;
    const expression = String(r.Properties.ScheduleExpression);
    const every = parseRate(expression) ?? 86_400_000;
    const runs = month / every;
    const name = Object.keys(idleRunMs).find((p) => id.startsWith(p)) ?? id;
    const fnId = (r.Properties.Targets as { Arn?: { 'Fn::GetAtt'?: string[] } }[] | undefined)?.[0]?.Arn?.['Fn::GetAtt']?.[0] ?? '';
    const memoryMb = Number(template.Resources[fnId]?.Properties?.MemorySize ?? 512);
    invocations += runs;
    gbSeconds += runs * ((idleRunMs[name] ?? 100) / 1000) * (memoryMb / 1024);
    schedules.push(`${name} ${expression}: ${Math.round(runs)} runs`);
  }
  lines.push({ component: 'Lambda requests (schedules)', quantity: `${Math.round(invocations)} invocations (${schedules.join('; ')})`, usd: invocations * price.lambdaRequest });
  lines.push({
    component: 'Lambda duration (schedules, arm64)',
    quantity: `${gbSeconds.toFixed(0)} GB-s (assumed ${Object.entries(idleRunMs)
      .map(([k, v]) => `${k} ${v} ms`)
      .join(', ')})`,
    usd: gbSeconds * price.lambdaGbSecondArm,
  });
  const logGb = (invocations * logBytesPerRun) / 1e9;
  lines.push({ component: 'CloudWatch Logs (ingest + one month stored)', quantity: `${(logGb * 1000).toFixed(1)} MB/month`, usd: logGb * (price.logIngestGb + price.logStoreGbMonth) });
  lines.push({ component: 'X-Ray traces (schedules; first 100,000/month free)', quantity: `${Math.round(invocations)} traces`, usd: Math.max(0, invocations - 100_000) * price.xrayTrace });
  lines.push({ component: 'DynamoDB reads (sweep queries on an empty queue)', quantity: `${Math.round(invocations)} queries, 0.5 RRU each`, usd: invocations * 0.5 * price.readUnit });
  const total = lines.reduce((a, l) => a + l.usd, 0);
  return {
    lines,
    total,
    notes: [
      `custom metrics (EMF) cost $${price.customMetricMonth.toFixed(2)} per metric per month in a month they receive data: none while idle, up to 8 (about $2.40) once onboardings run`,
      "a dashboard beyond the account's first three costs $3.00/month",
      'S3: the lists bucket keeps every daily version for 10 years (about 9 MB per changed version; $0.023/GB-month)',
    ],
  };
}
