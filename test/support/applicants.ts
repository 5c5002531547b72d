import { createHash } from 'node:crypto';
import { composeIBAN } from 'ibantools';
import { loadRequest } from './request';

/** Applicants who are different people, for tests and benchmarks that start many onboardings at once. */
const givenNames = [
  'Anna Maria',
  'Katarzyna',
  'Magdalena',
  'Agnieszka',
  'Joanna',
  'Barbara',
  'Zofia',
  'Julia',
  'Ewa',
  'Aleksandra',
  'Monika',
  'Natalia',
  'Marta',
  'Karolina',
  'Paulina',
  'Dorota',
  'Beata',
  'Iwona',
  'Alicja',
  'Weronika',
];
const surnames = [
  'Kowalska',
  'Nowak',
  'Wisniewska',
  'Wojcik',
  'Kaminska',
  'Lewandowska',
  'Zielinska',
  'Szymanska',
  'Dabrowska',
  'Kozlowska',
  'Jankowska',
  'Mazur',
  'Krawczyk',
  'Piotrowska',
  'Grabowska',
  'Pawlowska',
  'Michalska',
  'Krol',
  'Wieczorek',
  'Jablonska',
];

/**
 * The tags in use (the bench's, then the tests'): each has its own range of accounts and phones, so applicants
 * of two tags on one runtime are different people too. A new tag goes here.
 */
const tags = ['warm', 'load', 'full', 'mem', 'memwarm', 'cost', 'costwarm', 'burst', 'freeze', 'late', 'lone', 'reapply', 'expiry', 'ifsc', 'refnet', 'addrchg', 'iban', 'warmup', 'cyraddr', 'inproc'];
/** A tag's own range of accounts and phones (0..898), the same in every run; checked distinct for the listed tags. */
function tagSlot(tag: string): number {
  const slot = (t: string) => createHash('sha256').update(t).digest().readUInt32BE(0) % 899;
  if (!tags.includes(tag)) throw new Error(`distinctApplicant: tag ${tag} is not listed in test/support/applicants.ts`);
  const mine = slot(tag);
  const clash = tags.find((t) => t !== tag && slot(t) === mine);
  if (clash) throw new Error(`distinctApplicant: tags ${tag} and ${clash} share a range; pick another tag`);
  return mine;
}

/**
 * The test fixture's onboarding with everything that identifies the applicant made unique per `n` and `tag`:
 * name (unique for n < 400, so mails that only carry the name can be told apart), email, phone, IBAN and the
 * reference's and reviewers' addresses (the fixture has no postal address and no document images). Shared
 * identifiers would make every applicant "linked" to every other: a load of them would be a laptop farm, a
 * linked-applicant stress test (test/faults/farm.test.ts) instead of a load or throughput measurement.
 */
export function distinctApplicant(n: number, tag: string): Record<string, any> {
  const given = givenNames[n % givenNames.length]!;
  const surname = surnames[Math.floor(n / givenNames.length) % surnames.length]!;
  // Each run's applicants are different people: no two (of up to 10,000 per tag, across the bench's tags)
  // share a bank account or a phone, or the linked-applicant check would rightly link and hold them.
  if (n >= 10_000) throw new Error(`distinctApplicant: n ${n} past the 10,000 distinct applicants per tag`);
  const slot = tagSlot(tag);
  const account = String(1_000_000_000_000 + slot * 1_000_000_000 + n * 7919).padStart(16, '0');
  const iban = composeIBAN({ countryCode: 'PL', bban: `10901014${account}` });
  if (!iban) throw new Error(`could not compose an IBAN for ${n}`);
  const local = `${tag}-${n}`.toLowerCase();
  return loadRequest((r) => {
    r.externalId = `bench-${tag}-${n}`;
    r.contractor.legalName = { givenNames: given, surname };
    r.contractor.email = `c-${local}@example.pl`;
    r.contractor.phone = `+4860${String(1_000_000 + slot * 10_000 + n)}`;
    // A passport of their own (a Polish passport's shape: two letters, seven digits): one document shared by
    // two applicants links them, as a shared account does.
    r.document.number = `E${String.fromCharCode(65 + (slot % 26))}${String(1_000_000 + slot * 10_000 + n).slice(-7)}`;
    r.document.givenNames = given;
    r.document.surname = surname;
    r.payment.accountHolder = `${given} ${surname}`;
    r.payment.iban = iban;
    r.employment[0].reference.email = `ref-${local}@example-software.pl`;
    r.reviewers = [
      { name: 'Rita Reviewer', email: `rita-${local}@example.com` },
      { name: 'Omar Officer', email: `omar-${local}@example.com` },
    ];
  });
}
