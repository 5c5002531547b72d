import type { LinkedCase } from '../app/cases/linked-applicants';
import { isFingerprintKind } from '../domain/cases/fingerprints';
import { evidenceInForce } from '../domain/cases/latest-findings';
import { propagateToEarlierApplicants } from './propagate-links';
import { repo } from './services';

/**
 * Links both ways for what the signals key (equipment shipping addresses, and phones and emails changed to after
 * intake): after the signals were recorded and the risk decided (so the later case's status, held or not, is the
 * one the earlier applicants are told), each earlier applicant found behind the same address or contact gets the
 * finding too (shared/app/cases/propagate-links.ts), once per later case and kind of link. Reads the links the
 * signals evidence in force recorded; nothing when there are none.
 */
export async function propagateSignalLinks(caseId: string): Promise<void> {
  const { c, evidence } = await repo.mustGetCaseWithEvidence(caseId);
  const inForce = evidenceInForce(evidence).get('signals')?.[0];
  if (!inForce) return;
  const shipping = linksOf(inForce.data?.shippingLinks, 'shipping-address');
  if (shipping.length) await propagateToEarlierApplicants({ id: c.id, status: c.status, stage: 'shipping', runId: inForce.runId }, shipping);
  const contacts = linksOf(inForce.data?.contactLinks);
  if (contacts.length) await propagateToEarlierApplicants({ id: c.id, status: c.status, stage: 'contacts', runId: inForce.runId }, contacts);
}

/** The links as the signals evidence stores them (read from storage: checked, not cast); `kind` when stored without one. */
function linksOf(value: unknown, kind?: LinkedCase['kind']): LinkedCase[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    const l = v as Partial<Record<keyof LinkedCase, unknown>>;
    const k = kind ?? (typeof l?.kind === 'string' && isFingerprintKind(l.kind) ? l.kind : undefined);
    return typeof l?.caseId === 'string' && typeof l.status === 'string' && k ? [{ caseId: l.caseId, status: l.status, kind: k }] : [];
  });
}
