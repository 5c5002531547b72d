import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { foldText, nameTokens } from '../../shared/domain/screening/normalize-name';
import type { ScreeningQuery } from '../../shared/domain/screening/query';
import { COMMON_NAMES } from './common-names';

/**
 * A labelled set built from a loaded list: perturbed listed names (positives, each with the entry it must
 * find) and ordinary names of contractor nationalities (negatives, which should not hit). Deterministic
 * for a given list and seed.
 */

export type PerturbationKind = 'swap' | 'hyphenation' | 'typo' | 'dropped-middle' | 'romanization' | 'diacritics';

export interface Positive {
  kind: PerturbationKind;
  query: ScreeningQuery;
  expected: string; // `${source}:${sourceId}`
  listedName: string;
  /** The entry's exact listed birth date, when it has one: a listed person applying under their own date. */
  listedDob?: string;
}

export interface Negative {
  nationality: string;
  query: ScreeningQuery;
}

export interface LabelledSet {
  positives: Positive[];
  negatives: Negative[];
}

/** Small seeded PRNG (mulberry32): the set must be the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Listed "LAST, First Middle" -> ["First", "Middle", "Last"]; UN names are already given-first. */
function givenFirst(name: string): string[] {
  const comma = name.indexOf(',');
  if (comma > 0) return [...nameTokens(name.slice(comma + 1)), ...nameTokens(name.slice(0, comma))];
  return nameTokens(name);
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// Romanization variants a real applicant could write, per token (listed spelling -> other spelling).
const ROMANIZATION_SWAPS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^kim$/, 'gim'],
  [/^pak$/, 'park'],
  [/^park$/, 'pak'],
  [/^ri$/, 'lee'],
  [/^li$/, 'lee'],
  [/^choe$/, 'choi'],
  [/^jong$/, 'jeong'],
  [/^chong$/, 'jeong'],
  [/^chol$/, 'cheol'],
  [/^kwang$/, 'gwang'],
  [/^song$/, 'seong'],
  [/^o$/, 'oh'],
  [/^yun$/, 'yoon'],
  [/^ryu$/, 'yu'],
  [/^jon$/, 'jeon'],
  [/^hyon$/, 'hyun'],
  [/^sin$/, 'shin'],
  [/^kang$/, 'gang'],
  [/^cho$/, 'jo'],
  [/^jo$/, 'cho'],
  [/ung$/, 'eung'],
  [/^kuk$/, 'guk'],
  [/^pyong/, 'byeong'],
  [/iy$/, 'y'],
  [/ey$/, 'ei'],
  [/^kh/, 'h'],
  [/kh/, 'h'],
  [/ts/, 'tz'],
  [/^ye/, 'e'],
  [/yu/, 'iu'],
  [/v$/, 'w'],
  [/^zh/, 'ch'],
  [/^x/, 'hs'],
  [/^q/, 'ch'],
  [/^zhou$/, 'chou'],
  [/^zhang$/, 'chang'],
];

function romanize(tokens: string[], r: () => number): string[] | undefined {
  const options: number[] = [];
  tokens.forEach((t, i) => {
    if (ROMANIZATION_SWAPS.some(([re]) => re.test(t))) options.push(i);
  });
  if (options.length === 0) return undefined;
  const i = pick(r, options);
  const t = tokens[i]!;
  const [re, sub] = ROMANIZATION_SWAPS.find(([x]) => x.test(t))!;
  const out = [...tokens];
  out[i] = t.replace(re, sub);
  return out;
}

function typo(tokens: string[], r: () => number): string[] | undefined {
  const candidates = tokens.map((t, i) => [t, i] as const).filter(([t]) => t.length >= 5);
  if (candidates.length === 0) return undefined;
  const [t, i] = pick(r, candidates);
  const p = 1 + Math.floor(r() * (t.length - 2));
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const op = Math.floor(r() * 3);
  let v: string;
  if (op === 0)
    v = t.slice(0, p) + t.slice(p + 1); // deletion
  else if (op === 1)
    v =
      t.slice(0, p) +
      pick(
        r,
        letters.split('').filter((c) => c !== t[p]),
      ) +
      t.slice(p + 1); // substitution
  else v = t.slice(0, p) + t[p + 1] + t[p] + t.slice(p + 2); // transposition
  if (v === t) return undefined;
  const out = [...tokens];
  out[i] = v;
  return out;
}

const ACCENTS: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', c: 'ç', n: 'ñ', s: 'š', z: 'ž' };

function perturb(kind: PerturbationKind, tokens: string[], r: () => number, listedGiven: string[] = [], hasComma = false): string | undefined {
  switch (kind) {
    case 'swap': {
      if (tokens.length < 2) return undefined;
      // Family name first then given names, upper-cased family name: "KIM Yong Chol" style.
      const last = tokens[tokens.length - 1]!;
      return `${last.toUpperCase()}, ${tokens.slice(0, -1).map(cap).join(' ')}`;
    }
    case 'hyphenation': {
      // Two adjacent given names written as one ("Yong-chol", "Yongchol"), family name as listed. Given
      // names are what follows the comma in OFAC's "LAST, First Middle"; UN names have no comma, so any
      // two adjacent tokens of a name of three or more.
      const given = hasComma ? listedGiven : tokens.length >= 3 ? tokens : [];
      if (given.length < 2) return undefined;
      const at = Math.floor(r() * (given.length - 1));
      const pair = [given[at]!, given[at + 1]!];
      const joined = r() < 0.5 ? pair.map(cap).join('-') : cap(pair.join(''));
      const rest = given === tokens ? [] : tokens.filter((t) => !given.includes(t));
      return [...given.slice(0, at).map(cap), joined, ...given.slice(at + 2).map(cap), ...rest.map(cap)].join(' ');
    }
    case 'typo': {
      const t = typo(tokens, r);
      return t ? t.map(cap).join(' ') : undefined;
    }
    case 'dropped-middle': {
      if (tokens.length < 3) return undefined;
      const drop = 1 + Math.floor(r() * (tokens.length - 2));
      return tokens
        .filter((_, i) => i !== drop)
        .map(cap)
        .join(' ');
    }
    case 'romanization': {
      const t = romanize(tokens, r);
      return t ? t.map(cap).join(' ') : undefined;
    }
    case 'diacritics': {
      const chars = tokens.join(' ').split('');
      const idx = chars.map((c, i) => [c, i] as const).filter(([c]) => ACCENTS[c]);
      if (idx.length === 0) return undefined;
      for (let k = 0; k < 2; k++) {
        const [c, i] = pick(r, idx);
        chars[i] = ACCENTS[c]!;
      }
      return chars.join('').toUpperCase();
    }
  }
}

export const PERTURBATION_KINDS: readonly PerturbationKind[] = ['swap', 'hyphenation', 'typo', 'dropped-middle', 'romanization', 'diacritics'];

export interface LabelledSetOptions {
  seed?: number;
  /** Positives per perturbation kind. */
  perKind?: number;
  /** Negatives per nationality. */
  perNationality?: number;
}

export function buildLabelledSet(index: ScreeningIndex, options: LabelledSetOptions = {}): LabelledSet {
  const r = rng(options.seed ?? 20260227);
  const perKind = options.perKind ?? 100;
  const perNationality = options.perNationality ?? 60;
  // Persons with a Latin-script primary name of 2..5 tokens. DPRK entries first: they are what the
  // product exists for; the rest sample the other programs' naming traditions.
  const persons = index.entries.filter((e) => {
    if (e.type !== 'person') return false;
    const t = givenFirst(e.primaryName);
    return t.length >= 2 && t.length <= 5 && t.every((x) => /^[a-z]+$/.test(x));
  });
  const dprk = persons.filter((e) => e.programs.some((p) => /DPRK|NPWMD/.test(p)));
  const positives: Positive[] = [];
  for (const kind of PERTURBATION_KINDS) {
    let made = 0;
    let attempts = 0;
    const used = new Set<string>();
    while (made < perKind && attempts < perKind * 50) {
      attempts++;
      const e = r() < 0.4 ? pick(r, dprk) : pick(r, persons);
      const key = `${e.source}:${e.sourceId}`;
      if (used.has(key)) continue;
      const comma = e.primaryName.indexOf(',');
      const listedGiven = comma > 0 ? nameTokens(e.primaryName.slice(comma + 1)) : [];
      const name = perturb(kind, givenFirst(e.primaryName), r, listedGiven, comma > 0);
      if (!name || foldText(name) === foldText(e.primaryName)) continue;
      used.add(key);
      const exact = e.dobs.find((d) => d.kind === 'exact');
      positives.push({
        kind,
        query: { name, type: 'person' },
        expected: key,
        listedName: e.primaryName,
        ...(exact && exact.kind === 'exact' ? { listedDob: exact.date } : {}),
      });
      made++;
    }
  }

  // Negatives: random given + family combinations. A combination that is exactly a listed name (in any
  // order) is dropped: flagging it is correct behaviour, not a false positive.
  const listed = new Set(index.names.map((n) => [...n.raw].sort().join(' ')));
  const negatives: Negative[] = [];
  for (const [nationality, { given, family }] of Object.entries(COMMON_NAMES)) {
    const seen = new Set<string>();
    let attempts = 0;
    while (seen.size < perNationality && attempts < perNationality * 20) {
      attempts++;
      const order = nationality === 'CN' || nationality === 'KR' || nationality === 'VN' ? 'family-first' : 'given-first';
      const g = pick(r, given);
      const f = pick(r, family);
      const name = order === 'family-first' ? `${f} ${g}` : `${g} ${f}`;
      const sig = nameTokens(name).sort().join(' ');
      if (seen.has(sig) || listed.has(sig)) continue;
      seen.add(sig);
      const year = 1975 + Math.floor(r() * 26);
      const month = 1 + Math.floor(r() * 12);
      const day = 1 + Math.floor(r() * 28);
      const dob = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      negatives.push({ nationality, query: { name, dob, nationality, type: 'person' } });
    }
  }
  return { positives, negatives };
}
