/**
 * Error names the workflow's Retry and Catch fields match on. Step Functions matches the Lambda errorType,
 * which the Node.js runtime takes from `error.name`, so these names are part of the workflow contract.
 */
export const workflowErrors = {
  transient: 'TransientError',
  invalidInput: 'InvalidTaskInput',
  /** Sent to a waiting callback task when a new finding puts the case on compliance hold. */
  complianceHold: 'ComplianceHold',
} as const;

/** Worth retrying: a dependency was briefly unavailable, throttled or timed out. */
export class TransientError extends Error {
  override readonly name = workflowErrors.transient;
}

/** The task was handed input it cannot use; retrying will not help. */
export class InvalidTaskInputError extends Error {
  override readonly name = workflowErrors.invalidInput;
}

const transientNames = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TransactionConflictException',
  'TimeoutError',
  'RequestTimeout',
  'TooManyRequestsException',
  // An optimistic-lock conflict: the retried task re-reads the case and applies its change again.
  'ConflictError',
]);
const transientCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET']);

export function isTransient(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof TransientError) return true;
  const e = err as Error & { code?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number }; cause?: unknown };
  if (transientNames.has(e.name)) return true;
  if (e.code && transientCodes.has(e.code)) return true;
  if (e.$retryable) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  return e.cause !== undefined && e.cause !== err && isTransient(e.cause);
}
