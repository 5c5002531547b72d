import type { ScreeningIndex } from '../screening/build-index';
import { defaultScreeningThresholds, type ScreeningThresholds } from '../screening/query';
import { screenIdentifier, screenPerson } from '../screening/screen-person';
import type { ScreenFn } from './check-bank';

/**
 * The bank stage's screening of the payee: the BIC (institution code, first 8 characters) and the wallet
 * address against the identifiers the lists carry (OFAC "SWIFT/BIC ...", "Digital Currency Address - ...").
 * Exact matches only: a listed identifier is the entry itself. Bank names are not screened here (the
 * lists' bank names are too generic for a name match to mean anything without the BIC).
 */
export function payeeScreen(index: ScreeningIndex, thresholds: ScreeningThresholds = defaultScreeningThresholds): ScreenFn {
  return (id) => {
    if (id.kind === 'bank') return [];
    // A payout change's new holder, by name (a person or a company; whichever the name reads as).
    if (id.kind === 'holder')
      return screenPerson(index, { name: id.value }, thresholds)
        .hits.filter((h) => h.score >= thresholds.potential)
        .map((h) => ({
          hit: true,
          strong: h.score >= thresholds.strong,
          sourceId: h.sourceId,
          listName: `${h.source === 'un' ? 'UN Security Council consolidated list' : 'OFAC SDN list'}: ${h.entry.primaryName}${h.programs.length ? ` [${h.programs.join(', ')}]` : ''}`,
        }));
    return screenIdentifier(index, { kind: id.kind, value: id.value }).hits.map((h) => ({
      hit: true,
      strong: h.score >= 1,
      sourceId: h.sourceId,
      listName: `${h.source === 'un' ? 'UN Security Council consolidated list' : 'OFAC SDN list'}: ${h.entry.primaryName}${h.programs.length ? ` [${h.programs.join(', ')}]` : ''}`,
    }));
  };
}

/**
 * The screening when no lists can be had (none configured, the bucket unreadable and no snapshot): every
 * identifier the stage screens is BANK_SCREENING_UNAVAILABLE, a hold until screening succeeds, never a silent
 * pass on an unscreened payee. The bank name is not screened even with lists (see payeeScreen): nothing owed.
 */
export function payeeScreenUnavailable(reason: string): ScreenFn {
  return (id) => {
    if (id.kind === 'bank') return [];
    throw new Error(`sanctions lists unavailable: ${reason}`);
  };
}
