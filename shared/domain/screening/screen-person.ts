import { compareBirthDate, DEFAULT_DOB_TOLERANCE_YEARS, formatBirthDate, type DobComparison } from './birth-date';
import type { IndexedName, ScreeningIndex } from './build-index';
import { countryCode } from './country';
import { summarizeEntry, type EntrySummary } from './entry-summary';
import { identifierKey, type IdentifierKind } from './identifiers';
import { tokenizeWords, TYPO_MIN_LENGTH } from './name-tokens';
import { nameTokens } from './normalize-name';
import { joinSpelledOut, namesInOneField } from './name-parts';
import { koreanReadingOf } from './romanize';
import { scoreName, type NameScore } from './name-score';
import { defaultScreeningThresholds, type IdentifierQuery, type ScreeningQuery, type ScreeningThresholds } from './query';
import type { ListedEntry, ListSource } from './types';
import { inspectName, undisguiseAscii } from './unicode-fold';
import { candidates } from './candidates';
import { cyrillicKoreanReadings, unmarkedIcaoReadings } from './cyrillic-korean';
import { europeanKoreanReadings } from './european-korean';
import { pinyinKoreanReadings } from './pinyin-korean';

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
// How far below the strong threshold a reading from pinyin stays without the exact listed birth date.
const HANJA_BELOW_STRONG = 0.01;
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
 * The text as a screen shows it where a right-to-left override (U+202E) reverses what follows it, up to a
 * pop (U+202C) or the end: "\u202elohc gnoy mik" displays as "kim yong chol" and screened clear as typed
 * (adversarial pass, December 2026). Other text is returned as it is.
 */
export function asDisplayed(text: string): string {
  if (!text.includes('\u202e')) return text;
  return text.replace(/\u202e([^\u202c]*)\u202c?/g, (_, run: string) => [...run].reverse().join(''));
}

/**
 * A whole Korean name written as one word ("Kimyongchol", "JinRYU"): the ways to cut the word into two to
 * four Korean syllables that are listed name tokens ("Kim Yong Chol", "Ki Myong Chol"), at most eight;
 * none for anything else. A whole name in one word screened clear (adversarial pass, December 2026).
 * Only Korean-shaped pieces: "Johnson" stays.
 */
export function splitJoinedKoreanName(index: ScreeningIndex, words: readonly string[]): string[] {
  // The whole name in one word only: a South Korean given name joined on a passport ("Choi Youngjun") is
  // one token of a name in several words, and cutting it read ordinary names as listed ones.
  if (words.length !== 1 || words[0]!.length < 5 || index.rawTokens.has(words[0]!)) return [];
  const word = words[0]!;
  const out: string[] = [];
  const cut = (from: number, pieces: string[]): void => {
    if (out.length >= 8 || pieces.length > 4) return;
    if (from === word.length) {
      if (pieces.length >= 2) out.push(pieces.join(' '));
      return;
    }
    for (let to = from + 1; to <= Math.min(word.length, from + 5); to++) {
      const piece = word.slice(from, to);
      if (index.rawTokens.has(piece) && koreanReadingOf(piece)) cut(to, [...pieces, piece]);
    }
  };
  cut(0, []);
  return out;
}

/** A typed name as reasons show it: invisible characters and look-alikes spelled out as code points. */
const visibleName = (name: string): string => (/^[\x20-\x7e]*$/.test(name) ? name : inspectName(name).visible);

/**
 * Other readings of a typed name (`folded`: its words folded, `words`: its tokens), each screened beside it as a form of its own, with
 * the reading said in the reasons: a whole Korean name in one word cut into syllables; a lower-case l ending
 * a word of capitals, which the fold reads as I, also read as L ("CHOl": Chol or Choi); a capital and an l as
 * a word ("Rl") also read as Ri (Al and El, the Arabic article, are left alone); and the letters behind a
 * right-to-left override as displayed. Each screened clear before (adversarial passes, December 2026).
 */
/** Another reading of a typed name; `strict`: it counts only where every word meets a listed one as the same spelling or romanization (no typo, no joined words). */
interface Reading {
  name: string;
  shown: string;
  strict?: boolean;
  /** It counts only beside other evidence the name came from Russian papers (fromRussianPapers). */
  corroborate?: boolean;
  /**
   * A Korean name read from its Hanja's Mandarin (pinyin-korean.ts): it counts only beside a corroborating birth
   * date, for the whole listed name, and strong only with the listed date itself. Nearly every Chinese name reads
   * as some Korean one, and a nationality says nothing here.
   */
  hanja?: boolean;
}

/**
 * Countries whose passports write a name by transliterating its Cyrillic (Russia's ICAO table and its
 * neighbours' like it): a Korean name from them reads KAN REN, not KANG Ryong.
 */
const CYRILLIC_PASSPORT_COUNTRIES = new Set(['RU', 'BY', 'UA', 'KZ', 'KG', 'UZ', 'TJ', 'TM', 'MD', 'AM', 'AZ', 'GE', 'MN']);
/** Birth dates that corroborate a reading on their own: the listed date itself, its year, or a date the listed one allows. */
const CORROBORATING_DOB: ReadonlySet<DobComparison> = new Set(['exact', 'same-year', 'compatible']);

function otherReadings(index: ScreeningIndex, name: string, folded: readonly string[], words: readonly string[], unmarked: boolean, dobGiven: boolean): Reading[] {
  const shown = visibleName(name);
  const out: Reading[] = splitJoinedKoreanName(index, words).map((split) => ({ name: split, shown: `${shown} (read as ${split})` }));
  // Only an l ending a word of capitals is in doubt; one between capitals ("KlM") the fold reads as I in both.
  const finalL = /(?<=[A-Z])l(?![\p{L}])/gu;
  if (undisguiseAscii(name) !== name && finalL.test(name)) out.push({ name: name.replace(finalL, 'L'), shown: `${shown} (l read as L)` });
  const capitalAndL = /(?<![\p{L}])([B-DF-Z])l(?![\p{L}])/gu;
  if (capitalAndL.test(name)) out.push({ name: name.replace(capitalAndL, '$1I'), shown: `${shown} (l read as I)` });
  // Several names in one field: "Kim Yong Chol (Kim Young Chul)", "Kim Jong Un (김정은)", "X a.k.a. Y", "X / Y",
  // or one in Hangul or Cyrillic after one in Latin letters. Each copy was a run of unmatched words for the
  // other, and the field screened clear with the listed birth date (tenth session's pass): each part of two
  // words or more is screened as a name of its own.
  for (const part of namesInOneField(name)) out.push({ name: part, shown: `${shown} (the part ${visibleName(part)})` });
  // Letters spelled out one by one ("K I M J O N G U N", "K/I/M J/O/N/G"): the run as one word, and that word
  // cut as a whole Korean name.
  // From the folded words as typed (`folded`): tokenizeName drops a weak letter said twice (e, y), which these need.
  const spelled = joinSpelledOut(folded);
  if (spelled) {
    out.push({ name: spelled.join(' '), shown: `${shown} (read as ${spelled.join(' ')})` });
    for (const split of splitJoinedKoreanName(index, spelled)) out.push({ name: split, shown: `${shown} (read as ${split})` });
  }
  const displayed = asDisplayed(name);
  if (displayed !== name) out.push({ name: displayed, shown: `${shown} (displayed as ${displayed})` });
  // A Korean name in Russian papers (Ким Ён Чхоль): its romanized Korean readings (cyrillic-korean.ts). Up to
  // sixteen of them: typo tolerance on each made near misses of innocent names (KHAN EN KHO ~ CHANG Myong Ho).
  for (const reading of cyrillicKoreanReadings(name)) out.push({ name: reading, shown: `${shown} (read as Korean: ${reading})`, strict: true });
  // A Korean name as another European language spells it (Kim Dzong Un, Kim Čong-un, Kim Dschong Un): read as
  // Korean only where a word has a mark of that spelling (european-korean.ts), word for word like the above.
  for (const reading of europeanKoreanReadings(name)) out.push({ name: reading, shown: `${shown} (read as Korean: ${reading})`, strict: true });
  // The same Latin line without a mark of it (KAN REN for Кан Рён: KANG Ryong; PAK YON SIK): it screened
  // clear, but so would every Chinese or Korean name read this way, so only beside corroboration (`unmarked`:
  // the query has some), and the likeliest eight.
  if (unmarked)
    for (const reading of unmarkedIcaoReadings(name).slice(0, 8)) out.push({ name: reading, shown: `${shown} (read as Korean from Russian papers: ${reading})`, strict: true, corroborate: true });
  // A Korean name in Chinese papers (Jin Zhengen for 金正恩): only a birth date can corroborate it, so it is not
  // even read without one.
  if (dobGiven) for (const reading of pinyinKoreanReadings(name)) out.push({ name: reading, shown: `${shown} (read as Korean from Chinese pinyin: ${reading})`, strict: true, hanja: true });
  return out;
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
    if (form.shown === undefined) forms.push(...otherReadings(index, queryName, folded, q.raw, fromRussianPapers || query.dob !== undefined, query.dob !== undefined));
    const needsDob = form.hanja || (form.corroborate && !fromRussianPapers);
    // A short syllable one letter off ("Kim Yong Cho") is looked for when a birth date can corroborate it.
    for (const nameId of candidates(index, q, minNameScore, { shortTypos: query.dob !== undefined })) {
      const listed = index.names[nameId]!;
      const entry = index.entries[listed.entry]!;
      const compat = typeCompatible(query.type, entry);
      if (compat === 'skip') continue;
      // A reading that counts only beside a corroborating birth date is not scored where there is none.
      let dob = needsDob && query.dob ? dobOf(listed.entry) : undefined;
      if (needsDob && !(dob && CORROBORATING_DOB.has(dob))) continue;
      const ns = scoreName(q, listed);
      if (ns.score < Math.min(NAME_FLOOR, minNameScore)) continue;
      if (form.strict && ns.pairs.some((p) => p.how === 'typo' || p.how === 'joined')) continue;
      if (form.hanja && (ns.unmatchedListed.length > 0 || ns.unmatchedQuery.length > 0)) continue;
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
      // A Chinese name read as Korean shares its birth year with some listed person often enough: only the
      // listed date itself makes it strong.
      if (form.hanja && dob !== 'exact') score = Math.min(score, thresholds.strong - HANJA_BELOW_STRONG);
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
