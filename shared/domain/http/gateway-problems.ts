import type { FieldError } from './responses';

/**
 * What the API answers before a function runs (no route, no credentials, throttled, too large, the
 * integration failed), in the same problem-document wording as the functions' own errors
 * (shared/domain/http/responses.ts): the CDK stack writes these as API Gateway gateway responses, and the local API
 * answers them verbatim. One table, so the two engines cannot drift.
 */
export interface GatewayProblem {
  status: number;
  title: string;
  error: FieldError;
  /** Seconds, for the Retry-After header. */
  retryAfter?: number;
}

export const gatewayProblems = {
  /** API Gateway's MISSING_AUTHENTICATION_TOKEN: no such route, or a route called without credentials. */
  noRoute: {
    status: 403,
    title: 'No such route, or no credentials',
    error: { field: 'path', message: 'no route here, or the request is not signed', allowed: 'a route the API document lists (GET /openapi.json), signed with AWS SigV4' },
  },
  /** ACCESS_DENIED, INVALID_SIGNATURE, EXPIRED_TOKEN and UNAUTHORIZED: credentials that do not grant the route. */
  accessDenied: {
    status: 403,
    title: 'Access denied',
    error: { field: 'Authorization', message: 'the credentials are not valid for this route', allowed: 'a SigV4 signature of an HRIS client allowed to call the API (execute-api:Invoke)' },
  },
  /** Locally, the API key stands in for IAM SigV4. */
  missingApiKey: {
    status: 401,
    title: 'Unauthenticated',
    error: { field: 'x-api-key', message: 'missing', allowed: 'an API key of the local configuration (locally, the API key stands in for IAM SigV4)' },
  },
  invalidApiKey: {
    status: 403,
    title: 'Access denied',
    error: { field: 'x-api-key', message: 'not a key of the local configuration', allowed: 'an API key printed by npm start' },
  },
  methodNotAllowed: {
    status: 405,
    title: 'Method not allowed',
    error: { field: 'method', message: 'this route does not take this method', allowed: 'the methods the API document lists for the route (GET /openapi.json)' },
  },
  throttled: {
    status: 429,
    title: 'Too many requests',
    error: { field: '(request)', message: 'over the rate the API accepts now', allowed: 'the same request again after Retry-After; nothing of this one was recorded' },
    retryAfter: 1,
  },
  tooLarge: {
    status: 413,
    title: 'Body too large',
    error: { field: '(body)', message: 'too large', allowed: 'at most 10 MB at the gateway (64 KB for JSON bodies)' },
  },
  unsupportedMediaType: {
    status: 415,
    title: 'Unsupported media type',
    error: { field: 'Content-Type', message: 'not a media type this route takes', allowed: 'application/json for the HRIS API, application/x-www-form-urlencoded for link pages' },
  },
  starting: {
    status: 503,
    title: 'Starting',
    error: { field: '(request)', message: 'vetflow is starting', allowed: 'the same request again after Retry-After' },
    retryAfter: 2,
  },
  integrationFailed: {
    status: 502,
    title: 'Temporarily unavailable',
    error: { field: '(request)', message: 'the function behind this route failed', allowed: 'the same request again (with the same Idempotency-Key for POST /onboardings)' },
  },
  integrationTimeout: {
    status: 504,
    title: 'Temporarily unavailable',
    error: { field: '(request)', message: 'the function behind this route did not answer in time', allowed: 'the same request again (with the same Idempotency-Key for POST /onboardings)' },
  },
} as const satisfies Record<string, GatewayProblem>;

export type GatewayProblemName = keyof typeof gatewayProblems;

/** The problem document's body. */
export function gatewayProblemBody(p: GatewayProblem): string {
  return JSON.stringify({ type: 'about:blank', title: p.title, status: p.status, errors: [p.error] });
}

/** Headers of the answer (the same as the functions' problem documents). */
export function gatewayProblemHeaders(p: GatewayProblem): Record<string, string> {
  return {
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(p.retryAfter ? { 'Retry-After': String(p.retryAfter) } : {}),
  };
}
