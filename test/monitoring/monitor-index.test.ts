import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseStatuses, type CaseRecord } from '../../shared/domain/cases/case-model';
import { changedEntries, decodeHashes, encodeHashes, entryHash, entryHashes, HASH_CHUNKS } from '../../shared/domain/monitoring/list-delta';
import { matcherKey } from '../../shared/app/monitoring/matcher-version';
import { isMonitoredStatus, MONITOR_PARTITIONS, monitorPartitionOf, monitorQuery, monitorWriteFor, parseMonitorItem, monitorItemOf } from '../../shared/adapters/dynamodb/monitor-index';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import { summarizeEntry } from '../../shared/domain/screening/entry-summary';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import type { ListedEntry } from '../../shared/domain/screening/types';
import { FIXTURE_DIR } from '../screening/fixture-dir';

const application = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'onboarding-request.json'), 'utf8')) as OnboardingRequest;

describe('monitor index (pure)', () => {
  it('stores every name form once, as given, with birth date, nationality, document country and identifiers', () => {
    const app = structuredClone(application);
    app.contractor.otherNames = ['ANNA  MARIA KOWALSKA', 'Anka Kowalska', 'anka kowalska'];
    app.document.givenNames = 'Anna-Maria';
    const q = monitorQuery({ application: app });
    expect(q.name).toBe('Anna Maria Kowalska');
    expect(q.otherNames).toEqual(['Anka Kowalska', 'Anna-Maria Kowalska']);
    // The document's country too: a re-screening reads a passport line as Russian papers write it only beside it.
    expect(q).toMatchObject({ dob: '1990-04-12', nationality: 'PL', documentCountry: app.document.issuingCountry, documentNumbers: [app.document.number], emails: [app.contractor.email] });
    const item = monitorItemOf({ id: 'ob_1', application: app }, '2026-12-06T00:00:00.000Z');
    expect(parseMonitorItem(item).query).toEqual(q);
    expect(() => parseMonitorItem({ ...item, query: { otherNames: [] } })).toThrow(/monitor item ob_1 is malformed: query.name/);
  });

  it('writes the item on entering a monitored status and removes it on leaving, for every status pair', () => {
    const c = (status: CaseRecord['status']) => ({ id: 'ob_1', application, status });
    for (const before of caseStatuses)
      for (const after of caseStatuses) {
        const w = monitorWriteFor({ status: before }, c(after), 'now');
        const expected = !isMonitoredStatus(before) && isMonitoredStatus(after) ? 'put' : isMonitoredStatus(before) && !isMonitoredStatus(after) ? 'delete' : undefined;
        expect(w && Object.keys(w)[0], `${before} -> ${after}`).toBe(expected);
      }
    expect(['received', 'rejected', 'expired', 'failed', 'info-not-provided'].filter((s) => isMonitoredStatus(s as CaseRecord['status']))).toEqual([]);
  });

  // Adversarial pass: the other holders of an account given later through a payout change were screened at the
  // change only; the item kept the intake account's, so a co-holder listed after the change was never found.
  it("rewrites a monitored case's item when a payout change names another holder, beside the intake account's", () => {
    const joint = structuredClone(application);
    joint.payment = { ...joint.payment, accountHolder: 'Anna Maria Kowalska & Ewa Lis' } as OnboardingRequest['payment'];
    const before = { id: 'ob_1', application: joint, status: 'approved' as const };
    const after = { ...before, payoutHolders: ['Ri Song Hun'] };
    const w = monitorWriteFor(before, after, 'now');
    expect(w && 'put' in w && parseMonitorItem(w.put).holders).toEqual(['Ewa Lis', 'Ri Song Hun']);
    // Nothing to write when the holders are the same, or the case is not monitored.
    expect(monitorWriteFor(after, { ...after }, 'now')).toBeUndefined();
    expect(monitorWriteFor({ ...before, status: 'rejected' }, { ...after, status: 'rejected' }, 'now')).toBeUndefined();
  });

  it('spreads case ids over the partitions', () => {
    const counts = new Array<number>(MONITOR_PARTITIONS).fill(0);
    for (let i = 0; i < 12_800; i++) counts[monitorPartitionOf(`ob_${i.toString(16).padStart(32, '0')}`)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeLessThan(160);
  });
});

describe('list delta (pure)', () => {
  it('finds added and changed entries, not unchanged or removed ones; hashes round-trip through their chunks', async () => {
    const { index } = await loadLists(FIXTURE_DIR);
    const v1 = index.entries;
    const added: ListedEntry = { ...v1[0]!, sourceId: '9999', primaryName: 'NEW, Person', names: [{ name: 'NEW, Person', kind: 'primary' }] };
    const changed: ListedEntry = { ...v1[1]!, names: [...v1[1]!.names, { name: 'Another Alias', kind: 'aka' }] };
    const v2 = [added, changed, ...v1.slice(2, -1)];
    const previous = decodeHashes(encodeHashes(entryHashes(v1)));
    expect(previous).toEqual(entryHashes(v1));
    expect(encodeHashes(entryHashes(v1))).toHaveLength(HASH_CHUNKS);
    expect(changedEntries(v2, entryHashes(v2), previous).map((e) => e.sourceId)).toEqual(['9999', changed.sourceId]);
    // The hash of an entry is the hash of the summary a hit carries, whatever the key order it was read back in.
    const summary = summarizeEntry(changed);
    const reordered = Object.fromEntries(Object.entries(summary).reverse()) as typeof summary;
    expect(entryHash(reordered)).toBe(entryHash(summary));
    expect(entryHash(summarizeEntry(v1[1]!))).not.toBe(entryHash(summary));
  });

  it('the matcher key follows the thresholds and is stable otherwise', () => {
    expect(matcherKey({ potential: 0.8, strong: 0.92 })).toBe(matcherKey({ potential: 0.8, strong: 0.92 }));
    expect(matcherKey({ potential: 0.8, strong: 0.95 })).not.toBe(matcherKey({ potential: 0.8, strong: 0.92 }));
  });
});
