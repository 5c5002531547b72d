import type { CaseRecord } from '../cases/case-model';
import { notifyHris, statusChangeOf } from '../notify/hris-events';
import { loadKeys } from './secrets';
import { audit, env } from './services';

/** Tells the HRIS (webhook, EventBridge) that a case changed status, and records that it did. */
export async function notifyStatus(c: CaseRecord): Promise<void> {
  if (!env.WEBHOOK_URL && !env.EVENT_BUS_NAME) return;
  const keys = await loadKeys(env.SECRET_ARN);
  const outcome = await notifyHris(
    { table: env.TABLE_NAME, webhookKey: keys.webhookKey, ...(env.WEBHOOK_URL ? { webhookUrl: env.WEBHOOK_URL } : {}), ...(env.EVENT_BUS_NAME ? { eventBusName: env.EVENT_BUS_NAME } : {}) },
    statusChangeOf(c),
  );
  if (outcome !== 'not-configured') await audit(c.id, 'system', outcome === 'sent' ? 'webhook.sent' : 'webhook.failed', { status: c.status });
}
