import type { BirthDate } from './types';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

interface Point {
  year: number;
  month?: number;
  day?: number;
}

/** "07 Jan 1930", "Jan 1930", "1930", "1930-01-07" -> parts; undefined when not a date. */
function parsePoint(text: string): Point | undefined {
  const t = text.trim().replace(/\.$/, '');
  let m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    return month ? { year: Number(m[3]), month, day: Number(m[1]) } : undefined;
  }
  m = /^([A-Za-z]{3})[a-z]* (\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    return month ? { year: Number(m[2]), month } : undefined;
  }
  // 00 for a day or month no one knows (1984-00-00, as some papers print it): not given. Read as a date, it
  // put the listed 1984-01-08 "near", below strong (tenth session's pass).
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return m[2] === '00' ? { year: Number(m[1]) } : m[3] === '00' ? { year: Number(m[1]), month: Number(m[2]) } : { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m) return m[2] === '00' ? { year: Number(m[1]) } : { year: Number(m[1]), month: Number(m[2]) };
  m = /^(\d{4})$/.exec(t);
  if (m) return { year: Number(m[1]) };
  return undefined;
}

function startOf(p: Point): string {
  return `${p.year}-${pad(p.month ?? 1)}-${pad(p.day ?? 1)}`;
}
function endOf(p: Point): string {
  const month = p.month ?? 12;
  return `${p.year}-${pad(month)}-${pad(p.day ?? lastDay(p.year, month))}`;
}

/**
 * Parse a birth date as the lists write it: exact ("07 Jan 1930"), month ("Jan 1930"), year ("1930"),
 * circa ("circa 1946"), range ("1950 to 1952", "01 Jan 1960 to 31 Dec 1962").
 */
export function parseBirthDate(text: string): BirthDate | undefined {
  const t = text.trim().replace(/\.$/, '');
  const circa = /^(?:circa|approximately|approx\.?|about|c\.)\s+(.*)$/i.exec(t);
  if (circa) {
    const p = parsePoint(circa[1]!);
    return p ? { kind: 'circa', year: p.year } : undefined;
  }
  const range = /^(.*?)\s+(?:to|-|–)\s+(.*)$/i.exec(t);
  if (range) {
    const a = parsePoint(range[1]!);
    const b = parsePoint(range[2]!);
    return a && b ? { kind: 'range', from: startOf(a), to: endOf(b) } : undefined;
  }
  const p = parsePoint(t);
  if (!p) return undefined;
  if (p.day !== undefined && p.month !== undefined) return { kind: 'exact', date: startOf(p) };
  if (p.month !== undefined) return { kind: 'month', year: p.year, month: p.month };
  return { kind: 'year', year: p.year };
}

/** Human-readable form for reasons and the side-by-side view. */
export function formatBirthDate(d: BirthDate): string {
  switch (d.kind) {
    case 'exact':
      return d.date;
    case 'month':
      return `${d.year}-${pad(d.month)}`;
    case 'year':
      return String(d.year);
    case 'circa':
      return `circa ${d.year}`;
    case 'range':
      return `${d.from}..${d.to}`;
  }
}

export type DobComparison = 'exact' | 'same-year' | 'compatible' | 'day-month-swapped' | 'year-off' | 'near' | 'contradiction' | 'unknown';
/** Birth dates that corroborate a reading on their own: the listed date itself, its year, or a date the listed one allows. */
export const CORROBORATING_DOB: ReadonlySet<DobComparison> = new Set(['exact', 'same-year', 'compatible']);

const rank: Readonly<Record<DobComparison, number>> = {
  exact: 7,
  'same-year': 6,
  compatible: 5,
  'day-month-swapped': 4,
  'year-off': 3,
  near: 2,
  unknown: 1,
  contradiction: 0,
};

/** The likelier of two comparisons (no closure per call: comparisons run once per candidate). */
const better = (a: DobComparison, b: DobComparison): DobComparison => (rank[b] > rank[a] ? b : a);

/**
 * The query's date parsed, kept for the last query seen: a query's date is compared with every candidate's
 * listed dates, and parsing it each time was most of a comparison's cost (about 3 µs).
 */
let lastQuery: { text: string; parsed: { q: Point; qFrom: string; qTo: string } | undefined } | undefined;
function parsedQuery(text: string): { q: Point; qFrom: string; qTo: string } | undefined {
  if (lastQuery?.text !== text) {
    const q = parsePoint(text);
    lastQuery = { text, parsed: q && { q, qFrom: startOf(q), qTo: endOf(q) } };
  }
  return lastQuery.parsed;
}

/** Birth dates further apart than this many years (and not a day/month swap) contradict. */
export const DEFAULT_DOB_TOLERANCE_YEARS = 1;

/**
 * Compare a query date (YYYY-MM-DD, YYYY-MM or YYYY) with the listed dates.
 * - exact / same-year / compatible: the listed date allows the query's (compatible: the listed date is vague).
 * - day-month-swapped: 1980-03-04 against a listed 1980-04-03, the classic data-entry slip.
 * - year-off: same day and month, the year one or more off (up to the tolerance).
 * - near: within the tolerance in years of a listed date, neither of the above.
 * - contradiction: further than the tolerance from every listed date.
 * The near kinds lower an exact name's score but keep it a potential match: a person reusing their
 * identity with a shifted birth date must still reach a reviewer.
 */
export function compareBirthDate(query: string, listed: readonly BirthDate[], toleranceYears = DEFAULT_DOB_TOLERANCE_YEARS): DobComparison {
  if (listed.length === 0) return 'unknown';
  const parsed = parsedQuery(query);
  if (!parsed) return 'unknown';
  const { q, qFrom, qTo } = parsed;
  let best: DobComparison = 'contradiction';
  for (const d of listed) {
    switch (d.kind) {
      case 'exact': {
        const ly = Number(d.date.slice(0, 4));
        const lm = Number(d.date.slice(5, 7));
        const ld = Number(d.date.slice(8, 10));
        if (q.day !== undefined && d.date === qFrom) best = better(best, 'exact');
        else if (d.date >= qFrom && d.date <= qTo) best = better(best, 'compatible');
        else if (q.day !== undefined && q.year === ly && q.month === ld && q.day === lm) best = better(best, 'day-month-swapped');
        else if (q.day !== undefined && q.month === lm && q.day === ld && Math.abs(q.year - ly) <= toleranceYears) best = better(best, 'year-off');
        else if (Math.abs(q.year - ly) <= toleranceYears) best = better(best, 'near');
        break;
      }
      case 'month':
        if (q.year === d.year && (q.month === undefined || q.month === d.month)) best = better(best, 'same-year');
        else if (Math.abs(q.year - d.year) <= toleranceYears) best = better(best, 'near');
        break;
      case 'year':
        if (q.year === d.year) best = better(best, 'same-year');
        else if (Math.abs(q.year - d.year) <= toleranceYears) best = better(best, 'near');
        break;
      case 'circa':
        if (Math.abs(q.year - d.year) <= 2) best = better(best, 'compatible');
        else if (Math.abs(Math.abs(q.year - d.year) - 2) <= toleranceYears) best = better(best, 'near');
        break;
      case 'range':
        if (qTo >= d.from && qFrom <= d.to) best = better(best, 'compatible');
        else if (Math.abs(q.year - Number((qFrom < d.from ? d.from : d.to).slice(0, 4))) <= toleranceYears) best = better(best, 'near');
        break;
    }
  }
  return best;
}
