import { STYLESHEET_HASH } from './stylesheet';

/**
 * The policy every person-facing page is served with. No script source at all: the pages work without
 * JavaScript, and a mail scanner that runs scripts finds nothing to run. `form-action 'self'` keeps a
 * tampered page from posting decisions elsewhere; `frame-ancestors 'none'` stops click-jacking of the
 * approve button.
 */
export interface PolicyOptions {
  styles?: 'inline-hash' | 'self';
  /**
   * Extra image origins, e.g. the documents bucket the outcome form's photos are presigned for: origins only
   * (scheme, host, port), https, or http on a loopback host (the local runtime's S3 endpoint).
   */
  imgSrc?: readonly string[];
  /**
   * Inline scripts allowed by hash (`sha256-...`): only the contractor forms' time-zone field filler
   * (time-zone-question.ts). Every other page, and any script injected into these, runs nothing.
   */
  scriptHashes?: readonly string[];
}

const imageOrigin = /^(https:\/\/[A-Za-z0-9.-]+|http:\/\/(localhost|127\.0\.0\.1|\[::1\]))(:\d{1,5})?$/;

export function contentSecurityPolicy(options: PolicyOptions = {}): string {
  const styleSrc = options.styles === 'self' ? "'self'" : `'${STYLESHEET_HASH}'`;
  const scripts = (options.scriptHashes ?? []).filter((h) => /^sha256-[A-Za-z0-9+/]{43}=$/.test(h)).map((h) => `'${h}'`);
  const imgSrc = ["'self'", ...(options.imgSrc ?? []).filter((s) => imageOrigin.test(s))].join(' ');
  return [
    "default-src 'none'",
    `style-src ${styleSrc}`,
    `img-src ${imgSrc}`,
    ...(scripts.length ? [`script-src ${scripts.join(' ')}`] : []),
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Headers for every page response (architecture: no-referrer, no-store, strict CSP). */
export function pageSecurityHeaders(options: PolicyOptions = {}): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': contentSecurityPolicy(options),
    // The link token is in the URL: it must never leak through Referer or a shared cache.
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
