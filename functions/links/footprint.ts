import type { APIGatewayProxyEvent } from 'aws-lambda';
import { logger } from '../../shared/adapters/observability/logger';
import type { LinkRecord } from '../../shared/domain/links/link-model';
import { constantTimeEquals } from '../../shared/domain/links/link-token';
import { footprintPurposes, isPublicAddress, linkVisitSchema, parseAcceptLanguage, parseUtcOffset, type FootprintPurpose, type LinkVisit } from '../../shared/domain/signals/link-visit';
import { lower, readForm, sameOrigin } from './http';

/** How long recording may take, retries included, before the page goes on without it. */
const BUDGET_MS = 2_000;

const isFootprintPurpose = (p: string): p is FootprintPurpose => (footprintPurposes as readonly string[]).includes(p);

/**
 * The contractor's footprint (issue 18 item 1): a request to one of their links (slot pick, information,
 * micro-deposits) is recorded as a link visit through the signals use case, with the same rules and risk
 * decision as the platform's signals. Staff links are not. A GET is recorded as it comes (it changes
 * nothing of the step); a POST only with the page's own CSRF token (the person's own submission).
 *
 * The address is API Gateway's source IP, never X-Forwarded-For (anyone can send that; the local API sets
 * the source IP from a trusted proxy's header only when told to, VETFLOW_TRUSTED_PROXIES).
 *
 * The page must never fail for this: every failure is logged, never shown.
 */
export async function noteFootprint(event: APIGatewayProxyEvent, link: LinkRecord, csrf: string, now: Date): Promise<void> {
  try {
    const visit = visitOf(event, link, csrf, now);
    if (!visit) return;
    const deadline = Date.now() + BUDGET_MS;
    // Loaded on the first contractor visit: the rules' IP data and numbering plans are no staff page's cost.
    const { recordLinkVisit } = await import('../../shared/config/record-link-visit');
    const result = await recordLinkVisit(link.caseId, visit, { remainingMs: () => deadline - Date.now() });
    if (result.kind === 'received') logger.info('link visit recorded', { onboardingId: link.caseId, purpose: visit.purpose, method: visit.method });
  } catch (err) {
    logger.warn('link visit not recorded', { onboardingId: link.caseId, purpose: link.purpose, errorName: (err as Error).name });
  }
}

/** The visit as the request shows it, or undefined when it is not one to record. */
export function visitOf(event: APIGatewayProxyEvent, link: LinkRecord, csrf: string, now: Date): LinkVisit | undefined {
  if (link.recipient.role !== 'contractor' || !isFootprintPurpose(link.purpose)) return undefined;
  const method = event.httpMethod;
  if (method !== 'GET' && method !== 'POST') return undefined;
  let form: Record<string, string> | undefined;
  if (method === 'POST') {
    form = readForm(event);
    if (!form || !sameOrigin(event) || !constantTimeEquals(form.csrf ?? '', csrf)) return undefined;
  }
  const parsed = linkVisitSchema.safeParse({
    type: 'link-visit',
    time: now.toISOString(),
    ip: canonicalIp(event.requestContext?.identity?.sourceIp ?? ''),
    languages: parseAcceptLanguage(lower(event.headers)['accept-language']),
    purpose: link.purpose,
    method,
  });
  if (!parsed.success) {
    logger.warn('link visit without a usable source address', { onboardingId: link.caseId, purpose: link.purpose });
    return undefined;
  }
  // A private or loopback address (a local demo, an office proxy we were not told to trust) places no one.
  if (!isPublicAddress(parsed.data.ip)) return undefined;
  const visit: LinkVisit = { ...parsed.data };
  // The form's time zone fields: kept only when valid; a bad value is no reason to refuse the contractor's answer.
  const tz = form?.tz?.trim();
  if (tz && linkVisitSchema.shape.browserTimeZone.safeParse(tz).success) visit.browserTimeZone = tz;
  const offset = parseUtcOffset(form?.utcOffset);
  if (offset !== undefined) visit.statedUtcOffset = offset;
  return visit;
}

/**
 * The request's public source address in its one spelling (API Gateway's source IP, as visitOf reads it), or
 * undefined for a private, loopback or unusable one: such an address places no one.
 */
export function publicSourceAddress(event: APIGatewayProxyEvent): string | undefined {
  const ip = canonicalIp(event.requestContext?.identity?.sourceIp ?? '');
  const parsed = linkVisitSchema.shape.ip.safeParse(ip);
  return parsed.success && isPublicAddress(parsed.data) ? parsed.data : undefined;
}

/** One spelling per address, so the same address always meets itself on the fingerprint index. */
function canonicalIp(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip.trim());
  if (mapped) return mapped[1]!;
  try {
    return ip.includes(':') ? new URL(`http://[${ip.trim()}]/`).hostname.slice(1, -1) : ip.trim();
  } catch {
    return ip.trim();
  }
}
