import type { Finding } from '../../domain/finding';
import type { Signal } from '../../domain/signals/signal-schema';
import type { CaseRepository } from '../../adapters/dynamodb/case-repository';
import { contactChangeFingerprints } from '../../domain/cases/fingerprints';
import { linkFindings } from './link-findings';
import { findLinkedCases, type LinkedCase, type LinkingCase } from './linked-applicants';

/**
 * The phones and email addresses the platform says the applicant changed to (contact-change signals, all so far: a
 * contact changed away from still links whoever else gave it), put on the index as intake's are
 * (contactChangeFingerprints) and the other applicants found behind any of them. A new phone that is a held
 * applicant's was linked to nothing, because only intake contacts were keyed (adversarial pass). Their findings are
 * the link findings of intake (LINK_SHARED_CONTACT); the earlier applicants get theirs through propagateLinks.
 */
export async function findContactChangeLinks(
  repo: CaseRepository,
  key: Buffer,
  self: LinkingCase & { residenceCountry: string },
  signals: readonly Signal[],
): Promise<{ linked: LinkedCase[]; findings: Finding[] }> {
  const changes = signals.flatMap((s) => (s.type === 'contact-change' ? [s] : []));
  const prints = contactChangeFingerprints(key, changes, self.residenceCountry);
  if (!prints.length) return { linked: [], findings: [] };
  await repo.putFingerprints(self.id, prints);
  const found = await findLinkedCases(repo, self, prints);
  // One contact under two prints (as given and its mailbox or E.164 key) is one link per other case and kind.
  const linked = [...new Map(found.map((l) => [`${l.caseId}\u0000${l.kind}`, l])).values()];
  return { linked, findings: linkFindings(linked) };
}
