/**
 * Korean names in any romanization, built on the structure of a Korean syllable: initial consonant,
 * vowel, final consonant. Every spelling a romanization system uses for a jamo is in the tables below:
 * DPRK official romanization, McCune-Reischauer (breves and apostrophes are gone after folding, so
 * "Ch'ŏl" arrives as "chol"), South Korea's Revised Romanization and the spellings common in passports and
 * résumés ("Young", "Hee", "Joo", "Sung"). A romanized token is cut into syllables, each syllable becomes
 * the SET of jamo it can write, and two tokens can be the same Korean when their syllables' sets intersect
 * position by position ("Cheol" {ㅊ/ㅈ, ㅓ, ㄹ} and "Chul" {ㅊ/ㅈ, ㅜ/ㅡ/ㅓ, ㄹ} share ㅓ).
 *
 * For the index a token also gets a coarse key: per syllable the class of each part, classes being the
 * groups of jamo some spelling confuses. Equal keys bring candidates together (one postings lookup);
 * the sets then decide (koreanCompatible).
 */

// Jamo indexes as in Unicode's syllable arithmetic.
const I = { g: 0, kk: 1, n: 2, d: 3, tt: 4, r: 5, m: 6, b: 7, pp: 8, s: 9, ss: 10, ng: 11, j: 12, jj: 13, ch: 14, k: 15, t: 16, p: 17, h: 18 } as const;
const V = { a: 0, ae: 1, ya: 2, yae: 3, eo: 4, e: 5, yeo: 6, ye: 7, o: 8, wa: 9, wae: 10, oe: 11, yo: 12, u: 13, wo: 14, we: 15, wi: 16, yu: 17, eu: 18, ui: 19, i: 20 } as const;
// Finals by sound (what any romanization can show): none, k, n, t, l, m, p, ng.
const F = { none: 0, k: 1, n: 2, t: 3, l: 4, m: 5, p: 6, ng: 7 } as const;

const bits = (...xs: number[]): number => xs.reduce((m, x) => m | (1 << x), 0);

/** Spelling of an initial -> the initials it can write. Doubled letters are collapsed before parsing. */
const INITIAL_SPELLINGS: Readonly<Record<string, number>> = {
  '': bits(I.ng),
  g: bits(I.g, I.kk),
  k: bits(I.g, I.k, I.kk), // MR and DPRK write ㄱ as k; without apostrophes ㅋ too
  kh: bits(I.k), // DPRK ㅋ
  n: bits(I.n),
  d: bits(I.d, I.tt),
  t: bits(I.d, I.t, I.tt),
  th: bits(I.t), // DPRK ㅌ
  r: bits(I.r),
  l: bits(I.r),
  rh: bits(I.r), // Rhee
  m: bits(I.m),
  b: bits(I.b, I.pp),
  p: bits(I.b, I.p, I.pp),
  ph: bits(I.p), // DPRK ㅍ
  s: bits(I.s, I.ss),
  sh: bits(I.s, I.ss), // passport Shin, MR shi
  j: bits(I.j, I.jj),
  ch: bits(I.j, I.ch, I.jj), // MR ㅈ is ch; ㅊ is ch' (apostrophe dropped)
  tch: bits(I.jj),
  chh: bits(I.ch),
  h: bits(I.h),
};

/** Spelling of a vowel -> the vowels it can write. */
const VOWEL_SPELLINGS: Readonly<Record<string, number>> = {
  a: bits(V.a),
  ae: bits(V.ae),
  ai: bits(V.ae), // passport Jai, Bai
  e: bits(V.e, V.ae),
  ya: bits(V.ya),
  yae: bits(V.yae),
  ye: bits(V.ye, V.yae),
  eo: bits(V.eo), // RR ㅓ
  o: bits(V.o, V.eo), // ㅗ; MR ŏ and DPRK ㅓ without the breve
  oh: bits(V.o), // passport Oh (final h is not a Korean sound)
  u: bits(V.u, V.eu, V.eo), // ㅜ; MR ŭ without the breve; passport Sung, Chun for ㅓ
  oo: bits(V.u), // passport Joo, Soo, Yoo
  eu: bits(V.eu), // RR ㅡ
  yeo: bits(V.yeo),
  yo: bits(V.yo, V.yeo),
  you: bits(V.yeo, V.yo, V.yu), // passport Young, Youn
  yu: bits(V.yu, V.yeo), // ㅠ; passport Hyun for ㅕ
  yoo: bits(V.yu),
  wa: bits(V.wa),
  wae: bits(V.wae, V.oe, V.we),
  oe: bits(V.oe, V.wae, V.we),
  oi: bits(V.oe), // passport Choi
  we: bits(V.we, V.oe, V.wae),
  wo: bits(V.wo),
  weo: bits(V.wo),
  wi: bits(V.wi, V.ui),
  ui: bits(V.ui, V.wi),
  eui: bits(V.ui),
  i: bits(V.i, V.ui),
  ee: bits(V.i, V.ui), // passport Hee, Lee
  yi: bits(V.i, V.ui),
  woo: bits(V.u), // passport Woo (ㅇ + ㅜ)
};

const FINAL_SPELLINGS: Readonly<Record<string, number>> = {
  '': bits(F.none),
  k: bits(F.k),
  n: bits(F.n),
  t: bits(F.t),
  l: bits(F.l),
  m: bits(F.m),
  p: bits(F.p),
  ng: bits(F.ng),
};

const Y_VOWELS = bits(V.ya, V.yae, V.yeo, V.ye, V.yo, V.yu, V.i);

/** One syllable as sets of jamo (bit masks over the Unicode jamo order; finals by sound). */
export interface KoreanReading {
  /** Coarse key for the index: equal for any two spellings whose syllables can be the same. */
  key: string;
  /** initial, vowel, final masks per syllable. */
  masks: Int32Array;
}

// Class letters for the coarse key: connected groups of the spelling tables (computed below).
function classesOf(table: Record<string, number>, size: number): number[] {
  const parent = Array.from({ length: size }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  for (const mask of Object.values(table)) {
    let first = -1;
    for (let i = 0; i < size; i++)
      if (mask & (1 << i)) {
        if (first < 0) first = i;
        else parent[find(i)] = find(first);
      }
  }
  return parent.map((_, i) => find(i));
}
const INITIAL_CLASS = classesOf(INITIAL_SPELLINGS, 19);
const VOWEL_CLASS = classesOf(VOWEL_SPELLINGS, 21);
const CLASS_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const lowestClass = (mask: number, classes: number[]): number => {
  for (let i = 0; i < classes.length; i++) if (mask & (1 << i)) return classes[i]!;
  return 0;
};

const MAX_INITIAL = 3;
const MAX_VOWEL = 3;
const MAX_FINAL = 2;

interface Parse {
  /** [initial, vowel, final] spellings per syllable. */
  parts: string[];
  syllables: number;
}

// Scratch for the parser (no allocation per position; tokens are at most 20 letters).
const SYL = new Int32Array(21);
const FIN = new Int32Array(21);
const STEP = new Int32Array(21 * 3);

/**
 * Cut a token into romanized syllables: fewest syllables first, then consonants as the next syllable's
 * initial rather than this one's final ("hana" = ha-na). Undefined when it is not Korean-shaped.
 */
function parse(token: string): Parse | undefined {
  const n = token.length;
  SYL.fill(-1, 0, n + 1);
  SYL[n] = 0;
  FIN[n] = 0;
  for (let p = n - 1; p >= 0; p--) {
    let bestSyl = -1;
    let bestFin = 0;
    for (let li = 0; li <= MAX_INITIAL && p + li < n; li++) {
      if (INITIAL_SPELLINGS[token.slice(p, p + li)] === undefined) continue;
      const pv = p + li;
      for (let lv = 1; lv <= MAX_VOWEL && pv + lv <= n; lv++) {
        if (VOWEL_SPELLINGS[token.slice(pv, pv + lv)] === undefined) continue;
        const pf = pv + lv;
        for (let lf = 0; lf <= MAX_FINAL && pf + lf <= n; lf++) {
          const restSyl = SYL[pf + lf]!;
          if (restSyl < 0 || FINAL_SPELLINGS[token.slice(pf, pf + lf)] === undefined) continue;
          const syl = restSyl + 1;
          const fin = FIN[pf + lf]! + lf;
          if (bestSyl >= 0 && (syl > bestSyl || (syl === bestSyl && fin >= bestFin))) continue;
          bestSyl = syl;
          bestFin = fin;
          STEP[3 * p] = li;
          STEP[3 * p + 1] = lv;
          STEP[3 * p + 2] = lf;
        }
      }
    }
    SYL[p] = bestSyl;
    FIN[p] = bestFin;
  }
  if (SYL[0]! <= 0) return undefined;
  const parts: string[] = [];
  for (let p = 0; p < n;) {
    const li = STEP[3 * p]!;
    const lv = STEP[3 * p + 1]!;
    const lf = STEP[3 * p + 2]!;
    parts.push(token.slice(p, p + li), token.slice(p + li, p + li + lv), token.slice(p + li + lv, p + li + lv + lf));
    p += li + lv + lf;
  }
  return { parts, syllables: SYL[0]! };
}

const cache = new Map<string, KoreanReading | null>();

/**
 * The Korean reading of a folded token (lowercase ASCII, doubled letters collapsed by the caller or not),
 * or undefined when the token cannot be a romanized Korean word. Names of up to four syllables.
 */
export function koreanReading(token: string): KoreanReading | undefined {
  const hit = cache.get(token);
  if (hit !== undefined) return hit ?? undefined;
  const result = computeReading(token);
  if (cache.size > 100_000) cache.clear();
  cache.set(token, result ?? null);
  return result;
}

function computeReading(token: string): KoreanReading | undefined {
  if (token.length === 0 || token.length > 20 || !/^[a-z]+$/.test(token)) return undefined;
  const p = parse(token.replace(/([^aeiou])\1+/g, '$1'));
  if (!p || p.syllables > 4) return undefined;
  const masks = new Int32Array(p.syllables * 3);
  let key = '~';
  for (let s = 0; s < p.syllables; s++) {
    let ini = INITIAL_SPELLINGS[p.parts[3 * s]!]!;
    const vowSpelling = p.parts[3 * s + 1]!;
    const fin = FINAL_SPELLINGS[p.parts[3 * s + 2]!]!;
    let vow = VOWEL_SPELLINGS[vowSpelling]!;
    // Passports write ㅓ as u and ㅕ as yu only before a final (Sung, Chul, Hyun); an open "hu" or "yu"
    // is ㅜ/ㅡ or ㅠ. Without this, Chinese "Hu" would be Korean "Ho".
    if (fin === bits(F.none) && (vowSpelling === 'u' || vowSpelling === 'yu')) vow &= ~(bits(V.eo) | bits(V.yeo));
    let iniClass = lowestClass(ini, INITIAL_CLASS);
    if (s === 0) {
      // Word-initial ㄹ: the South writes it ㅇ before i and y (Ri/Yi/I, Ryu/Yu, Ryong/Yong) and ㄴ
      // elsewhere (Ro/No, Ra/Na); the North keeps r. Spellings of these three at the start of a token
      // share one class; the sets keep "A" and "Na" apart.
      const yish = (vow & Y_VOWELS) !== 0;
      if (ini & bits(I.r)) ini |= bits(I.n) | (yish ? bits(I.ng) : 0);
      if (ini & bits(I.n)) ini |= bits(I.r);
      if (ini & bits(I.ng) && yish) ini |= bits(I.r);
      if (ini & (bits(I.r) | bits(I.n) | bits(I.ng))) iniClass = INITIAL_CLASS[I.r]!;
    }
    masks[3 * s] = ini;
    masks[3 * s + 1] = vow;
    masks[3 * s + 2] = fin;
    key += CLASS_CHARS[iniClass]! + CLASS_CHARS[lowestClass(vow, VOWEL_CLASS)]! + String(Math.log2(fin));
  }
  return { key, masks };
}

/** True when two Korean readings can write the same Korean syllables. */
export function koreanCompatible(a: KoreanReading, b: KoreanReading): boolean {
  if (a.masks.length !== b.masks.length) return false;
  for (let i = 0; i < a.masks.length; i++) if ((a.masks[i]! & b.masks[i]!) === 0) return false;
  return true;
}
