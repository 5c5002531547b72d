import type { ScreeningIndex } from './build-index';
import { defaultScreeningThresholds, type ScreeningQuery, type ScreeningThresholds } from './query';
import { screenPerson, type MatchLevel, type ScreeningHit, type ScreeningResult } from './screen-person';

/**
 * Ongoing monitoring: when a new list version arrives, every active contractor is screened again and only
 * what changed is reported, so a case is reopened for a new or stronger hit and not for the hits a
 * reviewer already cleared.
 */

export interface PreviousHit {
  source: ScreeningHit['source'];
  sourceId: string;
  score: number;
}

export interface MonitoredSubject {
  /** The caller's id (case id, contractor id). */
  id: string;
  query: ScreeningQuery;
  /** Hits of the last screening, as stored with the case. */
  previousHits?: readonly PreviousHit[];
}

export interface MonitorChange {
  id: string;
  listVersion: string;
  /** Hits on entries that were not hits before (a new designation, a new alias, a new identifier). */
  newHits: ScreeningHit[];
  /** Hits whose level rose (potential -> strong) since the last screening. */
  raisedHits: { hit: ScreeningHit; previousScore: number }[];
  result: ScreeningResult;
}

const levelOf = (score: number, t: ScreeningThresholds): MatchLevel => (score >= t.strong ? 'strong' : score >= t.potential ? 'potential' : 'weak');

/** Re-screen subjects against `index`; returns only the subjects with a new or raised hit. */
export function rescreen(index: ScreeningIndex, subjects: readonly MonitoredSubject[], thresholds: ScreeningThresholds = defaultScreeningThresholds): MonitorChange[] {
  const changes: MonitorChange[] = [];
  for (const s of subjects) {
    const result = screenPerson(index, s.query, thresholds);
    const before = new Map((s.previousHits ?? []).map((h) => [`${h.source}:${h.sourceId}`, h.score]));
    const newHits: ScreeningHit[] = [];
    const raisedHits: MonitorChange['raisedHits'] = [];
    for (const hit of result.hits) {
      const prev = before.get(`${hit.source}:${hit.sourceId}`);
      if (prev === undefined) newHits.push(hit);
      else if (levelOf(prev, thresholds) !== 'strong' && hit.level === 'strong') raisedHits.push({ hit, previousScore: prev });
    }
    if (newHits.length || raisedHits.length) changes.push({ id: s.id, listVersion: result.listVersion, newHits, raisedHits, result });
  }
  return changes;
}
