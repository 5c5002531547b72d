import { logger } from '../adapters/observability/logger';
import { loadKeys } from './secrets';
import { audit, env } from './services';
import { dynamoClient } from '../adapters/aws/dynamodb';
import { outboxDefaults, WebhookOutbox, type DeliveryOutcome } from '../adapters/notify/outbox-delivery';
import { outboxRecordOf, type OutboxItem, type WriterClaim } from '../adapters/dynamodb/outbox-item';
import type { UpdateSpec } from '../adapters/dynamodb/transaction';
import type { CaseRecord } from '../domain/cases/case-model';
import { BORN_VERSION } from '../domain/cases/lifecycle';

let outbox: WebhookOutbox | undefined;

/** The outbox delivery of this function, configured once from its environment (the key from the secret). */
export async function webhookOutbox(): Promise<WebhookOutbox> {
  if (outbox) return outbox;
  const keys = await loadKeys(env.SECRET_ARN);
  outbox = new WebhookOutbox(dynamoClient(), {
    ...outboxDefaults,
    table: env.TABLE_NAME,
    webhookKey: keys.webhookKey,
    ...(env.WEBHOOK_URL ? { webhookUrl: env.WEBHOOK_URL } : {}),
    ...(env.EVENT_BUS_NAME ? { eventBusName: env.EVENT_BUS_NAME } : {}),
    ...(env.WEBHOOK_MAX_ATTEMPTS ? { maxAttempts: env.WEBHOOK_MAX_ATTEMPTS } : {}),
    ...(env.WEBHOOK_RETRY_BASE_SECONDS ? { retryBaseMs: env.WEBHOOK_RETRY_BASE_SECONDS * 1000 } : {}),
    ...(env.WEBHOOK_RETRY_CAP_SECONDS ? { retryCapMs: env.WEBHOOK_RETRY_CAP_SECONDS * 1000 } : {}),
    ...(env.WEBHOOK_PROMPT_TIMEOUT_MS ? { promptTimeoutMs: env.WEBHOOK_PROMPT_TIMEOUT_MS } : {}),
    audit: (caseId, action, data) => audit(caseId, 'system', action, data),
  });
  return outbox;
}

/**
 * Tells the HRIS (webhook, EventBridge) about the case's status changes right away: one prompt attempt of
 * each outbox item the repository wrote with the change, no sleeps. A failure here changes nothing for the
 * caller: the item stays in the outbox and the webhook sweep retries it.
 */
export async function deliverStatusChanges(caseId: string, changed?: CaseRecord): Promise<DeliveryOutcome[]> {
  try {
    // The case as the caller changed it names the one item its change wrote: no query for fresh items.
    return await (await webhookOutbox()).deliverPromptly(caseId, changed ? [outboxRecordOf(changed, changed.updatedAt)] : undefined);
  } catch (err) {
    logger.warn('prompt webhook delivery failed; the sweep will retry', { onboardingId: caseId, errorName: (err as Error).name });
    return [];
  }
}

/**
 * The prompt attempt of the status event a new case is born with (`checking`: the API writes its outbox item
 * with the case, at the case's first version), by its key: one request, no query (WebhookOutbox.deliverPromptlyAt).
 * Like deliverStatusChanges, a failure changes nothing for the caller: the sweep retries the item.
 */
export async function deliverBornStatus(caseId: string): Promise<DeliveryOutcome[]> {
  try {
    return await (await webhookOutbox()).deliverPromptlyAt(caseId, BORN_VERSION);
  } catch (err) {
    logger.warn('prompt webhook delivery failed; the sweep will retry', { onboardingId: caseId, errorName: (err as Error).name });
    return [];
  }
}

/**
 * How a change whose writer then calls deliverOwnStatusChange has its outbox item born (the `claim` of
 * CaseRepository.moveCase): claimed by the writer, or settled when no webhook is configured.
 */
export async function writerClaim(): Promise<WriterClaim> {
  return (await webhookOutbox()).writerClaim();
}

/**
 * The prompt attempt of the status change the caller has just written with `claim` (writerClaim): its outbox
 * item was born claimed by the caller, so no claim request comes before the attempt. Like
 * deliverStatusChanges, a failure changes nothing for the caller: a claimed item goes to the sweep once its
 * lease is out.
 */
export async function deliverOwnStatusChange(changed: CaseRecord, claim: WriterClaim): Promise<DeliveryOutcome[]> {
  return deliverClaimed(outboxRecordOf(changed, changed.updatedAt, claim));
}

/**
 * The claim of the status event a case was born with (`checking`, written by the API with the case), for the
 * first task's own transaction (WebhookOutbox.claimInTransaction): while the case is still at the version it
 * was born with, nothing has changed it since, so its item is outboxRecordOf it as born (at its creation
 * time); the claim's condition also wants the stored body to be that record's. Undefined once the case has
 * moved on (deliverBornStatus then), or when the outbox cannot be configured.
 */
export async function bornStatusClaim(c: CaseRecord): Promise<{ update: UpdateSpec; claimed: OutboxItem } | undefined> {
  if (c.version !== BORN_VERSION) return undefined;
  try {
    return (await webhookOutbox()).claimInTransaction(outboxRecordOf(c, c.createdAt));
  } catch (err) {
    logger.warn('prompt webhook claim unavailable; the born status is claimed on its own', { onboardingId: c.id, errorName: (err as Error).name });
    return undefined;
  }
}

/**
 * The prompt attempt of an item the caller's own transaction claimed (born claimed: deliverOwnStatusChange;
 * claimed in it: bornStatusClaim). Like deliverStatusChanges, a failure changes nothing for the caller: a
 * claimed item goes to the sweep once its lease is out.
 */
export async function deliverClaimed(item: OutboxItem): Promise<DeliveryOutcome[]> {
  try {
    return await (await webhookOutbox()).deliverClaimed(item);
  } catch (err) {
    logger.warn('prompt webhook delivery failed; the sweep will retry', { onboardingId: item.caseId, errorName: (err as Error).name });
    return [];
  }
}
