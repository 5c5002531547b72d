/**
 * Korean names written in Chinese pinyin, read back as romanized Korean. A Korean name is written in Hanja, and
 * a Korean-Chinese passport, or a North Korean with Chinese papers, spells those characters in Mandarin: 金正恩
 * (Kim Jong Un) is Jin Zhengen, 金英哲 (Kim Yong Chol) Jin Yingzhe, 朴 (Pak) Piao, 崔 (Choe) Cui. No
 * romanization of Korean relates the two, and each screened clear with the listed birth date (adversarial pass,
 * December 2026).
 *
 * The table holds the Korean syllables of the names on the DPRK programmes of the lists (counted on the real
 * lists, commonest first) with the Mandarin readings of the Hanja names commonly use for each. Reversed, a pinyin
 * syllable gives the Korean syllables it can stand for; a name whose every word cuts into such syllables is read
 * as the Korean combinations, likeliest first. Chinese names are common among applicants and innocent, and
 * nearly every one of them cuts: screening counts these readings only beside a corroborating birth date, for the
 * whole listed name, and strong only with the listed date itself (screen-person.ts). Pure.
 */

import { combine, type Ranked } from './korean-syllables';

/** Korean syllable (as the lists romanize it) -> Mandarin readings of its common name Hanja, likeliest first. */
const HANJA_READINGS: Readonly<Record<string, string>> = {
  Kim: 'jin', // 金
  Ri: 'li', // 李 利 理
  Chol: 'zhe tie che', // 哲 喆, 鐵, 徹
  Il: 'ri yi', // 日, 一 逸
  Yong: 'ying yong rong long', // 英, 永 勇 泳, 榮 容, 龍 (영 and 용)
  Song: 'cheng xing sheng song', // 成 誠, 星, 聖 盛, 松 宋
  Chun: 'chun jun', // 春, 俊 (춘, 준)
  Pak: 'piao pu', // 朴
  Ho: 'hao hu xu', // 浩 昊 好, 虎 湖, 許
  Su: 'xiu zhu shou', // 秀, 洙, 壽 守
  Choe: 'cui', // 崔
  Nam: 'nan', // 南 男
  Jong: 'zheng zhen ding ting jing zhong zong', // 正 鄭 政, 貞, 定, 廷, 晶 靜, 鍾, 宗 (정 and 종)
  Hyok: 'he ge', // 赫 爀, 革
  Jang: 'zhang chang jiang', // 張 章, 長, 蔣
  Kang: 'jiang kang gang qiang', // 姜 江, 康, 剛, 強
  Kyong: 'jing qing jiong', // 京 景 敬, 慶 卿, 炅
  Cho: 'zhao cao', // 趙, 曺
  Jin: 'zhen jin chen', // 鎭 眞 振, 晉, 陳
  Kwang: 'guang', // 光 廣
  Chang: 'chang', // 昌
  Myong: 'ming', // 明 命
  Sok: 'xi shi shuo', // 錫, 石 奭, 碩
  Son: 'shan xuan xian sun', // 善, 宣, 先, 孫 (선, 손)
  Man: 'wan man', // 萬, 滿
  Min: 'min', // 民 敏
  Mun: 'wen', // 文
  Hyon: 'xian xuan', // 賢 顯, 鉉 玄
  Won: 'yuan', // 元 源 遠
  Tong: 'dong tong', // 東, 同
  Yon: 'yan yuan ran lian', // 延 燕, 淵, 然, 蓮
  O: 'wu', // 吳
  Hun: 'xun', // 勳 薰
  U: 'yu you', // 禹 宇, 佑 友
  Pyong: 'bing ping', // 炳 秉, 平
  Han: 'han', // 韓 漢
  Yu: 'liu yu you', // 柳 劉, 兪 裕, 有
  Sik: 'zhi shi', // 植, 式 湜
  Kil: 'ji', // 吉
  Ryong: 'long', // 龍
  Un: 'en yin yun', // 恩, 銀 殷, 雲 (은, 운)
  Ku: 'ju qiu jiu', // 具, 丘, 九
  Hwang: 'huang', // 黃
  Hong: 'hong', // 洪
  Pong: 'feng', // 奉 鳳
  Ha: 'he xia', // 河, 夏
  Hwa: 'hua he', // 華 花, 和
  Sang: 'xiang shang', // 相 祥, 尙
  Hwan: 'huan', // 煥
  Sung: 'cheng sheng', // 承, 昇 勝
  Paek: 'bai', // 白
  Jon: 'quan tian qian', // 全, 田, 錢
  Sop: 'xie', // 燮
  Chae: 'cai', // 蔡
  Kuk: 'guo', // 國
  Sam: 'san', // 三
  Kyu: 'kui gui', // 奎, 圭
  Hak: 'xue he', // 學, 鶴
  Ung: 'xiong ying', // 雄, 應
  Cha: 'che', // 車
  Hyong: 'heng jiong xiong', // 亨 衡, 炯, 兄
  Se: 'shi', // 世
  Ok: 'yu', // 玉
  So: 'su xu', // 蘇, 徐
  Tae: 'tai', // 泰 太
  Je: 'ji qi', // 濟, 齊
  Pom: 'fan', // 範
  Mu: 'wu', // 武
  Chi: 'zhi chi', // 志 智, 池
  Pil: 'bi', // 弼
  Hwi: 'hui', // 輝
  Yo: 'yu ru li', // 與 余, 汝, 麗
  Pae: 'pei', // 裵
  Ryom: 'lian', // 廉
  Hui: 'xi ji', // 熙 喜, 姬
  Kwak: 'guo', // 郭
  Tok: 'de', // 德
  Ju: 'zhou zhu', // 周, 朱
  Ja: 'zi', // 子
  Sun: 'shun chun', // 順, 淳
  Ra: 'luo', // 羅
  Ryol: 'lie', // 烈
  In: 'ren yin', // 仁, 寅
  Ki: 'ji qi', // 基, 起 奇
  Sin: 'shen xin', // 申, 信
  Thaek: 'ze', // 澤
  Hae: 'hai', // 海
  Pok: 'fu', // 福
  Chan: 'can zan', // 燦, 贊
  Kwon: 'quan', // 權
  Kon: 'jian kun', // 建, 坤
  Ryang: 'liang', // 梁
  Mi: 'mei', // 美
  Hye: 'hui', // 惠
};

/** Pinyin syllable -> the Korean syllables it can stand for, likeliest first (its place among a syllable's readings, then the table's order). */
const KOREAN_OF_PINYIN: ReadonlyMap<string, readonly Ranked[]> = (() => {
  const out = new Map<string, Ranked[]>();
  for (const [korean, readings] of Object.entries(HANJA_READINGS))
    readings.split(' ').forEach((pinyin, rank) => {
      const list = out.get(pinyin) ?? out.set(pinyin, []).get(pinyin)!;
      list.push([korean, rank]);
    });
  for (const list of out.values()) list.sort((a, b) => a[1] - b[1]);
  return out;
})();

/**
 * A name of two to four words, each one to three of the table's pinyin syllables, or the whole name as one word of
 * two to four (Jinzhengen): the cheap test (one regular expression on the name as typed, nothing split or
 * allocated) that spares every other name the cutting.
 */
const PINYIN_SYLLABLE = `(?:${[...KOREAN_OF_PINYIN.keys()].sort((a, b) => b.length - a.length).join('|')})`;
const PINYIN_WORD = `${PINYIN_SYLLABLE}{1,3}`;
const PINYIN_NAME = new RegExp(`^[\\s,]*(?:${PINYIN_WORD}(?:[\\s,'-]+${PINYIN_WORD}){1,3}|${PINYIN_SYLLABLE}{2,4})[\\s,]*$`, 'i');

const MAX_READINGS = 8;
/** The most cuts of one word looked at (zhengen is zheng-en, and zhen-gen were gen in the table). */
const MAX_CUTS = 3;

/** The ways a word cuts into the table's pinyin syllables (at most `most` of them), fewest syllables first. */
function pinyinCuts(word: string, most = 3): string[][] {
  const cuts: string[][] = [];
  const walk = (from: number, cut: string[]): void => {
    if (cuts.length >= MAX_CUTS * 4 || cut.length > most) return;
    if (from === word.length) return void cuts.push(cut);
    for (let to = Math.min(word.length, from + 6); to > from; to--) {
      const syllable = word.slice(from, to);
      if (KOREAN_OF_PINYIN.has(syllable)) walk(to, [...cut, syllable]);
    }
  };
  walk(0, []);
  return cuts.sort((a, b) => a.length - b.length).slice(0, MAX_CUTS);
}

const wordCache = new Map<string, Ranked[]>();

/**
 * The Korean readings of one pinyin word: its syllables as separate words (Zhengen is Jong Un), likeliest first.
 * Kept per word: Chinese given names repeat, and each cut is a search.
 */
function wordReadings(word: string, whole = false): Ranked[] {
  const cacheKey = whole ? `${word} whole` : word;
  const hit = wordCache.get(cacheKey);
  if (hit) return hit;
  if (wordCache.size > 20_000) wordCache.clear();
  const readings = computeWordReadings(word, whole);
  wordCache.set(cacheKey, readings);
  return readings;
}

/** `whole`: the word is the whole name (two to four syllables: a surname and a given name run together). */
function computeWordReadings(word: string, whole: boolean): Ranked[] {
  const cuts = whole ? pinyinCuts(word, 4).filter((cut) => cut.length >= 2) : pinyinCuts(word);
  return cuts.flatMap((cut, c) =>
    combine(
      cut.map((syllable) => KOREAN_OF_PINYIN.get(syllable)!),
      ' ',
    ).map(([r, rank]): Ranked => [r, rank + c]),
  );
}

/** The romanized Korean readings of one word in pinyin (Jin: Kim, Zhengen: Jong Un), likeliest first; none when it does not cut so. */
export function pinyinWordKoreanReadings(word: string): string[] {
  const plain = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return /^[a-z]+$/.test(plain) ? wordReadings(plain).map(([r]) => r) : [];
}

/**
 * The romanized Korean readings of a name in pinyin (Jin Zhengen: Kim Jong Un), for a name of two to four
 * words each of which cuts into pinyin syllables the table knows, or of one word of two to four of them
 * (Jinzhengen); none otherwise, and none that is the name as typed. At most eight, likeliest first.
 */
export function pinyinKoreanReadings(name: string): string[] {
  // Tone marks (Jīn Zhèng'ēn) and invisible characters are no part of the syllables.
  const plain = /[^\x20-\x7e]/.test(name) ? name.normalize('NFD').replace(/[\p{M}\p{Cf}]/gu, '') : name;
  if (!PINYIN_NAME.test(plain)) return [];
  const words = plain
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  const typed = words.join(' ');
  // The whole name run together (Jinzhengen) is read as its syllables, a surname and a given name.
  const lists = words.length === 1 ? [wordReadings(words[0]!, true)] : words.map((w) => wordReadings(w));
  if (lists.some((l) => l.length === 0)) return [];
  return combine(lists, ' ')
    .map(([r]) => r)
    .filter((r) => r.toLowerCase() !== typed)
    .slice(0, MAX_READINGS);
}
