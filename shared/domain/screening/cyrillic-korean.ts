/**
 * Korean names as Russian papers write them, read back as romanized Korean. North Korean workers in Russia
 * carry Russian papers, where a Korean name is spelled by the Kontsevich system (Ким Ён Чхоль) or the older
 * customary one (Ким Чен Ын, Ким Ир Сен), and a Russian passport's Latin line transliterates that Cyrillic
 * by ICAO's table (KIM EN CHKHOL, KIM CHEN YN). Neither is a romanization of Korean, and both screened clear
 * against KIM, Yong Chol.
 *
 * Each word of the name is cut into Korean syllables (initial, vowel, final, as those spellings write them);
 * a word that does not cut ("Петров", "Сергей", "Ivanov") means the name is not read this way. Where the
 * spelling loses a distinction Korean makes, every reading is given, likeliest first: a final н is ㅇ or ㄴ
 * (Чон is Jong or Jon), the customary е after a consonant is ㅓ or ㅔ (Чен is Jong), and ICAO's E is any of
 * Е, Ё and Э. The readings are romanized with the spellings the Korean matcher knows (korean.ts): чх as chh,
 * пх as ph, ы as eu. Pure.
 */

interface Spelling {
  initials: Readonly<Record<string, string>>;
  /** Vowel spellings and the romanized vowels each can be, likeliest first. */
  vowels: Readonly<Record<string, readonly string[]>>;
  finals: Readonly<Record<string, readonly string[]>>;
  /** The longest initial spelling. */
  maxInitial: number;
}

const CYRILLIC_INITIALS: Readonly<Record<string, string>> = {
  '': '',
  к: 'k',
  кк: 'kk',
  кх: 'kh',
  г: 'g',
  н: 'n',
  т: 't',
  тт: 'tt',
  тх: 'th',
  д: 'd',
  р: 'r',
  л: 'l',
  м: 'm',
  п: 'p',
  пп: 'pp',
  пх: 'ph',
  б: 'b',
  с: 's',
  сс: 'ss',
  ш: 'sh',
  ч: 'ch',
  чч: 'tch',
  чх: 'chh',
  чж: 'j',
  дж: 'j',
  х: 'h',
};

const CYRILLIC_VOWELS: Readonly<Record<string, readonly string[]>> = {
  а: ['a'],
  я: ['ya'],
  о: ['o'], // ㅗ and ㅓ alike, as "o" is in the Korean matcher
  ё: ['yo'],
  йо: ['yo'],
  у: ['u'],
  ю: ['yu'],
  ы: ['eu'],
  и: ['i'],
  э: ['ae'],
  е: ['eo', 'e'], // the customary spelling's ㅓ (Чен, Сен); Kontsevich ㅔ
  йе: ['ye'],
  ва: ['wa'],
  вэ: ['wae'],
  ве: ['we'],
  во: ['wo'],
  ви: ['wi'],
  ый: ['ui'],
};

const CYRILLIC_FINALS: Readonly<Record<string, readonly string[]>> = {
  '': [''],
  к: ['k'],
  н: ['ng', 'n'],
  нь: ['ng', 'n'], // Пхеньян
  нг: ['ng'],
  т: ['t'],
  л: ['l'],
  ль: ['l'],
  р: ['l'], // the customary spelling: Ким Ир Сен
  м: ['m'],
  п: ['p'],
};

const CYRILLIC: Spelling = { initials: CYRILLIC_INITIALS, vowels: CYRILLIC_VOWELS, finals: CYRILLIC_FINALS, maxInitial: 2 };

/** The same spellings after a Russian passport's ICAO transliteration (Х KH, Ч CH, Ы Y, Я IA, Ю IU; Е Ё Э all E). */
const ICAO: Spelling = {
  initials: {
    '': '',
    k: 'k',
    kk: 'kk',
    kkh: 'kh',
    g: 'g',
    n: 'n',
    t: 't',
    tt: 'tt',
    tkh: 'th',
    d: 'd',
    r: 'r',
    l: 'l',
    m: 'm',
    p: 'p',
    pp: 'pp',
    pkh: 'ph',
    b: 'b',
    s: 's',
    ss: 'ss',
    sh: 'sh',
    ch: 'ch',
    chch: 'tch',
    chkh: 'chh',
    chzh: 'j',
    dzh: 'j',
    kh: 'h',
  },
  vowels: {
    a: ['a'],
    ia: ['ya'],
    o: ['o'],
    e: ['yo', 'eo', 'e', 'ae'], // Ё (Ён, Рён, Пён), the customary Е (Чен), Kontsevich Е, Э
    u: ['u'],
    iu: ['yu'],
    y: ['eu'],
    i: ['i'],
    va: ['wa'],
    ve: ['we', 'wae'],
    vo: ['wo'],
    vi: ['wi'],
    yi: ['ui'],
  },
  finals: { '': [''], k: ['k'], n: ['ng', 'n'], t: ['t'], l: ['l'], r: ['l'], m: ['m'], p: ['p'] },
  maxInitial: 4,
};

const MAX_SYLLABLES = 4;
const MAX_READINGS = 16;

/** A reading and how unlikely it is (the sum of the positions of the spellings chosen). */
type Ranked = [reading: string, rank: number];

/** The syllables of a lowercase word as [initial, vowel, final] spellings; undefined when it does not cut. */
function syllables(word: string, sp: Spelling): [string, string, string][] | undefined {
  const n = word.length;
  // best[p]: the fewest syllables the rest from p cuts into, and the cut (consonants go to the next syllable's
  // initial rather than this one's final on ties: "анна" is ан-на either way, "пёнян" is пё-нян).
  const best: ({ count: number; finals: number; step: [number, number, number] } | undefined)[] = new Array(n + 1);
  best[n] = { count: 0, finals: 0, step: [0, 0, 0] };
  for (let p = n - 1; p >= 0; p--) {
    for (let li = 0; li <= sp.maxInitial && p + li < n; li++) {
      if (sp.initials[word.slice(p, p + li)] === undefined) continue;
      for (let lv = 1; lv <= 2 && p + li + lv <= n; lv++) {
        if (!sp.vowels[word.slice(p + li, p + li + lv)]) continue;
        const pf = p + li + lv;
        for (let lf = 0; lf <= 2 && pf + lf <= n; lf++) {
          const rest = best[pf + lf];
          if (!rest || !sp.finals[word.slice(pf, pf + lf)]) continue;
          const count = rest.count + 1;
          const finals = rest.finals + lf;
          const cur = best[p];
          if (cur && (count > cur.count || (count === cur.count && finals >= cur.finals))) continue;
          best[p] = { count, finals, step: [li, lv, lf] };
        }
      }
    }
  }
  const all = best[0];
  if (!all || all.count > MAX_SYLLABLES) return undefined;
  const out: [string, string, string][] = [];
  for (let p = 0; p < n;) {
    const [li, lv, lf] = best[p]!.step;
    out.push([word.slice(p, p + li), word.slice(p + li, p + li + lv), word.slice(p + li + lv, p + li + lv + lf)]);
    p += li + lv + lf;
  }
  return out;
}

/** Every way of putting one of each list after the other, likeliest first, at most MAX_READINGS. */
function combine(lists: readonly (readonly Ranked[])[], join: string): Ranked[] {
  let out: Ranked[] = [['', 0]];
  for (const list of lists) {
    const next: Ranked[] = [];
    for (const [r, rank] of out) for (const [o, orank] of list) next.push([r ? r + join + o : o, rank + orank]);
    // Stable: equally likely readings keep the order they were built in.
    out = next.sort((a, b) => a[1] - b[1]).slice(0, MAX_READINGS);
  }
  return out;
}

/** Every romanized reading of one word, or undefined when it is not Korean-shaped. */
function wordReadings(word: string, sp: Spelling): Ranked[] | undefined {
  const cut = syllables(word, sp);
  if (!cut) return undefined;
  const parts = cut.map(([ini, vow, fin]) => sp.vowels[vow]!.flatMap((v, vi) => sp.finals[fin]!.map((f, fi): Ranked => [sp.initials[ini]! + v + f, vi + fi])));
  return combine(parts, '').map(([r, rank]): Ranked => [r[0]!.toUpperCase() + r.slice(1), rank]);
}

const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;
/**
 * What only a Russian transliteration of Kontsevich writes: чх, пх, тх, кх (CHKH, PKH, TKH, KKH), Х as KH before
 * a vowel, Ы as a Y with no vowel after it. A Latin name is read this way only when one of its words has one:
 * an ordinary romanized Korean name (Kim Yong Chol) is the Korean matcher's, not this.
 */
const ICAO_MARK = /(?:ch|p|t|k)kh|^kh[aeiouy]|y(?![aeiou])/;

/**
 * The romanized Korean readings of a name as Russian papers write it: in Cyrillic (each Cyrillic word cuts into
 * Korean syllables; Latin words stay as typed), or in a Russian passport's Latin letters (every word cuts, and
 * one has a mark of that transliteration). None otherwise. At most 16, likeliest first.
 */
export function cyrillicKoreanReadings(name: string): string[] {
  const words = name
    .normalize('NFC')
    .split(/[\s\-‐‑,.'’]+/u)
    .filter(Boolean);
  const cyrillic = words.some((w) => CYRILLIC_LETTER.test(w));
  if (!cyrillic && !(words.length >= 2 && words.some((w) => ICAO_MARK.test(w.toLowerCase())))) return [];
  const lists: Ranked[][] = [];
  for (const w of words) {
    const options = cyrillic ? (CYRILLIC_LETTER.test(w) ? wordReadings(w.toLowerCase(), CYRILLIC) : [[w, 0] as Ranked]) : wordReadings(w.toLowerCase(), ICAO);
    if (!options) return [];
    lists.push(options);
  }
  return combine(lists, ' ').map(([r]) => r);
}
