import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { publicBaseUrl } from '../../shared/config/link-services';
import type { LinkRecord } from '../../shared/domain/links/link-model';
import { pageSecurityHeaders, renderResultPage, TIME_ZONE_SCRIPT, TIME_ZONE_SCRIPT_HASH, type ResultPageView } from '../../shared/domain/pages';

const maxFormBytes = 16 * 1024;

/** Staff (reviewers, interviewers, compliance) by address; the contractor by role only. */
export function actorOf(link: LinkRecord): string {
  return link.recipient.role === 'contractor' ? 'contractor' : `${link.recipient.role}:${link.recipient.email}`;
}

export function result(view: ResultPageView): APIGatewayProxyResult {
  const r = renderResultPage(view);
  const answer = page(r.status, r.html);
  return view.kind === 'case-busy' ? { ...answer, headers: { ...answer.headers, 'Retry-After': String(view.retryAfterSeconds) } } : answer;
}

/** A page with images from another origin (the interviewer's photos): the CSP allows exactly those origins. */
export type PageBody = string | { html: string; imgSrc: readonly string[] };

export function page(statusCode: number, body: PageBody): APIGatewayProxyResult {
  const html = typeof body === 'string' ? body : body.html;
  // The contractor forms carry one script (the time-zone field, shared/domain/pages/time-zone-question.ts): allowed
  // by its hash on those pages only.
  const scripts = html.includes(TIME_ZONE_SCRIPT) ? { scriptHashes: [TIME_ZONE_SCRIPT_HASH] } : {};
  return { statusCode, headers: pageSecurityHeaders({ ...scripts, ...(typeof body === 'string' ? {} : { imgSrc: body.imgSrc }) }), body: html };
}

/**
 * Cross-site POSTs are refused: the browser says where the form came from. Our pages are served with
 * `Referrer-Policy: no-referrer`, under which Chromium sends `Origin: null` on the page's own form; that is
 * accepted only together with `Sec-Fetch-Site: same-origin` (sandboxed frames and data: pages say
 * cross-site). The CSRF token is checked after this in every case.
 */
export function sameOrigin(event: APIGatewayProxyEvent): boolean {
  const h = lower(event.headers);
  const site = h['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = h.origin;
  if (origin === 'null') return site === 'same-origin';
  if (origin && origin !== new URL(publicBaseUrl()).origin) return false;
  return true;
}

export function lower(headers: APIGatewayProxyEvent['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}

/** The page's form fields (first value of each), or undefined when the body is not a form or too large. */
export function readForm(event: APIGatewayProxyEvent): Record<string, string> | undefined {
  const type = lower(event.headers)['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (raw.length > maxFormBytes) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw)) if (!(k in out)) out[k] = v;
  return out;
}

export type FormState = { errors?: Record<string, string>; values?: Record<string, string> };
