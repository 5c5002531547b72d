import { reprintCases, type ReprintDeps } from '../../shared/app/cases/reprint-cases';
import type { CaseRecord, EvidenceRecord } from '../../shared/domain/cases/case-model';
import { applicationFingerprints, signalFingerprints, type Fingerprint } from '../../shared/domain/cases/fingerprints';
import { receivedSignals } from '../../shared/domain/signals/link-visit';

/** Every print the current rules make of a case: its application's and its signals'. */
export function casePrints(key: Buffer, c: CaseRecord, evidence: readonly EvidenceRecord[]): Fingerprint[] {
  return [...applicationFingerprints(key, c.application), ...signalFingerprints(key, receivedSignals(evidence), c.application.contractor.residenceCountry)];
}

/** `npm run case -- reprint --all`: runs the re-printing and says what it did; exit 5 when a revealed link needs compliance. */
export async function reprintCommand(deps: ReprintDeps, dryRun: boolean, out: (line: string) => void): Promise<number> {
  const s = await reprintCases(deps, { dryRun });
  const verb = dryRun ? 'would add' : 'added';
  out(`${s.cases} case(s) read, ${s.erased} erased (skipped); ${verb} ${s.printsAdded} fingerprint(s) to ${s.reprinted} case(s)${dryRun ? ' (dry run: nothing written)' : ''}`);
  for (const f of s.failed) out(`  not printed: ${f.caseId}: ${f.error}`);
  for (const l of s.links) out(`  ${l.severe ? 'FOR COMPLIANCE ' : ''}${l.caseId} (${l.status}) and ${l.otherId} (${l.otherStatus}) share: ${l.kinds.join(', ')}`);
  const severe = s.links.filter((l) => l.severe).length;
  out(`${s.links.length} link(s) between recorded cases revealed, ${severe} involving a held, rejected or expired applicant`);
  return severe > 0 ? 5 : 0;
}
