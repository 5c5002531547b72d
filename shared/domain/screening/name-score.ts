import { koreanCompatible, type KoreanReading } from './korean';
import { koreanReadingOf, romanizationKey } from './romanize';
import { boundedEditDistance } from './string-distance';
import { TYPO_MIN_LENGTH, type TokenizedName } from './name-tokens';

export type TokenMatchHow = 'exact' | 'romanization' | 'typo' | 'joined' | 'initial';

export interface TokenPair {
  query: string;
  listed: string;
  sim: number;
  how: TokenMatchHow;
}

export interface NameScore {
  /** 0..1: how well the query name matches this listed name, before date/nationality evidence. */
  score: number;
  pairs: TokenPair[];
  unmatchedQuery: string[];
  unmatchedListed: string[];
}

// Penalties for tokens one side has and the other lacks. A listed middle name or patronymic the applicant
// omitted is common and mild; a query token the listed name lacks more often means a different person.
export const UNMATCHED_LISTED_PENALTY = 0.08;
export const UNMATCHED_QUERY_PENALTY = 0.22;
const WEAK_WEIGHT = 0.25;
// One letter off in a token of three or four letters ("Cho"/"Chol", "Jon"/"Jong").
const SHORT_TYPO_SIMILARITY = 0.85;
// An initial for a name ("J." for Jong): only in the loose scoring, beside the listed birth date itself.
const INITIAL_SIMILARITY = 0.8;
// With one shared token only ("Kim" of "Kim Yong Chol"), a hit would be a coincidence of surnames.
const SINGLE_TOKEN_CAP = 0.65;

/** Similarity of two tokens; 0 when they are not plausibly the same name part. */
export function tokenSimilarity(aRaw: string, aKey: string, bRaw: string, bKey: string, loose = false): [number, TokenMatchHow] {
  const sim = similarity(aRaw, aKey, koreanReadingOf(aRaw), letterSet(aRaw), bRaw, bKey, koreanReadingOf(bRaw), letterSet(bRaw), loose);
  return [sim, lastHow];
}

// How the last similarity() call matched: the scorer calls it for every token pair, a tuple each time is
// garbage for nothing.
let lastHow: TokenMatchHow = 'exact';

/**
 * The letters a token uses, as bits (a-z; every other character one bit more). An edit changes this set by two
 * letters at most, so tokens whose sets differ by more than twice the edits allowed are no typo of each other:
 * most token pairs a candidate brings are told apart by this, without an edit distance.
 */
export function letterSet(raw: string): number {
  let bits = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i) - 97;
    bits |= c >= 0 && c < 26 ? 1 << c : 1 << 26;
  }
  return bits;
}

/**
 * aKorean, bKorean: the tokens' Korean readings (koreanReadingOf), aLetters, bLetters their letterSet, each looked up once per scoring unit.
 * `loose` (scoreName's): also an initial for a name and one letter changed in a three-letter word.
 */
function similarity(
  aRaw: string,
  aKey: string,
  aKorean: KoreanReading | undefined,
  aLetters: number,
  bRaw: string,
  bKey: string,
  bKorean: KoreanReading | undefined,
  bLetters: number,
  loose: boolean,
): number {
  lastHow = 'exact';
  if (aRaw === bRaw) return 1;
  lastHow = 'romanization';
  if (aKey === bKey) return 0.96;
  // Korean syllables that can be the same in some romanization (Yong/Yeong/Young, Chol/Cheol/Chul).
  if (aKorean !== undefined && bKorean !== undefined && koreanCompatible(aKorean, bKorean)) return 0.96;
  lastHow = 'typo';
  const minLen = Math.min(aRaw.length, bRaw.length);
  // Short syllables (Kim/Kin, Yang/Wang, Dung/Deng) are often different names, not typos: one letter apart
  // they count for less (below), and candidates never come from such a typo alone (candidates.ts), so it
  // matters only beside the rest of the name and, in practice, a birth date that agrees. A letter
  // dropped from a five-letter name (Artur/Artr, Kwang/Kwng) is a typo like any other. One letter off in
  // a short syllable ("Kim Yong Cho", "Kim Jon Un", with the listed birth date) screened clear before
  // (adversarial pass, December 2026).
  const maxLen = Math.max(aRaw.length, bRaw.length);
  if (loose) {
    if (minLen === 1 && maxLen > 1 && aRaw.charCodeAt(0) === bRaw.charCodeAt(0) && isLetter(aRaw.charCodeAt(0))) {
      lastHow = 'initial';
      return INITIAL_SIMILARITY;
    }
    // "Klm", "Kam" for Kim: one letter changed, never one added or dropped (Ko/Kot, Un/Urn are other names).
    if (maxLen === TYPO_MIN_LENGTH - 2 && minLen === maxLen) return popcount(aLetters ^ bLetters) <= 2 && boundedEditDistance(aRaw, bRaw, 1) === 1 ? SHORT_TYPO_SIMILARITY : 0;
  }
  if (maxLen < TYPO_MIN_LENGTH - 1 || minLen < TYPO_MIN_LENGTH - 2) return 0;
  // Two edits count only between tokens of seven letters or more; one between shorter ones.
  if (popcount(aLetters ^ bLetters) > (minLen >= 7 ? 4 : 2)) return 0;
  // Edit distance on the spelling, not on the keys: keys are already coarse, a typo on top of them
  // would relate names that are not variants (Wang / Zhang).
  const d = boundedEditDistance(aRaw, bRaw, 2);
  if (d === 1) return maxLen < TYPO_MIN_LENGTH ? SHORT_TYPO_SIMILARITY : 0.92;
  if (d === 2 && minLen >= 7) return 0.82;
  return 0;
}

interface Unit {
  mask: number;
  raw: string;
  key: string;
  korean: KoreanReading | undefined;
  letters: number;
  weight: number;
}

const unitsByName = new WeakMap<TokenizedName, Unit[]>();

/**
 * Scoring units of a tokenized name: each token, then each adjacent pair joined. Derived data only, kept per
 * name object (a listed name is scored against many queries, a query against many listed names).
 */
const isLetter = (c: number): boolean => c >= 97 && c <= 122;

function units(t: TokenizedName): Unit[] {
  const cached = unitsByName.get(t);
  if (cached) return cached;
  const out: Unit[] = [];
  const n = Math.min(t.raw.length, 30);
  for (let i = 0; i < n; i++) {
    out.push({ mask: 1 << i, raw: t.raw[i]!, key: t.keys[i]!, korean: koreanReadingOf(t.raw[i]!), letters: letterSet(t.raw[i]!), weight: t.weak[i] ? WEAK_WEIGHT : 1 });
  }
  if (!t.pairKeys) {
    const keys: string[] = [];
    for (let i = 0; i + 1 < n; i++) keys.push(romanizationKey(t.raw[i]! + t.raw[i + 1]!));
    t.pairKeys = keys;
  }
  for (let i = 0; i + 1 < n; i++) {
    const raw = t.raw[i]! + t.raw[i + 1]!;
    out.push({
      mask: 3 << i,
      raw,
      key: t.pairKeys[i]!,
      korean: koreanReadingOf(raw),
      letters: letterSet(raw),
      weight: (t.weak[i] ? WEAK_WEIGHT : 1) + (t.weak[i + 1] ? WEAK_WEIGHT : 1),
    });
  }
  unitsByName.set(t, out);
  return out;
}

// scoreName's scratch: one pair per row (query unit, listed unit, similarity, how, tokens covered), grown on demand.
let pairQ = new Int32Array(64);
let pairL = new Int32Array(64);
let pairSim = new Float64Array(64);
let pairSize = new Int32Array(64);
let order = new Int32Array(64);
let pairHow: TokenMatchHow[] = new Array<TokenMatchHow>(64);
function growPairs(): void {
  const n = pairSim.length * 2;
  const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
    const b = make(n);
    b.set(a);
    return b;
  };
  pairQ = grow(pairQ, (k) => new Int32Array(k));
  pairL = grow(pairL, (k) => new Int32Array(k));
  pairSim = grow(pairSim, (k) => new Float64Array(k));
  pairSize = grow(pairSize, (k) => new Int32Array(k));
  order = grow(order, (k) => new Int32Array(k));
  pairHow = [...pairHow, ...new Array<TokenMatchHow>(n - pairHow.length)];
}

const popcount = (x: number): number => {
  let c = 0;
  for (let v = x; v; v &= v - 1) c++;
  return c;
};

/**
 * Align query tokens with listed tokens, order-free, allowing one token on either side to stand for two
 * adjacent tokens on the other ("Yongchol" = "Yong Chol"). Greedy best-first is enough for names of a
 * handful of tokens and keeps this at a few microseconds.
 */
export function scoreName(query: TokenizedName, listed: TokenizedName, loose = false): NameScore {
  const qUnits = units(query);
  const lUnits = units(listed);
  const nq = Math.min(query.raw.length, 30);
  const nl = Math.min(listed.raw.length, 30);
  // Candidate pairs in reused parallel arrays, sorted by index: this runs for every name a query brings.
  let nc = 0;
  for (let qi = 0; qi < qUnits.length; qi++) {
    const q = qUnits[qi]!;
    const qPair = q.mask > 0 && (q.mask & (q.mask - 1)) !== 0;
    for (let li = 0; li < lUnits.length; li++) {
      const l = lUnits[li]!;
      const lPair = (l.mask & (l.mask - 1)) !== 0;
      if (qPair && lPair) continue; // pair-to-pair adds nothing over two single matches
      let sim = similarity(q.raw, q.key, q.korean, q.letters, l.raw, l.key, l.korean, l.letters, loose);
      if (sim === 0) continue;
      let how = lastHow;
      if (qPair || lPair) {
        // A joined match must be close: a typo across a join is too weak evidence, an initial stands for one word.
        if (how === 'typo' || how === 'initial') continue;
        how = 'joined';
        sim = Math.min(sim, 0.98);
      }
      if (nc === pairSim.length) growPairs();
      pairQ[nc] = qi;
      pairL[nc] = li;
      pairSim[nc] = sim;
      pairHow[nc] = how;
      pairSize[nc] = popcount(q.mask) + popcount(l.mask);
      order[nc] = nc;
      nc++;
    }
  }
  const byStrength = order.subarray(0, nc).sort((a, b) => pairSim[b]! - pairSim[a]! || pairSize[b]! - pairSize[a]! || a - b);
  let usedQ = 0;
  let usedL = 0;
  const pairs: TokenPair[] = [];
  let simW = 0;
  let totW = 0;
  let strongMatched = 0;
  for (let k = 0; k < nc; k++) {
    const c = byStrength[k]!;
    const q = qUnits[pairQ[c]!]!;
    const l = lUnits[pairL[c]!]!;
    if (usedQ & q.mask || usedL & l.mask) continue;
    usedQ |= q.mask;
    usedL |= l.mask;
    const w = q.weight + l.weight;
    const sim = pairSim[c]!;
    simW += sim * w;
    totW += w;
    // Count matched strong tokens on the side where the match covers fewer: "Han Na" joined onto the one
    // listed token "Hanna" is one token of evidence, not two.
    if (q.weight >= 1 || l.weight >= 1) strongMatched += Math.min(popcount(q.mask), popcount(l.mask));
    pairs.push({ query: q.raw, listed: l.raw, sim, how: pairHow[c]! });
  }
  const unmatchedQuery: string[] = [];
  const unmatchedListed: string[] = [];
  let uq = 0;
  let uqWeak = 0;
  let ul = 0;
  let qStrong = 0;
  let lStrong = 0;
  for (let i = 0; i < nq; i++) {
    if (!query.weak[i]) qStrong++;
    if (!(usedQ & (1 << i))) {
      unmatchedQuery.push(query.raw[i]!);
      if (query.weak[i]) uqWeak++;
      else uq++;
    }
  }
  for (let i = 0; i < nl; i++) {
    if (!listed.weak[i]) lStrong++;
    if (!(usedL & (1 << i))) {
      unmatchedListed.push(listed.raw[i]!);
      ul += listed.weak[i] ? WEAK_WEIGHT : 1;
    }
  }
  if (totW === 0) return { score: 0, pairs, unmatchedQuery, unmatchedListed };
  // Unmatched weak query words (particles, titles) cost at most two of their kind: a name padded with
  // them is still the name.
  uq += Math.min(uqWeak, 2) * WEAK_WEIGHT;
  let score = (simW / totW) * Math.max(0, 1 - UNMATCHED_LISTED_PENALTY * Math.min(ul, 3) - UNMATCHED_QUERY_PENALTY * uq);
  if (strongMatched < 2 && Math.min(qStrong, lStrong) >= 2) score = Math.min(score, SINGLE_TOKEN_CAP);
  return { score, pairs, unmatchedQuery, unmatchedListed };
}
