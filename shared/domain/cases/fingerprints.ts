import { createHmac } from 'node:crypto';
import { normalizedAccountIdentifier } from '../bank/account-identifier';
import type { OnboardingRequest } from '../schemas/onboarding';

export const fingerprintKinds = ['email', 'phone', 'bank-account', 'address', 'reference-email', 'reference-phone', 'ip', 'document-image', 'shipping-address'] as const;
export type FingerprintKind = (typeof fingerprintKinds)[number];

export function isFingerprintKind(kind: string): kind is FingerprintKind {
  return (fingerprintKinds as readonly string[]).includes(kind);
}

export interface Fingerprint {
  kind: FingerprintKind;
  hmac: string;
}

/**
 * Keyed HMAC-SHA256 of a normalised identifier: two applicants sharing a phone or a bank account meet on
 * the index, while the table holds nothing a dictionary attack could reverse without the key.
 */
export function fingerprint(key: Buffer, kind: FingerprintKind, normalised: string): Fingerprint {
  return { kind, hmac: createHmac('sha256', key).update(`${kind}\n${normalised}`).digest('base64url') };
}

const email = (e: string) => e.trim().toLowerCase();
const digits = (p: string) => p.replace(/[^0-9]/g, '');
const address = (a: NonNullable<OnboardingRequest['contractor']['address']>) =>
  [a.line1, a.line2 ?? '', a.postalCode ?? '', a.city, a.country]
    .map((s) =>
      s
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim(),
    )
    .join('|');

/**
 * The uploaded images' content: the same picture of a passport (or the same selfie) sent for two applicants
 * links them like a shared bank account, whichever side it was declared as. Keyed like every fingerprint,
 * so the table never holds a hash anyone could look an image up by.
 */
export function documentImageFingerprints(key: Buffer, sha256s: readonly string[]): Fingerprint[] {
  return [...new Set(sha256s.map((h) => h.toLowerCase()))].map((h) => fingerprint(key, 'document-image', h));
}

export function applicationFingerprints(key: Buffer, app: OnboardingRequest): Fingerprint[] {
  const prints: Fingerprint[] = [
    fingerprint(key, 'email', email(app.contractor.email)),
    fingerprint(key, 'phone', digits(app.contractor.phone)),
    fingerprint(key, 'bank-account', normalizedAccountIdentifier(app.payment)),
  ];
  if (app.contractor.address) prints.push(fingerprint(key, 'address', address(app.contractor.address)));
  for (const job of app.employment) {
    if (job.reference) prints.push(fingerprint(key, 'reference-email', email(job.reference.email)));
    if (job.reference?.phone) prints.push(fingerprint(key, 'reference-phone', digits(job.reference.phone)));
  }
  const seen = new Set<string>();
  return prints.filter((p) => (seen.has(`${p.kind}:${p.hmac}`) ? false : (seen.add(`${p.kind}:${p.hmac}`), true)));
}
