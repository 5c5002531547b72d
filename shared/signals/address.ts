import type * as z from '../schemas/zod';
import type { addressSchema } from '../schemas/onboarding';

export type Address = z.infer<typeof addressSchema>;

/**
 * Loose equality for postal addresses: case, punctuation, spacing and common abbreviations differ between
 * what the applicant typed and what the platform recorded, and that must not read as "another address".
 */
export function sameAddress(a: Address, b: Address): boolean {
  if (a.country !== b.country) return false;
  if (norm(a.city) !== norm(b.city)) return false;
  if (a.postalCode && b.postalCode && norm(a.postalCode) !== norm(b.postalCode)) return false;
  return norm(`${a.line1} ${a.line2 ?? ''}`) === norm(`${b.line1} ${b.line2 ?? ''}`);
}

const abbreviations: Record<string, string> = {
  street: 'st', avenue: 'ave', road: 'rd', boulevard: 'blvd', apartment: 'apt', suite: 'ste', drive: 'dr',
  lane: 'ln', ulica: 'ul', number: 'no', flat: 'apt', unit: 'apt',
};

function norm(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .map((w) => abbreviations[w] ?? w)
    .join('');
}
