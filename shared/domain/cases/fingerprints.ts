import { createHmac } from 'node:crypto';
import { accountLinkIdentifiers, accountLinkKeys, type AccountKeyBasis } from '../bank/account-identifier';
import type { OnboardingRequest } from '../schemas/onboarding';
import { mailboxOf } from '../person-identity';
import { asciiDigits, phoneKey } from '../phone/phone-key';
import { canonicalIp, ipv6Network } from '../signals/ip-address';
import type { Observation } from '../signals/link-visit';
import type { Address } from '../signals/address';
import { shippingAddressKeys } from '../signals/shipping-address-key';
import { freeTextAddressReadings } from '../signals/free-text-address';
import { messagingContact } from '../signals/messaging-contact';
import { hashBands } from '../document/near-duplicate';

export const fingerprintKinds = [
  'email',
  'phone',
  'bank-account',
  'address',
  'reference-email',
  'reference-phone',
  'ip',
  'document-image',
  'shipping-address',
  'document',
  'messaging',
  'document-image-near',
] as const;
export type FingerprintKind = (typeof fingerprintKinds)[number];

export function isFingerprintKind(kind: string): kind is FingerprintKind {
  return (fingerprintKinds as readonly string[]).includes(kind);
}

export interface Fingerprint {
  kind: FingerprintKind;
  hmac: string;
  /**
   * A `document-image-near` print's full perceptual hashes (near-duplicate.ts): stored on its item in the case's
   * partition, never on the index (keys only), to confirm a candidate its band met.
   */
  perceptualHashes?: string[];
}

/**
 * Keyed HMAC-SHA256 of a normalised identifier: two applicants sharing a phone or a bank account meet on
 * the index, while the table holds nothing a dictionary attack could reverse without the key.
 */
export function fingerprint(key: Buffer, kind: FingerprintKind, normalised: string): Fingerprint {
  return { kind, hmac: keyed(key, kind, normalised) };
}

const keyed = (key: Buffer, label: string, normalised: string) => createHmac('sha256', key).update(`${label}\n${normalised}`).digest('base64url');

/**
 * The label a place is keyed under, whether it is an applicant's home or where their equipment ships: one key
 * space, so a laptop shipped to another applicant's home meets that home (the lookup asks each kind as the other
 * too: shared/app/cases/linked-applicants.ts). `shipping-address` because shipping prints were keyed so first.
 */
const PLACE_LABEL = 'shipping-address';

/**
 * A place's prints in `role` (the kind they are stored and reported as): the canonical address of
 * shared/domain/signals/shipping-address-key.ts, by city and by postal code. "12 Main St., Apt 4B" and
 * "12 MAIN STREET #4b" meet, and so do look-alike letters, accents, abbreviations both ways.
 */
export function placeFingerprints(key: Buffer, role: 'address' | 'shipping-address', addresses: readonly Address[]): Fingerprint[] {
  return [...new Set(addresses.flatMap((a) => shippingAddressKeys(a)))].map((k) => ({ kind: role, hmac: keyed(key, PLACE_LABEL, k) }));
}

const email = (e: string) => e.trim().toLowerCase();

// The mailbox rule has one owner (shared/domain/person-identity.ts): the email prints and a payment platform's account both key by it.
export { mailboxOf };

/**
 * The address as given and, when it differs, its mailbox: two prints of one kind. The address as given still
 * meets the prints stored before the mailbox was fingerprinted; the mailbox meets every spelling of it since.
 */
function emailPrints(key: Buffer, kind: 'email' | 'reference-email', address: string): Fingerprint[] {
  const exact = email(address);
  const mailbox = mailboxOf(address);
  const prints = mailbox === exact ? [fingerprint(key, kind, exact)] : [fingerprint(key, kind, exact), fingerprint(key, kind, mailbox)];
  return kind === 'email' ? prints : [...prints, inContactSpace(key, kind, 'email', mailbox)];
}

/**
 * A mailbox or phone given in another role than the applicant's own (a reference's, a payment platform's account),
 * keyed also as the applicant's own contact is (the `email` or `phone` label), under its own kind: the lookup asks
 * each of these kinds as the others (shared/app/cases/linked-applicants.ts). A rejected applicant's own mailbox
 * given as a new identity's employment reference (the reference link is answered from that mailbox), or as its
 * PayPal account, was linked to nothing: the prints of each role were keyed apart (adversarial pass).
 */
function inContactSpace(key: Buffer, kind: FingerprintKind, label: 'email' | 'phone', normalised: string): Fingerprint {
  return { kind, hmac: keyed(key, label, normalised) };
}
const digits = (p: string) => p.replace(/[^0-9]/g, '');

/**
 * The number's digits as given (the print stored before phones were keyed by E.164) and, when it differs, its
 * E.164 key (phoneKey): `+4407911123456` meets `+447911123456`, and still the cases keyed by digits before.
 */
function phonePrints(key: Buffer, kind: 'phone' | 'reference-phone', phone: string, country?: string): Fingerprint[] {
  const given = digits(phone);
  const e164 = phoneKey(phone, country);
  const prints = e164 === given ? [fingerprint(key, kind, given)] : [fingerprint(key, kind, given), fingerprint(key, kind, e164)];
  return kind === 'phone' ? prints : [...prints, inContactSpace(key, kind, 'phone', e164)];
}

/**
 * The prints of a phone or email address given after intake (a contact-change signal's new value), as the intake
 * keys the applicant's own: a contact that is another applicant's links them as if given at intake. A number
 * without a country code is read in the applicant's residence country. A messaging contact (free text): its phone
 * numbers as phones, its handle as a `messaging` print (messaging-contact.ts). A postal address in free text as
 * intake's structured one, when it reads as a street and a city (free-text-address.ts).
 */
export function contactChangeFingerprints(key: Buffer, changes: readonly { field: string; new: string }[], residenceCountry: string): Fingerprint[] {
  return dedupe(
    changes.flatMap((c) => {
      if (c.field === 'email') return emailPrints(key, 'email', c.new);
      // A new home address, one line of free text: keyed as intake's structured address when it reads as one.
      if (c.field === 'address') {
        return placeFingerprints(key, 'address', freeTextAddressReadings(c.new, residenceCountry));
      }
      if (c.field === 'messaging') {
        const { phones, handles } = messagingContact(c.new);
        return [...phones.flatMap((p) => phonePrints(key, 'phone', p, residenceCountry)), ...handles.map((h) => fingerprint(key, 'messaging', h))];
      }
      const phone = asciiDigits(c.new);
      return c.field === 'phone' && /\d/.test(phone) ? phonePrints(key, 'phone', phone, residenceCountry) : [];
    }),
  );
}

function dedupe(prints: readonly Fingerprint[]): Fingerprint[] {
  const seen = new Set<string>();
  return prints.filter((p) => (seen.has(`${p.kind}:${p.hmac}`) ? false : (seen.add(`${p.kind}:${p.hmac}`), true)));
}

/**
 * An IP address's prints: as written (the prints stored before canonicalIp), in its one spelling, and an IPv6
 * address by its /64 network too (ipv6Network: one subscriber's home network, where each device of a laptop
 * farm has an address of its own).
 */
export function ipFingerprints(key: Buffer, ip: string): Fingerprint[] {
  const network = ipv6Network(ip);
  return [...new Set([ip, canonicalIp(ip), ...(network ? [network] : [])])].map((spelling) => fingerprint(key, 'ip', spelling));
}

/**
 * Every print the signals of a case make (all received so far: an address or contact changed away from still
 * links): the IPs of logins and link visits, the equipment shipping addresses (one key space with homes), and
 * the phones and emails changed to after intake. For the re-printing (npm run case -- reprint) of cases recorded
 * before a rule changed: the same functions the signals use case keys each with.
 */
export function signalFingerprints(key: Buffer, observations: readonly Observation[], residenceCountry: string): Fingerprint[] {
  const ips = observations.flatMap((s) => (s.type === 'login' || s.type === 'link-visit' ? [s.ip] : []));
  const shipping = observations.flatMap((s) => (s.type === 'shipping-address' ? [s.address] : []));
  const changes = observations.flatMap((s) => (s.type === 'contact-change' ? [s] : []));
  return dedupe([...[...new Set(ips)].flatMap((ip) => ipFingerprints(key, ip)), ...placeFingerprints(key, 'shipping-address', shipping), ...contactChangeFingerprints(key, changes, residenceCountry)]);
}

/**
 * The payout account's prints, its reference first (see accountLinkIdentifiers). A payment platform's account is
 * its mailbox, so also in the contact space (inContactSpace): whatever the provider is called ("PayPal",
 * "paypal.com"), and when it is another applicant's own email address.
 */
export function accountFingerprints(key: Buffer, payment: OnboardingRequest['payment']): Fingerprint[] {
  const prints = accountLinkIdentifiers(payment).map((id) => fingerprint(key, 'bank-account', id));
  return payment.method === 'payment-platform' ? [...prints, inContactSpace(key, 'bank-account', 'email', mailboxOf(payment.accountEmail))] : prints;
}

/** Each of the account's prints (accountFingerprints) with why it links (accountLinkKeys): what the reviewer is told a link met. */
export function accountPrintBases(key: Buffer, payment: OnboardingRequest['payment']): Map<string, AccountKeyBasis> {
  const bases = new Map<string, AccountKeyBasis>(accountFingerprints(key, payment).map((p) => [p.hmac, 'as-given']));
  for (const k of accountLinkKeys(payment)) bases.set(fingerprint(key, 'bank-account', k.id).hmac, k.basis);
  return bases;
}
/** The address as it was keyed before placeFingerprints (punctuation and accents only): kept so cases recorded then still meet. */
const legacyAddress = (a: Address) =>
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
export function documentImageFingerprints(key: Buffer, sha256s: readonly string[], contentSha256s: readonly string[] = []): Fingerprint[] {
  // The picture's own digest (image-content.ts) beside the file's: the same photo with its metadata stripped or
  // edited, or bytes appended, is the same photo. A prefix keeps the two kinds of digest apart.
  const values = [...sha256s.map((h) => h.toLowerCase()), ...contentSha256s.map((h) => `content:${h.toLowerCase()}`)];
  return [...new Set(values)].map((h) => fingerprint(key, 'document-image', h));
}

/**
 * The uploaded images' perceptual hashes (shared/domain/document/perceptual-hash.ts) as near-image prints, one per
 * band (near-duplicate.ts), keyed like every print: the same picture saved again, converted or resized meets the
 * other applicant on a band, and the full hash each print carries confirms it. Two images of one case with a band
 * in common make one print carrying both hashes.
 */
export function nearImageFingerprints(key: Buffer, hashes: readonly string[]): Fingerprint[] {
  const byBand = new Map<string, Set<string>>();
  for (const h of new Set(hashes.map((x) => x.toLowerCase()))) for (const band of hashBands(h)) byBand.set(band, (byBand.get(band) ?? new Set()).add(h));
  return [...byBand].map(([band, hs]) => ({ ...fingerprint(key, 'document-image-near', band), perceptualHashes: [...hs].sort() }));
}

/**
 * The identity document: its issuing country and number, letters and digits only, upper case, with O read as 0
 * and I as 1 (a number retyped from a photo). Two applicants cannot hold one passport: a rejected applicant
 * back with the same passport and new contact details and account was linked to nothing (tenth session's pass).
 */
export function documentKey(doc: Pick<OnboardingRequest['document'], 'issuingCountry' | 'number'>): string {
  return `${doc.issuingCountry.toUpperCase()}|${documentNumber(doc.number)}`;
}

const documentNumber = (n: string) =>
  n
    .normalize('NFKD')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/O/g, '0')
    .replace(/I/g, '1');

/**
 * Shorter numbers meet by chance across countries' documents: only the country and number key them. Eight: a
 * passport number has eight or nine characters nearly everywhere (DPRK's nine digits too); among a thousand
 * applicants with six-digit national identity numbers two would share one about half the time, with eight
 * digits about one time in two hundred, and each such meeting beside a held case is a hard stop.
 */
export const MIN_DOCUMENT_NUMBER_KEY = 8;

/**
 * The document's number alone, under any issuing country: the same passport number claimed as another country's
 * passport was linked to nothing (adversarial pass). A print of the `document` kind beside documentKey's, so a
 * link by either weighs as a shared document (high, a hard stop beside a held or rejected case) and is one finding.
 */
export function documentNumberKey(doc: Pick<OnboardingRequest['document'], 'number'>): string | undefined {
  const number = documentNumber(doc.number);
  return number.length >= MIN_DOCUMENT_NUMBER_KEY ? `number|${number}` : undefined;
}

export function applicationFingerprints(key: Buffer, app: OnboardingRequest): Fingerprint[] {
  const prints: Fingerprint[] = [
    ...emailPrints(key, 'email', app.contractor.email),
    fingerprint(key, 'document', documentKey(app.document)),
    ...[documentNumberKey(app.document)].flatMap((k) => (k ? [fingerprint(key, 'document', k)] : [])),
    ...phonePrints(key, 'phone', app.contractor.phone, app.contractor.residenceCountry),
    // The account's reference first (normalizedAccountIdentifier): the bank stage proves that one with deposits.
    ...accountFingerprints(key, app.payment),
  ];
  if (app.contractor.address) prints.push(fingerprint(key, 'address', legacyAddress(app.contractor.address)), ...placeFingerprints(key, 'address', [app.contractor.address]));
  for (const job of app.employment) {
    if (job.reference) prints.push(...emailPrints(key, 'reference-email', job.reference.email));
    if (job.reference?.phone) prints.push(...phonePrints(key, 'reference-phone', job.reference.phone, job.country ?? app.contractor.residenceCountry));
  }
  return dedupe(prints);
}

/** The `matchedBy` of a linked applicant (check-bank.ts) from the print that met it, when that print is one of the account's. */
export function matchedBy(bases: ReadonlyMap<string, AccountKeyBasis>, via: string | undefined): { matchedBy?: AccountKeyBasis[] } {
  const basis = via === undefined ? undefined : bases.get(via);
  return basis ? { matchedBy: [basis] } : {};
}
