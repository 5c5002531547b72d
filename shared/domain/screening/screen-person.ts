import { compareBirthDate, DEFAULT_DOB_TOLERANCE_YEARS, formatBirthDate, type DobComparison } from './birth-date';
import type { IndexedName, ScreeningIndex } from './build-index';
import { countryCode } from './country';
import { summarizeEntry, type EntrySummary } from './entry-summary';
import { identifierKey, type IdentifierKind } from './identifiers';
import { tokenizeWords, TYPO_MIN_LENGTH } from './name-tokens';
import { nameTokens } from './normalize-name';
import { scoreName, type NameScore } from './name-score';
import { defaultScreeningThresholds, type IdentifierQuery, type ScreeningQuery, type ScreeningThresholds } from './query';
import type { ListedEntry, ListSource } from './types';
import { candidates } from './candidates';
import { CORROBORATING_DOB, CYRILLIC_PASSPORT_COUNTRIES, otherReadings, visibleName, type Reading } from './other-readings';

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
// How far below the strong threshold a name stays where only a reviewer can tell (a reading from pinyin without
// the exact listed birth date, an initial, a look-alike letter).
const BELOW_STRONG = 0.01;
// Names below this after the name-only stage cannot reach the potential threshold with any bonus.
const NAME_FLOOR = 0.55;

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
    reasons.push(w.nationality.match ? `nationality match: ${w.nationality.code}` : `nationality differs: query ${w.nationality.code}, listed ${entry.nationalities.join(', ')}`);
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
export function screenPerson(index: ScreeningIndex, query: ScreeningQuery, thresholds: ScreeningThresholds = defaultScreeningThresholds, options: ScreenOptions = {}): ScreeningResult {
  const acc = new Map<number, EntryAcc>();
  const queryNat = countryCode(query.nationality);
  const names = [query.name, ...(query.otherNames ?? [])];
  // The lowest name score that could still reach minScore with the best date and nationality evidence.
  const maxBonus = (query.dob ? DOB_BONUS.exact : 0) + (queryNat ? NATIONALITY_MATCH_BONUS : 0);
  const minNameScore = Math.max(0, ((options.minScore ?? thresholds.potential) - maxBonus) / NAME_ONLY_CEILING);
  // The names as typed (no `shown`), then the other readings of each.
  const forms: (Omit<Reading, 'shown'> & { shown?: string })[] = names.map((name) => ({ name }));
  // Each entry's birth dates are compared with the query's once (a comparison parses both), however many forms of
  // the name meet it: the readings of one name meet the same listed people.
  const dobComparisons = new Map<number, DobComparison>();
  const dobOf = (entry: number): DobComparison => {
    let c = dobComparisons.get(entry);
    if (c === undefined) dobComparisons.set(entry, (c = compareBirthDate(query.dob!, index.entries[entry]!.dobs, options.dobToleranceYears)));
    return c;
  };
  const fromRussianPapers = [queryNat, countryCode(query.documentCountry)].some((c) => c !== undefined && CYRILLIC_PASSPORT_COUNTRIES.has(c));
  for (let f = 0; f < forms.length; f++) {
    const form = forms[f]!;
    const queryName = form.name;
    const folded = nameTokens(queryName);
    const q = tokenizeWords(folded);
    if (q.raw.length === 0) continue;
    // Reasons show invisible characters and look-alikes as code points, never as a name that looks clean.
    const shownName = form.shown ?? visibleName(queryName);
    if (form.shown === undefined) forms.push(...otherReadings(index, queryName, folded, q.raw, fromRussianPapers || query.dob !== undefined, query.dob));
    // Readings from Chinese pinyin or an Arabic-script skeleton: only beside a corroborating date, for the whole name.
    const dobGated = form.hanja || form.skeleton;
    const needsDob = dobGated || (form.corroborate && !fromRussianPapers);
    // An initial ("Kim J. U.") or a three-letter word with one letter changed ("Klm Jong Un"): scored loosely
    // too, beside the listed birth date itself only, and never strong (each screened clear with that date).
    const mayLoosen = query.dob !== undefined && q.raw.some((t, i) => !q.weak[i] && (t.length === 1 || t.length === TYPO_MIN_LENGTH - 2));
    // A short syllable one letter off ("Kim Yong Cho") is looked for when a birth date can corroborate it.
    for (const nameId of candidates(index, q, minNameScore, { shortTypos: query.dob !== undefined })) {
      const listed = index.names[nameId]!;
      const entry = index.entries[listed.entry]!;
      const compat = typeCompatible(query.type, entry);
      if (compat === 'skip') continue;
      // A reading that counts only beside a corroborating birth date is not scored where there is none.
      let dob = (needsDob || form.lookalike) && query.dob ? dobOf(listed.entry) : undefined;
      if (needsDob && !(dob && CORROBORATING_DOB.has(dob))) continue;
      if (form.lookalike && dob !== 'exact') continue;
      let ns = scoreName(q, listed);
      let loosened = false;
      if (mayLoosen && (dob ??= dobOf(listed.entry)) === 'exact') {
        const loose = scoreName(q, listed, true);
        if (loose.score > ns.score && loose.pairs.some((p) => p.how === 'exact' || p.how === 'romanization')) [ns, loosened] = [loose, true];
      }
      if (ns.score < Math.min(NAME_FLOOR, minNameScore)) continue;
      if (form.strict && ns.pairs.some((p) => (p.how === 'typo' || p.how === 'joined') && !form.typed?.includes(p.query))) continue;
      if (dobGated && (ns.unmatchedListed.length > 0 || ns.unmatchedQuery.length > 0)) continue;
      dob ??= query.dob ? dobOf(listed.entry) : undefined;
      // A short syllable one letter off ("Cho" for "Chol") counts once, and only beside the listed birth date
      // itself: "Kim Sung Nam" is not "KIM, Nam Ung", whatever date an entry without one lets through.
      const shortTypos = ns.pairs.filter((p) => p.how === 'typo' && Math.max(p.query.length, p.listed.length) < TYPO_MIN_LENGTH).length;
      if (shortTypos > 1 || (shortTypos === 1 && dob !== 'exact')) continue;
      // Companies have no birth date to corroborate a name, so for a company query against a listed entity
      // the name is all the evidence there will be: it may reach strong on its own.
      const ceiling = query.type === 'company' && entry.type !== 'person' ? 1 : NAME_ONLY_CEILING;
      let score = ns.score * ceiling;
      const why: NameEvidence = { shownName, listed, ns, query, typeDiffers: compat === 'no' };
      if (listed.kind === 'weak-aka') score *= WEAK_ALIAS_FACTOR;
      if (compat === 'no') score *= TYPE_MISMATCH_FACTOR;
      if (dob) {
        score += DOB_BONUS[dob];
        why.dob = dob;
      }
      if (queryNat && entry.nationalities.length > 0) {
        const match = entry.nationalities.includes(queryNat);
        score += match ? NATIONALITY_MATCH_BONUS : -NATIONALITY_MISMATCH_PENALTY;
        why.nationality = { code: queryNat, match };
      }
      score = Math.max(0, Math.min(1, score));
      // A Chinese name read as Korean, or an Arabic skeleton, shares its birth year with some listed person often
      // enough: only the listed date itself makes it strong.
      if ((dobGated && dob !== 'exact') || loosened || form.lookalike) score = Math.min(score, thresholds.strong - BELOW_STRONG);
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
export function screenIdentifier(index: ScreeningIndex, query: IdentifierQuery, thresholds: ScreeningThresholds = defaultScreeningThresholds): ScreeningResult {
  const acc = new Map<number, EntryAcc>();
  identifierHits(index, query.kind, query.value, acc);
  return finish(index, acc, thresholds, {});
}
