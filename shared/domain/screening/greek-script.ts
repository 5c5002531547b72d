/**
 * A name in Greek letters read in Latin ones. Listed persons with Greek names (MAZIOTIS, Nikolaos; STAVRIDIS,
 * Konstantinos) are given in Latin letters only, and their own spelling, Νικόλαος Μαζιώτης, screened clear with the
 * listed birth date: the fold reads Greek letters only where they pass for Latin ones (ΚΙΜ, or an ο inside a Latin
 * word), and lower case Greek that way is other letters (Κιμ is Kiu, ν is v). Greek letters are as easy to type as a
 * disguise as Cyrillic ones.
 *
 * Two readings of each Greek word, the other words kept: ELOT 743, the transliteration Greek passports use and
 * the usual English spelling of Greek names follow (ου ou, αυ av, ευ ev, χ ch, θ th, ψ ps, ξ x, η i, ω o,
 * Παπαδόπουλος Papadopoulos, Σταυρίδης Stavridis), and the sound, as Greek writes foreign names (Κιμ Γιονγκ Ουν for
 * Kim Jong Un): ου u, γι before a vowel y, γκ and νγκ ng at the end, μπ b, ντ d at the start. Each reading is
 * screened as a Latin name typed is (screen-person.ts). Pure.
 */

/** A Greek letter (basic and extended blocks): the cheap test every other name fails. */
const GREEK = /[\u0370-\u03ff\u1f00-\u1fff]/u;

const LETTERS: Readonly<Record<string, string>> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
  ϊ: 'i',
  ϋ: 'y',
};

/** Pairs ELOT writes as one (αυ and ευ as av and ev; a diaeresis on the second letter keeps them apart: Αϊ is a-i). */
const ELOT_PAIRS: Readonly<Record<string, string>> = { ου: 'ou', αυ: 'av', ευ: 'ev', ηυ: 'iv', γγ: 'ng', γκ: 'gk', γξ: 'nx', γχ: 'nch', μπ: 'mp', ντ: 'nt' };
/** The same by sound: ου is u, μπ b (Μπάμπης: Babis), ντ nd and d at the start, γκ g, a final γκ ng (Γιονγκ: Yong). */
const SOUND_PAIRS: Readonly<Record<string, string>> = { ...ELOT_PAIRS, ου: 'u', γκ: 'g', μπ: 'b', ντ: 'nd' };

function transliterate(word: string, sound: boolean): string {
  const pairs = sound ? SOUND_PAIRS : ELOT_PAIRS;
  let w = word;
  if (sound) {
    w = w
      .replace(/^μπ/u, 'b')
      .replace(/^ντ/u, 'd')
      .replace(/^γι(?=[αεοωουη])/u, 'y')
      .replace(/ν?γκ$/u, 'ng');
  }
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const pair = pairs[w.slice(i, i + 2)];
    if (pair !== undefined) {
      out += pair;
      i++;
      continue;
    }
    const c = w[i]!;
    out += LETTERS[c] ?? c;
  }
  return out;
}

/** A word's letters without accents, in lower case; the diaeresis kept (it parts a pair: Αϊ, Ευϊ). */
const bare = (word: string): string =>
  word
    .normalize('NFD')
    .replace(/[\u0300-\u0307\u0309-\u036f]/gu, '')
    .normalize('NFC')
    .toLowerCase();

/**
 * The Latin readings of a name with words in Greek letters (ELOT, then by sound where that differs), the words
 * in other scripts kept; none for a name without a Greek word. A word mixing Greek letters with Latin ones is the
 * fold's look-alike business, not a Greek word.
 */
export function greekReadings(name: string): string[] {
  if (!GREEK.test(name)) return [];
  const words = name.split(/\s+/u).filter(Boolean);
  const greek = (w: string): boolean => GREEK.test(w) && !/[A-Za-z]/.test(w);
  if (!words.some(greek)) return [];
  const read = (sound: boolean): string =>
    words
      .map((w) =>
        greek(w)
          ? bare(w)
              .split(/([^\p{L}]+)/u)
              .map((part) => (GREEK.test(part) ? transliterate(part, sound) : part))
              .join('')
          : w,
      )
      .join(' ');
  const elot = read(false);
  const sound = read(true);
  return sound === elot ? [elot] : [elot, sound];
}
