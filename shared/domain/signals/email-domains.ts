import disposable from 'disposable-email-domains-js/dist/dict/disposable_email_blocklist.json' with { type: 'json' };
import freeMail from './free-mail-domains.json' with { type: 'json' };

/**
 * Disposable domains come from the maintained community blocklist (npm `disposable-email-domains-js`, a
 * mirror of the disposable-email-domains project, about 9,000 domains, updated as the list changes: an
 * `npm update` picks up new ones). The list leaves out forwarding and masking services on purpose; the
 * few of those that exist only to hide who writes are added here. Free-mail providers are a short
 * curated JSON list (the big providers), reviewed in a diff and bundled by esbuild.
 */
const maskingServices = ['burnermail.io', 'spamgourmet.com', 'tempmail.com', 'tempmail.net', 'luxusmail.org'];
const disposableSet: ReadonlySet<string> = new Set([...disposable, ...maskingServices]);
const freeMailSet: ReadonlySet<string> = new Set(freeMail);

export function emailDomain(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  return at > 0
    ? address
        .slice(at + 1)
        .trim()
        .toLowerCase()
        .replace(/\.$/, '')
    : undefined;
}

/** Matches the domain and its subdomains (x.mailinator.com is as disposable as mailinator.com). */
function inList(domain: string, list: ReadonlySet<string>): boolean {
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i++) if (list.has(labels.slice(i).join('.'))) return true;
  return false;
}

export const isDisposableDomain = (domain: string) => inList(domain, disposableSet);
export const isFreeMailDomain = (domain: string) => freeMailSet.has(domain);
