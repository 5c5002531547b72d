import { nameTokens } from './normalize-name';
import { romanizationKey } from './romanize';

/**
 * Tokens that carry little identity: legal forms, articles and name particles. They are kept for scoring
 * at a low weight but never make a candidate on their own (otherwise "AL" or "LIMITED" would pull in
 * thousands of entries).
 */
export const WEAK_TOKENS: ReadonlySet<string> = new Set([
  'al',
  'el',
  'bin',
  'ibn',
  'bint',
  'abu',
  'abd',
  'de',
  'del',
  'della',
  'da',
  'das',
  'do',
  'dos',
  'du',
  'la',
  'le',
  'van',
  'von',
  'der',
  'den',
  'y',
  'e',
  'mr',
  'mrs',
  'ms',
  'dr',
  // Titles and generational suffixes ("Kim Yong Chol Jr", "Prof. ...") are not the name.
  'miss',
  'mx',
  'sir',
  'prof',
  'phd',
  'esq',
  'jr',
  'sr',
  'ii',
  'iii',
  'iv',
  // Titles, ranks, honorifics and degrees, in the languages applicants write them: "Comrade Kim Yong Chol",
  // "Chairman Kim Jong Un", "Kim Yong Chol ssi" kept a listed person below strong with the listed birth date
  // (tenth session's pass). Not the titles that are names too: He and Hon (Chinese), Eng (Hokkien), Gen
  // (Japanese), Maj (Polish), Nim (Khmer), Md (Bangladeshi papers' Muhammad).
  'comrade',
  'chairman',
  'marshal',
  'mister',
  'madam',
  'madame',
  'mme',
  'mlle',
  'herr',
  'frau',
  'monsieur',
  'senor',
  'senora',
  'sra',
  'gospodin',
  'gospozha',
  'tovarishch',
  'sheikh',
  'shaikh',
  'haji',
  'hajji',
  'rev',
  'lt',
  'col',
  'capt',
  'cpt',
  'sgt',
  'cmdr',
  'adm',
  'ambassador',
  'minister',
  'director',
  'engr',
  'dipl',
  'mba',
  'cpa',
  'ssi',
  'dongji',
  'dongmu',
  'tongji',
  'tongmu',
  'sonsaengnim',
  'seonsaengnim',
  'the',
  'of',
  'and',
  'for',
  'co',
  'company',
  'corp',
  'corporation',
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'llp',
  'plc',
  'sa',
  'sas',
  'srl',
  'gmbh',
  'ag',
  'bv',
  'nv',
  'jsc',
  'ojsc',
  'cjsc',
  'pjsc',
  'ooo',
  'oao',
  'zao',
  'ao',
  'fze',
  'fzco',
  'fzc',
  'pte',
  'pty',
  'sdn',
  'bhd',
  'group',
  // Abbreviations of the weak words above (romanize.ts reads them as the full word): weak as well, or the
  // candidate bound, which never counts a weak listed word, would drop "Mining Trdg Corp".
  'grp',
  'intl',
  'trdg',
  'genl',
  'trade',
  'corpn',
  'comp',
  'cie',
  'internat',
  'ent',
  'entp',
  'ind',
  'indus',
  'industry',
  'holding',
  'holdings',
  'international',
  'trading',
  'general',
  'enterprise',
  'enterprises',
  'industrial',
  'industries',
  'joint',
  'stock',
  'de',
  'cv',
  'ltda',
]);

export interface TokenizedName {
  raw: string[];
  keys: string[];
  weak: boolean[];
  /** Keys of adjacent tokens joined, filled lazily by the scorer and then reused (derived data only). */
  pairKeys?: string[];
}

/** Fold, split and key a name once; both the index and queries use this. */
export function tokenizeName(name: string): TokenizedName {
  return tokenizeWords(nameTokens(name));
}

/** tokenizeName of a name already folded and split (nameTokens), for a caller that needs the words too. */
export function tokenizeWords(words: readonly string[]): TokenizedName {
  // A weak word said twice counts once, and past 12 words the weak ones go first: padding a name with
  // filler words ("al al al ... Kim Yong Chol") neither dilutes its score nor pushes it past the cut.
  // Strong words may repeat: Maung Maung, Barrera Barrera, Muhammed bin Muhammed are names.
  let raw = words.filter((t, i, all) => !WEAK_TOKENS.has(t) || all.indexOf(t) === i);
  if (raw.length > 12) raw = raw.filter((t) => !WEAK_TOKENS.has(t));
  raw = raw.slice(0, 12);
  return {
    raw,
    keys: raw.map(romanizationKey),
    // A number ("Kim Yong Chol 2", "2nd") is no part of a person's name: weak, like a title.
    weak: raw.map((t) => WEAK_TOKENS.has(t) || /^[0-9]+(?:st|nd|rd|th)?$/.test(t)),
  };
}

/** All single-character deletions of a key: the SymSpell trick for one-edit lookups without a scan. */
export function deletions(key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < key.length; i++) {
    const d = key.slice(0, i) + key.slice(i + 1);
    if (out[out.length - 1] !== d) out.push(d);
  }
  return out;
}

/**
 * Minimum token length for typo tolerance. Shorter tokens must match by spelling or key: one letter
 * apart, "Kim"/"Kin", "Yang"/"Wang", "Dung"/"Deng" are different names, not typos.
 */
export const TYPO_MIN_LENGTH = 5;
