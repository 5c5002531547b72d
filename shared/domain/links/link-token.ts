import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits from the CSPRNG, base64url: 43 characters. */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

export const linkTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** What the table stores instead of the token: a keyed hash, useless to whoever reads the table. */
export function hashLinkToken(linkKey: Buffer, token: string): string {
  return createHmac('sha256', linkKey).update(`link\n${token}`).digest('base64url');
}

/**
 * The CSRF token of a link's form, derived from the link (stateless): a page served for the link carries
 * it, a cross-site form cannot know it.
 */
export function csrfTokenFor(linkKey: Buffer, tokenHash: string): string {
  return createHmac('sha256', linkKey).update(`csrf\n${tokenHash}`).digest('base64url');
}

export function constantTimeEquals(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  if (x.length !== y.length) {
    timingSafeEqual(x, x);
    return false;
  }
  return timingSafeEqual(x, y);
}
