import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { defaultScreeningThresholds, type ScreeningQuery, type ScreeningThresholds } from '../../shared/domain/screening/query';
import { screenPerson } from '../../shared/domain/screening/screen-person';
import type { LabelledSet, PerturbationKind } from './labelled-set';
import { naiveSearch, type NaiveIndex } from './naive-baseline';

/** A search under test: ranked hits at or above its own "flag" threshold, as `${source}:${sourceId}`. */
export type Search = (query: ScreeningQuery) => { id: string; score: number }[];

export interface QualityReport {
  positives: number;
  /** Share of perturbed listed names whose entry is in the top TOP_K flagged hits. */
  recall: number;
  recallByKind: Partial<Record<PerturbationKind, number>>;
  /** Recall over the positives whose entry lists an exact birth date, queried with that date. */
  recallWithDob: number;
  positivesWithDob: number;
  negatives: number;
  /** Share of ordinary names (name only) that get any flagged hit. */
  falsePositiveRate: number;
  /** Same, with the applicant's birth date and nationality given (what the stage sends). */
  falsePositiveRateWithDob: number;
  misses: { kind: PerturbationKind; name: string; listed: string }[];
  falsePositives: { name: string; hit: string }[];
}

export const TOP_K = 5;

export function measureQuality(search: Search, set: LabelledSet): QualityReport {
  const byKind = new Map<PerturbationKind, { n: number; found: number }>();
  const misses: QualityReport['misses'] = [];
  let found = 0;
  for (const p of set.positives) {
    const hits = search(p.query).slice(0, TOP_K);
    const ok = hits.some((h) => h.id === p.expected);
    const k = byKind.get(p.kind) ?? { n: 0, found: 0 };
    k.n++;
    if (ok) {
      k.found++;
      found++;
    } else misses.push({ kind: p.kind, name: p.query.name, listed: p.listedName });
    byKind.set(p.kind, k);
  }
  const withDob = set.positives.filter((p) => p.listedDob);
  let foundWithDob = 0;
  for (const p of withDob) {
    if (
      search({ ...p.query, dob: p.listedDob })
        .slice(0, TOP_K)
        .some((h) => h.id === p.expected)
    )
      foundWithDob++;
  }
  let fp = 0;
  let fpDob = 0;
  const falsePositives: QualityReport['falsePositives'] = [];
  for (const n of set.negatives) {
    const nameOnly = search({ name: n.query.name, type: 'person' });
    if (nameOnly.length > 0) {
      fp++;
      falsePositives.push({ name: n.query.name, hit: nameOnly[0]!.id });
    }
    if (search(n.query).length > 0) fpDob++;
  }
  const recallByKind: QualityReport['recallByKind'] = {};
  for (const [kind, v] of byKind) recallByKind[kind] = v.found / v.n;
  return {
    positives: set.positives.length,
    recall: set.positives.length ? found / set.positives.length : 0,
    recallByKind,
    recallWithDob: withDob.length ? foundWithDob / withDob.length : 0,
    positivesWithDob: withDob.length,
    negatives: set.negatives.length,
    falsePositiveRate: set.negatives.length ? fp / set.negatives.length : 0,
    falsePositiveRateWithDob: set.negatives.length ? fpDob / set.negatives.length : 0,
    misses,
    falsePositives,
  };
}

/** The engine at the given (default) thresholds: flagged = score >= potential. */
export function engineSearch(index: ScreeningIndex, thresholds: ScreeningThresholds = defaultScreeningThresholds): Search {
  return (q) => screenPerson(index, q, thresholds).hits.map((h) => ({ id: `${h.source}:${h.sourceId}`, score: h.score }));
}

/** The naive baseline; it ignores birth date and nationality, as a naive name scan does. */
export function baselineSearch(ix: NaiveIndex): Search {
  return (q) => naiveSearch(ix, q.name);
}
