import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json';

/**
 * The onboarding id and the execution name derive from the client and its Idempotency-Key, never from
 * personal data: a retried request lands on the same id and the same execution, and nothing in an ARN,
 * a log line or a URL says who the contractor is.
 */
export function onboardingIdFor(clientId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`${clientId}\n${idempotencyKey}`).digest('hex');
  return `ob_${digest.slice(0, 32)}`;
}

export function executionNameFor(onboardingId: string): string {
  return onboardingId.replace(/_/g, '-');
}

/** Hash of the request as the client meant it: key order and whitespace do not matter. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

export const idempotencyKeyPattern = /^[A-Za-z0-9._:-]{8,128}$/;
