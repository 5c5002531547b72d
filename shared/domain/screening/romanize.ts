import { koreanCompatible, koreanReading, type KoreanReading } from './korean';
/**
 * Romanization keys: a coarse phonetic key per token so that the usual transliterations of one Korean,
 * Chinese or Russian name collapse to one key. Two tokens with the same key score just below an exact
 * match. The rules are deliberately coarse: the key only brings candidates together; the scorer still
 * prefers exact spellings.
 */

// Whole-token equivalences for Korean surnames and a few syllables whose variants no general rule can
// relate (Lee/Ri/Yi, Park/Pak/Bak, Oh/O, Lim/Im/Rim, Noh/Ro...). Value is the canonical spelling.
// A Map, not an object: looking a freshly sliced string up as an object key interns it first, which cost more than
// the lookup in candidate generation's loops (screening benchmark, December 2026).
const WHOLE_TOKEN = new Map<string, string>();
function group(canonical: string, ...variants: string[]): void {
  for (const v of variants) WHOLE_TOKEN.set(v, canonical);
  WHOLE_TOKEN.set(canonical, canonical);
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
group('u', 'woo'); // not Wu (Chinese) nor Oo (Burmese): different names
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
// Arabic and Persian names in their usual English spellings, which no letter rule relates (Qasem / Kassem,
// Husayn / Hussein): each screened clear against the listed spelling before (adversarial pass).
group('husayn', 'hussein', 'husain', 'hussain', 'husein', 'hosein', 'hossein', 'hosain', 'hussin', 'husseyn');
group('hasan', 'hassan', 'hasson', 'hassen');
group('qasim', 'qasem', 'qassem', 'kassem', 'kasem', 'ghasem', 'kasim', 'qassim', 'kassim', 'gasem');
group('soleimani', 'suleimani', 'sulaimani', 'soleymani', 'suleymani', 'solaimani', 'sulaymani');
group('usama', 'osama', 'ousama', 'oussama', 'usamah', 'osamah');
group('umar', 'omar', 'omer', 'umer');
group('yusuf', 'yousef', 'youssef', 'yousif', 'yusef', 'yousuf', 'yussuf');
group('abdul', 'abdel', 'abdal', 'abdoul');
group('abdullah', 'abdulla', 'abdallah', 'abdellah');
group('said', 'saeed', 'saied', 'sayed', 'sayyid', 'saiid');
// Words of company names and their usual abbreviations ("Korea Mining Dev. Trading Corp", "Network Tech"):
// the abbreviated listed front company screened clear before.
group('development', 'dev', 'devt', 'dvlpt');
group('technology', 'technologies', 'tech', 'techn', 'technol');
group('manufacturing', 'mfg', 'manuf');
group('investment', 'investments', 'invest', 'inv');
group('association', 'associated', 'assn', 'assoc');
group('industrial', 'industries', 'industry', 'ind', 'indus');
group('enterprise', 'enterprises', 'ent', 'entp');
group('international', 'intl', 'internat');
group('trading', 'trdg', 'trade');
group('group', 'grp');
group('corporation', 'corp', 'corpn');
group('company', 'co', 'comp', 'cie');
group('limited', 'ltd');
group('bank', 'bk', 'bnk');
group('banking', 'bkg');
group('commercial', 'comm', 'coml', 'cml');
group('national', 'natl');
group('general', 'genl');
group('management', 'mgmt', 'mgt');
group('shipping', 'shpg', 'shpng');
group('insurance', 'insur');

// Letter clusters and their canonical form, applied in one left-to-right pass (list load builds keys for
// every listed token and joined pair; one regex pass instead of dozens keeps that well under a second).
// Longer clusters come first in the alternation so "shch" wins over "sh"+"ch".
const CLUSTERS: Record<string, string> = {
  shch: 'sh', // Russian щ
  sch: 'sh', // German-style transliteration of ш
  tch: 'j',
  dzh: 'j', // Russian дж
  eung: 'onk', // (g as k, like every other g) Korean -eung / -ung / -ong (승, 성)
  ien: 'ian', // Wade-Giles -ien = pinyin -ian
  dj: 'j',
  kh: 'h', // Russian х: Khodorkovsky / Hodorkovsky
  zh: 'j', // Russian ж, pinyin zh (Zhang / Jang)
  ch: 'j', // McCune-Reischauer ch = Revised j; Wade-Giles ch = pinyin zh/j
  hs: 's', // Wade-Giles hs = pinyin x (Hsu / Xu)
  ts: 'z', // Wade-Giles ts/tz = pinyin z/c; Russian ц as ts/tz
  tz: 'z',
  ph: 'f',
  eo: 'o', // Korean ㅓ: Cheol / Chol, Jeong / Jong
  eu: 'u', // Korean ㅡ: Seung / Sung
  oo: 'u',
  ee: 'i',
  iy: 'i', // Russian -ий as -iy / -y / -i
  ung: 'onk', // Wade-Giles -ung = pinyin -ong
  ck: 'k',
  x: 's',
  q: 'j', // pinyin q = Wade-Giles ch'
  y: 'i',
  g: 'k', // Korean unaspirated stops are written either way: Gwang / Kwang, Gim / Kim
  d: 't', // Deng / Teng, Dong / Tong
  b: 'p', // Bak / Pak, Byon / Pyon
  w: 'v', // before a vowel: Wladimir / Vladimir
  c: 'k', // before a, o, u
};
const ONE_PASS = /shch|sch|tch|dzh|eung|ien|dj|kh|zh|ch|hs|ts|tz|ph|eo|eu|oo|ee|iy|ung|ck|x|q|y|g|d|b|w(?=[aeiou])|c(?=[aou])/g;
const replaceCluster = (m: string): string => CLUSTERS[m] ?? m;

function applyRules(token: string): string {
  // Yevgeniy / Evgeniy, Yelena / Elena: an initial "ye" is just "e".
  let k = token.startsWith('ye') ? token.slice(1) : token;
  k = k.replace(ONE_PASS, replaceCluster);
  k = k.replace(/(.)\1+/g, '$1'); // doubled letters: Mohammed / Mohamed, Petroff / Petrof
  if (k.endsWith('w'))
    k = `${k.slice(0, -1)}v`; // Iwanow / Ivanov
  else if (k.endsWith('of'))
    k = `${k.slice(0, -1)}v`; // Petroff / Petrov
  else if (k.endsWith('ih')) k = k.slice(0, -1); // Wade-Giles Shih = pinyin Shi
  if (k.length > 1 && k.endsWith('h')) k = k.slice(0, -1); // final h: Oh / O, Shah / Sha
  return k;
}

const keyCache = new Map<string, string>();

/** The romanization key of one folded token (lowercase ASCII). */
export function romanizationKey(token: string): string {
  const cached = keyCache.get(token);
  if (cached !== undefined) return cached;
  let key = WHOLE_TOKEN.get(token) ?? token;
  if (key.length > 1) key = applyRules(key);
  // Keep the cache bounded: the list has tens of thousands of distinct tokens, queries add a few each.
  if (keyCache.size > 200_000) keyCache.clear();
  keyCache.set(token, key);
  return key;
}

/**
 * Same key without the cache: for one-off strings (joined pairs at index build) whose insertion into the
 * cache would cost more than computing them.
 */
export function romanizationKeyUncached(token: string): string {
  const key = WHOLE_TOKEN.get(token) ?? token;
  return key.length > 1 ? applyRules(key) : key;
}

/**
 * The Korean syllable reading of a folded token (korean.ts), after the customary surname spellings
 * (Lee/Yi/Rhee -> Ri, Park -> Pak) are mapped; undefined when the token is not Korean-shaped.
 */
export function koreanReadingOf(token: string): KoreanReading | undefined {
  // One lookup per token: candidate generation asks this of every half of every split of a query token.
  const hit = readingCache.get(token);
  if (hit !== undefined) return hit ?? undefined;
  const reading = koreanReading(WHOLE_TOKEN.get(token) ?? token);
  if (readingCache.size > 100_000) readingCache.clear();
  readingCache.set(token, reading ?? null);
  return reading;
}
const readingCache = new Map<string, KoreanReading | null>();

/** True when two folded tokens can be romanizations of the same Korean syllables. */
export function sameKorean(a: string, b: string): boolean {
  const ra = koreanReadingOf(a);
  if (!ra) return false;
  const rb = koreanReadingOf(b);
  return rb !== undefined && koreanCompatible(ra, rb);
}
