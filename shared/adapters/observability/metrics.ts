import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { StatusChangeEvent } from '../../domain/notify/status-change';

/**
 * The business figures, as CloudWatch metrics in the embedded metric format (Powertools Metrics: one log
 * line per figure, no API call): namespace `vetflow`, one dimension `service=vetflow` whatever function
 * emits them, so one alarm or dashboard widget covers all functions. Off in the local runtime
 * (POWERTOOLS_METRICS_DISABLED) and outside Lambda.
 */
export const METRICS_NAMESPACE = 'vetflow';
export const METRICS_SERVICE = 'vetflow';
export const metricNames = {
  started: 'OnboardingsStarted',
  held: 'OnboardingsHeld',
  approved: 'OnboardingsApproved',
  rejected: 'OnboardingsRejected',
  failed: 'OnboardingsFailed',
  timeToDecision: 'TimeToDecision',
  webhookDeadLetters: 'WebhookDeadLetters',
  listAge: 'SanctionsListAgeDays',
} as const;

let metrics: Metrics | undefined;

function emit(name: string, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number): void {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME || process.env.POWERTOOLS_METRICS_DISABLED === 'true') return;
  metrics ??= new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });
  metrics.addMetric(name, unit, value);
  metrics.publishStoredMetrics();
}

/** The figures a status change makes: called once per change (its outbox item's first attempt). */
export function recordStatusChange(event: StatusChangeEvent, startedAt: string | undefined): void {
  if (event.status === 'checking') emit(metricNames.started, MetricUnit.Count, 1);
  if (event.status === 'compliance-hold') emit(metricNames.held, MetricUnit.Count, 1);
  if (event.status === 'approved') emit(metricNames.approved, MetricUnit.Count, 1);
  if (event.status === 'rejected') emit(metricNames.rejected, MetricUnit.Count, 1);
  if (event.status === 'failed') emit(metricNames.failed, MetricUnit.Count, 1);
  if (event.decision && startedAt) {
    const seconds = (Date.parse(event.decision.at) - Date.parse(startedAt)) / 1000;
    if (Number.isFinite(seconds) && seconds >= 0) emit(metricNames.timeToDecision, MetricUnit.Seconds, seconds);
  }
}

export function recordWebhookDeadLetter(): void {
  emit(metricNames.webhookDeadLetters, MetricUnit.Count, 1);
}

/** The age of the lists a screening used, in days (the stale-list alarm watches its maximum). */
export function recordListAge(days: number): void {
  emit(metricNames.listAge, MetricUnit.Count, Math.max(0, Math.floor(days)));
}
