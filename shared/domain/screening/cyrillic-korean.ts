/**
 * Korean names as Russian papers write them, read back as romanized Korean. North Korean workers in Russia
 * carry Russian papers, where a Korean name is spelled by the Kontsevich system (Ким Ён Чхоль) or the older
 * customary one (Ким Чен Ын, Ким Ир Сен), and a Russian passport's Latin line transliterates that Cyrillic
 * by ICAO's table (KIM EN CHKHOL, KIM CHEN YN). Neither is a romanization of Korean, and both screened clear
 * against KIM, Yong Chol.
 *
 * Each word of the name is cut into Korean syllables (initial, vowel, final, as those spellings write them);
 * a word that does not cut ("Сергей") stays as typed, a patronymic is left out, and a name with fewer than two
 * words that cut is not read this way ("Цой Виктор" is a Russian name on a Korean surname). Where the
 * spelling loses a distinction Korean makes, every reading is given, likeliest first: a final н is ㅇ or ㄴ
 * (Чон is Jong or Jon), the customary е after a consonant is ㅓ or ㅔ (Чен is Jong), and ICAO's E is any of
 * Е, Ё and Э. The readings are romanized with the spellings the Korean matcher knows (korean.ts): чх as chh,
 * пх as ph, ы as eu. Pure.
 */

import { unicodeSkeleton } from './unicode-fold';

interface Spelling {
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
  е: ['eo', 'e', 'yo'], // the customary spelling's ㅓ (Чен, Сен); Kontsevich ㅔ; Ё written without its dots (Рен, Мен)
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
  м: ['m'],
  п: ['p'],
};

const CYRILLIC: Spelling = { initials: CYRILLIC_INITIALS, vowels: CYRILLIC_VOWELS, openVowels: { е: ['yo', 'ye'] }, finals: CYRILLIC_FINALS, maxInitial: 2 };

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
    // Й and Ё as older passports and BGN write them (KIM YON CHKHOL), and ICAO's IA, IU before 2014 spellings.
    yo: ['yo'],
    ye: ['yo', 'ye'],
    ya: ['ya'],
    yu: ['yu'],
    io: ['yo'],
    ie: ['ye', 'yo'],
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
  finals: { '': [''], k: ['k'], n: ['ng', 'n'], ng: ['ng'], t: ['t'], l: ['l'], m: ['m'], p: ['p'] },
  openVowels: { e: ['yo', 'ye', 'ae'] },
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

/**
 * Soviet-Korean surnames no syllable rule reads (Цой is 최, Тен 정, the -гай names 오가, 허가...), and their ICAO
 * Latin: the Korean surname each is.
 */
const SURNAMES: Readonly<Record<string, string>> = {
  цой: 'Choe',
  tsoi: 'Choe',
  tsoy: 'Choe',
  тен: 'Jong',
  ten: 'Jong',
  тян: 'Jang',
  tian: 'Jang',
  tyan: 'Jang',
  тё: 'Jo',
  te: 'Jo',
  ни: 'Ri',
  ni: 'Ri',
  огай: 'O',
  ogai: 'O',
  хегай: 'Ho',
  khegai: 'Ho',
  лигай: 'Ri',
  ligai: 'Ri',
  югай: 'Yu',
  iugai: 'Yu',
  yugai: 'Yu',
  когай: 'Ko',
  kogai: 'Ko',
  шегай: 'So',
  shegai: 'So',
  дюн: 'Jon',
  diun: 'Jon',
  // The customary р for a final ㄹ, in the one word it is usual in (Ким Ир Сен): as a rule it made Виктор Korean.
  ир: 'Il',
  ir: 'Il',
};

/** Every romanized reading of one lowercase word, or undefined when it is not Korean-shaped. */
function wordReadings(word: string, sp: Spelling): Ranked[] | undefined {
  const surname = SURNAMES[word];
  const cut = syllables(word, sp);
  if (!cut) return surname ? [[surname, 0]] : undefined;
  const parts = cut.map(([ini, vow, fin]) => ((ini === '' && sp.openVowels[vow]) || sp.vowels[vow]!).flatMap((v, vi) => sp.finals[fin]!.map((f, fi): Ranked => [sp.initials[ini]! + v + f, vi + fi])));
  const capital = (r: string) => r[0]!.toUpperCase() + r.slice(1);
  // A given name of two syllables written as one word (Ёнчхоль, ENCHKHOL) is also read as two (Yong Chhol): a
  // reading counts only word for word, never as a joined match.
  const read = parts.length === 2 ? combine(parts, ' ').map(([r, rank]): Ranked => [r.split(' ').map(capital).join(' '), rank]) : [];
  read.push(...combine(parts, '').map(([r, rank]): Ranked => [capital(r), rank]));
  return surname ? [[surname, 0], ...read] : read;
}

/**
 * A patronymic (Иванович, Петровна; IVANOVICH) or a junior/senior mark: Russian papers add them to Korean names,
 * the lists never do. Left out of the reading; kept, the extra word alone screened KIM Yong Chol clear.
 */
const PATRONYMIC = /^(?:\p{L}+(?:ович|евич|ич|овна|евна|ична|инична|ovich|evich|ich|ovna|evna|ichna)|мл|ст|jr|sr)$/u;

const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;
const LATIN_LETTER = /[a-z]/i;
/**
 * What only a Russian transliteration of Kontsevich writes: чх, пх, тх, кх (CHKH, PKH, TKH, KKH), Х as KH before
 * a vowel, Ы as a Y with no vowel after it, чж and дж (CHZH, DZH), кв and гв before a vowel (KVAN, GVAN for 광),
 * Ён or Ё as a word of its own (EN, E), a Soviet-Korean surname (TSOI, OGAI...). A Latin name is read this way
 * only when one of its words has one: an ordinary romanized Korean name (Kim Yong Chol) is the Korean matcher's,
 * not this.
 */
const ICAO_MARK = /(?:ch|p|t|k)kh|^kh[aeiouy]|y(?![aeiou])|chzh|dzh|[kg]v[aeiou]|^(?:en|e|tsoi|tsoy|ogai|khegai|ligai|iugai|yugai|kogai|shegai)$/;

/** Letters of the other Cyrillic alphabets (Ukrainian, Belarusian, Kazakh, Uzbek, Kyrgyz) as the Russian ones Kontsevich uses. */
const OTHER_CYRILLIC: Readonly<Record<string, string>> = { і: 'и', ї: 'и', є: 'е', ў: 'у', ң: 'нг', ө: 'о', ү: 'у', ұ: 'у', ҳ: 'х', һ: 'х', ғ: 'г', қ: 'к', ә: 'э', ҷ: 'ч' };
/**
 * Latin letters that pass for Cyrillic ones inside a Cyrillic word ("Kим" with a Latin K). The other way round
 * (a Cyrillic О in "CHKHОL") is screening's own look-alike fold, unicodeSkeleton.
 */
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = { a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у' };

/**
 * The name as its writer meant it: invisible characters and stress or other marks gone (й and ё kept), lower
 * case, and in a word of mostly one alphabet the other's look-alikes read as that one's letters.
 */
function cleanWords(name: string): string[] {
  const bare = name
    .normalize('NFD')
    .replace(/[\u115F\u1160\u3164\uFFA0\u2800]/gu, ' ')
    .replace(/\p{Cf}/gu, '')
    .replace(/(?<![иИеЕ])\p{M}|(?<=[иИ])[^\u0306\P{M}]|(?<=[еЕ])[^\u0308\P{M}]/gu, '')
    .normalize('NFC')
    .toLowerCase();
  return bare
    .split(/[^\p{L}\p{M}]+/u)
    .filter(Boolean)
    .map((w) => {
      const cyr = [...w].filter((c) => CYRILLIC_LETTER.test(c)).length;
      const lat = [...w].filter((c) => LATIN_LETTER.test(c)).length;
      if (cyr > 0 && cyr >= lat) return [...w].map((c) => LATIN_TO_CYRILLIC[c] ?? OTHER_CYRILLIC[c] ?? c).join('');
      if (cyr > 0) return unicodeSkeleton(w).toLowerCase();
      return w;
    });
}

/**
 * The romanized Korean readings of a name as Russian papers write it: in Cyrillic, or in a Russian passport's
 * Latin letters (one word with a mark of that transliteration). Words that do not cut into Korean syllables (a
 * patronymic, "мл.") stay as typed, but two words at least must read as Korean. None otherwise. At most 16,
 * likeliest first.
 */
export function cyrillicKoreanReadings(name: string): string[] {
  const words = cleanWords(name);
  const cyrillic = words.some((w) => CYRILLIC_LETTER.test(w));
  if (!cyrillic && !(words.length >= 2 && words.some((w) => ICAO_MARK.test(w)))) return [];
  const lists: Ranked[][] = [];
  let korean = 0;
  for (const w of words) {
    if (PATRONYMIC.test(w)) continue;
    const options = cyrillic && !CYRILLIC_LETTER.test(w) ? undefined : wordReadings(w, cyrillic ? CYRILLIC : ICAO);
    if (options) korean++;
    lists.push(options ?? [[w, 0]]);
  }
  return korean >= 2 ? combine(lists, ' ').map(([r]) => r) : [];
}
