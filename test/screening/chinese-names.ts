import { rng } from './labelled-set';

/**
 * Ordinary Chinese names in Han characters, to measure how often an innocent Chinese applicant would be flagged
 * once names in Hanja are read as Korean (hanja-korean.ts). Hand-written from general knowledge: the commonest
 * surnames of mainland China and Taiwan, and characters common in given names, in simplified and traditional
 * forms. Many are Korean name characters too (金 李 朴 崔, 英 哲 正 明): that is the point.
 */
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
  ...'王李張劉陳楊黃趙吳周徐孫馬朱胡郭何高林羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭田董袁潘蔣蔡葉蘇魏呂盧鍾譚陸嚴',
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欣佳怡晨阳博文轩然雪婷慧琳颖',
  ...'志国建新海波东峰成荣春金正哲恩永日光世善美淑贞顺德仁义忠孝安泰福寿学云天明亮青松竹梅菊莲凤鸣飞翔振兴家庆宏伟立坤鑫森',
  ...'偉麗靜強軍豔傑濤蘭鵬輝斌軒雪婷慧國東峯榮鳳鳴飛興慶宏立',
];

export interface ChineseApplicant {
  name: string;
  dob: string;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const pad = (n: number): string => String(n).padStart(2, '0');

/** `count` Chinese names (a surname and one or two given-name characters), each with a birth date from 1945 to 2005. */
export function chineseApplicants(count: number, seed = 8_2026): ChineseApplicant[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => {
    const given = r() < 0.35 ? pick(r, GIVEN) : pick(r, GIVEN) + pick(r, GIVEN);
    const dob = `${1945 + Math.floor(r() * 61)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
    return { name: pick(r, SURNAMES) + given, dob };
  });
}

/** Japanese names in kanji (family name first), which read as Korean syllables as readily. */
export const JAPANESE_NAMES = ['山田太郎', '田中角栄', '鈴木一郎', '佐藤健', '高橋陽子', '金田一郎', '林真理子', '中村正人', '小林英哲', '松本清張', '安倍晋三', '岸田文雄'];
