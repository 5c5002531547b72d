import type { Finding } from '../../domain/finding';
import type { Address } from '../../domain/signals/address';
import type { Signal } from '../../domain/signals/signal-schema';
import type { CaseRepository } from '../../adapters/dynamodb/case-repository';
import { placeFingerprints, type Fingerprint } from '../../domain/cases/fingerprints';
import { linkFindings } from './link-findings';
import { findLinkedCases, type LinkedCase, type LinkingCase } from './linked-applicants';

/**
 * Equipment shipping addresses on the fingerprint index, like bank accounts and phones: keyed HMACs of the
 * canonical address (placeFingerprints: by city, and by postal code when given), so "Apt 4B, 12 Main St." and
 * "12 MAIN STREET #4b" meet while the table holds nothing readable; in one key space with home addresses.
 */
export function shippingAddressFingerprints(key: Buffer, addresses: readonly Address[]): Fingerprint[] {
  return placeFingerprints(key, 'shipping-address', addresses);
}

/**
 * Every shipping address the case was given (all signals so far: an address changed away from still links
 * whoever else gave it) put on the index, and the other applicants found behind any of them, of this
 * client or another of the same deployment (the index is the deployment's). Their findings are the link
 * findings every stage makes (LINK_SHARED_SHIPPING_ADDRESS, shared/app/cases/link-findings.ts), strong when
 * the other applicant is held or rejected; the earlier applicants get theirs through propagateLinks.
 */
export async function findShippingLinks(repo: CaseRepository, key: Buffer, self: LinkingCase, signals: readonly Signal[]): Promise<{ linked: LinkedCase[]; findings: Finding[] }> {
  const addresses = signals.flatMap((s) => (s.type === 'shipping-address' ? [s.address] : []));
  if (!addresses.length) return { linked: [], findings: [] };
  const prints = shippingAddressFingerprints(key, addresses);
  await repo.putFingerprints(self.id, prints);
  const found = await findLinkedCases(repo, self, prints);
  // One address under two keys (city and postal code) is one link per other case.
  const linked = [...new Map(found.map((l) => [l.caseId, l])).values()];
  return { linked, findings: linkFindings(linked) };
}
