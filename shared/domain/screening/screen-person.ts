import { compareBirthDate, DEFAULT_DOB_TOLERANCE_YEARS, formatBirthDate, type DobComparison } from './birth-date.js';
import type { IndexedName, ScreeningIndex } from './build-index.js';
import { countryCode } from './country.js';
import { summarizeEntry, type EntrySummary } from './entry-summary.js';
import { identifierKey, type IdentifierKind } from './identifiers.js';
import { tokenizeName, TYPO_MIN_LENGTH, type TokenizedName } from './name-tokens.js';
import { scoreName, UNMATCHED_LISTED_PENALTY, UNMATCHED_QUERY_PENALTY, type NameScore } from './name-score.js';
import { koreanReadingOf, romanizationKey } from './romanize.js';
import { defaultScreeningThresholds, type IdentifierQuery, type ScreeningQuery, type ScreeningThresholds } from './query.js';
import type { ListedEntry, ListSource } from './types.js';
import { inspectName } from './unicode-fold.js';

export type MatchLevel = 'strong' | 'potential' | 'weak';

export interface ScreeningHit {
  source: ListSource;
  sourceId: string;
  /** The listed name (primary or alias) that matched best; for identifier-only hits, the primary name. */
  name: string;
  score: number;
  level: MatchLevel;
  /** Which fields matched how, in plain words, strongest first. */
  reasons: string[];
  programs: string[];
  entry: EntrySummary;
}

export interface ScreeningResult {
  /** ListVersion.id of the index used, so every decision can be traced to the list it was made on. */
  listVersion: string;
  outcome: 'clear' | 'potential' | 'strong';
  thresholds: ScreeningThresholds;
  hits: ScreeningHit[];
}

export interface ScreenOptions {
  /** Return hits at or above this score (default: the potential threshold). */
  minScore?: number;
  /** At most this many hits (default 20). */
  limit?: number;
  /** Birth dates further apart than this many years clear a name match (policy sanctions.birthDateToleranceYears). */
  dobToleranceYears?: number;
}

// Scoring: a name alone can reach NAME_ONLY_CEILING (below the default strong threshold); corroboration
// from the birth date and nationality lifts it; a contradiction lowers it. Identifiers score 1.
const NAME_ONLY_CEILING = 0.9;
// A nearly matching date (a year off, day and month swapped, only the year right) costs a little: an
// exact name (0.90) stays a potential match (review) even with a different nationality; only a date
// beyond the policy's tolerance (contradiction) clears it.
const DOB_BONUS = {
  exact: 0.1,
  'same-year': 0.07,
  compatible: 0.04,
  'day-month-swapped': -0.02,
  'year-off': -0.04,
  near: -0.04,
  contradiction: -0.15,
  unknown: 0,
} as const;
const NATIONALITY_MATCH_BONUS = 0.03;
// Small: forged identities claim other nationalities, so a mismatch says little.
const NATIONALITY_MISMATCH_PENALTY = 0.05;
const TYPE_MISMATCH_FACTOR = 0.9;
const WEAK_ALIAS_FACTOR = 0.95;
// Names below this after the name-only stage cannot reach the potential threshold with any bonus.
const NAME_FLOOR = 0.55;

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
function candidates(index: ScreeningIndex, q: TokenizedName, minNameScore: number): number[] {
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
      addNear(near, index.deletionMap.get(raw)); // listed token has one more letter
      // Substitutions, transpositions and an extra letter only for tokens long enough to be typos.
      if (raw.length >= TYPO_MIN_LENGTH) {
        let prev = '';
        for (let p = 0; p < raw.length; p++) {
          const d = raw.slice(0, p) + raw.slice(p + 1);
          if (d === prev) continue; // a doubled letter gives the same deletion twice
          prev = d;
          if (d.length >= TYPO_MIN_LENGTH - 1 && index.rawTokens.has(d)) near.add(d);
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
  // Query tokens long enough for a two-edit typo can match in scoring without having hit here.
  let longUnhitPossible = 0;
  for (let i = 0; i < n; i++) if (!q.weak[i] && q.raw[i]!.length >= 7) longUnhitPossible |= 1 << i;
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

interface EntryAcc {
  entry: number;
  score: number;
  name: string;
  /** Identifier reasons (newest first); the name's reasons follow, written only for hits returned. */
  reasons: string[];
  why?: NameEvidence;
}

/** What a name match's reasons are written from (most candidates never reach a hit: no text for them). */
interface NameEvidence {
  shownName: string;
  listed: IndexedName;
  ns: NameScore;
  query: ScreeningQuery;
  typeDiffers: boolean;
  dob?: DobComparison;
  nationality?: { code: string; match: boolean };
}

function nameReasons(index: ScreeningIndex, w: NameEvidence, options: ScreenOptions): string[] {
  const entry = index.entries[w.listed.entry]!;
  const reasons = [describeName(w.shownName, w.listed.name, w.listed.kind, w.ns)];
  if (w.typeDiffers) reasons.push(`type differs: query ${w.query.type}, listed ${entry.type}`);
  if (w.dob !== undefined && w.query.dob) {
    const reason = describeDob(w.dob, w.query.dob, entry.dobs.map(formatBirthDate).join(', '), options.dobToleranceYears ?? DEFAULT_DOB_TOLERANCE_YEARS);
    if (reason) reasons.push(reason);
  }
  if (w.nationality) {
    reasons.push(
      w.nationality.match
        ? `nationality match: ${w.nationality.code}`
        : `nationality differs: query ${w.nationality.code}, listed ${entry.nationalities.join(', ')}`,
    );
  }
  return reasons;
}

function describeName(queryName: string, listedName: string, kind: string, ns: NameScore): string {
  const parts = ns.pairs.map((p) => (p.how === 'exact' ? p.listed : `${p.query}~${p.listed} ${p.how}`));
  if (ns.unmatchedListed.length) parts.push(`not given: ${ns.unmatchedListed.join(' ')}`);
  if (ns.unmatchedQuery.length) parts.push(`not listed: ${ns.unmatchedQuery.join(' ')}`);
  const kindText = kind === 'primary' ? '' : ` (${kind})`;
  return `name ${ns.score.toFixed(2)}: "${queryName}" ~ "${listedName}"${kindText} [${parts.join('; ')}]`;
}

function describeDob(c: DobComparison, query: string, listed: string, tolerance: number): string | undefined {
  const dates = `query ${query}, listed ${listed}`;
  switch (c) {
    case 'exact':
    case 'same-year':
    case 'compatible':
      return `dob ${c}: ${dates}`;
    case 'day-month-swapped':
      return `dob day and month swapped (${dates}): a typing slip or a disguise, kept for review`;
    case 'year-off':
      return `dob same day and month, year off (${dates}): kept for review`;
    case 'near':
      return `dob near, only the year or a date within ${tolerance} year(s) (${dates}): kept for review`;
    case 'contradiction':
      return `dob contradiction, more than ${tolerance} year(s) from every listed date: ${dates}`;
    case 'unknown':
      return undefined;
  }
}

function typeCompatible(queryType: ScreeningQuery['type'], entry: ListedEntry): 'yes' | 'no' | 'skip' {
  if (!queryType) return 'yes';
  if (entry.type === 'vessel' || entry.type === 'aircraft') return 'skip';
  if (queryType === 'person') return entry.type === 'person' ? 'yes' : 'no';
  return entry.type === 'person' ? 'no' : 'yes';
}

function level(score: number, t: ScreeningThresholds): MatchLevel {
  return score >= t.strong ? 'strong' : score >= t.potential ? 'potential' : 'weak';
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function identifierHits(index: ScreeningIndex, kind: IdentifierKind, value: string, acc: Map<number, EntryAcc>): void {
  const key = identifierKey(kind, value);
  if (!key) return;
  for (const ref of index.identifiers.get(key) ?? []) {
    const reason = `${kind} ${value} matches listed ${ref.label} ${ref.listed}`;
    const e = index.entries[ref.entry]!;
    const cur = acc.get(ref.entry);
    if (cur) {
      cur.score = 1;
      cur.reasons.unshift(reason);
    } else acc.set(ref.entry, { entry: ref.entry, score: 1, name: e.primaryName, reasons: [reason] });
  }
}

function finish(index: ScreeningIndex, acc: Map<number, EntryAcc>, thresholds: ScreeningThresholds, options: ScreenOptions): ScreeningResult {
  const min = options.minScore ?? thresholds.potential;
  const hits: ScreeningHit[] = [];
  for (const a of acc.values()) {
    if (a.score < min) continue;
    const e = index.entries[a.entry]!;
    const reasons = a.why ? [...a.reasons, ...nameReasons(index, a.why, options)] : a.reasons;
    hits.push({
      source: e.source,
      sourceId: e.sourceId,
      name: a.name,
      score: round(a.score),
      level: level(a.score, thresholds),
      reasons,
      programs: e.programs,
      entry: summarizeEntry(e),
    });
  }
  hits.sort((x, y) => y.score - x.score || x.sourceId.localeCompare(y.sourceId));
  const limited = hits.slice(0, options.limit ?? 20);
  const top = limited[0]?.score ?? 0;
  return {
    listVersion: index.listVersion.id,
    outcome: top >= thresholds.strong ? 'strong' : top >= thresholds.potential ? 'potential' : 'clear',
    thresholds,
    hits: limited,
  };
}

/**
 * Screen one person or company against the index. Pure: same index and query, same result.
 * Identifiers (documents, emails, phones, wallets, BICs) that match exactly score 1 whatever the name;
 * names are scored on tokens and then raised or lowered by birth date and nationality.
 */
export function screenPerson(
  index: ScreeningIndex,
  query: ScreeningQuery,
  thresholds: ScreeningThresholds = defaultScreeningThresholds,
  options: ScreenOptions = {},
): ScreeningResult {
  const acc = new Map<number, EntryAcc>();
  const queryNat = countryCode(query.nationality);
  const names = [query.name, ...(query.otherNames ?? [])];
  // The lowest name score that could still reach minScore with the best date and nationality evidence.
  const maxBonus = (query.dob ? DOB_BONUS.exact : 0) + (queryNat ? NATIONALITY_MATCH_BONUS : 0);
  const minNameScore = Math.max(0, ((options.minScore ?? thresholds.potential) - maxBonus) / NAME_ONLY_CEILING);
  for (const queryName of names) {
    const q = tokenizeName(queryName);
    if (q.raw.length === 0) continue;
    // Reasons show invisible characters and look-alikes as code points, never as a name that looks clean.
    const shownName = /^[\x20-\x7e]*$/.test(queryName) ? queryName : inspectName(queryName).visible;
    for (const nameId of candidates(index, q, minNameScore)) {
      const listed = index.names[nameId]!;
      const entry = index.entries[listed.entry]!;
      const compat = typeCompatible(query.type, entry);
      if (compat === 'skip') continue;
      const ns = scoreName(q, listed);
      if (ns.score < Math.min(NAME_FLOOR, minNameScore)) continue;
      // Companies have no birth date to corroborate a name, so for a company query against a listed entity
      // the name is all the evidence there will be: it may reach strong on its own.
      const ceiling = query.type === 'company' && entry.type !== 'person' ? 1 : NAME_ONLY_CEILING;
      let score = ns.score * ceiling;
      const why: NameEvidence = { shownName, listed, ns, query, typeDiffers: compat === 'no' };
      if (listed.kind === 'weak-aka') score *= WEAK_ALIAS_FACTOR;
      if (compat === 'no') score *= TYPE_MISMATCH_FACTOR;
      if (query.dob) {
        const c = compareBirthDate(query.dob, entry.dobs, options.dobToleranceYears);
        score += DOB_BONUS[c];
        why.dob = c;
      }
      if (queryNat && entry.nationalities.length > 0) {
        const match = entry.nationalities.includes(queryNat);
        score += match ? NATIONALITY_MATCH_BONUS : -NATIONALITY_MISMATCH_PENALTY;
        why.nationality = { code: queryNat, match };
      }
      score = Math.max(0, Math.min(1, score));
      const cur = acc.get(listed.entry);
      if (!cur || score > cur.score) acc.set(listed.entry, { entry: listed.entry, score, name: listed.name, reasons: [], why });
    }
  }
  for (const v of query.documentNumbers ?? []) identifierHits(index, 'document', v, acc);
  for (const v of query.emails ?? []) identifierHits(index, 'email', v, acc);
  for (const v of query.phones ?? []) identifierHits(index, 'phone', v, acc);
  for (const v of query.wallets ?? []) identifierHits(index, 'wallet', v, acc);
  for (const v of query.bics ?? []) identifierHits(index, 'bic', v, acc);
  return finish(index, acc, thresholds, options);
}

/** Screen a single identifier (the bank stage's BIC, an applicant's crypto wallet). Exact match only. */
export function screenIdentifier(
  index: ScreeningIndex,
  query: IdentifierQuery,
  thresholds: ScreeningThresholds = defaultScreeningThresholds,
): ScreeningResult {
  const acc = new Map<number, EntryAcc>();
  identifierHits(index, query.kind, query.value, acc);
  return finish(index, acc, thresholds, {});
}
