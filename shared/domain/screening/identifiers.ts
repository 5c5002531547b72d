import { createHash } from 'node:crypto';
/**
 * Normalization of identifiers. Identifiers match exactly after normalization, so these functions define
 * what "the same identifier" means; both the index and the query use them.
 */

export type IdentifierKind = 'document' | 'email' | 'phone' | 'wallet' | 'bic';

/** Passport / ID numbers: letters and digits only, uppercase ("PD 472-310 104" -> "PD472310104"). */
export function normalizeDocument(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase();
}

export function normalizeEmail(value: string): string {
  return value
    .trim()
    .replace(/[.;,]+$/, '')
    .toLowerCase();
}

/** Phones: digits only; a leading 00 international prefix is the same as +. */
export function normalizePhone(value: string): string {
  let digits = value.replace(/\D/g, '');
  if (digits.startsWith('00')) digits = digits.slice(2);
  return digits;
}

/**
 * Wallets: hex (0x...) and bech32 (bc1..., ltc1...) addresses are case-insensitive; base58 addresses are
 * case-sensitive, so they are kept as written.
 */
export function normalizeWallet(value: string): string {
  // A payment URI's scheme ("ethereum:0x…", "bitcoin:1…", EIP-681's "ethereum:pay-0x…"): the address is what
  // follows. Kept, a listed wallet written so screened clear and linked to nothing (tenth session's pass).
  const v = value
    .trim()
    .replace(/[.;,]+$/, '')
    .replace(/^(?:[a-z][a-z0-9+.-]*:)+(?:pay-)?/i, '');
  // Hex is hex whatever the case of its prefix, and an EVM address is twenty bytes with or without it: a listed
  // wallet written "0X9F1A…" or "9f1a…" (forty hex digits, as wallets and explorers accept it) screened clear and
  // linked to nothing (adversarial pass). Forty hex digits are an EVM address only (Tron's hex form has 42).
  // Tron's hex form (41 and twenty bytes, with or without 0x) is its T… address: a listed Tron wallet written so
  // screened clear and linked to nothing (adversarial pass, December 2026).
  if (/^(?:0x)?41[0-9a-f]{40}$/i.test(v)) return base58Check(Buffer.from(v.replace(/^0x/i, ''), 'hex'));
  if (/^0x[0-9a-f]+$/i.test(v)) return `0x${v.slice(2).toLowerCase()}`;
  if (/^[0-9a-f]{40}$/i.test(v)) return `0x${v.toLowerCase()}`;
  if (/^(bc1|tb1|ltc1|bcrt1)[0-9a-zA-Z]+$/i.test(v)) return v.toLowerCase();
  if (/^[qp][0-9a-z]{40,}$/i.test(v)) return v.toLowerCase();
  return v;
}

/**
 * BIC: the first 8 characters identify the institution; a sanctioned bank's branches (BIC11) are
 * sanctioned with it, so matching is done on the 8-character institution code.
 */
export function normalizeBic(value: string): string {
  return value
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase()
    .slice(0, 8);
}

export function isPlausibleBic(value: string): boolean {
  return /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value.replace(/\s/g, '').toUpperCase());
}

/** Key used in the exact maps; also decides which values are too short to be meaningful. */
export function identifierKey(kind: IdentifierKind, value: string): string | undefined {
  let n: string;
  switch (kind) {
    case 'document':
      n = normalizeDocument(value);
      // Short numbers ("1234") collide across countries and registries: not an identifier hit.
      return n.length >= 5 ? `document:${n}` : undefined;
    case 'email':
      n = normalizeEmail(value);
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(n) ? `email:${n}` : undefined;
    case 'phone':
      n = normalizePhone(value);
      // Compare on the last 9 digits: lists write numbers with or without country code and trunk 0.
      return n.length >= 7 ? `phone:${n.slice(-9)}` : undefined;
    case 'wallet':
      n = normalizeWallet(value);
      return n.length >= 20 ? `wallet:${n}` : undefined;
    case 'bic':
      n = normalizeBic(value);
      return n.length === 8 ? `bic:${n}` : undefined;
  }
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58Check (Bitcoin's alphabet; four bytes of double SHA-256 appended), as Tron writes its addresses. */
export function base58Check(payload: Buffer): string {
  const check = createHash('sha256').update(createHash('sha256').update(payload).digest()).digest().subarray(0, 4);
  const bytes = Buffer.concat([payload, check]);
  let n = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  while (n > 0n) {
    out = BASE58[Number(n % 58n)]! + out;
    n /= 58n;
  }
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) out = `1${out}`;
  return out;
}
