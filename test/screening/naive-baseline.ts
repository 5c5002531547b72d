import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { foldText } from '../../shared/domain/screening/normalize-name';
import { jaroWinkler } from '../../shared/domain/screening/string-distance';

/**
 * The naive screening a user would write: Jaro-Winkler of the query against every listed name and alias.
 * Given the benefit of normalization (case, diacritics, punctuation) and sorted tokens (so "KIM, Yong
 * Chol" = "Yong Chol Kim"), which is what a careful naive implementation does.
 */
export interface NaiveIndex {
  names: string[];
  entryOf: Int32Array;
  ids: string[]; // `${source}:${sourceId}` per entry
}

const sortedFold = (s: string): string => foldText(s).split(' ').sort().join(' ');

export function buildNaiveIndex(index: ScreeningIndex): NaiveIndex {
  const names: string[] = [];
  const entryOf: number[] = [];
  for (const n of index.names) {
    names.push([...n.raw].sort().join(' '));
    entryOf.push(n.entry);
  }
  return { names, entryOf: Int32Array.from(entryOf), ids: index.entries.map((e) => `${e.source}:${e.sourceId}`) };
}

/** Default cut-off: JW >= 0.9 is the usual "probable match" setting of naive screening scripts. */
export const NAIVE_THRESHOLD = 0.9;

export function naiveSearch(ix: NaiveIndex, name: string, threshold = NAIVE_THRESHOLD, limit = 10): { id: string; score: number }[] {
  const q = sortedFold(name);
  const best = new Map<number, number>();
  for (let i = 0; i < ix.names.length; i++) {
    const s = jaroWinkler(q, ix.names[i]!);
    if (s >= threshold) {
      const e = ix.entryOf[i]!;
      if ((best.get(e) ?? 0) < s) best.set(e, s);
    }
  }
  return [...best.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([e, score]) => ({ id: ix.ids[e]!, score }));
}
