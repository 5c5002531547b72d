import { ipFingerprints } from '../domain/cases/fingerprints';
import { findLinkedCases } from '../app/cases/linked-applicants';
import { retryOnConflict } from '../app/cases/retry-on-conflict';
import { propagateToEarlierApplicants } from './propagate-links';
import { loadKeys } from './secrets';
import { env, repo } from './services';
import type { LinkVisit } from '../domain/signals/link-visit';
import { receiveLinkVisit, type Received } from './receive-signals';

/**
 * Records the contractor's visit (retried whole on a concurrent change, within `remainingMs`) and tells the
 * earlier applicants seen behind the same address: the link goes both ways (shared/app/cases/propagate-links.ts),
 * as a shared account or phone does.
 */
export async function recordLinkVisit(caseId: string, visit: LinkVisit, options: { remainingMs?: () => number } = {}): Promise<Received | { kind: 'unchanged' }> {
  const result = await retryOnConflict(() => receiveLinkVisit(caseId, visit), { attempts: 5, ...(options.remainingMs && { remainingMs: options.remainingMs, reserveMs: 1_000 }) });
  if (result.kind !== 'received') return result;
  const c = await repo.mustGetCase(caseId);
  const keys = await loadKeys(env.SECRET_ARN);
  const linked = await findLinkedCases(repo, c, ipFingerprints(keys.fingerprintKey, visit.ip));
  await propagateToEarlierApplicants({ id: c.id, status: c.status, stage: 'signals', runId: `link-visit-${visit.purpose}` }, linked);
  // A footprint finding (a page opened from another country than the one the contractor claims) may void a reviewer's
  // first approval: its giver gets a fresh link. Never fails the contractor's page: logged loudly instead.
  if (!Array.isArray(result.body.findings) || !result.body.findings.length) return result;
  await (await import('./voided-approvals')).tellVoidedApproversOrLog(caseId, 'link-visit');
  return result;
}
