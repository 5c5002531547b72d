/**
 * Who a staff address belongs to, for four eyes and two-person compliance decisions: the same person in two
 * spellings is one person. Pure.
 *
 * Compared: Unicode NFKC (full-width and compatibility forms), invisible format characters removed (zero-width
 * joiners, soft hyphens, bidi marks), case folded (ASCII and Unicode), the common look-alike letters of other
 * scripts folded to Latin, surrounding spaces trimmed. Plus-tags (`rita+2@example.com`) name the same mailbox
 * at most providers; they are folded only when the policy says so, because some organisations give
 * different people tagged addresses of one shared mailbox. At Gmail (and googlemail.com) dots and tags are
 * always folded: one mailbox, one person.
 */
export interface PersonIdentityOptions {
  /** Treat `name+tag@domain` as `name@domain`. */
  ignorePlusTags?: boolean;
}

// Cyrillic and Greek letters that render as Latin ones (the common part of Unicode TR39's confusables).
const lookAlikes: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ϲ: 'c',
  ϳ: 'j',
  ı: 'i',
  ℓ: 'l',
};

/** The key two addresses share exactly when they name the same person. */
export function personKey(address: string, options: PersonIdentityOptions = {}): string {
  let s = address
    .normalize('NFKC')
    .replace(/[\p{Cf}\u115F\u1160\u3164\uFFA0]/gu, '')
    .trim()
    .toLowerCase();
  s = [...s].map((ch) => lookAlikes[ch] ?? ch).join('');
  s = s.normalize('NFKD').replace(/\p{M}/gu, '');
  const at = s.lastIndexOf('@');
  if (at < 0) return s;
  const provider = providerMailbox(s.slice(0, at), s.slice(at + 1).replace(/\.$/, ''));
  if (provider) return provider;
  const local = options.ignorePlusTags ? s.slice(0, at).replace(/\+.*$/, '') : s.slice(0, at);
  return `${local}@${s.slice(at + 1).replace(/\.$/, '')}`;
}

export function samePerson(a: string, b: string, options: PersonIdentityOptions = {}): boolean {
  return personKey(a, options) === personKey(b, options);
}

/** Providers whose several domains are one account (lower case). */
const PROVIDER_DOMAINS: Record<string, string> = {
  'googlemail.com': 'gmail.com',
  'gmail.com': 'gmail.com',
  'proton.me': 'proton.me',
  'protonmail.com': 'proton.me',
  'protonmail.ch': 'proton.me',
  'pm.me': 'proton.me',
};
/** What each of those providers ignores in the local part, beside a +tag: Gmail dots; Proton dots, hyphens and underscores. */
const IGNORED_IN_LOCAL: Record<string, RegExp> = { 'gmail.com': /\./g, 'proton.me': /[._-]/g };

/**
 * The one mailbox an address of a large provider delivers to, whatever spelling of it was given: Gmail
 * ignores dots and +tags and googlemail.com is gmail.com; Proton ignores dots, hyphens, underscores and
 * +tags, and proton.me, protonmail.com, protonmail.ch and pm.me are one account. Undefined for other
 * domains. One mailbox is one person (four eyes) and one applicant (links between applicants): rita@ and
 * r.ita@gmail.com passed four eyes as two people (adversarial passes, December 2026).
 */
export function providerMailbox(local: string, domain: string): string | undefined {
  const d = PROVIDER_DOMAINS[domain.toLowerCase()];
  if (!d) return undefined;
  return `${local
    .toLowerCase()
    .replace(/(?<=.)\+.*$/, '')
    .replace(IGNORED_IN_LOCAL[d]!, '')}@${d}`;
}
