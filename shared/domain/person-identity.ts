/**
 * Who a staff address belongs to, for four eyes and two-person compliance decisions: the same person in two
 * spellings is one person. Pure.
 *
 * Compared: Unicode NFKC (full-width and compatibility forms), invisible format characters removed (zero-width
 * joiners, soft hyphens, bidi marks), case folded (ASCII and Unicode), look-alike letters of other scripts
 * folded to Latin by the table screening uses for names (unicodeSkeleton), blanks dropped. Plus-tags (`rita+2@example.com`) name the same mailbox
 * at most providers; at an organisation's own domain they are folded only when the policy says so, because some
 * organisations give different people tagged addresses of one shared mailbox. At the large providers
 * (providerMailbox: Gmail, Proton, iCloud, Yandex, Microsoft's, Yahoo's disposable addresses, Fastmail's
 * subdomains) what the provider ignores is always folded: one mailbox, one person.
 */
import { unicodeSkeleton } from './screening/unicode-fold';

export interface PersonIdentityOptions {
  /** Treat `name+tag@domain` as `name@domain`. */
  ignorePlusTags?: boolean;
}

/** The key two addresses share exactly when they name the same person. */
export function personKey(address: string, options: PersonIdentityOptions = {}): string {
  const s = addressText(address);
  const at = s.lastIndexOf('@');
  if (at < 0) return s;
  const provider = providerMailbox(s.slice(0, at), s.slice(at + 1));
  if (provider) return provider;
  const local = options.ignorePlusTags ? s.slice(0, at).replace(/\+.*$/, '') : s.slice(0, at);
  return `${local}@${s.slice(at + 1)}`;
}

/**
 * An address as text, before any provider's rule: look-alike letters of other scripts, full-width forms and
 * invisible characters as screening reads them (unicodeSkeleton: one table for names and addresses), case and
 * accents folded, no blanks (an address has none), the domain's trailing dot dropped; and the address alone when
 * the text is a display form (`Kim <kim@example.com>`, `mailto:kim@example.com`). Identity for a plain ASCII address
 * (lower-cased): intake's are (the schema), but a contact change's new email is the platform's free text, and
 * `ｋｉｍ.farm@gmail.com` or `kim\u200B.farm@gmail.com` there was another mailbox than the held applicant's (adversarial pass).
 */
function addressText(address: string): string {
  const bracketed = /<([^<>]*@[^<>]*)>/u.exec(address)?.[1] ?? address;
  // The palochka passes for an l in a lower-case address, where TR39 (made for names) reads it as I.
  return unicodeSkeleton(bracketed.replace(/[\u04C0\u04CF]/gu, 'l'))
    .replace(/\s+/gu, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/^mailto:/, '')
    .replace(/\.$/, '');
}

export function samePerson(a: string, b: string, options: PersonIdentityOptions = {}): boolean {
  return personKey(a, options) === personKey(b, options);
}

/**
 * Large mail providers: the domains that are one account's (lower case), and what the provider ignores in the
 * local part beside a +tag (which every one of them drops).
 */
interface Provider {
  /** The domain every spelling of the account is keyed on. */
  domain: string;
  /** The local part as the provider delivers it (lower case, tag dropped). */
  local?: (local: string) => string;
}
const GMAIL: Provider = { domain: 'gmail.com', local: (l) => l.replace(/\./g, '') };
const PROTON: Provider = { domain: 'proton.me', local: (l) => l.replace(/[._-]/g, '') };
const ICLOUD: Provider = { domain: 'icloud.com' };
// Yandex reads a dot and a hyphen in a login as the same character, and its domains are one account.
const YANDEX: Provider = { domain: 'yandex.ru', local: (l) => l.replace(/\./g, '-') };
const PROVIDERS: Record<string, Provider> = {
  'gmail.com': GMAIL,
  'googlemail.com': GMAIL,
  'proton.me': PROTON,
  'protonmail.com': PROTON,
  'protonmail.ch': PROTON,
  'pm.me': PROTON,
  'icloud.com': ICLOUD,
  'me.com': ICLOUD,
  'mac.com': ICLOUD,
  ...Object.fromEntries(['yandex.ru', 'yandex.com', 'yandex.by', 'yandex.kz', 'yandex.ua', 'yandex.com.tr', 'ya.ru'].map((d) => [d, YANDEX])),
};
/** Microsoft's consumer domains, regional ones too: separate namespaces (rita@outlook.com and rita@hotmail.com may be two people), the tag only. */
const MICROSOFT = /^(?:(?:outlook|hotmail|live)\.(?:com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})|msn\.com)$/;
/** Yahoo's own domains (not Yahoo Japan, another company; not a company's yahoo.example.com). */
const YAHOO = /^yahoo\.(?:com|co\.uk|co\.in|co\.id|co\.nz|com\.au|com\.br|com\.mx|com\.ar|com\.sg|com\.ph|com\.tw|com\.hk|ca|fr|de|es|it|ie|nl|be|at|ch|se|dk|no|fi|pl|gr|ro)$/;

/**
 * Domains with a whole family of addresses per account: Yahoo's disposable addresses (`base-keyword@yahoo.com`:
 * any keyword, one base name per account, and an account name never has a hyphen) and Fastmail's subdomain
 * addressing (`anything@rita.fastmail.com` is `rita@fastmail.com`).
 */
function familyMailbox(local: string, domain: string): string | undefined {
  if (YAHOO.test(domain) && /^[^-]+-./.test(local)) return `${local.slice(0, local.indexOf('-'))}-*@${domain}`;
  const fastmail = /^([a-z0-9_-]+)\.(fastmail\.(?:com|fm))$/.exec(domain);
  if (fastmail) return `${fastmail[1]}@${fastmail[2]}`;
  if (/^fastmail\.(?:com|fm)$/.test(domain)) return `${local}@${domain}`;
  return undefined;
}

/**
 * The one mailbox an address of a large provider delivers to, whatever spelling of it was given. Undefined for
 * other domains. Every provider here drops a +tag. Beside that:
 * - Gmail ignores dots, and googlemail.com is gmail.com;
 * - Proton ignores dots, hyphens and underscores, and proton.me, protonmail.com, protonmail.ch and pm.me are one
 *   account;
 * - iCloud's icloud.com, me.com and mac.com are one account;
 * - Yandex's domains (ya.ru, yandex.com, ...) are one account, and a dot in a login is a hyphen;
 * - Yahoo's disposable addresses of one base name are one account; Fastmail's subdomain addresses are the
 *   account the subdomain names.
 * One mailbox is one person (four eyes) and one applicant (links between applicants): rita@ and r.ita@gmail.com
 * passed four eyes as two people (adversarial passes, December 2026).
 */
export function providerMailbox(local: string, domain: string): string | undefined {
  const d = domain.toLowerCase();
  const l = local.toLowerCase().replace(/(?<=.)\+.*$/, '');
  const provider = PROVIDERS[d] ?? (MICROSOFT.test(d) ? { domain: d } : undefined);
  if (provider) return `${provider.local ? provider.local(l) : l}@${provider.domain}`;
  return familyMailbox(l, d);
}

/**
 * The mailbox an address delivers to: a sub-address tag dropped (`anna+farm2@` is `anna@`, as at Gmail, Outlook,
 * Fastmail, Proton and most mail servers), and what the large providers ignore too (providerMailbox: Gmail's
 * dots, `a.nna@gmail.com` is `anna@gmail.com`; Proton's dots, hyphens and underscores and its four domains).
 * One mailbox behind several "different" addresses is how one person applies as several: the applicants'
 * email prints and a payment platform's account (PayPal keys an account by its email) both key by it.
 */
export function mailboxOf(address: string): string {
  const e = addressText(address);
  const at = e.lastIndexOf('@');
  if (at < 1) return e;
  const provider = providerMailbox(e.slice(0, at), e.slice(at + 1));
  if (provider) return provider;
  const local = e.slice(0, at);
  const tag = local.indexOf('+');
  return `${tag > 0 ? local.slice(0, tag) : local}@${e.slice(at + 1)}`;
}
