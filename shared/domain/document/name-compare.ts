import { foldToLatin } from './transliterate';

/**
 * Fuzzy comparison of personal names, used to compare the name on the document, the legal name on the
 * application and the bank account holder. The screening engine has its own matcher tuned for list
 * entries; this one is tuned for "is this the same person writing their own name twice": token order,
 * diacritics, punctuation, omitted middle names and initials are not differences, a different surname is.
 */
export function nameTokens(name: string): string[] {
  return foldToLatin(name)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((t) => t.length > 0 && !HONORIFICS.has(t));
}

/** Canonical string: tokens sorted, so "Eriksson Anna" and "ANNA ERIKSSON" are equal. */
export function normalizeName(name: string): string {
  return nameTokens(name).sort().join(' ');
}

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'mx']);

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  // An initial ("J") stands for a full given name ("John") on many bank statements.
  if ((a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) return 0.9;
  const sim = 1 - levenshtein(a, b) / Math.max(a.length, b.length);
  return sim >= 0.75 ? sim : 0;
}

export type NameVerdict = 'match' | 'partial' | 'mismatch';

export interface NameComparison {
  /** 0..1: share of the shorter name's tokens found (fuzzily) in the longer name. */
  score: number;
  verdict: NameVerdict;
  /** Tokens of the longer name with no counterpart (e.g. an omitted middle name). */
  unmatched: number;
}

/**
 * Greedy best-pair matching of tokens; the shorter name must be (almost) contained in the longer one.
 * "Anna Eriksson" vs "ERIKSSON ANNA MARIA" is a match; "Anna Smith" vs "Anna Eriksson" is partial;
 * "John Smith" vs "Anna Eriksson" is a mismatch.
 */
export function compareNames(a: string, b: string): NameComparison {
  // Hyphenated names ("Min-jun") are written both split and joined ("Minjun"): try both readings.
  const readings = (n: string) => [...new Set([n, n.replace(/(\p{L})-(\p{L})/gu, '$1$2')])];
  let best: NameComparison | undefined;
  for (const x of readings(a))
    for (const y of readings(b)) {
      const r = compareTokens(nameTokens(x), nameTokens(y));
      if (!best || r.score > best.score || (r.score === best.score && r.verdict === 'match')) best = r;
    }
  return best!;
}

function compareTokens(ta: string[], tb: string[]): NameComparison {
  if (ta.length === 0 || tb.length === 0) return { score: 0, verdict: 'mismatch', unmatched: Math.max(ta.length, tb.length) };
  // A name written without spaces ("AnnaMaria") is the same as with them.
  if (ta.join('') === tb.join('') || [...ta].sort().join('') === [...tb].sort().join('')) return { score: 1, verdict: 'match', unmatched: 0 };
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  const used = new Set<number>();
  let total = 0;
  let fullTokenMatches = 0;
  for (const t of short) {
    let best = 0;
    let bestIdx = -1;
    long.forEach((u, i) => {
      if (used.has(i)) return;
      const s = tokenSimilarity(t, u);
      if (s > best) [best, bestIdx] = [s, i];
    });
    if (bestIdx >= 0) {
      used.add(bestIdx);
      if (t.length > 1 && best >= 0.75) fullTokenMatches++;
    }
    total += best;
  }
  const score = total / short.length;
  const unmatched = long.length - used.size;
  // A single shared token is never a match: "Anna" alone does not identify "Anna Eriksson".
  const verdict: NameVerdict = score >= 0.85 && (short.length >= 2 || long.length === 1) && fullTokenMatches >= 1 ? 'match' : score >= 0.5 ? 'partial' : 'mismatch';
  return { score: Math.round(score * 100) / 100, verdict, unmatched };
}
