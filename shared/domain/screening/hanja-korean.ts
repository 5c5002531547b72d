/**
 * Korean names written in Hanja, read as Korean. A Korean name is written in Chinese characters as well as in
 * Hangul: 金正恩 is 김정은 (KIM Jong Un), 金英哲 김영철 (KIM Yong Chol), 崔龍海 최룡해 (CHOE Ryong Hae), and
 * simplified characters read as the traditional ones (金与正 김여정, 崔龙海). Each screened clear with the listed
 * birth date and nationality KP (adversarial pass, December 2026): the fold keeps Han characters as they are,
 * and no listed name is written in them.
 *
 * Each character becomes its Sino-Korean reading (hanja-table.ts), and the Hangul is screened as a typed Hangul
 * name is. North Korea writes a word's first syllable as read (李 리 Ri, 柳 류, 盧 로, 林 림); the South applies the
 * initial-sound law (두음법칙: 이 Yi, 유, 노, 임), at the surname and at the given name: both are read. A few
 * characters read otherwise in names (金 is 김 as a surname, 금 elsewhere; 沈 is 심 as a surname) or have a second
 * reading (樂 락 악, 車 차 거): each name gets at most MAX_READINGS readings, likeliest first.
 *
 * Nearly every Chinese name reads as some Korean one (王伟 왕위, 李明 리명), and a Chinese national may well be
 * called 金正 or 金哲: the readings count as pinyin ones do (screen-person.ts, `hanja`), only beside a corroborating
 * birth date, for the whole listed name, and strong only with the listed date itself. A Japanese name in kanji
 * reads as Korean too (山田太郎 산전태랑), which no listed name is; a field with kana is not read. Pure, apart from
 * the table read on first use.
 */

import { assembleJamo } from './hangul';
import { combine, type Ranked } from './korean-syllables';
import { hanjaSyllable, inHanjaBlocks } from './hanja-table';
import { pinyinWordKoreanReadings } from './pinyin-korean';

/** A name with a Han character of the table's blocks: the cheap test every other name fails (one scan, no allocation). */
const HAN = /[\u4e00-\u9fff\uf900-\ufaff]/u;
/** Japanese kana (not the katakana middle dot, a separator): a field with them is a Japanese name (山田 たろう). */
const KANA = /[\u3041-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f]/u;
/** A run of Han characters and Hangul syllables, words apart by spaces or a middle dot (金 正恩, 金·正恩). */
const RUN = /[\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3](?:[\s\u00b7\u30fb\u3000]*[\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3])*/gu;
const WORD_GAP = /[\s\u00b7\u30fb\u3000]+/u;

/** A Korean name has a surname of one or two syllables and a given name of one or two: two to four in all. */
const MIN_SYLLABLES = 2;
const MAX_SYLLABLES = 4;
const MAX_READINGS = 6;
/** The likeliest combinations of characters' readings kept before the initial-sound law doubles some. */
const MAX_COMBINATIONS = 4;

/** Surnames of two characters (南宮 남궁): the given name starts after them. Traditional and simplified. */
const COMPOUND_SURNAMES = new Set(['南宮', '南宫', '諸葛', '诸葛', '皇甫', '鮮于', '鲜于', '獨孤', '独孤', '司空', '東方', '东方', '西門', '西门', '司馬', '司马']);

/** Surnames read otherwise than the character elsewhere: 金 김 (금 in a given name), 沈 심 (침), 葉 섭 (엽), 單 선 (단). */
const SURNAME_READINGS: Readonly<Record<string, string>> = { 金: '김', 沈: '심', 葉: '섭', 叶: '섭', 單: '선', 单: '선' };

/**
 * Characters with another reading, as names use them (樂 락 악 요, 率 솔 률), and simplified characters the
 * package reads as another character they also write (乐 악, 识 신, 叶 협): tried after the table's reading.
 */
const MORE_READINGS: Readonly<Record<string, string>> = {
  車: '거',
  车: '거',
  樂: '악요',
  乐: '락요',
  率: '률',
  參: '삼',
  参: '삼',
  北: '배',
  復: '부',
  复: '부',
  宅: '댁',
  更: '갱',
  丹: '란',
  洞: '통',
  龜: '귀균',
  龟: '귀균',
  沈: '심',
  葉: '섭',
  叶: '엽섭',
  串: '곶',
  茶: '차',
  易: '이',
  降: '항',
  度: '탁',
  省: '생',
  說: '세열',
  说: '세열',
  識: '지',
  识: '식지',
  見: '현',
  见: '현',
  拓: '탁',
  辰: '신',
  惡: '오',
  恶: '오',
  索: '삭',
  泌: '필',
  奈: '나',
  切: '체',
  拾: '십',
};

const SYLLABLE_BASE = 0xac00;
const [RIEUL, NIEUN, IEUNG] = [5, 2, 11];
/** Vowels before which a word-initial ㄹ or ㄴ is dropped (ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ): 리 이, 녀 여. */
const Y_VOWELS = new Set([2, 6, 7, 12, 17, 20]);

const compose = (initial: number, vowel: number, final: number): string => String.fromCharCode(SYLLABLE_BASE + initial * 588 + vowel * 28 + final);

/**
 * A syllable as the South writes it (두음법칙): at a word's start ㄹ and ㄴ before ㅣ or a y-vowel drop (리 이,
 * 류 유, 녀 여), ㄹ before another vowel is ㄴ (로 노, 라 나); inside a word 렬 and 률 after a vowel or ㄴ are 열
 * and 율 (the `prev` syllable). Other syllables are returned as they are.
 */
export function southernForm(syllable: string, wordInitial: boolean, prev?: string): string {
  const s = syllable.charCodeAt(0) - SYLLABLE_BASE;
  if (s < 0 || s > 11171) return syllable;
  const [initial, vowel, final] = [Math.floor(s / 588), Math.floor((s % 588) / 28), s % 28];
  if (wordInitial) {
    if ((initial === RIEUL || initial === NIEUN) && Y_VOWELS.has(vowel)) return compose(IEUNG, vowel, final);
    if (initial === RIEUL) return compose(NIEUN, vowel, final);
    return syllable;
  }
  if ((syllable === '렬' || syllable === '률') && prev !== undefined) {
    const p = prev.charCodeAt(0) - SYLLABLE_BASE;
    if (p >= 0 && p <= 11171 && (p % 28 === 0 || p % 28 === 4)) return compose(IEUNG, vowel, final);
  }
  return syllable;
}

/**
 * The Hangul readings of one run of Han characters (and Hangul), words apart; none when a character has no reading.
 * Words typed apart are read surname first (金 正恩) and also given name first (正恩 金: a form's given names and
 * surname, as intake joins them), the two orders' readings taken in turn.
 */
function runReadings(run: string): string[] {
  const typedWords = run.split(WORD_GAP).filter(Boolean);
  const chars = typedWords.flatMap((w) => [...w]);
  if (chars.length < MIN_SYLLABLES || chars.length > MAX_SYLLABLES || !chars.some((c) => HAN.test(c))) return [];
  if (typedWords.length === 1) {
    // One word: a surname (of two characters if it is a compound one) and a given name.
    const cut = COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) && chars.length > 2 ? 2 : 1;
    return orderReadings([chars.slice(0, cut), chars.slice(cut)]);
  }
  const words = typedWords.map((w) => [...w]);
  const surnameFirst = orderReadings(words);
  const givenFirst = orderReadings([words[words.length - 1]!, ...words.slice(0, -1)]);
  const out: string[] = [];
  for (let i = 0; i < Math.max(surnameFirst.length, givenFirst.length); i++) out.push(...[surnameFirst[i], givenFirst[i]].filter((r) => r !== undefined));
  return out;
}

/**
 * The readings of a name's words, the first the surname (unless `surname` is false: words of a name whose surname is
 * typed in Latin letters): North form and South form of each likeliest combination.
 */
function orderReadings(words: readonly string[][], surname = true): string[] {
  const choices: Ranked[][] = [];
  for (const [w, word] of words.entries())
    for (const [i, ch] of word.entries()) {
      const cp = ch.codePointAt(0)!;
      if (!inHanjaBlocks(cp)) {
        choices.push([[ch, 0]]);
        continue;
      }
      const read = hanjaSyllable(cp);
      if (read === undefined) return [];
      // A surname read as surnames are: 金 is 김 there, never 금.
      const asSurname = surname && w === 0 && i === 0 ? SURNAME_READINGS[ch] : undefined;
      const all = asSurname ? [asSurname] : [...new Set([read, ...(MORE_READINGS[ch] ?? '')])];
      choices.push(all.map((r, rank): Ranked => [r, rank]));
    }
  const starts = new Set<number>();
  words.reduce((at, word) => (starts.add(at), at + word.length), 0);
  const out = new Set<string>();
  for (const [combination] of combine(choices, '').slice(0, MAX_COMBINATIONS)) {
    const syllables = [...combination];
    const south = syllables.map((s, i) => southernForm(s, starts.has(i), syllables[i - 1]));
    for (const form of [syllables, south]) {
      let at = 0;
      out.add(words.map((word) => form.slice(at, (at += word.length)).join('')).join(' '));
    }
  }
  return [...out];
}

/**
 * The Hangul readings of the Han characters in a name (金正恩: 김 정은), likeliest first, at most MAX_READINGS; none
 * for a name without Han characters, with kana, or whose run of Han characters (and Hangul) is not two to four
 * syllables. A field that holds the name beside another spelling (Jin Zhengen (金正恩)) is read at its run.
 */
export function hanjaKoreanReadings(name: string): string[] {
  if (!HAN.test(name)) return [];
  // Hangul typed as loose jamo beside the Han characters (金ㅈㅓㅇㅇㅡㄴ) put back into syllables first, as the fold does;
  // a title or honorific after the name left out, as the fold leaves out a Hangul one. (Characters that render as
  // nothing are gone already: other-readings.ts reads every script's name without them.)
  const text = assembleJamo(name.normalize('NFKC')).replace(TITLE_AFTER_NAME, '').replace(PUNCTUATION_BETWEEN, ' ');
  if (KANA.test(text)) return [];
  const runs = text.match(RUN) ?? [];
  // Latin words beside the Han ones read first: there the run is a part of the name, not all of it.
  const out = new Set<string>(mixedReadings(text, runs));
  for (const run of runs) for (const reading of runReadings(run)) out.add(reading);
  return [...out].slice(0, MAX_READINGS);
}

/**
 * Titles and honorifics after a name in Han characters (金正恩 同志, 金正恩同志, 金正恩동지, 金正恩様, 金正恩さん, 金正恩 先生): each
 * screened clear with the listed birth date (adversarial pass, December 2026), the run too long for a name or, with
 * kana, taken for a Japanese one. Left out after two Han characters at least; ones that end ordinary given names
 * (君) are not on the list.
 */
const TITLES = [
  ...['同志', '同務', '同务', '先生', '老師', '老师', '女士', '小姐', '委員長', '委员长', '副部長', '副部长', '部長', '部长', '元帥', '元帅', '將軍', '将军'],
  ...['總書記', '总书记', '總秘書', '总秘书', '首領', '首领', '閣下', '阁下', '樣', '様', '氏'],
  ...['동지께서', '동지', '동무', '선생님', '선생', '위원장님', '위원장', '부부장', '원수님', '장군님', '씨', '님'],
  ...['さん', 'さま', 'くん', 'ちゃん', 'どの'],
].sort((a, b) => b.length - a.length);
const TITLE_AFTER_NAME = new RegExp(String.raw`(?<=[\u4e00-\u9fff\uf900-\ufaff]{2})[\s\u00b7\u30fb\u3000]*(?:${TITLES.join('|')})(?=[\s,.)]|$)`, 'gu');

/**
 * Punctuation between Han characters or Hangul (金, 正恩 as the lists write SURNAME, Given; 金-正恩, 金/正恩, (金)正恩):
 * each screened clear with the listed birth date (adversarial pass, December 2026), read as two names of one and two
 * characters. Read as a space between words.
 */
const PUNCTUATION_BETWEEN = /(?<=[\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3])[\s,、/\-‐‑–—._()]+(?=[\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3])/gu;

/** A word of Latin letters (marks and apostrophes in it too): a name's part typed in the Latin alphabet. */
const LATIN_WORD = /\p{Script=Latin}{2,}/u;
/** The most Han characters a part of a mixed name holds: a given name of two, or a surname and one. */
const MAX_MIXED_RUN = 2;

/**
 * A name whose words mix Latin letters and Han characters (Kim 正恩, Choe 龍海, Ri 秀勇, Kim 正 Un, 正恩 Kim): each
 * screened clear with the listed birth date before (adversarial pass, December 2026), the run of Han characters
 * read as the whole name (正恩 as 정 은) and the Latin words left out. Here each run of one or two characters is put
 * back in its place as Hangul (Kim 정은, Choe 룡해 and 용해), and the field is screened as a name typed so is: the
 * fold reads the Hangul words beside the Latin ones. The run's first character is read as a surname as well where it
 * is one (金 Jong Un: 김 and 금), since either part may be the Latin one. A run of three or more is a whole name beside
 * another spelling (Jin Zhengen (金正恩)), read as one above. Counted as every Hanja reading is (`hanja`: beside a
 * corroborating birth date, the whole listed name, strong only with the listed date).
 */
function mixedReadings(text: string, runs: readonly string[]): string[] {
  if (!runs.length || runs.length > 2 || !LATIN_WORD.test(text.replace(RUN, ' '))) return [];
  const pieces: string[][] = [];
  for (const run of runs) {
    const words = run
      .split(WORD_GAP)
      .filter(Boolean)
      .map((w) => [...w]);
    // A run of Hangul alone (Kim 정은 Un 恩) stays as typed.
    if (!words.flat().some((c) => HAN.test(c))) {
      pieces.push([run]);
      continue;
    }
    if (words.reduce((n, w) => n + w.length, 0) > MAX_MIXED_RUN) return [];
    const read = new Set(orderReadings(words, false));
    if (SURNAME_READINGS[words[0]![0]!]) for (const r of orderReadings(words)) read.add(r);
    if (!read.size) return [];
    pieces.push([...read]);
  }
  const out: string[] = [];
  const fill = (i: number, done: string): void => {
    if (out.length >= MAX_READINGS) return;
    if (i === runs.length) return void out.push(done.normalize('NFC'));
    const at = done.indexOf(runs[i]!);
    for (const piece of pieces[i]!) fill(i + 1, done.slice(0, at) + piece + done.slice(at + runs[i]!.length));
  };
  fill(0, text);
  // The Latin words in Chinese pinyin too (Jin 正恩, 金 Zhengen, Cui 龍海: the Mandarin of the Hanja of the other part):
  // each read as the Korean syllables it can stand for (pinyin-korean.ts), the likeliest two.
  for (const word of text.replace(RUN, ' ').match(/\p{Script=Latin}+/gu) ?? [])
    for (const korean of pinyinWordKoreanReadings(word).slice(0, 2)) for (const reading of [...out]) if (out.length < MAX_READINGS * 2) out.push(reading.replace(word, korean));
  return [...new Set(out)];
}
