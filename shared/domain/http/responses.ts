import type { APIGatewayProxyResult } from 'aws-lambda';

/** Security headers every response carries; pages add their content security policy on top. */
export const baseHeaders = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
} as const;

/**
 * One offending field of a request, in the one wording every route uses (shared/domain/http/issue-wording.ts): the
 * field by its path, what is wrong with it, and what would be accepted.
 */
export interface FieldError {
  field: string;
  /** What is wrong, e.g. "missing", "too long", "not one of the accepted values". */
  message: string;
  /** What is allowed, e.g. "at most 128 characters", "one of \"iban\", \"swift\"". */
  allowed: string;
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { ...baseHeaders, 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** RFC 9457 problem details, with the offending fields named. */
export function problem(statusCode: number, title: string, errors: FieldError[] = [], detail?: string): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { ...baseHeaders, 'Content-Type': 'application/problem+json; charset=utf-8' },
    body: JSON.stringify({ type: 'about:blank', title, status: statusCode, ...(detail ? { detail } : {}), errors }),
  };
}

export { issuesToFieldErrors as fieldErrors } from './issue-wording';

/** The errors every onboarding route shares, worded once. */
export const onboardingIdError: FieldError = { field: 'id', message: 'not an onboarding id', allowed: 'an id as POST /onboardings answers it: "ob_" and 32 hex digits' };
export const onboardingNotFoundError: FieldError = { field: 'id', message: 'no such onboarding for this client', allowed: 'the id POST /onboardings answered' };
export const unauthenticatedError: FieldError = { field: 'Authorization', message: 'no caller identity', allowed: 'a request signed with an API key or IAM credentials of an HRIS client' };
