import { createHash } from 'node:crypto';
import type { Finding } from '../finding';
import type { Clearance, EvidenceRecord } from './case-model';

/**
 * The evidence in force, by stage: the newest record counts (a re-screening replaces the earlier
 * screening; each signals evaluation covers every signal received so far), except references, where each
 * reference answers separately and every answer counts, and links found by later applicants
 * (shared/app/cases/propagate-links.ts), one record per later applicant, each of which counts. The risk
 * decision and the case page both read the case through this, so a reviewer sees what the decision used.
 */
export function evidenceInForce(evidence: readonly EvidenceRecord[]): Map<string, EvidenceRecord[]> {
  const byStage = new Map<string, EvidenceRecord[]>();
  const deposits: EvidenceRecord[] = [];
  const bank: EvidenceRecord[] = [];
  for (const e of evidence) {
    const current = byStage.get(e.stage);
    if (e.stage === 'micro-deposits' || e.stage === 'bank') {
      // Placed where the first one was, settled below.
      if (!current) byStage.set(e.stage, [e]);
      (e.stage === 'bank' ? bank : deposits).push(e);
    } else if (e.stage === 'references' || e.stage === 'links') byStage.set(e.stage, [...(current ?? []), e]);
    else if (e.stage === 'signals') {
      // The evaluation covering the most signals, the newest of equals: two batches evaluated at the same
      // moment each cover one, and their re-evaluation with both (functions/signals) is what counts, even
      // when a narrower one was stored after it.
      if (!current || signalsCovered(current[0]!) < signalsCovered(e) || (signalsCovered(current[0]!) === signalsCovered(e) && current[0]!.recordedAt < e.recordedAt)) byStage.set(e.stage, [e]);
    } else if (!current || current[0]!.recordedAt < e.recordedAt) byStage.set(e.stage, [e]);
  }
  if (deposits.length) byStage.set('micro-deposits', [microDepositsInForce(deposits)]);
  if (bank.length) byStage.set('bank', bankInForce(bank));
  return byStage;
}

/** Ties (a change's record and the deposits it sent, at one instant): the later key, `<round>-sent`. */
const newest = (rs: readonly EvidenceRecord[]) => rs.reduce((a, b) => (a.recordedAt <= b.recordedAt ? b : a));

/** The record of the latest change by the change's own time (inputs.changedAt); ties: the newest record. */
function latestChange(changes: readonly EvidenceRecord[]): EvidenceRecord {
  const at = (r: EvidenceRecord) => Date.parse(String(r.inputs.changedAt));
  return changes.reduce((a, b) => (at(a) < at(b) || (at(a) === at(b) && a.recordedAt <= b.recordedAt) ? b : a));
}

/**
 * The bank stage checks the account given at intake; each payout change checks the account it introduced
 * (inputs.changedAt, the change's own time). Once the account changed, the checks of the latest change are
 * in force, whatever order the HRIS delivered the changes in: a change delivered late (B after C) must not
 * put the checks of an account no longer paid in place of those of the account paid now. Else the newest.
 */
function bankInForce(records: readonly EvidenceRecord[]): EvidenceRecord[] {
  const changes = records.filter((r) => r.inputs?.trigger === 'payout-account-change' && typeof r.inputs.changedAt === 'string');
  const current = changes.length ? latestChange(changes) : newest(records);
  // An account at a North Korean or listed bank, or a listed wallet, once given stays in force beside the
  // current account (first in the list): changing away from it, or a later change delivered first, does
  // not undo that the contractor tried to be paid there. It held nobody when it came in out of order
  // (adversarial pass, December 2026).
  const barred = records.filter((r) => r !== current && r.findings.some((f) => BARRED_ACCOUNT.has(f.code)));
  return [current, ...barred];
}
const BARRED_ACCOUNT: ReadonlySet<string> = new Set(['BANK_DPRK_BANK', 'BANK_SANCTIONS_HIT']);

/**
 * Test deposits prove the account they were sent to, and nothing else. Each record names that account
 * (inputs.accountRef, its keyed fingerprint); a payout change to an account the policy asks to prove
 * records where that account's proof stands as of the change (inputs.changedAt, the change's own time). The
 * account in force is the one of the latest change, and its newest record counts: an answer to an earlier
 * account's deposits, however late it comes, stays that account's and proves nothing about the account
 * paid now. Without any payout change, the newest record, as for the other stages.
 */
function microDepositsInForce(records: readonly EvidenceRecord[]): EvidenceRecord {
  const changes = records.filter((r) => typeof r.inputs?.changedAt === 'string');
  if (!changes.length) return newest(records);
  const latest = latestChange(changes);
  return newest(records.filter((r) => r.inputs?.accountRef === latest.inputs.accountRef));
}

/** The findings in force (see evidenceInForce). */
export function latestFindings(evidence: readonly EvidenceRecord[]): Finding[] {
  return [...evidenceInForce(evidence).values()].flat().flatMap((e) => e.findings);
}

/**
 * The findings in force less those compliance cleared: a finding whose code a clearance names, in evidence
 * recorded up to the clearance, no longer counts; in newer evidence it counts again, unless it rests on the very
 * facts that were cleared (Finding.basis unchanged: findingDigest). A signals batch evaluates every signal again,
 * so a cleared login from DPRK address space came back with each harmless login after it and held the case
 * again; one more login the finding counts (another address, another login from it) counts again.
 */
export function findingsInForce(evidence: readonly EvidenceRecord[], clearances: readonly Clearance[] = []): Finding[] {
  if (!clearances.length) return latestFindings(evidence);
  const cleared = (e: EvidenceRecord, f: Finding, cl: Clearance): boolean => {
    if (!cl.codes.includes(f.code)) return false;
    if (e.recordedAt <= cl.at) return true;
    const digest = findingDigest(f);
    return digest !== undefined && cl.findings?.includes(digest) === true;
  };
  return [...evidenceInForce(evidence).values()].flat().flatMap((e) => e.findings.filter((f) => !clearances.some((cl) => cleared(e, f, cl))));
}

/**
 * What a clearance keeps of a finding to know it again: its code and basis, hashed. Undefined for a finding
 * whose rule records no basis: recorded again after a clearance, it counts again.
 */
export function findingDigest(f: Finding): string | undefined {
  if (!f.basis) return undefined;
  return createHash('sha256').update(`${f.code}\n${f.basis}`).digest('base64url').slice(0, 22);
}

/**
 * The digests of the findings of `codes` that say which facts they count (findingDigest), each once: what a hold
 * raised on them records beside the codes (HoldReason.bases), so the same code on other facts is new to a review.
 */
export function findingBases(findings: readonly Finding[], codes: readonly string[]): string[] {
  return [...new Set(findings.flatMap((f) => (codes.includes(f.code) ? (findingDigest(f) ?? []) : [])))];
}

/** How many signals a signals evaluation covered (every signal received until then, once each). */
export function signalsCovered(e: EvidenceRecord): number {
  const total = e.inputs?.total;
  return typeof total === 'number' ? total : 0;
}
