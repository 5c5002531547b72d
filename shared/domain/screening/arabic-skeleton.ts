/**
 * Consonant skeletons of a word in Arabic script and of a word in Latin letters, and whether the two can be one name
 * (arabic-script.ts). Arabic script writes no short vowels, and writes its long ones (ا و ي) where a Latin spelling
 * writes a vowel: a skeleton is the word's consonants in classes, with what is written between them.
 *
 * A Latin word is read one way: its consonants in classes (b p; t th; j dj ch; g; h kh; d dh; z zh; s sh; k c q ck gh;
 * f ph; l; m; n; r), a doubled one once, a final h left out, and between them the vowels written (y, w and v count
 * as vowels: Arabic writes ي and و for them). An Arabic word gives for each letter the Latin classes it can be
 * written with (ق is q, k or g; ج is j or g; ش is sh or the French ch; ض ظ ذ are d, dh or Persian z; ث is th or
 * Persian s: ثابت is Sabet), and for each
 * long vowel the Latin vowels one of which must stand there (و: u, o or w; ي: i, e or y; ا: a, e or o): Mahmoud is
 * محمود and Muhammad محمد, but Muhammad is not محمود. ع, ء and ة ask for nothing, a final ه and ة are left out as a
 * final h is. A letter followed by ح or ه may be a Latin digraph (فتحي is Fathi, إسحاق Ishaq, أدهم Adham): both
 * readings are given. Pure.
 */

const CLASSES = 'BTJGHDZRSKFLMN';
const bit = (c: string): number => 1 << CLASSES.indexOf(c);

const H_BIT = bit('H');

/** Latin letters and digraphs -> consonant class; digraphs first. */
const LATIN_DIGRAPH: Readonly<Record<string, string>> = { sh: 'S', kh: 'H', gh: 'K', th: 'T', dh: 'D', ch: 'J', ph: 'F', zh: 'Z', dj: 'J', ck: 'K' };
const LATIN_LETTER: Readonly<Record<string, string>> = {
  b: 'B',
  p: 'B',
  t: 'T',
  j: 'J',
  g: 'G',
  h: 'H',
  d: 'D',
  z: 'Z',
  r: 'R',
  s: 'S',
  c: 'K',
  k: 'K',
  q: 'K',
  f: 'F',
  l: 'L',
  m: 'M',
  n: 'N',
  x: 'KS',
};
/** Vowel qualities a Latin spelling writes between consonants, as bits. */
const [A, E, I, O, U, Y, W] = [1, 2, 4, 8, 16, 32, 64];
const LATIN_VOWEL: Readonly<Record<string, number>> = { a: A, e: E, i: I, o: O, u: U, y: Y, w: W, v: W };

/** Arabic and Persian consonants -> the Latin classes they can be written with. */
const ARABIC_CONSONANT: ReadonlyMap<string, number> = new Map(
  Object.entries({ بپ: 'B', تط: 'T', ث: 'TS', ج: 'JG', چ: 'J', حهخ: 'H', د: 'D', ذضظ: 'DZ', زژ: 'Z', ر: 'R', سص: 'S', ش: 'SJ', قگ: 'KG', كک: 'K', غ: 'KG', فڤ: 'F', ل: 'L', م: 'M', ن: 'N' }).flatMap(
    ([letters, classes]) => [...letters].map((l): [string, number] => [l, [...classes].reduce((m, c) => m | bit(c), 0)]),
  ),
);
/** Long vowels and glides -> the Latin vowels one of which must stand there; 0: a letter that asks for nothing (ع). */
const ARABIC_VOWEL: ReadonlyMap<string, number> = new Map([
  ['و', O | U | W],
  ['ؤ', O | U | W],
  ['ي', I | E | Y],
  ['ی', I | E | Y],
  ['ئ', I | E | Y],
  ['ى', A | E | I | Y],
  ['ا', A | E | O],
  ['آ', A | E | O],
  ['أ', A | E | I | O | U],
  ['إ', A | E | I | O | U],
  ['ٱ', A | E | I | O | U],
  ['ع', 0],
  ['ء', 0],
  ['ة', 0],
]);

/**
 * A unit of a word: a consonant (CONSONANT and its classes as bits) or what is written between two (vowel bits, 0 for
 * a letter that asks for nothing, as ع).
 */
type Unit = number;
const CONSONANT = 0x10000;
const VOWEL_BITS = 0x7f;

/**
 * The skeleton of a run of units: the gaps' vowel bits and the consonants' class bits, one character each (gap,
 * consonant, gap, ..., gap); a consonant doubled with nothing between once, a final h left out.
 */
function skeletonOf(units: readonly Unit[]): string {
  const consonants: number[] = [];
  const gaps: number[] = [0];
  let filled = false;
  for (const u of units) {
    if (u < CONSONANT) {
      gaps[gaps.length - 1]! |= u & VOWEL_BITS;
      filled = true;
    } else if (consonants[consonants.length - 1] !== u || filled) {
      consonants.push(u);
      gaps.push(0);
      filled = false;
    }
  }
  if (consonants.length > 1 && consonants[consonants.length - 1] === (CONSONANT | H_BIT)) {
    consonants.pop();
    const last = gaps.pop()!;
    gaps[gaps.length - 1]! |= last;
  }
  let out = String.fromCharCode(0x100 + gaps[0]!);
  for (let i = 0; i < consonants.length; i++) out += String.fromCharCode(0x4000 + (consonants[i]! & 0xffff), 0x100 + gaps[i + 1]!);
  return out;
}

/** How many consonants a skeleton holds: how much of a name it says. */
export const consonantCount = (skeleton: string): number => (skeleton.length - 1) / 2;

const cache = new Map<string, string>();

/** The skeleton of one folded Latin word (lowercase ASCII). */
export function latinSkeleton(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const units: Unit[] = [];
  for (let i = 0; i < word.length; i++) {
    const digraph = LATIN_DIGRAPH[word.slice(i, i + 2)];
    if (digraph) {
      units.push(CONSONANT | bit(digraph));
      i++;
      continue;
    }
    const c = word[i]!;
    const vowel = LATIN_VOWEL[c];
    if (vowel !== undefined) units.push(vowel);
    else for (const cls of LATIN_LETTER[c] ?? '') units.push(CONSONANT | bit(cls));
  }
  const skeleton = skeletonOf(units);
  if (cache.size > 50_000) cache.clear();
  cache.set(word, skeleton);
  return skeleton;
}

/** The skeletons of one Arabic word (no article, no marks): a letter and a ح or ه after it also read as one (a digraph). */
export function arabicSkeletons(word: string): string[] {
  const units: Unit[] = [];
  [...word].forEach((c, i) => {
    const consonant = ARABIC_CONSONANT.get(c);
    if (consonant !== undefined) units.push(CONSONANT | consonant);
    // A word's first alef carries whatever vowel begins it.
    else if (ARABIC_VOWEL.has(c)) units.push(i === 0 && 'اأإآٱ'.includes(c) ? 0 : ARABIC_VOWEL.get(c)!);
  });
  const out = [skeletonOf(units)];
  const h = CONSONANT | H_BIT;
  const digraphs = units.flatMap((u, i) => (u >= CONSONANT && u !== h && units[i + 1] === h ? [i + 1] : []));
  // Each subset of the h's read into a digraph (at most two of them).
  for (let mask = 1; mask < 1 << Math.min(digraphs.length, 2); mask++) out.push(skeletonOf(units.filter((_, i) => !digraphs.some((d, k) => mask & (1 << k) && d === i))));
  return out;
}

/** Whether an Arabic word's skeleton can be a Latin word's: a class the Arabic letter allows at each consonant, and a Latin vowel wherever Arabic writes one. */
export function sameSkeleton(arabic: string, latin: string): boolean {
  if (arabic.length !== latin.length) return false;
  for (let i = 0; i < arabic.length; i++) {
    const a = arabic.charCodeAt(i);
    const l = latin.charCodeAt(i);
    if (i % 2 === 1) {
      if (((a - 0x4000) & (l - 0x4000)) === 0) return false;
    } else if (a !== 0x100 && ((a - 0x100) & (l - 0x100)) === 0) return false;
  }
  return true;
}
