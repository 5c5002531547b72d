import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { nameTokens } from '../../shared/domain/screening/normalize-name';
import type { ScreeningQuery } from '../../shared/domain/screening/query';
import { rng } from './labelled-set';

/**
 * A labelled set of Korean romanization variants, built from the romanization systems' own tables and not
 * from the matcher's: each listed DPRK name is read back into Hangul syllables (every syllable whose DPRK
 * spelling is the listed one), and written again in Revised Romanization, McCune-Reischauer with breves
 * and apostrophes, or the spellings South Korean passports use, as separate syllables, hyphenated or
 * joined, family name first or last.
 */

// Jamo in Unicode order.
const DPRK = {
  initials: ['k', 'kk', 'n', 't', 'tt', 'r', 'm', 'p', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'kh', 'th', 'ph', 'h'],
  vowels: ['a', 'ae', 'ya', 'yae', 'o', 'e', 'yo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'u', 'ui', 'i'],
};
const RR = {
  initials: ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'],
  vowels: ['a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'eu', 'ui', 'i'],
};
const MR = {
  initials: ['k', 'kk', 'n', 't', 'tt', 'r', 'm', 'p', 'pp', 's', 'ss', '', 'ch', 'tch', "ch'", "k'", "t'", "p'", 'h'],
  vowels: ['a', 'ae', 'ya', 'yae', 'ŏ', 'e', 'yŏ', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wŏ', 'we', 'wi', 'yu', 'ŭ', 'ŭi', 'i'],
};
// Finals by index (28 written finals -> the sound written at the end of a syllable).
const FINALS = ['', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't', 't', 'k', 't', 'p', 't'];
// Finals names actually use; the rest only multiply readings.
const NAME_FINALS = new Set([0, 1, 4, 8, 16, 17, 21]);

interface Syllable {
  i: number;
  v: number;
  f: number;
}

const Y_VOWELS = new Set([2, 3, 6, 7, 12, 17, 20]);

/** South Korean initial-sound rule: word-initial ㄹ reads ㅇ before i/y and ㄴ elsewhere; ㄴ reads ㅇ before i/y. */
function southInitial(s: Syllable): Syllable {
  if (s.i === 5) return { ...s, i: Y_VOWELS.has(s.v) ? 11 : 2 };
  if (s.i === 2 && Y_VOWELS.has(s.v)) return { ...s, i: 11 };
  return s;
}

const spell = (t: { initials: string[]; vowels: string[] }, s: Syllable): string => t.initials[s.i]! + t.vowels[s.v]! + FINALS[s.f]!;

/** Spellings passports and résumés use for common syllables (else Revised Romanization). */
function passport(s: Syllable): string {
  const rr = spell(RR, s);
  return rr
    .replace(/^(.*)eong$/, (_, a: string) => (a === '' ? 'ung' : `${a}ung`)) // 성 Sung, 정 Jung
    .replace(/^(.*)yeong$/, (_, a: string) => `${a}young`) // 영 Young, 경 Kyoung
    .replace(/yeon$/, 'yun') // 현 Hyun
    .replace(/eol$/, 'ul') // 철 Chul
    .replace(/^(h|)ui$/, '$1ee') // 희 Hee
    .replace(/^([sjw]|ch|)u$/, (_, a: string) => `${a === '' ? 'w' : a}oo`) // 수 Soo, 주 Joo, 우 Woo
    .replace(/^gy/, 'ky')
    .replace(/^g(?=[aeiouw])/, 'k');
}

/** Customary surname spellings by Hangul syllable. */
const SURNAMES: Record<string, string[]> = {
  리: ['Lee', 'Yi', 'Rhee', 'I'],
  이: ['Lee', 'Yi', 'Rhee'],
  박: ['Park', 'Bak'],
  최: ['Choi', 'Choe'],
  정: ['Jung', 'Jeong', 'Chung'],
  류: ['Ryu', 'Yoo', 'Yu'],
  유: ['Yoo', 'Yu'],
  림: ['Lim', 'Im', 'Rim'],
  임: ['Lim', 'Im'],
  오: ['Oh', 'O'],
  로: ['Roh', 'No', 'Noh'],
  노: ['Roh', 'Noh'],
  김: ['Kim', 'Gim'],
  조: ['Cho', 'Jo'],
  윤: ['Yoon', 'Yun'],
  장: ['Jang', 'Chang'],
  신: ['Shin', 'Sin'],
  전: ['Jeon', 'Chun'],
  강: ['Kang', 'Gang'],
  한: ['Han'],
  황: ['Hwang'],
  홍: ['Hong'],
  현: ['Hyun', 'Hyeon'],
  백: ['Baek', 'Paek'],
  문: ['Moon', 'Mun'],
  안: ['Ahn', 'An'],
  방: ['Bang', 'Pang'],
  주: ['Joo', 'Ju'],
  차: ['Cha'],
  허: ['Heo', 'Hur'],
};

const syllableChar = (s: Syllable): string => String.fromCodePoint(0xac00 + s.i * 588 + s.v * 28 + s.f);

// DPRK spelling -> the syllables it writes.
const READINGS = new Map<string, Syllable[]>();
for (let i = 0; i < 19; i++)
  for (let v = 0; v < 21; v++)
    for (const f of NAME_FINALS) {
      const s = { i, v, f };
      const k = spell(DPRK, s);
      const list = READINGS.get(k) ?? [];
      list.push(s);
      READINGS.set(k, list);
    }

/** A listed token as Hangul syllables (fewest syllables), or undefined when it is not DPRK romanization. */
function readToken(token: string, r: () => number): Syllable[] | undefined {
  const n = token.length;
  const best: (string[] | null)[] = new Array<string[] | null>(n + 1).fill(null);
  best[n] = [];
  for (let p = n - 1; p >= 0; p--)
    for (let l = 1; l <= 6 && p + l <= n; l++) {
      const rest = best[p + l];
      if (!READINGS.has(token.slice(p, p + l)) || !rest) continue;
      const cand = [token.slice(p, p + l), ...rest];
      if (!best[p] || cand.length < best[p]!.length) best[p] = cand;
    }
  const parts = best[0];
  if (!parts || parts.length === 0 || parts.length > 3) return undefined;
  return parts.map((p) => {
    const options = READINGS.get(p)!;
    return options[Math.floor(r() * options.length)]!;
  });
}

export type KoreanSystem = 'rr' | 'mr' | 'passport';

export interface KoreanVariant {
  system: KoreanSystem;
  query: ScreeningQuery;
  expected: string;
  listedName: string;
  listedDob?: string;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Write a name (family syllables, given names as syllable lists) in one system. */
function write(family: Syllable[], given: Syllable[][], system: KoreanSystem, r: () => number): string {
  const sys = (s: Syllable, first: boolean): string => {
    const x = first && system !== 'mr' ? southInitial(s) : s;
    return system === 'rr' ? spell(RR, x) : system === 'mr' ? spell(MR, x) : passport(x);
  };
  const fam = family.map(syllableChar).join('');
  const customary = system !== 'mr' ? SURNAMES[fam] : undefined;
  const familyText = customary ? customary[Math.floor(r() * customary.length)]! : cap(family.map((s, i) => sys(s, i === 0)).join(''));
  const joinStyle = r();
  const givenText = given.map((syls) => {
    const parts = syls.map((s, i) => sys(s, i === 0));
    // Given names of two syllables: hyphenated (RR's own recommendation), joined, or as two words.
    return joinStyle < 0.4 ? cap(parts.join('-')) : joinStyle < 0.7 ? cap(parts.join('')) : parts.map(cap).join(' ');
  });
  return r() < 0.5 ? `${familyText} ${givenText.join(' ')}` : `${givenText.join(' ')} ${familyText}`;
}

/** Korean romanization variants of DPRK-listed persons, deterministic for a list and seed. */
export function buildKoreanVariants(index: ScreeningIndex, count = 300, seed = 20261206): KoreanVariant[] {
  const r = rng(seed);
  const out: KoreanVariant[] = [];
  const dprk = index.entries.filter(
    (e) => e.type === 'person' && e.programs.some((p) => /DPRK|NPWMD/.test(p)) && (e.nationalities.includes('KP') || e.source === 'un' || /DPRK/.test(e.programs.join())),
  );
  const systems: KoreanSystem[] = ['rr', 'mr', 'passport'];
  for (let attempt = 0; out.length < count && attempt < count * 20; attempt++) {
    const e = dprk[Math.floor(r() * dprk.length)]!;
    // Family name: before the comma (OFAC) or the first word (UN writes family name first for Koreans).
    const comma = e.primaryName.indexOf(',');
    const familyTokens = comma > 0 ? nameTokens(e.primaryName.slice(0, comma)) : nameTokens(e.primaryName).slice(0, 1);
    const givenTokens = comma > 0 ? nameTokens(e.primaryName.slice(comma + 1)) : nameTokens(e.primaryName).slice(1);
    if (familyTokens.length !== 1 || givenTokens.length === 0 || givenTokens.length > 2) continue;
    const family = readToken(familyTokens[0]!, r);
    if (!family || family.length !== 1) continue;
    const givenRead =
      givenTokens.length === 1 ? readToken(givenTokens[0]!, r) : givenTokens.map((t) => readToken(t, r)).every((x) => x?.length === 1) ? givenTokens.map((t) => readToken(t, r)![0]!) : undefined;
    if (!givenRead || givenRead.length < 1 || givenRead.length > 2) continue;
    const system = systems[out.length % systems.length]!;
    const name = write(family, [givenRead], system, r);
    const exact = e.dobs.find((d) => d.kind === 'exact');
    out.push({
      system,
      query: { name, type: 'person' },
      expected: `${e.source}:${e.sourceId}`,
      listedName: e.primaryName,
      ...(exact && exact.kind === 'exact' ? { listedDob: exact.date } : {}),
    });
  }
  return out;
}
