import disposable from './disposable-email-domains.json' with { type: 'json' };
import freeMail from './free-mail-domains.json' with { type: 'json' };

/**
 * Small curated lists, kept as JSON so they can be reviewed in a diff and bundled by esbuild. Disposable
 * domains change daily; for fuller coverage swap in a maintained list package and keep this interface.
 */
const disposableSet: ReadonlySet<string> = new Set(disposable);
const freeMailSet: ReadonlySet<string> = new Set(freeMail);

export function emailDomain(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  return at > 0 ? address.slice(at + 1).trim().toLowerCase().replace(/\.$/, '') : undefined;
}

/** Matches the domain and its subdomains (x.mailinator.com is as disposable as mailinator.com). */
function inList(domain: string, list: ReadonlySet<string>): boolean {
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i++) if (list.has(labels.slice(i).join('.'))) return true;
  return false;
}

export const isDisposableDomain = (domain: string) => inList(domain, disposableSet);
export const isFreeMailDomain = (domain: string) => freeMailSet.has(domain);
