import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signatures on outgoing webhooks, in the scheme HRIS developers already know from payment providers:
 *   Vetflow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 * The timestamp is inside the MAC so a captured request cannot be replayed later with a fresh `t`; the
 * receiver rejects timestamps outside a tolerance window and may remember signatures it has accepted.
 * Several v1 entries may appear while a secret is being rotated; any one matching is enough.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'Vetflow-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export interface SignWebhookInput {
  /** One secret, or several during rotation (new first). */
  secret: string | readonly string[];
  /** The exact bytes sent as the request body; re-serialising JSON would break the MAC. */
  body: string;
  /** Unix seconds; the caller passes its clock so signing stays deterministic. */
  timestamp: number;
}

export function signWebhook({ secret, body, timestamp }: SignWebhookInput): string {
  if (!Number.isInteger(timestamp) || timestamp < 0) throw new RangeError('timestamp must be unix seconds');
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0 || secrets.some((s) => s.length === 0)) throw new Error('a non-empty webhook secret is required');
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${mac(s, timestamp, body)}`)].join(',');
}

export type WebhookVerification =
  | { ok: true; timestamp: number; signature: string }
  | { ok: false; reason: 'malformed' | 'expired' | 'future' | 'mismatch' | 'replayed' };

export interface VerifyWebhookInput {
  secret: string | readonly string[];
  body: string;
  /** The Vetflow-Signature header value as received. */
  header: string | undefined;
  /** Unix seconds now. */
  now: number;
  toleranceSeconds?: number;
  /** Signatures already accepted inside the window; lets a receiver refuse an exact replay. */
  seenSignatures?: ReadonlySet<string>;
}

export function verifyWebhookSignature(input: VerifyWebhookInput): WebhookVerification {
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const parsed = parseHeader(input.header);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const { timestamp, signatures } = parsed;
  // Check the clock before the MAC: an expired request is rejected without doing crypto on attacker input.
  if (input.now - timestamp > tolerance) return { ok: false, reason: 'expired' };
  if (timestamp - input.now > tolerance) return { ok: false, reason: 'future' };
  const secrets = typeof input.secret === 'string' ? [input.secret] : input.secret;
  for (const s of secrets) {
    const expected = Buffer.from(mac(s, timestamp, input.body), 'hex');
    for (const candidate of signatures) {
      const got = Buffer.from(candidate, 'hex');
      // timingSafeEqual needs equal lengths; the length itself is public (always 32 bytes for SHA-256).
      if (got.length === expected.length && timingSafeEqual(got, expected)) {
        if (input.seenSignatures?.has(candidate)) return { ok: false, reason: 'replayed' };
        return { ok: true, timestamp, signature: candidate };
      }
    }
  }
  return { ok: false, reason: 'mismatch' };
}

function mac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

function parseHeader(header: string | undefined): { timestamp: number; signatures: string[] } | undefined {
  if (!header || header.length > 4096) return undefined;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return undefined;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^[0-9]{1,12}$/.test(value)) return undefined;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return undefined;
      signatures.push(value.toLowerCase());
    }
    // Other schemes (v0, v2...) are ignored, so a future scheme can be added without breaking receivers.
  }
  if (timestamp === undefined || signatures.length === 0) return undefined;
  return { timestamp, signatures };
}

// Retry timing belongs with delivery; re-exported so a webhook sender imports one module.
export { backoffSchedule, WEBHOOK_MAX_ATTEMPTS } from './backoff';
