/**
 * Romanization keys: a coarse phonetic key per token so that the usual transliterations of one Korean,
 * Chinese or Russian name collapse to one key. Two tokens with the same key score just below an exact
 * match. The rules are deliberately coarse: the key only brings candidates together; the scorer still
 * prefers exact spellings.
 */

// Whole-token equivalences for Korean surnames and a few syllables whose variants no general rule can
// relate (Lee/Ri/Yi, Park/Pak/Bak, Oh/O, Lim/Im/Rim, Noh/Ro...). Value is the canonical spelling.
const WHOLE_TOKEN: Record<string, string> = {};
function group(canonical: string, ...variants: string[]): void {
  for (const v of variants) WHOLE_TOKEN[v] = canonical;
  WHOLE_TOKEN[canonical] = canonical;
}
group('ri', 'lee', 'li', 'yi', 'rhee', 'rhie', 'ree', 'rey', 'i', 'ryi', 'leigh');
group('pak', 'park', 'bak', 'bahk', 'pack', 'bark', 'paak');
group('kim', 'gim', 'kym');
group('choe', 'choi', 'chwe', 'choy', 'choii', 'chey');
group('o', 'oh', 'oe', 'ou');
group('rim', 'lim', 'im', 'yim', 'leem');
group('ro', 'roh', 'no', 'noh', 'rho');
group('ryu', 'yu', 'yoo', 'ryoo', 'you', 'lyu');
group('paek', 'paik', 'baek', 'baik', 'back', 'paeg');
group('sin', 'shin', 'sheen');
group('jon', 'jeon', 'chon', 'cheon', 'chun', 'jeun');
group('kwon', 'gwon', 'kwan');
group('ko', 'go', 'koh', 'goh');
group('jo', 'cho', 'joe', 'jho');
group('pyon', 'byun', 'byon', 'pyun', 'byeon', 'pyeon');
group('ryang', 'yang', 'lyang');
group('ra', 'na', 'rha', 'nah');
group('han', 'hahn');
group('kang', 'gang');
group('hyon', 'hyun', 'hyeon');
group('u', 'woo', 'wu', 'oo');
group('yun', 'yoon', 'youn');
group('yom', 'yeom', 'yum');
group('om', 'eom', 'um');
group('so', 'seo', 'suh', 'soh');
group('chae', 'chai', 'tsai', 'cai', 'tsae');
group('jang', 'chang', 'zhang');
group('ju', 'chu', 'zhu', 'joo');
// Russian first-name forms that are the same name in different transliterations.
group('aleksandr', 'alexander', 'aleksander', 'alexandr');
group('aleksei', 'alexei', 'aleksey', 'alexey', 'alexej', 'aleksej');
group('yuri', 'yuriy', 'iouri', 'yury', 'jurij', 'juri', 'iurii', 'yurii');
group('sergei', 'sergey', 'serguei', 'sergej', 'sergiy', 'serhiy', 'serhii');
group('mikhail', 'michail', 'mihail', 'mykhailo');
group('dmitri', 'dmitriy', 'dmitry', 'dmitrii', 'dimitri', 'dmytro');
group('evgeni', 'yevgeniy', 'yevgeny', 'evgeny', 'evgenii', 'yevgenii', 'evgeniy', 'jevgenij');
group('andrei', 'andrey', 'andrii', 'andriy', 'andrej');
group('nikolai', 'nikolay', 'nicolai', 'mykola');
group('grigori', 'grigoriy', 'grigory', 'grigorii', 'hryhoriy');
group('mohammed', 'muhammad', 'mohammad', 'mohamed', 'muhammed', 'mohamad', 'mohamud', 'muhamad', 'mehmet', 'mohd');

// Ordered substitutions on a folded token. Order matters: longer clusters before their parts.
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/shch/g, 'sh'], // Russian щ
  [/sch/g, 'sh'], // German-style transliteration of ш
  [/tch/g, 'ch'],
  [/dzh/g, 'j'], // Russian дж
  [/dj/g, 'j'],
  [/^ye/, 'e'], // Yevgeniy / Evgeniy, Yelena / Elena
  [/^ya/, 'ia'], // Yakov / Iakov
  [/^yu/, 'iu'], // Yuri / Iuri
  [/kh/g, 'h'], // Russian х: Khodorkovsky / Hodorkovsky
  [/zh/g, 'j'], // Russian ж, pinyin zh (Zhang / Jang)
  [/ch/g, 'j'], // McCune-Reischauer ch = Revised j; Wade-Giles ch = pinyin zh/j
  [/hs/g, 's'], // Wade-Giles hs = pinyin x (Hsu / Xu)
  [/x/g, 's'],
  [/q/g, 'j'], // pinyin q = Wade-Giles ch'
  [/t[sz]/g, 'z'], // Wade-Giles ts/tz = pinyin z/c; Russian ц as ts/tz
  [/ph/g, 'f'],
  [/w(?=[aeiou])/g, 'v'], // Wladimir / Vladimir; Kwang / Kvang is harmless
  [/w$/g, 'v'], // German/Polish transliteration of Russian -ov: Iwanow / Ivanov
  [/eo/g, 'o'], // Korean ㅓ: Cheol / Chol, Jeong / Jong
  [/eu/g, 'u'], // Korean ㅡ: Seung / Sung
  [/oo/g, 'u'],
  [/ee/g, 'i'],
  [/ien/g, 'ian'], // Wade-Giles -ien = pinyin -ian
  [/ih$/g, 'i'], // Wade-Giles Shih = pinyin Shi
  [/iy/g, 'i'], // Russian -ий as -iy / -y / -i
  [/y/g, 'i'],
  [/ii/g, 'i'],
  [/ung/g, 'ong'], // Wade-Giles -ung = pinyin -ong; Korean -ung/-ong spellings of 성, 정
  [/g/g, 'k'], // Korean unaspirated stops are written either way: Gwang / Kwang, Gim / Kim
  [/d/g, 't'], // Deng / Teng, Dong / Tong
  [/b/g, 'p'], // Bak / Pak, Byon / Pyon
  [/c(?=[aou])/g, 'k'],
  [/ck/g, 'k'],
  [/off$/g, 'ov'], // Petroff / Petrov
  [/ff$/g, 'v'],
  [/(.)\1+/g, '$1'], // doubled letters: Mohammed / Mohamed
  [/h$/g, ''], // final h: Oh / O, Shah / Sha
];

const keyCache = new Map<string, string>();

/** The romanization key of one folded token (lowercase ASCII). */
export function romanizationKey(token: string): string {
  const cached = keyCache.get(token);
  if (cached !== undefined) return cached;
  let key = WHOLE_TOKEN[token] ?? token;
  if (key.length > 1) for (const [re, sub] of RULES) key = key.replace(re, sub);
  // Keep the cache bounded: the list has tens of thousands of distinct tokens, queries add a few each.
  if (keyCache.size > 200_000) keyCache.clear();
  keyCache.set(token, key);
  return key;
}
