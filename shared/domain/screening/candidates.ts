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
// only one half must not count it as a hit, or every name containing "ha" or "ri" would be scored. Uses a bit of
// the scratch masks no mark uses, and leaves them as it found them.
const PROBE = 1 << 30;
function pushBoth(s: Scratch, pa: number[], pb: number[], out: number[][]): void {
  const { masks } = s;
  const both: number[] = [];
  for (let i = 0; i < pa.length; i++) masks[pa[i]!]! |= PROBE;
  for (let i = 0; i < pb.length; i++) if (masks[pb[i]!]! & PROBE) both.push(pb[i]!);
  for (let i = 0; i < pa.length; i++) masks[pa[i]!]! &= ~PROBE;
  if (both.length > 0) out.push(both);
}

function addNear(near: Set<string>, v: string | string[] | undefined): void {
  if (v === undefined) return;
  if (typeof v === 'string') near.add(v);
  else for (const k of v) near.add(k);
}

/**
 * What one query token brings, whatever the rest of the name: the posting lists of its key, of its Korean
 * syllables' key and of the listed tokens within one edit of its spelling (`single`), and the names holding both
 * halves of a split of it into two listed tokens (`split`). A function of the token and the index only, so kept
 * per index for the tokens seen last: names repeat their given names and surnames, and working a token out took
 * a few dozen lookups of fresh strings in maps of hundreds of thousands (most of a query's time).
 */
interface Expansion {
  single: number[][];
  split: number[][];
}
const EXPANSIONS_KEPT = 50_000;
const expansionsByIndex = new WeakMap<ScreeningIndex, Map<string, Expansion>>();

/** Forgets the tokens seen so far: the screening benchmark's figure for a query whose every token is new. */
export function forgetTokenExpansions(index: ScreeningIndex): void {
  expansionsByIndex.delete(index);
}

function expansionOf(index: ScreeningIndex, s: Scratch, raw: string, key: string): Expansion {
  let memo = expansionsByIndex.get(index);
  if (!memo) expansionsByIndex.set(index, (memo = new Map()));
  const hit = memo.get(raw);
  if (hit) return hit;
  const e = expand(index, s, raw, key);
  if (memo.size >= EXPANSIONS_KEPT) memo.clear();
  memo.set(raw, e);
  return e;
}

function expand(index: ScreeningIndex, s: Scratch, raw: string, key: string): Expansion {
  const { postings } = index;
  const single: number[][] = [];
  const add = (ids: number[] | undefined): void => {
    if (ids && !single.includes(ids)) single.push(ids);
  };
  add(postings.get(key));
  // Korean syllables in any romanization: listed tokens were posted under their syllable key too.
  const kKey = koreanReadingOf(raw)?.key;
  if (kKey !== undefined && kKey !== key) add(postings.get(kKey));
  if (raw.length >= TYPO_MIN_LENGTH - 1) {
    // Listed tokens within one edit of the query token's spelling, via the deletion map (which holds the listed
    // tokens of four letters or more under themselves too).
    const near = new Set<string>();
    addNear(near, index.deletionMap.get(raw)); // listed token has one more letter (or is the query's own)
    // Substitutions, transpositions and an extra letter only for tokens long enough to be typos.
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
    const nearKeys = new Set<string>();
    for (const t of near) nearKeys.add(romanizationKey(t));
    nearKeys.delete(key);
    for (const k of nearKeys) add(postings.get(k));
  }
  // "Yongchol" in the query, "Yong Chol" listed: each split whose halves are both listed tokens, by spelling
  // key or by Korean syllables.
  const split: number[][] = [];
  if (raw.length >= 4) {
    for (let p = 2; p <= raw.length - 2; p++) {
      const left = raw.slice(0, p);
      const right = raw.slice(p);
      const a = romanizationKey(left);
      const pa = postings.get(a);
      let b: string | undefined;
      if (pa) {
        b = romanizationKey(right);
        const pb = postings.get(b);
        if (pb) pushBoth(s, pa, pb, split);
      }
      const ka = koreanReadingOf(left)?.key;
      if (!ka || ka === a) continue;
      const pka = postings.get(ka);
      if (!pka) continue;
      const kb = koreanReadingOf(right)?.key;
      if (!kb) continue;
      if (kb === (b ??= romanizationKey(right))) continue;
      const pkb = postings.get(kb);
      if (pkb) pushBoth(s, pka, pkb, split);
    }
  }
  return { single, split };
}

/**
 * Ids of listed names sharing at least `need` query tokens (by romanization key, one-edit typo, or a
 * joined/split given name). This is what makes screening sub-millisecond: only these names are scored.
 */
export function candidates(index: ScreeningIndex, q: TokenizedName, minNameScore: number, { shortTypos = false }: { shortTypos?: boolean } = {}): number[] {
  const s = scratchFor(index);
  const { masks, touched, strongTokens } = s;
  const postings = index.postings;
  s.nTouched = 0;
  // Bits 0..14: query token i hit the name; bits 15..29: it hit as a split of a joined given name, so it
  // may cover two listed tokens.
  const n = Math.min(q.raw.length, 15);
  let qStrong = 0;
  for (let i = 0; i < n; i++) {
    if (q.weak[i]) continue;
    qStrong++;
    const mask = 1 << i;
    const raw = q.raw[i]!;
    const plan = expansionOf(index, s, raw, q.keys[i]!);
    for (const ids of plan.single) mark(s, ids, mask);
    // Split into two listed tokens: the name may cover two listed tokens with this one.
    for (const ids of plan.split) mark(s, ids, mask | (mask << 15));
    // "Yong Chol" in the query, "Yongchol" listed: look the joined spelling up as one token.
    if (i + 1 < n) {
      const key = q.keys[i]!;
      const joinedRaw = raw + q.raw[i + 1]!;
      const joined = romanizationKey(joinedRaw);
      mark(s, postings.get(joined), 3 << i);
      const joinedKeys = key + q.keys[i + 1]!;
      if (joinedKeys !== joined) mark(s, postings.get(joinedKeys), 3 << i);
      const joinedKorean = koreanReadingOf(joinedRaw)?.key;
      if (joinedKorean !== undefined) mark(s, postings.get(joinedKorean), 3 << i);
    }
  }
  // Query tokens that can match in scoring without having hit here: long enough for a two-edit typo, or
  // (`shortTypos`: the query has a birth date to corroborate it) short, three or four letters, and one
  // letter off a listed syllable ("Cho" for "Chol"). Only names another token brought in are scored, so a
  // short typo never makes a candidate on its own.
  const isShort = (t: string) => shortTypos && t.length >= TYPO_MIN_LENGTH - 2 && t.length < TYPO_MIN_LENGTH;
  let longUnhitPossible = 0;
  // With a birth date, an initial ("Kim J. U.") may stand for a listed name (scoring's loose pass): it hits
  // nothing here, so the names the other words bring are kept with one hit fewer.
  let initials = 0;
  for (let i = 0; i < n; i++) {
    if (q.weak[i]) continue;
    const t = q.raw[i]!;
    if (t.length >= 7 || isShort(t)) longUnhitPossible |= 1 << i;
    else if (shortTypos && t.length === 1) initials |= 1 << i;
  }
  longUnhitPossible |= initials;
  const qFull = qStrong - popcount(initials);
  const out: number[] = [];
  const nTouched = s.nTouched;
  for (let t = 0; t < nTouched; t++) {
    const id = touched[t]!;
    const mask = masks[id]!;
    masks[id] = 0;
    const listedStrong = strongTokens[id]!;
    const hits = popcount(mask & 0x7fff);
    const need = Math.max(1, Math.min(2, qFull, listedStrong));
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
