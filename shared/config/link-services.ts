import { LinkRepository } from '../adapters/dynamodb/link-repository';
import { dynamoClient } from '../adapters/aws/dynamodb';
import { activePolicy } from './policy';
import { requireSetting } from './env';
import { env } from './services';

/** Link wiring for the functions that issue or answer links. */
export const links = new LinkRepository(dynamoClient(), env.TABLE_NAME);

export function publicBaseUrl(): string {
  return requireSetting(env, 'PUBLIC_BASE_URL');
}

export function mailFrom(): string {
  return requireSetting(env, 'MAIL_FROM');
}

/** How long before a link's expiry its recipient is reminded (policy `timeouts.reminderBeforeDeadlineHours`). */
export function reminderLeadMs(): number {
  return activePolicy().timeouts.reminderBeforeDeadlineHours * 3_600_000;
}
