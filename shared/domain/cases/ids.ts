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

/**
 * The onboarding of an execution, from its name: `ob-<id>` (executionNameFor), or `ob-<id>-hold-<time>` for
 * an approved contractor's compliance review. From the name, not the input: the state machine's data is
 * encrypted with the deployment's key, and the event need not carry it.
 */
export function onboardingOfExecution(name: string): string | undefined {
  const m = /^ob-([0-9a-f]{32})(?:-|$)/.exec(name);
  return m ? `ob_${m[1]}` : undefined;
}

/** Hash of the request as the client meant it: key order and whitespace do not matter. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

export const idempotencyKeyPattern = /^[A-Za-z0-9._:-]{8,128}$/;
