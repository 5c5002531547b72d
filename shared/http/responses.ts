import type { APIGatewayProxyResult } from 'aws-lambda';

/** Security headers every response carries; pages add their content security policy on top. */
export const baseHeaders = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
} as const;

export interface FieldError {
  field: string;
  message: string;
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

export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message }));
}
