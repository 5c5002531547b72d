import type { CaseRepository } from '../../adapters/dynamodb/case-repository';
import type { CaseRecord, EvidenceRecord } from '../../domain/cases/case-model';
import type { Fingerprint } from '../../domain/cases/fingerprints';
import { isSevereLink, linkStatus } from '../../domain/cases/link-standing';
import { findLinkedCases, linksByCase } from './linked-applicants';

/**
 * The fingerprints of the cases recorded before the rules that make them changed (a phone keyed by E.164, an
 * identity document by its number alone, a PayPal account by its mailbox, an address in its canonical form):
 * those cases have only the prints of their day, so a second identity that meets them only through a new print
 * is linked to nothing. This adds, from each case's stored application and the signals on its record (IPs,
 * shipping addresses, contact changes), the prints the current rules make and the case lacks, and reports the
 * links they reveal between cases already recorded.
 *
 * Only adds: a print an older rule made stays (newer cases make it too, beside the new one). Erased cases are
 * skipped (their application is erased; their prints were removed on purpose). Idempotent: a second run adds nothing. No case changes status here: a revealed link
 * to a held, rejected or expired applicant is for compliance to look at (the report says which), as the case
 * pages show it.
 */

export interface ReprintDeps {
  repo: Pick<CaseRepository, 'getCase' | 'listEvidence' | 'fingerprintsOf' | 'putFingerprints' | 'findCasesByFingerprints' | 'caseStatuses'>;
  /** Every case id in the table. */
  caseIds(): AsyncIterable<string>;
  /** The prints the current rules make of a case (applicationFingerprints and signalFingerprints with the deployment's key). */
  printsOf(c: CaseRecord, evidence: readonly EvidenceRecord[]): Fingerprint[];
}

export interface RevealedLink {
  caseId: string;
  status: string;
  otherId: string;
  otherStatus: string;
  /** What they share (fingerprint kinds). */
  kinds: string[];
  /** One side held, rejected or expired (isSevereLink): compliance should look at the other. */
  severe: boolean;
}

export interface ReprintSummary {
  cases: number;
  /** Cases that lacked prints (and got them, unless a dry run). */
  reprinted: number;
  printsAdded: number;
  erased: number;
  /** Cases whose application could not be printed (too old a shape): id and why. */
  failed: { caseId: string; error: string }[];
  /** Pairs of cases that share one of the added prints, each pair once. */
  links: RevealedLink[];
}

const printKey = (p: Fingerprint) => `${p.kind}#${p.hmac}`;

export async function reprintCases(deps: ReprintDeps, { dryRun = false }: { dryRun?: boolean } = {}): Promise<ReprintSummary> {
  const summary: ReprintSummary = { cases: 0, reprinted: 0, printsAdded: 0, erased: 0, failed: [], links: [] };
  const pairs = new Map<string, RevealedLink>();
  for await (const id of deps.caseIds()) {
    const c = (await deps.repo.getCase(id)) as (CaseRecord & { erasure?: unknown }) | undefined;
    if (!c) continue;
    summary.cases++;
    if (c.erasure) {
      summary.erased++;
      continue;
    }
    let wanted: Fingerprint[];
    try {
      wanted = deps.printsOf(c, await deps.repo.listEvidence(id));
    } catch (err) {
      summary.failed.push({ caseId: id, error: (err as Error).message });
      continue;
    }
    const have = new Set((await deps.repo.fingerprintsOf(id)).map(printKey));
    const missing = wanted.filter((p) => !have.has(printKey(p)));
    if (missing.length === 0) continue;
    if (!dryRun) await deps.repo.putFingerprints(id, missing);
    summary.reprinted++;
    summary.printsAdded += missing.length;
    for (const [otherId, other] of linksByCase(await findLinkedCases(deps.repo as CaseRepository, c, missing))) {
      const pair = [id, otherId].sort().join(' ');
      const seen = pairs.get(pair);
      if (seen) {
        for (const k of other.kinds) if (!seen.kinds.includes(k)) seen.kinds.push(k);
        continue;
      }
      const status = linkStatus({ status: c.status, held: c.hold !== undefined });
      pairs.set(pair, { caseId: id, status, otherId, otherStatus: other.status, kinds: [...other.kinds], severe: isSevereLink(status) || isSevereLink(other.status) });
    }
  }
  summary.links = [...pairs.values()];
  return summary;
}
