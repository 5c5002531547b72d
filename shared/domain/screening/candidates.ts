import type { ScreeningIndex } from './build-index';
import { TYPO_MIN_LENGTH, type TokenizedName } from './name-tokens';
import { UNMATCHED_LISTED_PENALTY, UNMATCHED_QUERY_PENALTY } from './name-score';
import { koreanReadingOf, romanizationKey } from './romanize';

/**
 * Candidate generation: which listed entries a query name can reach at all (shared tokens, typo keys, Korean
 * readings, split halves), before any of them is scored. Kept apart from the scoring in screen-person.ts: this
 * is where the speed is (a packed per-index scratch, no allocation per entry).
 */
interface Scratch {
  masks: Int32Array;
  touched: Int32Array;
  nTouched: number;
  /** names[i].strongTokens, packed: the candidate filter reads it for every touched name, and a typed array
   * beside the masks stays in the CPU cache where 40,000 name objects do not. */
  strongTokens: Uint8Array;
  /** Reused per query token: listed tokens within one edit, and their keys (insertion order kept). */
  near: Set<string>;
  nearKeys: Set<string>;
}
const scratchByIndex = new WeakMap<ScreeningIndex, Scratch>();

function scratchFor(index: ScreeningIndex): Scratch {
  let s = scratchByIndex.get(index);
  if (!s) {
    s = {
      masks: new Int32Array(index.names.length),
      touched: new Int32Array(index.names.length),
      nTouched: 0,
      strongTokens: Uint8Array.from(index.names, (n) => Math.min(n.strongTokens, 255)),
      near: new Set(),
      nearKeys: new Set(),
    };
    scratchByIndex.set(index, s);
  }
  return s;
}

const popcount = (x: number): number => {
  let c = 0;
  for (let v = x; v; v &= v - 1) c++;
  return c;
};

// Module-level helpers rather than closures per query: screening is synchronous, one query at a time.
function mark(s: Scratch, ids: number[] | undefined, mask: number): void {
  if (!ids) return;
  const { masks, touched } = s;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (masks[id] === 0) touched[s.nTouched++] = id;
    masks[id]! |= mask;
  }
}

// Names that contain both halves of a split query token ("yong" and "chol" for "Yongchol"); a name with
// only one half must not count it as a hit, or every name containing "ha" or "ri" would be scored.
const PROBE = 1 << 30;
function markBoth(s: Scratch, pa: number[], pb: number[], mask: number): void {
  const { masks, touched } = s;
  for (let i = 0; i < pa.length; i++) masks[pa[i]!]! |= PROBE;
  for (let i = 0; i < pb.length; i++) {
    const id = pb[i]!;
    if (masks[id]! & PROBE) {
      if ((masks[id]! & ~PROBE) === 0) touched[s.nTouched++] = id;
      masks[id]! |= mask;
    }
  }
  for (let i = 0; i < pa.length; i++) masks[pa[i]!]! &= ~PROBE;
}

function addNear(near: Set<string>, v: string | string[] | undefined): void {
  if (v === undefined) return;
  if (typeof v === 'string') near.add(v);
  else for (const k of v) near.add(k);
}

/**
 * Ids of listed names sharing at least `need` query tokens (by romanization key, one-edit typo, or a
 * joined/split given name). This is what makes screening sub-millisecond: only these names are scored.
 */
export function candidates(index: ScreeningIndex, q: TokenizedName, minNameScore: number, { shortTypos = false }: { shortTypos?: boolean } = {}): number[] {
  const s = scratchFor(index);
  const { masks, touched, near, nearKeys, strongTokens } = s;
  const postings = index.postings;
  s.nTouched = 0;
  // Bits 0..14: query token i hit the name; bits 15..29: it hit as a split of a joined given name, so it
  // may cover two listed tokens.
  const n = Math.min(q.raw.length, 15);
  let qStrong = 0;
  for (let i = 0; i < n; i++) {
    if (q.weak[i]) continue;
    qStrong++;
    const key = q.keys[i]!;
    const mask = 1 << i;
    mark(s, postings.get(key), mask);
    const raw = q.raw[i]!;
    // Korean syllables in any romanization: listed tokens were posted under their syllable key too.
    const kKey = koreanReadingOf(raw)?.key;
    if (kKey !== undefined && kKey !== key) mark(s, postings.get(kKey), mask);
    if (raw.length >= TYPO_MIN_LENGTH - 1) {
      // Listed tokens within one edit of the query token's spelling, via the deletion map.
      near.clear();
      addNear(near, index.deletionMap.get(raw)); // listed token has one more letter (or is the query's own)
      // Substitutions, transpositions and an extra letter only for tokens long enough to be typos. The
      // deletion map holds listed tokens of four letters or more under themselves too: one lookup says whether
      // the deletion is a listed token (the query has one letter more) or a deletion of one.
      if (raw.length >= TYPO_MIN_LENGTH) {
        let prev = '';
        for (let p = 0; p < raw.length; p++) {
          const d = raw.slice(0, p) + raw.slice(p + 1);
          if (d === prev) continue; // a doubled letter gives the same deletion twice
          prev = d;
          addNear(near, index.deletionMap.get(d));
        }
      }
      near.delete(raw);
      if (near.size > 0) {
        nearKeys.clear();
        for (const t of near) nearKeys.add(romanizationKey(t));
        nearKeys.delete(key);
        for (const k of nearKeys) mark(s, postings.get(k), mask);
      }
    }
    // "Yong Chol" in the query, "Yongchol" listed: look the joined spelling up as one token.
    if (i + 1 < n) {
      const joinedRaw = raw + q.raw[i + 1]!;
      const joined = romanizationKey(joinedRaw);
      mark(s, postings.get(joined), 3 << i);
      const joinedKeys = key + q.keys[i + 1]!;
      if (joinedKeys !== joined) mark(s, postings.get(joinedKeys), 3 << i);
      const joinedKorean = koreanReadingOf(joinedRaw)?.key;
      if (joinedKorean !== undefined) mark(s, postings.get(joinedKorean), 3 << i);
    }
    // "Yongchol" in the query, "Yong Chol" listed: try each split whose halves are both listed tokens.
    if (raw.length >= 4) {
      const both = mask | (mask << 15);
      for (let p = 2; p <= raw.length - 2; p++) {
        const left = raw.slice(0, p);
        const right = raw.slice(p);
        const a = romanizationKey(left);
        const pa = postings.get(a);
        let b: string | undefined;
        if (pa) {
          b = romanizationKey(right);
          const pb = postings.get(b);
          if (pb) markBoth(s, pa, pb, both);
        }
        const ka = koreanReadingOf(left)?.key;
        if (!ka || ka === a) continue;
        const pka = postings.get(ka);
        if (!pka) continue;
        const kb = koreanReadingOf(right)?.key;
        if (!kb) continue;
        if (kb === (b ??= romanizationKey(right))) continue;
        const pkb = postings.get(kb);
        if (pkb) markBoth(s, pka, pkb, both);
      }
    }
  }
  // Query tokens that can match in scoring without having hit here: long enough for a two-edit typo, or
  // (`shortTypos`: the query has a birth date to corroborate it) short, three or four letters, and one
  // letter off a listed syllable ("Cho" for "Chol"). Only names another token brought in are scored, so a
  // short typo never makes a candidate on its own.
  const isShort = (t: string) => shortTypos && t.length >= TYPO_MIN_LENGTH - 2 && t.length < TYPO_MIN_LENGTH;
  let longUnhitPossible = 0;
  for (let i = 0; i < n; i++) if (!q.weak[i] && (q.raw[i]!.length >= 7 || isShort(q.raw[i]!))) longUnhitPossible |= 1 << i;
  const out: number[] = [];
  const nTouched = s.nTouched;
  for (let t = 0; t < nTouched; t++) {
    const id = touched[t]!;
    const mask = masks[id]!;
    masks[id] = 0;
    const listedStrong = strongTokens[id]!;
    const hits = popcount(mask & 0x7fff);
    const need = Math.max(1, Math.min(2, qStrong, listedStrong));
    if (hits < need) continue;
    // Upper bound of the name score from token counts alone: skips scoring the thousands of names that
    // share only a common token ("Muhammad") with a long query. Generous on purpose (a joined token may
    // cover two listed tokens; long tokens may match at two edits).
    const possible = hits + popcount(longUnhitPossible & ~mask);
    const uq = Math.max(0, qStrong - possible);
    const ul = Math.max(0, listedStrong - possible - popcount(mask >>> 15));
    const bound = 1 - UNMATCHED_LISTED_PENALTY * Math.min(ul, 3) - UNMATCHED_QUERY_PENALTY * uq;
    if (bound < minNameScore) continue;
    out.push(id);
  }
  return out;
}
