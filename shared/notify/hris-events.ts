import { PutEventsCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { backoffSchedule, signWebhook, WEBHOOK_SIGNATURE_HEADER } from '../audit/webhook-signature';
import type { CaseRecord } from '../cases/case-model';
import { dynamoClient } from '../config/clients';
import { logger } from '../config/logger';

let events: EventBridgeClient | undefined;

/** What the HRIS is told on each status change: ids and outcomes, no personal data. */
export interface StatusChangeEvent {
  type: 'onboarding.status-changed';
  onboardingId: string;
  externalId: string;
  status: string;
  decision?: { outcome: string; at: string };
  risk?: { outcome: string; level: string };
  at: string;
}

export function statusChangeOf(c: CaseRecord): StatusChangeEvent {
  return {
    type: 'onboarding.status-changed',
    onboardingId: c.id,
    externalId: c.externalId,
    status: c.status,
    ...(c.decision ? { decision: { outcome: c.decision.outcome, at: c.decision.at } } : {}),
    ...(c.risk ? { risk: { outcome: c.risk.outcome, level: c.risk.level } } : {}),
    at: new Date().toISOString(),
  };
}

export interface NotifyConfig {
  table: string;
  webhookUrl?: string;
  webhookKey: Buffer;
  eventBusName?: string;
  /** Attempts before the delivery goes to the dead-letter record (default 4). */
  attempts?: number;
  fetchImpl?: typeof fetch;
}

/**
 * Tells the HRIS about a status change: an EventBridge event (on AWS, for those who prefer events) and a
 * signed webhook (HMAC over timestamp and body, like the common schemes), retried with backoff and jitter.
 * A delivery that still fails is kept as a dead-letter record that `npm run case -- webhooks-replay`
 * sends again; it never fails the onboarding itself.
 */
export async function notifyHris(cfg: NotifyConfig, event: StatusChangeEvent): Promise<'sent' | 'dead-lettered' | 'not-configured'> {
  if (cfg.eventBusName) {
    events ??= new EventBridgeClient({ maxAttempts: 4 });
    await events
      .send(new PutEventsCommand({ Entries: [{ EventBusName: cfg.eventBusName, Source: 'vetflow', DetailType: event.type, Detail: JSON.stringify(event) }] }))
      .catch((err: unknown) => logger.warn('event not published', { errorName: (err as Error).name, onboardingId: event.onboardingId }));
  }
  if (!cfg.webhookUrl) return 'not-configured';
  const result = await deliverWebhook(cfg, JSON.stringify(event));
  if (result.ok) return 'sent';
  await dynamoClient().send(
    new PutCommand({
      TableName: cfg.table,
      Item: { PK: 'WEBHOOK#DLQ', SK: `${event.at}#${event.onboardingId}`, type: 'webhook-dlq', caseId: event.onboardingId, body: JSON.stringify(event), lastError: result.error, attempts: result.attempts },
    }),
  );
  logger.error('webhook dead-lettered', { onboardingId: event.onboardingId, attempts: result.attempts, lastError: result.error });
  return 'dead-lettered';
}

export async function deliverWebhook(cfg: NotifyConfig, body: string): Promise<{ ok: boolean; attempts: number; error?: string }> {
  const attempts = cfg.attempts ?? 4;
  const doFetch = cfg.fetchImpl ?? fetch;
  let error = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const signature = signWebhook({ secret: cfg.webhookKey.toString('hex'), body, timestamp: Math.floor(Date.now() / 1000) });
      const res = await doFetch(cfg.webhookUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signature, 'user-agent': 'vetflow-webhooks/1' },
        body,
        signal: AbortSignal.timeout(5000),
      });
      if (res.ok) return { ok: true, attempts: attempt };
      error = `HTTP ${res.status}`;
      // A 4xx other than 408/429 will not get better by retrying.
      if (res.status < 500 && res.status !== 408 && res.status !== 429) break;
    } catch (err) {
      error = (err as Error).name;
    }
    if (attempt < attempts) await new Promise((r) => setTimeout(r, backoffSchedule(attempt, { baseMs: 200, capMs: 2000 })));
  }
  return { ok: false, attempts, error };
}
