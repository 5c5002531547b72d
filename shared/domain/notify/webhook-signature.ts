import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signatures on outgoing webhooks in the Standard Webhooks format (https://www.standardwebhooks.com), so a
 * receiver verifies them with the published libraries (npm `standardwebhooks`, Python, Go, Java, Ruby, PHP,
 * Rust, C#...) or a few lines of its own:
 *   webhook-id:        the event id (the same on every retry and replay of one status change)
 *   webhook-timestamp: unix seconds of this attempt
 *   webhook-signature: `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<raw body>")>`, several separated by
 *                      spaces while a secret is being rotated (any one matching is enough)
 * The secret is handed out as `whsec_<base64 of the key bytes>`. Id and timestamp are inside the MAC, so a
 * captured request cannot be replayed later with a fresh timestamp or passed off as another event; the
 * receiver rejects timestamps outside a tolerance window and dedupes on webhook-id.
 */
export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;
const SECRET_PREFIX = 'whsec_';

/** The secret a receiver configures: `whsec_` and the key's bytes in base64. */
export function webhookSecret(key: Buffer): string {
  return `${SECRET_PREFIX}${key.toString('base64')}`;
}

/** The key bytes of a `whsec_...` secret (or of a bare base64 one, as the libraries accept). */
export function webhookKeyOf(secret: string): Buffer {
  const b64 = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new Error('a webhook secret is whsec_ followed by base64');
  const key = Buffer.from(b64, 'base64');
  if (key.length < 16) throw new Error('a webhook secret needs at least 16 bytes of key');
  return key;
}

export interface SignWebhookInput {
  /** One key, or several during rotation (new first). */
  key: Buffer | readonly Buffer[];
  /** The event id, sent as webhook-id. */
  id: string;
  /** The exact bytes sent as the request body; re-serialising JSON would break the MAC. */
  body: string;
  /** Unix seconds; the caller passes its clock so signing stays deterministic. */
  timestamp: number;
}

/** The webhook-signature header value. */
export function signWebhook({ key, id, body, timestamp }: SignWebhookInput): string {
  if (!Number.isInteger(timestamp) || timestamp < 0) throw new RangeError('timestamp must be unix seconds');
  if (!id || /\s/.test(id)) throw new Error('a webhook id is required and holds no white space');
  const keys = Buffer.isBuffer(key) ? [key] : key;
  if (keys.length === 0 || keys.some((k) => k.length === 0)) throw new Error('a non-empty webhook key is required');
  return keys.map((k) => `v1,${mac(k, id, timestamp, body)}`).join(' ');
}

export type WebhookVerification = { ok: true; timestamp: number; signature: string } | { ok: false; reason: 'malformed' | 'expired' | 'future' | 'mismatch' | 'replayed' };

export interface VerifyWebhookInput {
  key: Buffer | readonly Buffer[];
  body: string;
  /** The three headers as received. */
  headers: { id: string | undefined; timestamp: string | undefined; signature: string | undefined };
  /** Unix seconds now. */
  now: number;
  toleranceSeconds?: number;
  /** Signatures already accepted inside the window; lets a receiver refuse an exact replay. */
  seenSignatures?: ReadonlySet<string>;
}

export function verifyWebhookSignature(input: VerifyWebhookInput): WebhookVerification {
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const { id, timestamp: ts, signature } = input.headers;
  if (!id || id.length > 256 || !ts || !/^[0-9]{1,12}$/.test(ts) || !signature || signature.length > 4096) return { ok: false, reason: 'malformed' };
  const signatures = signature
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => s.slice(3));
  if (signatures.length === 0 || signatures.some((s) => !/^[A-Za-z0-9+/]{43}=$/.test(s))) return { ok: false, reason: 'malformed' };
  const timestamp = Number(ts);
  // Check the clock before the MAC: an expired request is rejected without doing crypto on attacker input.
  if (input.now - timestamp > tolerance) return { ok: false, reason: 'expired' };
  if (timestamp - input.now > tolerance) return { ok: false, reason: 'future' };
  const keys = Buffer.isBuffer(input.key) ? [input.key] : input.key;
  for (const k of keys) {
    const expected = Buffer.from(mac(k, id, timestamp, input.body), 'base64');
    for (const candidate of signatures) {
      const got = Buffer.from(candidate, 'base64');
      if (got.length === expected.length && timingSafeEqual(got, expected)) {
        if (input.seenSignatures?.has(candidate)) return { ok: false, reason: 'replayed' };
        return { ok: true, timestamp, signature: candidate };
      }
    }
  }
  return { ok: false, reason: 'mismatch' };
}

function mac(key: Buffer, id: string, timestamp: number, body: string): string {
  return createHmac('sha256', key).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64');
}

// Retry timing belongs with delivery; re-exported so a webhook sender imports one module.
export { backoffSchedule, WEBHOOK_MAX_ATTEMPTS } from './backoff';
