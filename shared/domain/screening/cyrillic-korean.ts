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

import { MAX_SYLLABLES, readWords as readSpelledWords, wordReadings, type Ranked, type Spelling } from './korean-syllables';
import { unicodeSkeleton } from './unicode-fold';

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

const CYRILLIC: Spelling = { initials: CYRILLIC_INITIALS, vowels: CYRILLIC_VOWELS, openVowels: { е: ['yo', 'ye'] }, finals: CYRILLIC_FINALS, maxInitial: 2, surnames: SURNAMES };

/** The same in another Cyrillic alphabet (OTHER_CYRILLIC_MARK): э may be ㅓ or ㅔ, ъ ㅡ or ㅓ, ж is ㅈ, і is ㅣ. */
const OTHER_CYRILLIC_SPELLING: Spelling = {
  ...CYRILLIC,
  initials: { ...CYRILLIC_INITIALS, ж: 'j', дз: 'j' },
  vowels: { ...CYRILLIC_VOWELS, і: ['i'], йі: ['i'], э: ['ae', 'eo', 'e'], ъ: ['eu', 'eo'], йа: ['ya'], йу: ['yu'] },
};
/** Ukrainian, where и is ㅡ (Ин for 은) as Russian ы is, or still ㅣ in a name typed with Russian habits. */
const UKRAINIAN_SPELLING: Spelling = { ...OTHER_CYRILLIC_SPELLING, vowels: { ...OTHER_CYRILLIC_SPELLING.vowels, и: ['eu', 'i'] } };
const UKRAINIAN_MARK = /[іїєґ]/iu;

/** The spelling of a name's Cyrillic words: Russian unless a letter says another alphabet. */
function cyrillicSpellingOf(name: string): Spelling {
  if (!OTHER_CYRILLIC_MARK.test(name)) return CYRILLIC;
  return UKRAINIAN_MARK.test(name) ? UKRAINIAN_SPELLING : OTHER_CYRILLIC_SPELLING;
}

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
  surnames: SURNAMES,
};

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

/**
 * Letters of the other Cyrillic alphabets as the Russian ones Kontsevich uses: Ukrainian and Belarusian (і, ї, є,
 * ў, ґ), Kazakh, Uzbek, Kyrgyz, Tajik (ң, ө, ү, ұ, ҳ, һ, ғ, қ, ә, ҷ), Serbian and Macedonian (џ and ђ for ㅈ as in
 * Џонг, ћ for ㅊ, ј for the glide of Јонг, љ, њ, ѕ).
 */
const OTHER_CYRILLIC: Readonly<Record<string, string>> = {
  ї: 'йі',
  є: 'е',
  ў: 'у',
  ґ: 'г',
  ң: 'нг',
  ө: 'о',
  ү: 'у',
  ұ: 'у',
  ҳ: 'х',
  һ: 'х',
  ғ: 'г',
  қ: 'к',
  ә: 'э',
  ҷ: 'ч',
  џ: 'дж',
  ђ: 'дж',
  ћ: 'ч',
  ј: 'й',
  љ: 'ль',
  њ: 'нь',
  ѕ: 'дз',
};
/**
 * A name in another Cyrillic alphabet than Russian, whose letters write some Korean sounds otherwise: Ukrainian
 * и is Russian ы (Кім Чен Ин is 김정은), Belarusian and Mongolian э after a consonant is Russian е (Кім Чэн Ын,
 * Ким Ир Сэн), Mongolian ж is ㅈ (Ким Жон Ун), Bulgarian ъ is ㅡ or ㅓ (Ким Чен Ън). Told by a letter Russian has
 * not, by ж, which Kontsevich writes only in чж, or by ъ, which no Russian name has as a vowel: each of these screened clear against KIM Jong Un (adversarial pass, December 2026).
 */
const OTHER_CYRILLIC_MARK = /[іїєўґңөүұҳһғқәҷџђћјљњѕжъ]/iu;

/**
 * Latin letters that pass for Cyrillic ones inside a Cyrillic word ("Kим" with a Latin K). The other way round
 * (a Cyrillic О in "CHKHОL") is screening's own look-alike fold, unicodeSkeleton.
 */
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = { a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', i: 'і', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у' };

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
  if (!cyrillic) return words.length >= 2 && words.some((w) => ICAO_MARK.test(w)) ? readWords(words, 2) : [];
  // Beside Cyrillic words, a Latin word is a passport's line only with a mark of it (EN, CHKHOL): read by ICAO, Yeon
  // was Yeong, and Ким Yeon met KIM Nam Ung. Others stay as typed (mixed-script.ts reads them as romanized Korean).
  const cyrillicSpelling = cyrillicSpellingOf(words.join(' '));
  return readSpelledWords(words, (w) => (CYRILLIC_LETTER.test(w) ? cyrillicSpelling : ICAO_MARK.test(w) ? ICAO : undefined), 2, MAX_SYLLABLES, PATRONYMIC).map((r) =>
    r.replace(/(^|\s)([a-z])/g, (_, space: string, c: string) => space + c.toUpperCase()),
  );
}

/**
 * The romanized Korean readings of one Cyrillic word of `name` (Рёнхэ: Ryong Hae, Ryonghae...), read by the spelling
 * the whole name's letters say; undefined when it does not cut. For a name mixing Cyrillic words with Latin ones
 * (mixed-script.ts), whose Latin words are not a passport's line.
 */
export function cyrillicWordReadings(word: string, name: string): Ranked[] | undefined {
  const [w] = cleanWords(word);
  if (w === undefined || !CYRILLIC_LETTER.test(w) || PATRONYMIC.test(w)) return undefined;
  return wordReadings(w, cyrillicSpellingOf(cleanWords(name).join(' ')));
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

/** The readings of cleaned words (Cyrillic by Kontsevich or `cyrillic`, Latin by ICAO), when at least `least` of them read as Korean. */
function readWords(words: readonly string[], least: number, maxSyllables = MAX_SYLLABLES, cyrillic = CYRILLIC): string[] {
  return readSpelledWords(words, (w) => (CYRILLIC_LETTER.test(w) ? cyrillic : ICAO), least, maxSyllables, PATRONYMIC);
}
