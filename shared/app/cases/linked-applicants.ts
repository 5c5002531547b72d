import type { CaseRepository } from '../../adapters/dynamodb/case-repository';
import type { Fingerprint } from '../../domain/cases/fingerprints';
import { linkStatus } from '../../domain/cases/link-standing';
import { closestDistance, isNearDuplicate } from '../../domain/document/near-duplicate';

export interface LinkedCase {
  caseId: string;
  status: string;
  kind: Fingerprint['kind'];
  /** The print of this case's that met it (a keyed hash): tells which of an account's keys linked (accountPrintBases). */
  via?: string;
  /** A near-image link's Hamming distance between the two pictures' perceptual hashes (near-duplicate.ts). */
  distance?: number;
}

/** The case whose links are looked for: its own earlier attempts are not other applicants. */
export interface LinkingCase {
  id: string;
  clientId: string;
  externalId: string;
}

/**
 * Other onboardings sharing any of these fingerprints, with their status (a rejected one weighs more).
 * One read of the index for every fingerprint, then every linked case's status in one BatchGetItem rather
 * than a GetItem of the whole case each.
 *
 * Never the case itself, nor the same applicant's failed attempts (retriedAttempt): a failed onboarding
 * submitted again under a new Idempotency-Key is the same person, not a second identity sharing their account.
 */
export async function findLinkedCases(repo: CaseRepository, self: LinkingCase, prints: readonly Fingerprint[]): Promise<LinkedCase[]> {
  if (!prints.length) return [];
  const lookups = prints.flatMap(placeLookups);
  // Every fingerprint in one index read (results kept in fingerprint order).
  const perPrint = await repo.findCasesByFingerprints(
    lookups.map((l) => l.print),
    self.id,
  );
  const met = lookups.flatMap((l, i) => perPrint[i]!.map((other) => ({ caseId: other, kind: l.reported, via: l.print.hmac, print: l.print })));
  const matches = await confirmNearImages(repo, met);
  if (!matches.length) return [];
  const heads = await repo.caseStatuses(matches.map((m) => m.caseId));
  const out: LinkedCase[] = [];
  for (const m of matches) {
    const other = heads.get(m.caseId);
    if (other && !retriedAttempt(self, other)) out.push({ caseId: m.caseId, status: linkStatus(other), kind: m.kind, via: m.via, ...(m.distance === undefined ? {} : { distance: m.distance }) });
  }
  return out;
}

/**
 * A near-image print met is a band of the perceptual hash in common, no more: two passports of one layout share
 * bands. Kept only when the other case's full hash, stored beside its print, is within the near-duplicate distance
 * of this case's (one batch read for all), with that distance; the other prints as they are.
 */
async function confirmNearImages<M extends { caseId: string; kind: Kind; via: string; print: Fingerprint }>(repo: CaseRepository, met: readonly M[]): Promise<(M & { distance?: number })[]> {
  const near = met.filter((m) => m.print.kind === 'document-image-near');
  if (!near.length) return [...met];
  const theirs = await repo.perceptualHashesBeside(near.map((m) => ({ caseId: m.caseId, kind: m.print.kind, hmac: m.print.hmac })));
  // One link per other case: its closest picture.
  const closest = new Map<string, M & { distance: number }>();
  for (const m of near) {
    const distance = closestDistance(m.print.perceptualHashes ?? [], theirs.get(`${m.caseId}\u0000${m.print.hmac}`) ?? []);
    if (isNearDuplicate(distance) && distance < (closest.get(m.caseId)?.distance ?? Infinity)) closest.set(m.caseId, { ...m, distance });
  }
  return [...met.filter((m) => m.print.kind !== 'document-image-near'), ...closest.values()];
}

type Kind = Fingerprint['kind'];
/** For each kind, the other kinds keyed in the same space and the kind a link found under them is reported as. */
const sameSpace: Partial<Record<Kind, readonly { kind: Kind; reported: Kind }[]>> = {
  address: [{ kind: 'shipping-address', reported: 'shipping-address' }],
  'shipping-address': [{ kind: 'address', reported: 'shipping-address' }],
  // The applicant's mailbox is another's reference (reported as a shared reference), or another's payment platform
  // account: this applicant's email is where that one is paid (a contact link here; the bank stage's link there).
  email: [
    { kind: 'reference-email', reported: 'reference-email' },
    { kind: 'bank-account', reported: 'email' },
  ],
  'reference-email': [{ kind: 'email', reported: 'reference-email' }],
  'bank-account': [{ kind: 'email', reported: 'bank-account' }],
  phone: [{ kind: 'reference-phone', reported: 'reference-phone' }],
  'reference-phone': [{ kind: 'phone', reported: 'reference-phone' }],
};

/**
 * A home address and an equipment shipping address are one key space (placeFingerprints): each is looked up as the
 * other role too. A laptop shipped to another applicant's home, or an applicant living where another's laptop goes,
 * is the laptop farm, reported as a shipping-address link; two applicants giving one home stay an address link.
 * Likewise an applicant's own email and phone and those given as a reference or a payment platform's account
 * (inContactSpace in shared/domain/cases/fingerprints.ts). A print keyed in its role's own space only (a legacy
 * reference print, an IBAN) meets nothing under the other kinds: asking costs a key in the same index read.
 */
function placeLookups(print: Fingerprint): { print: Fingerprint; reported: Kind }[] {
  return [{ print, reported: print.kind }, ...(sameSpace[print.kind] ?? []).map((o) => ({ print: { kind: o.kind, hmac: print.hmac }, reported: o.reported }))];
}

/** The links by other case, with every identifier it shares (its status as the index lookup found it). */
export function linksByCase(linked: readonly LinkedCase[], skip: (caseId: string) => boolean = () => false): Map<string, { status: string; kinds: Set<Fingerprint['kind']> }> {
  const byCase = new Map<string, { status: string; kinds: Set<Fingerprint['kind']> }>();
  for (const l of linked) {
    if (skip(l.caseId)) continue;
    const entry = byCase.get(l.caseId) ?? { status: l.status, kinds: new Set<Fingerprint['kind']>() };
    entry.kinds.add(l.kind);
    byCase.set(l.caseId, entry);
  }
  return byCase;
}

/** Another attempt of the same onboarding: the same client's same external id. */
export function sameApplicant(a: { clientId: string; externalId: string }, b: { clientId: string; externalId: string }): boolean {
  return a.clientId === b.clientId && a.externalId === b.externalId;
}

/**
 * An earlier attempt that is not another applicant: the same onboarding (sameApplicant) that failed, which a
 * retry replaces. Any other attempt under the same external id is linked like another applicant: a rejected
 * or held applicant sent again under the same id was linked to nothing and approved (tenth session's pass).
 */
export function retriedAttempt(self: { clientId: string; externalId: string }, other: { clientId: string; externalId: string; status: string }): boolean {
  return sameApplicant(self, other) && other.status === 'failed';
}

/** Of these case ids (found on the fingerprint index), those of other applicants than `self`. */
export async function otherApplicants(repo: CaseRepository, self: LinkingCase, ids: readonly string[]): Promise<string[]> {
  const others = ids.filter((id) => id !== self.id);
  if (!others.length) return [];
  const heads = await repo.caseStatuses(others);
  return others.filter((id) => {
    const other = heads.get(id);
    return other !== undefined && !retriedAttempt(self, other);
  });
}
