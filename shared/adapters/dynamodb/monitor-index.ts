import { createHash } from 'node:crypto';
import type { CaseRecord, CaseStatus } from '../../domain/cases/case-model';
import { keys } from './keys';
import { applicantQuery } from '../../domain/cases/screening-query';
import { otherAccountHolders } from '../../domain/bank/account-holder';
import * as z from '../../domain/schemas/zod';
import type { ScreeningQuery } from '../../domain/screening/query';

/**
 * The monitor index: one small item per monitored applicant, holding what the re-screening needs to
 * screen them (every name form, birth date, nationality, identifiers) and nothing else, so a re-screening
 * reads these items instead of every case with its evidence.
 *
 * Layout in the cases table: PK `MONITOR#<partition>`, SK `<caseId>`, spread over MONITOR_PARTITIONS
 * partitions by a hash of the case id. A full pass reads one partition per worker (a Query, paged), so it
 * fans out by partition; the delta reads them all in parallel. Pure: no AWS, no I/O.
 *
 * Kept up to date by the case repository: a case's item is written in the transaction that moves it into a
 * monitored status (checks started, a redriven onboarding), rewritten in the one that records another payout
 * account holder (payoutHolders), and deleted in the one that ends it (rejected, expired, failed...); erasure
 * deletes it with the rest of the personal data.
 */

/** Partitions of the index. Changing it re-buckets every item: run `npm run case -- rescreen --reindex` after. */
export const MONITOR_PARTITIONS = 128;

/**
 * Version of what an item holds (the screening query built from the application). Bump it when
 * applicantQuery or monitorQuery changes: the next full pass (forced by the bump, see matcher-version.ts)
 * rebuilds the items it reads from their cases.
 */
// 2: the document's issuing country (documentCountry), which lets a passport line read as Russian papers write it.
// 3: the payout account's other holders (`holders`), screened by name alone.
export const MONITOR_QUERY_VERSION = 3;

/** Statuses whose applicants are re-screened: under way, on hold, or approved (approved cases only accumulate). */
const monitored: ReadonlySet<CaseStatus> = new Set<CaseStatus>(['checking', 'awaiting-interview', 'awaiting-approval', 'info-requested', 'compliance-hold', 'approved']);

export function isMonitoredStatus(status: CaseStatus): boolean {
  return monitored.has(status);
}

export function monitorPartitionOf(caseId: string): number {
  return createHash('sha256').update(caseId).digest().readUInt32BE(0) % MONITOR_PARTITIONS;
}

export function monitorKey(caseId: string): { PK: string; SK: string } {
  return keys.monitor(monitorPartitionOf(caseId), caseId);
}

/** Folding used only to drop repeated name forms (the matcher does its own normalization on every form). */
const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/gu, ' ').trim();

/**
 * The applicant's screening query as the monitor item stores it: applicantQuery (legal name, other names,
 * document name, birth date, nationality, identifiers), with repeated name forms dropped. Names are kept as
 * given, not pre-normalized, so an improved matcher normalizes them its own way on the next full pass.
 */
export function monitorQuery(c: Pick<CaseRecord, 'application'>): ScreeningQuery {
  const q = applicantQuery(c.application);
  const seen = new Set([fold(q.name)]);
  const otherNames: string[] = [];
  for (const n of q.otherNames ?? []) {
    const f = fold(n);
    if (!f || seen.has(f)) continue;
    seen.add(f);
    otherNames.push(n);
  }
  return { ...q, otherNames };
}

export interface MonitorItem {
  caseId: string;
  partition: number;
  /** MONITOR_QUERY_VERSION when the item was written. */
  qv: number;
  query: ScreeningQuery;
  /**
   * The people other than the contractor the payout account names as its holders ("… & Kim Yong Chol", "… c/o …"),
   * each screened by name alone: the contractor's birth date and nationality are not theirs. Screened at intake and on
   * a payout change; kept here so that a co-holder listed later is found too.
   */
  holders?: string[];
  since: string;
}

/**
 * Everyone beside the contractor the payout accounts name as holders: the intake account's, then those of the
 * accounts given later through a payout change (the case's payoutHolders), each once.
 */
export function monitoredHolders(c: Pick<CaseRecord, 'application' | 'payoutHolders'>): string[] {
  const seen = new Set<string>();
  return [...otherAccountHolders(c.application), ...(c.payoutHolders ?? [])].filter((n) => (seen.has(fold(n)) ? false : (seen.add(fold(n)), true)));
}

/** The stored item of a case (keys included), for the repository's transaction. */
export function monitorItemOf(c: Pick<CaseRecord, 'id' | 'application' | 'payoutHolders'>, now: string): Record<string, unknown> {
  const partition = monitorPartitionOf(c.id);
  const holders = monitoredHolders(c);
  return { ...monitorKey(c.id), type: 'monitor', caseId: c.id, partition, qv: MONITOR_QUERY_VERSION, query: monitorQuery(c), ...(holders.length ? { holders } : {}), since: now };
}

/**
 * The writes a change of the case implies for the index: the item when the case becomes monitored, or when a
 * monitored case's screened people change (a payout change names another holder: payoutHolders), its removal
 * when it stops being monitored, nothing otherwise (the application does not change while monitored).
 */
export function monitorWriteFor(
  before: Pick<CaseRecord, 'status' | 'payoutHolders'>,
  next: Pick<CaseRecord, 'id' | 'application' | 'status' | 'payoutHolders'>,
  now: string,
): { put: Record<string, unknown> } | { delete: { PK: string; SK: string } } | undefined {
  const was = isMonitoredStatus(before.status);
  const is = isMonitoredStatus(next.status);
  if (!was && is) return { put: monitorItemOf(next, now) };
  if (was && !is) return { delete: monitorKey(next.id) };
  if (is && JSON.stringify(before.payoutHolders ?? []) !== JSON.stringify(next.payoutHolders ?? [])) return { put: monitorItemOf(next, now) };
  return undefined;
}

const names = z.array(z.string());
const storedQuery = z.object({
  name: z.string(),
  otherNames: z.optional(names),
  dob: z.optional(z.string()),
  nationality: z.optional(z.string()),
  documentCountry: z.optional(z.string()),
  documentNumbers: z.optional(names),
  emails: z.optional(names),
  phones: z.optional(names),
  wallets: z.optional(names),
  bics: z.optional(names),
  type: z.optional(z.enum(['person', 'company'])),
});
const storedItem = z.object({
  caseId: z.string().check(z.minLength(1)),
  partition: z.number(),
  qv: z.number(),
  query: storedQuery,
  holders: z.optional(names),
  since: z.string(),
});

/** Parses a stored item; throws naming the case and field when it is not one (never screened as nothing). */
export function parseMonitorItem(item: Record<string, unknown>): MonitorItem {
  const parsed = storedItem.safeParse(item);
  if (!parsed.success) throw new Error(`monitor item ${String(item.SK)} is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { query, ...rest } = parsed.data;
  const q: ScreeningQuery = { name: query.name };
  for (const [k, v] of Object.entries(query)) if (v !== undefined) (q as Record<string, unknown>)[k] = v;
  return { ...rest, query: q };
}
