import { createHash } from 'node:crypto';
import { PutEventsCommand, EventBridgeClient } from '../aws/eventbridge';
import { signWebhook, WEBHOOK_ID_HEADER, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '../../domain/notify/webhook-signature';
import { logger } from '../observability/logger';
import type { StatusChangeEvent } from '../../domain/notify/status-change';

export { statusChangeOf, statusEventId, type StatusChangeEvent } from '../../domain/notify/status-change';

/**
 * The event id on every request (Standard Webhooks' webhook-id): the same on each retry and replay of one
 * status change, for deduplication.
 */
export const WEBHOOK_EVENT_ID_HEADER = WEBHOOK_ID_HEADER;

let events: EventBridgeClient | undefined;

/**
 * Publishes the status change on EventBridge (on AWS, for those who prefer events). Best effort and sent
 * once, by whoever claims the outbox item's first attempt: a failure is logged, never retried by the outbox
 * (the webhook and `GET /onboardings/{id}` still tell the truth).
 */
export async function publishStatusEvent(eventBusName: string, event: StatusChangeEvent): Promise<void> {
  events ??= new EventBridgeClient({ maxAttempts: 4 });
  await events
    .send(new PutEventsCommand({ Entries: [{ EventBusName: eventBusName, Source: 'vetflow', DetailType: event.type, Detail: JSON.stringify(event) }] }))
    .catch((err: unknown) => logger.warn('event not published', { errorName: (err as Error).name, onboardingId: event.onboardingId }));
}

export interface WebhookTarget {
  webhookUrl: string;
  webhookKey: Buffer;
  fetchImpl?: typeof fetch;
}

export type WebhookAttempt = { ok: true; status: number } | { ok: false; error: string; retryable: boolean };

/** Statuses that may get better by waiting: timeouts, conflicts, too early, rate limits, and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 409 || status === 425 || status === 429;
}

/**
 * One delivery attempt signed in the Standard Webhooks format (webhook-id, webhook-timestamp,
 * webhook-signature; signed afresh, so the timestamp is the send time), with a timeout and no retry:
 * retries are the outbox's, spread over later sweeps. A dead letter from before event ids gets one derived
 * from its body, stable across replays.
 */
export async function sendWebhook(target: WebhookTarget, body: string, eventId: string | undefined, timeoutMs: number): Promise<WebhookAttempt> {
  const doFetch = target.fetchImpl ?? fetch;
  try {
    const id = eventId ?? `body_${createHash('sha256').update(body).digest('hex').slice(0, 32)}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await doFetch(target.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [WEBHOOK_ID_HEADER]: id,
        [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
        [WEBHOOK_SIGNATURE_HEADER]: signWebhook({ key: target.webhookKey, id, body, timestamp }),
        'user-agent': 'vetflow-webhooks/1',
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The body is not read: drain it so the connection is freed.
    await res.body?.cancel().catch(() => undefined);
    if (res.ok) return { ok: true, status: res.status };
    return { ok: false, error: `HTTP ${res.status}`, retryable: isRetryableStatus(res.status) };
  } catch (err) {
    // fetch reports every network failure as "TypeError: fetch failed"; its cause says which (ECONNREFUSED...).
    const cause = (err as { cause?: { code?: unknown } }).cause?.code;
    return { ok: false, error: typeof cause === 'string' ? cause : (err as Error).name, retryable: true };
  }
}
