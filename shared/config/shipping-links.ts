import type { LinkedCase } from '../app/cases/linked-applicants';
import { evidenceInForce } from '../domain/cases/latest-findings';
import { propagateToEarlierApplicants } from './propagate-links';
import { repo } from './services';

/**
 * Links both ways for equipment shipping addresses: after the signals were recorded and the risk decided
 * (so the later case's status, held or not, is the one the earlier applicants are told), each earlier
 * applicant found behind the same address gets the finding too (shared/app/cases/propagate-links.ts), once per
 * later case. Reads the links the signals evidence in force recorded; nothing when there are none.
 */
export async function propagateShippingLinks(caseId: string): Promise<void> {
  const { c, evidence } = await repo.mustGetCaseWithEvidence(caseId);
  const inForce = evidenceInForce(evidence).get('signals')?.[0];
  const linked = shippingLinksOf(inForce?.data?.shippingLinks);
  if (!inForce || !linked.length) return;
  await propagateToEarlierApplicants({ id: c.id, status: c.status, stage: 'shipping', runId: inForce.runId }, linked);
}

/** The links as the signals evidence stores them (read from storage: checked, not cast). */
function shippingLinksOf(value: unknown): LinkedCase[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    const l = v as Partial<Record<keyof LinkedCase, unknown>>;
    return typeof l?.caseId === 'string' && typeof l.status === 'string' ? [{ caseId: l.caseId, status: l.status, kind: 'shipping-address' as const }] : [];
  });
}
