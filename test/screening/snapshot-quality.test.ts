import { beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { screenIdentifier, screenPerson } from '../../shared/domain/screening/screen-person';
import { buildLabelledSet, type LabelledSet } from './labelled-set';
import { buildNaiveIndex } from './naive-baseline';
import { baselineSearch, engineSearch, measureQuality, type QualityReport } from './quality';

const dataDir = process.env.SANCTIONS_DATA_DIR;
if (!dataDir) {
  console.log('screening snapshot tests skipped: SANCTIONS_DATA_DIR is not set (point it at the sanctions list folder, e.g. ../shared/data/sanctions)');
}

// Floors and ceilings with some margin under what the engine measures on the 2024-05 OFAC / 2026-02 UN
// snapshot (recall 0.995, name-only FPR 0.015, FPR with birth date 0.003), so list updates do not make the
// suite flaky but a real regression fails it.
const RECALL_FLOOR = 0.95;
const RECALL_PER_KIND_FLOOR = 0.9;
const FPR_CEILING = 0.04;
const FPR_WITH_DOB_CEILING = 0.015;

describe.skipIf(!dataDir)('screening on the real OFAC + UN snapshot', () => {
  let index: ScreeningIndex;
  let set: LabelledSet;
  let report: QualityReport;

  beforeAll(async () => {
    index = (await loadLists(dataDir!)).index;
    set = buildLabelledSet(index);
    report = measureQuality(engineSearch(index), set);
    console.log(
      `screening quality: recall ${report.recall.toFixed(3)} over ${report.positives} perturbed names, ` +
        `false positives ${report.falsePositiveRate.toFixed(3)} (name only) / ${report.falsePositiveRateWithDob.toFixed(3)} ` +
        `(with birth date) over ${report.negatives} ordinary names`,
    );
  });

  it('loads the whole snapshot', () => {
    const ofac = index.entries.filter((e) => e.source === 'ofac-sdn');
    expect(ofac).toHaveLength(14965);
    expect(ofac.filter((e) => e.type === 'person')).toHaveLength(6854);
    expect(ofac.filter((e) => e.type === 'person' && e.programs.some((p) => /^DPRK/.test(p))).length).toBeGreaterThanOrEqual(100);
    expect(index.entries.filter((e) => e.source === 'un')).toHaveLength(1003);
  });

  it('finds well-known DPRK entries', () => {
    expect(screenPerson(index, { name: 'Ri Won Ho', dob: '1964-07-17' }).hits.map((h) => h.sourceId)).toContain('KPi.033');
    expect(screenIdentifier(index, { kind: 'bic', value: 'KDBKKPPY' }).hits.map((h) => h.sourceId)).toContain('12312');
  });

  it('finds perturbed listed names', () => {
    expect(report.recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
    for (const [kind, recall] of Object.entries(report.recallByKind)) {
      expect({ kind, recall: recall! >= RECALL_PER_KIND_FLOOR }).toEqual({ kind, recall: true });
    }
  });

  it('rarely flags ordinary names of contractor nationalities', () => {
    expect(report.falsePositiveRate).toBeLessThanOrEqual(FPR_CEILING);
    expect(report.falsePositiveRateWithDob).toBeLessThanOrEqual(FPR_WITH_DOB_CEILING);
  });

  it('recalls at least as much as the naive Jaro-Winkler scan', () => {
    // A subsample (one in twenty): the naive scan costs tens of milliseconds a query.
    const sample: LabelledSet = {
      positives: set.positives.filter((_, i) => i % 20 === 0),
      negatives: [],
    };
    const naive = measureQuality(baselineSearch(buildNaiveIndex(index)), sample);
    const engine = measureQuality(engineSearch(index), sample);
    expect(engine.recall).toBeGreaterThanOrEqual(naive.recall);
  });
});
