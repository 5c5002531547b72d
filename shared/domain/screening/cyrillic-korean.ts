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
function wordReadings(word: string, sp: Spelling, maxSyllables = MAX_SYLLABLES): Ranked[] | undefined {
  const surname = SURNAMES[word];
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

/** Alternatives of a table's spellings for a regular expression, longest first. */
const anyOf = (table: Readonly<Record<string, unknown>>): string =>
  Object.keys(table)
    .sort((a, b) => b.length - a.length)
    .join('|');
/**
 * A word of one or two syllables as the transliteration writes them: the cheap test that spares the cutting of
 * every other Latin name screened (unmarkedIcaoReadings runs on most queries).
 */
const ICAO_KOREAN_WORD = new RegExp(`^(?:(?:${anyOf(ICAO.initials)})(?:${anyOf(ICAO.vowels)})(?:${anyOf(ICAO.finals)})){1,2}$`);

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
  // Most names are plain ASCII: nothing to take out, no alphabet to settle.
  if (/^[\x20-\x7e]*$/.test(name))
    return name
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter(Boolean);
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
 * Latin letters (one word with a mark of that transliteration). In a name with Cyrillic words, a Latin word is
 * read as a passport's Latin line (Ким EN CHKHOL: mixing the two screened clear). Words that do not cut into
 * Korean syllables (a patronymic, "мл.") stay as typed, but two words at least must read as Korean. None
 * otherwise. At most 16, likeliest first.
 */
export function cyrillicKoreanReadings(name: string): string[] {
  const words = cleanWords(name);
  const cyrillic = words.some((w) => CYRILLIC_LETTER.test(w));
  if (!cyrillic && !(words.length >= 2 && words.some((w) => ICAO_MARK.test(w)))) return [];
  return readWords(words, 2);
}

/**
 * The readings of a Latin name with no mark of a Russian passport's transliteration that cuts, word for word,
 * as one would (KAN REN for Кан Рён, PAK YON SIK for Пак Ён Сик): every word must cut. An ordinary romanized
 * name reads this way too (Kim Yong Chol), so these are only evidence where something else says the name came
 * from Russian papers: screening counts them beside a corroborating birth date, or for a national of, or a
 * document from, a country whose passports write names that way (screen-person.ts). None for a name with
 * Cyrillic words or a mark (cyrillicKoreanReadings has those), and none that is the name as typed.
 */
export function unmarkedIcaoReadings(name: string): string[] {
  const words = cleanWords(name).filter((w) => !PATRONYMIC.test(w));
  if (words.length < 2 || words.some((w) => !ICAO_KOREAN_WORD.test(w) || ICAO_MARK.test(w))) return [];
  const typed = words.join(' ');
  // A Korean name's words have one or two syllables (a given name may be written as one word): Viktoria and
  // Kovalenko cut too, into more, and are not read.
  return readWords(words, words.length, 2).filter((r) => r.toLowerCase() !== typed);
}

/** The readings of cleaned words (Cyrillic by Kontsevich, Latin by ICAO), when at least `least` of them read as Korean. */
function readWords(words: readonly string[], least: number, maxSyllables = MAX_SYLLABLES): string[] {
  const lists: Ranked[][] = [];
  let korean = 0;
  for (const w of words) {
    if (PATRONYMIC.test(w)) continue;
    const options = wordReadings(w, CYRILLIC_LETTER.test(w) ? CYRILLIC : ICAO, maxSyllables);
    if (options) korean++;
    else if (least === words.length) return [];
    lists.push(options ?? [[w, 0]]);
  }
  return korean >= least ? combine(lists, ' ').map(([r]) => r) : [];
}
