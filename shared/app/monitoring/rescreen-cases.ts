import { createHash } from 'node:crypto';
import type { CaseRecord, EvidenceRecord } from '../../domain/cases/case-model';
import type { HoldInput, HoldResult } from '../cases/hold-case';
import { findingBases, findingsInForce } from '../../domain/cases/latest-findings';
import { riskSummaryOf } from '../../domain/cases/risk-summary';
import type { Policy } from '../../domain/policy/policy-schema';
import { decideRisk } from '../../domain/risk/decide';
import { hitViews, screeningFindings, type ScreenedSubject } from '../../domain/cases/screening-findings';
import { buildIndex, type ScreeningIndex } from '../../domain/screening/build-index';
import type { ScreeningThresholds } from '../../domain/screening/query';
import { screenPerson, type ScreeningHit } from '../../domain/screening/screen-person';
import { changedEntries, entryHash, entryHashes } from '../../domain/monitoring/list-delta';
import { matcherKey } from './matcher-version';
import { isMonitoredStatus, MONITOR_PARTITIONS, MONITOR_QUERY_VERSION, monitoredHolders, monitorQuery, type MonitorItem } from '../../adapters/dynamodb/monitor-index';
import type { RescreenState } from '../../adapters/dynamodb/monitor-repository';

/**
 * Ongoing monitoring that scales with the number of monitored applicants.
 *
 * After a list refresh (or an operator's `npm run case -- rescreen`), only the entries added or changed
 * since the list version last screened are screened: a small index is built from them and every monitored
 * applicant's names (the monitor index, never the cases and their evidence) go through it. When the matcher
 * itself changed (matcher-version.ts), a FULL pass screens every monitored applicant against the whole
 * lists, partition by partition (on AWS a Step Functions Distributed Map, one Lambda per partition).
 *
 * A strong match not already cleared by compliance (with the entry's content hash: a changed entry is no
 * longer cleared) records the screening evidence for that list version, then holds the case through the
 * hold use case (source 'rescreen'), whatever step it is in. A new potential match found by the delta is
 * recorded as evidence and audited, without a hold. Nothing here writes a case's status.
 */

export interface RescreenRun {
  mode: 'delta' | 'full';
  listVersion: string;
  matcherKey: string;
}

export interface MonitorStore {
  partition(partition: number): AsyncGenerator<MonitorItem[]>;
  delete(caseId: string): Promise<void>;
  putMany(cases: readonly Pick<CaseRecord, 'id' | 'application'>[], now: Date): Promise<void>;
  getState(): Promise<RescreenState | undefined>;
  putState(expected: RescreenState | undefined, change: { listVersion?: string; matcherKey?: string }, now: Date): Promise<RescreenState>;
  putHashes(listVersion: string, hashes: ReadonlyMap<string, string>): Promise<void>;
  getHashes(listVersion: string): Promise<Map<string, string> | undefined>;
  deleteHashes(listVersion: string): Promise<void>;
}

export interface PageDeps {
  monitors: MonitorStore;
  repo: {
    getCase(id: string): Promise<CaseRecord | undefined>;
    putEvidence(record: EvidenceRecord): Promise<EvidenceRecord>;
    listEvidence(id: string): Promise<EvidenceRecord[]>;
  };
  /** The policy the risk is decided again with when a match holds the case (the hold shows that decision). */
  policy: Policy;
  /** The hold use case (shared/config/hold.ts `hold`). */
  hold(input: HoldInput): Promise<HoldResult>;
  audit(caseId: string, actor: string, action: string, data: Record<string, unknown>): Promise<void>;
  now(): Date;
}

export interface PartitionReport {
  screened: number;
  /** Cases with a strong (or, in a delta, potential) hit before looking at the case. */
  matched: number;
  held: { caseId: string; outcome: HoldResult['kind'] | 'already-held-for-this'; entries: string[] }[];
  potential: { caseId: string; entries: string[] }[];
  /** Hits compliance had cleared on the same entry content. */
  clearedSkipped: number;
  /** Items of cases that had ended (or vanished) meanwhile, removed from the index. */
  removed: number;
  /** Items rewritten because their query version was old. */
  refreshed: number;
}

const emptyReport = (): PartitionReport => ({ screened: 0, matched: 0, held: [], potential: [], clearedSkipped: 0, removed: 0, refreshed: 0 });

export function mergeReports(a: PartitionReport, b: PartitionReport): PartitionReport {
  return {
    screened: a.screened + b.screened,
    matched: a.matched + b.matched,
    held: [...a.held, ...b.held],
    potential: [...a.potential, ...b.potential],
    clearedSkipped: a.clearedSkipped + b.clearedSkipped,
    removed: a.removed + b.removed,
    refreshed: a.refreshed + b.refreshed,
  };
}

/** The evidence run id of a re-screening: one per list version (delta), one per list version and matcher (full). */
export function rescreenRunId(run: RescreenRun): string {
  return run.mode === 'delta' ? `rescreen-${run.listVersion}` : `rescreen-${run.listVersion}-full-${createHash('sha256').update(run.matcherKey).digest('hex').slice(0, 8)}`;
}

const ref = (h: Pick<ScreeningHit, 'source' | 'sourceId'>) => `${h.source}:${h.sourceId}`;

/** Screens every monitored applicant of one partition against `index` (the whole lists, or the changed entries). */
export async function screenPartition(deps: PageDeps, index: ScreeningIndex, run: RescreenRun, thresholds: ScreeningThresholds, partition: number): Promise<PartitionReport> {
  let report = emptyReport();
  for await (const items of deps.monitors.partition(partition)) {
    const r = await screenItems(deps, index, run, thresholds, items);
    report = mergeReports(report, r);
  }
  return report;
}

export async function screenItems(deps: PageDeps, index: ScreeningIndex, run: RescreenRun, thresholds: ScreeningThresholds, items: readonly MonitorItem[]): Promise<PartitionReport> {
  const report = emptyReport();
  const stale: CaseRecord[] = [];
  for (const item of items) {
    let query = item.query;
    let holders = item.holders ?? [];
    if (item.qv !== MONITOR_QUERY_VERSION) {
      // Written by an older version of monitorQuery: screened as the case says today, and rewritten.
      const c = await deps.repo.getCase(item.caseId);
      if (!c || !isMonitoredStatus(c.status)) {
        await deps.monitors.delete(item.caseId);
        report.removed++;
        continue;
      }
      query = monitorQuery(c);
      holders = monitoredHolders(c);
      stale.push(c);
    }
    report.screened++;
    // The contractor, then each other holder of the payout account by name alone.
    const subjects: ScreenedSubject[] = [
      { role: 'the contractor (re-screened)', field: 'contractor', result: screenPerson(index, query, thresholds) },
      ...holders.map((name) => ({
        role: 'another holder of the payout account (re-screened)',
        field: 'payment.accountHolder',
        name,
        result: screenPerson(index, { name, type: 'person' }, thresholds),
      })),
    ];
    const relevant = subjects
      .map((s) => ({ ...s, result: { ...s.result, hits: s.result.hits.filter((h) => h.level === 'strong' || (run.mode === 'delta' && h.level === 'potential')) } }))
      .filter((s) => s.result.hits.length > 0);
    if (!relevant.length) continue;
    report.matched++;
    await onMatch(deps, run, item.caseId, relevant, report);
  }
  if (stale.length) {
    await deps.monitors.putMany(stale, deps.now());
    report.refreshed += stale.length;
  }
  return report;
}

async function onMatch(deps: PageDeps, run: RescreenRun, caseId: string, screened: readonly ScreenedSubject[], report: PartitionReport): Promise<void> {
  const c = await deps.repo.getCase(caseId);
  if (!c || !isMonitoredStatus(c.status)) {
    // Ended (or erased) since the item was read: it leaves the index (the repository also removes it on the move).
    await deps.monitors.delete(caseId);
    report.removed++;
    return;
  }
  const cleared = new Set((c.clearedMatches ?? []).filter((m) => m.entryHash).map((m) => `${m.source}:${m.sourceId}#${m.entryHash}`));
  const subjects = screened.map((s) => ({ ...s, result: { ...s.result, hits: s.result.hits.filter((h) => !cleared.has(`${ref(h)}#${entryHash(h.entry)}`)) } })).filter((s) => s.result.hits.length > 0);
  const hits = subjects.flatMap((s) => s.result.hits);
  report.clearedSkipped += screened.reduce((n, s) => n + s.result.hits.length, 0) - hits.length;
  if (!hits.length) return;
  const strong = hits.filter((h) => h.level === 'strong');
  const thresholds = screened[0]!.result.thresholds;

  // The evidence first, as every screening records it: the hold's reasons point at it.
  const now = deps.now().toISOString();
  const findings = screeningFindings(subjects);
  const stored = await deps.repo.putEvidence({
    caseId,
    stage: 'screening',
    runId: rescreenRunId(run),
    recordedAt: now,
    inputs: {
      listVersion: run.listVersion,
      trigger: run.mode === 'delta' ? 'list entries added or changed' : 'full pass (the matcher changed)',
      matcherKey: run.matcherKey,
      thresholds,
    },
    findings,
    data: {
      // The listed entry beside the applicant, as the compliance review's page shows it.
      hits: hitViews(subjects, (s) =>
        s.name !== undefined
          ? { name: s.name }
          : {
              name: `${c.application.contractor.legalName.givenNames} ${c.application.contractor.legalName.surname}`,
              birthDate: c.application.contractor.birthDate,
              nationality: c.application.contractor.nationality,
              otherNames: c.application.contractor.otherNames,
            },
      ),
      applicantHits: hits.map((h) => ({ source: h.source, sourceId: h.sourceId, score: h.score, level: h.level, entryHash: entryHash(h.entry) })),
    },
  });
  const entries = hits.map(ref);
  if (!strong.length) {
    if (stored.recordedAt === now) await deps.audit(caseId, 'system', 'screening.potential-match', { listVersion: run.listVersion, mode: run.mode, entries });
    report.potential.push({ caseId, entries });
    return;
  }
  const strongEntries = strong.map(ref);
  const reason =
    `Re-screening on list version ${run.listVersion}${run.mode === 'full' ? ' (full pass)' : ''} found a strong match: ` +
    strong.map((h) => `${h.source === 'un' ? 'UN' : 'OFAC SDN'} entry ${h.sourceId} "${h.name}" (score ${h.score.toFixed(2)})`).join('; ') +
    '.';
  // A repeated run (an operator re-running it, a retried page) does not add the same reason twice.
  if (c.status === 'compliance-hold' && (c.hold?.sources ?? []).some((s) => s.source === 'rescreen' && s.reason === reason)) {
    report.held.push({ caseId, outcome: 'already-held-for-this', entries: strongEntries });
    return;
  }
  // The risk decided again over the evidence in force, the new screening included: the case page and the
  // compliance review show the score that holds it, not the one it was approved on.
  const decision = decideRisk({ findings: findingsInForce(await deps.repo.listEvidence(caseId), c.clearances), policy: deps.policy });
  const causes = [...new Set(findings.filter((f) => f.hardStop).map((f) => f.code))];
  const held = await deps.hold({
    caseId,
    source: 'rescreen',
    reason,
    findings: causes,
    bases: findingBases(findings, causes),
    hardStop: true,
    risk: riskSummaryOf(decision),
    read: c,
  });
  report.held.push({ caseId, outcome: held.kind, entries: strongEntries });
}

/** Runs `work` over partitions 0..MONITOR_PARTITIONS-1, at most `concurrency` at a time. */
export async function overPartitions(concurrency: number, work: (partition: number) => Promise<PartitionReport>): Promise<PartitionReport> {
  let next = 0;
  let total = emptyReport();
  const worker = async () => {
    while (next < MONITOR_PARTITIONS) {
      const p = next++;
      const r = await work(p);
      total = mergeReports(total, r);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, MONITOR_PARTITIONS)) }, worker));
  return total;
}

export interface RescreenDeps extends PageDeps {
  /**
   * Starts the full pass fanned out (AWS: the re-screening state machine, one Lambda per partition), and
   * returns the execution's id. Absent (local runtime, bench, tests): the full pass runs here, partition by
   * partition, through the same screenPartition.
   */
  startFullPass?: (run: RescreenRun) => Promise<string>;
}

export interface RescreenSummary {
  listVersion: string;
  matcherKey: string;
  /** none: nothing changed since the version last screened. */
  mode: 'none' | 'delta' | 'full';
  why: string;
  /** Entries added or changed since the previous version (delta). */
  changedEntries: number;
  /** The fanned-out full pass's execution, when one was started. */
  fullPassExecution?: string;
  report: PartitionReport;
}

export interface RescreenOptions {
  thresholds: ScreeningThresholds;
  /** Force a full pass (operator's `--full`). */
  full?: boolean;
  /** Partitions screened at once in this process (default 8). */
  concurrency?: number;
}

/**
 * The re-screening after a list refresh or an operator's command: the delta when the matcher is the one
 * that screened everyone last, else (or on request) the full pass.
 */
export async function rescreenMonitored(deps: RescreenDeps, index: ScreeningIndex, options: RescreenOptions): Promise<RescreenSummary> {
  const listVersion = index.listVersion.id;
  const key = matcherKey(options.thresholds);
  const concurrency = options.concurrency ?? 8;
  const state = await deps.monitors.getState();
  const hashes = entryHashes(index.entries);
  const base = { listVersion, matcherKey: key };
  if (state?.listVersion !== listVersion) await deps.monitors.putHashes(listVersion, hashes);

  const fullBecause = options.full
    ? 'requested'
    : !state?.matcherKey
      ? 'no full pass recorded yet'
      : state.matcherKey !== key
        ? `the matcher changed (${state.matcherKey} -> ${key})`
        : !state.listVersion
          ? 'no list version screened yet'
          : undefined;
  const previous = fullBecause || state?.listVersion === listVersion ? undefined : await deps.monitors.getHashes(state!.listVersion!);
  const why = fullBecause ?? (state?.listVersion !== listVersion && !previous ? `the hashes of list version ${state?.listVersion} are missing` : undefined);
  if (why) {
    const run: RescreenRun = { mode: 'full', ...base };
    if (deps.startFullPass) return { ...base, mode: 'full', why, changedEntries: index.entries.length, fullPassExecution: await deps.startFullPass(run), report: emptyReport() };
    const report = await overPartitions(concurrency, (p) => screenPartition(deps, index, run, options.thresholds, p));
    await finishFullPass(deps, run);
    return { ...base, mode: 'full', why, changedEntries: index.entries.length, report };
  }
  if (state?.listVersion === listVersion) return { ...base, mode: 'none', why: 'the monitored applicants were already screened on this list version', changedEntries: 0, report: emptyReport() };

  const changed = changedEntries(index.entries, hashes, previous!);
  let report = emptyReport();
  if (changed.length) {
    const small = buildIndex(changed, index.listVersion);
    const run: RescreenRun = { mode: 'delta', ...base };
    report = await overPartitions(concurrency, (p) => screenPartition(deps, small, run, options.thresholds, p));
  }
  await deps.monitors.putState(state, { listVersion }, deps.now());
  if (state?.listVersion) await deps.monitors.deleteHashes(state.listVersion);
  return {
    ...base,
    mode: 'delta',
    why: `${changed.length} entr${changed.length === 1 ? 'y' : 'ies'} added or changed since list version ${state?.listVersion}`,
    changedEntries: changed.length,
    report,
  };
}

/** Records a completed full pass: everyone was screened on this list version with this matcher. */
export async function finishFullPass(deps: Pick<PageDeps, 'monitors' | 'now'>, run: RescreenRun): Promise<RescreenState> {
  const state = await deps.monitors.getState();
  const next = await deps.monitors.putState(state, { listVersion: run.listVersion, matcherKey: run.matcherKey }, deps.now());
  if (state?.listVersion && state.listVersion !== run.listVersion) await deps.monitors.deleteHashes(state.listVersion);
  return next;
}
