/**
 * A word cut into Korean syllables as some alphabet or transliteration spells them, and read back as romanized
 * Korean (the spellings korean.ts knows): the machinery the readings of Korean names in Russian papers
 * (cyrillic-korean.ts) and in other European spellings (european-korean.ts) share. A Spelling says which
 * letters write which Korean initials, vowels and finals; where a spelling loses a distinction Korean makes,
 * every reading is given, likeliest first. Pure.
 */

export interface Spelling {
  initials: Readonly<Record<string, string>>;
  /** Vowel spellings and the romanized vowels each can be, likeliest first. */
  vowels: Readonly<Record<string, readonly string[]>>;
  finals: Readonly<Record<string, readonly string[]>>;
  /**
   * Vowels read otherwise with no consonant before them (word-initial Е is 여 or 예, as in Ен for Yong; after a
   * consonant the customary Е is 어 as in Чен). Read as ㅓ there, Ким Ен Нам met KIM Nam Ung (adversarial pass).
   */
  openVowels: Readonly<Record<string, readonly string[]>>;
  /** The longest initial spelling. */
  maxInitial: number;
  /** Whole words no syllable rule reads, and the Korean surname each is (Цой is 최). */
  surnames?: Readonly<Record<string, string>>;
}

export const MAX_SYLLABLES = 4;
const MAX_READINGS = 16;

/** A reading and how unlikely it is (the sum of the positions of the spellings chosen). */
export type Ranked = [reading: string, rank: number];

type Syllable = [initial: string, vowel: string, final: string];

/** The most cuts of one word looked at: a joined given name cuts two ways at most in practice (Ченын). */
const MAX_CUTS = 3;

/**
 * The ways a lowercase word cuts into the fewest syllables, as [initial, vowel, final] spellings, likeliest
 * first (consonants going to the next syllable's initial rather than this one's final: "анна" is ан-на, "пёнян"
 * is пё-нян); none when it does not cut. A consonant between two vowels may be either: a given name of two
 * syllables written as one word (Ченын, for 정은) is Чен-ын as well as Че-нын, and one cut alone screened
 * Ким Ченын clear against KIM Jong Un (adversarial pass, December 2026).
 */
function syllableCuts(word: string, sp: Spelling, maxSyllables = MAX_SYLLABLES): Syllable[][] {
  const n = word.length;
  const stepsAt: [number, number, number][][] = [];
  for (let p = 0; p < n; p++) {
    const out: [number, number, number][] = (stepsAt[p] = []);
    for (let li = 0; li <= sp.maxInitial && p + li < n; li++) {
      if (sp.initials[word.slice(p, p + li)] === undefined) continue;
      for (let lv = 1; lv <= 2 && p + li + lv <= n; lv++) {
        if (!sp.vowels[word.slice(p + li, p + li + lv)]) continue;
        const pf = p + li + lv;
        for (let lf = 0; lf <= 2 && pf + lf <= n; lf++) if (sp.finals[word.slice(pf, pf + lf)]) out.push([li, lv, lf]);
      }
    }
  }
  const steps = (p: number) => stepsAt[p]!;
  // fewest[p]: the fewest syllables the rest from p cuts into (Infinity: it does not cut).
  const fewest = new Array<number>(n + 1).fill(Infinity);
  fewest[n] = 0;
  for (let p = n - 1; p >= 0; p--) for (const [li, lv, lf] of steps(p)) fewest[p] = Math.min(fewest[p]!, 1 + fewest[p + li + lv + lf]!);
  if (fewest[0]! > maxSyllables) return [];
  const cuts: { cut: Syllable[]; finals: number }[] = [];
  const walk = (p: number, cut: Syllable[], finals: number): void => {
    if (p === n) return void cuts.push({ cut, finals });
    for (const [li, lv, lf] of steps(p)) {
      const next = p + li + lv + lf;
      if (fewest[next]! + 1 !== fewest[p]) continue;
      walk(next, [...cut, [word.slice(p, p + li), word.slice(p + li, p + li + lv), word.slice(p + li + lv, next)]], finals + lf);
    }
  };
  walk(0, [], 0);
  // Stable: cuts with as few finals keep the order they were found in.
  return cuts
    .sort((a, b) => a.finals - b.finals)
    .slice(0, MAX_CUTS)
    .map((c) => c.cut);
}

/** Every way of putting one of each list after the other, likeliest first, at most MAX_READINGS. */
export function combine(lists: readonly (readonly Ranked[])[], join: string): Ranked[] {
  let out: Ranked[] = [['', 0]];
  for (const list of lists) {
    const next: Ranked[] = [];
    for (const [r, rank] of out) for (const [o, orank] of list) next.push([r ? r + join + o : o, rank + orank]);
    // Stable: equally likely readings keep the order they were built in.
    out = next.sort((a, b) => a[1] - b[1]).slice(0, MAX_READINGS);
  }
  return out;
}

/** Every romanized reading of one lowercase word, or undefined when it is not Korean-shaped. */
export function wordReadings(word: string, sp: Spelling, maxSyllables = MAX_SYLLABLES): Ranked[] | undefined {
  const surname = sp.surnames?.[word];
  const cuts = syllableCuts(word, sp, maxSyllables);
  if (cuts.length === 0) return surname ? [[surname, 0]] : undefined;
  const capital = (r: string) => r[0]!.toUpperCase() + r.slice(1);
  const read: Ranked[] = [];
  cuts.forEach((cut, c) => {
    // A cut after the first is a step less likely than the first's own spellings.
    const parts = cut.map(([ini, vow, fin]) =>
      ((ini === '' && sp.openVowels[vow]) || sp.vowels[vow]!).flatMap((v, vi) => sp.finals[fin]!.map((f, fi): Ranked => [sp.initials[ini]! + v + f, vi + fi])),
    );
    // A given name of two syllables written as one word (Ёнчхоль, ENCHKHOL) is also read as two (Yong Chhol): a
    // reading counts only word for word, never as a joined match.
    if (parts.length === 2) read.push(...combine(parts, ' ').map(([r, rank]): Ranked => [r.split(' ').map(capital).join(' '), rank + c]));
    // Joined, a step less likely: a listed given name is far more often two words than one.
    read.push(...combine(parts, '').map(([r, rank]): Ranked => [capital(r), rank + c + (parts.length === 2 ? 1 : 0)]));
  });
  const seen = new Set<string>();
  const unique = read.sort((a, b) => a[1] - b[1]).filter(([r]) => !seen.has(r) && seen.add(r));
  return surname ? [[surname, 0], ...unique] : unique;
}

/**
 * The readings of whole names: each word read by its spelling (`spellingOf`; a word it gives none for, or one
 * `skip` matches, is left out), words that do not cut staying as typed, when at least `least` words read as
 * Korean. At most MAX_READINGS, likeliest first.
 */
export function readWords(words: readonly string[], spellingOf: (word: string) => Spelling | undefined, least: number, maxSyllables = MAX_SYLLABLES, skip?: RegExp): string[] {
  const lists: Ranked[][] = [];
  let korean = 0;
  for (const w of words) {
    if (skip?.test(w)) continue;
    const sp = spellingOf(w);
    const options = sp && wordReadings(w, sp, maxSyllables);
    if (options) korean++;
    else if (least === words.length) return [];
    lists.push(options ?? [[w, 0]]);
  }
  return korean >= least ? combine(lists, ' ').map(([r]) => r) : [];
}
