import { describe, expect, it } from 'vitest';
import { foldText } from '../../shared/domain/screening/normalize-name';
import { inspectName, unicodeSkeleton } from '../../shared/domain/screening/unicode-fold';
import { romanizeHangul } from '../../shared/domain/screening/hangul';

describe('Unicode fold (one normalization for the index and every query)', () => {
  it.each([
    ['Kim Y\u043eng Ch\u043el', 'kim yong chol'], // Cyrillic о
    ['Kim Y\u03bfng Ch\u03bfl', 'kim yong chol'], // Greek ο
    ['Kim Y\u0585ng Chol', 'kim yong chol'], // Armenian օ
    ['\u039a\u0399\u039c YONG', 'kim yong'], // Greek capitals
    ['\u041a\u0406\u041c', 'kim'], // Cyrillic capitals only: a whole-script look-alike
    ['Kim Y\u200bong\u200c Ch\u200dol\u2060', 'kim yong chol'], // zero-width space, non-joiner, joiner, word joiner
    ['Kim\u2063Yong', 'kimyong'], // invisible separator
    ['Kim\u3164Yong\u3164Chol', 'kim yong chol'], // Hangul filler read as a space
    ['Kim\u115fYong\u1160Chol\uffa0Nam', 'kim yong chol nam'],
    ['Ｋｉｍ　Ｙｏｎｇ', 'kim yong'], // full-width letters and ideographic space
    ['𝐊𝐢𝐦 𝒀𝒐𝒏𝒈', 'kim yong'], // mathematical letters
    ['Kim Yo\u0301\u0308ng', 'kim yong'], // combining marks
    ['Kim Y\u00adong', 'kim yong'], // soft hyphen
    ['\u202eKim Yong', 'kim yong'], // bidi override
    ['김영철', 'gim yeong cheol'], // Hangul romanized
    ['Иван Петров', 'иван петров'], // a genuine Cyrillic name stays Cyrillic
  ])('%j folds to %j', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  it('leaves plain ASCII names as they were', () => {
    expect(foldText('KIM, Yong-Chol')).toBe('kim yong chol');
    expect(unicodeSkeleton('Kim Yong Chol')).toBe('Kim Yong Chol');
  });

  it('romanizes Hangul syllable by syllable', () => {
    expect(romanizeHangul('리룡남')).toBe('ri ryong nam');
    expect(romanizeHangul('박 철수')).toBe('bak cheol su');
  });
});

describe('disguised names', () => {
  it('reports look-alike letters among Latin ones, with code points, and shows them', () => {
    const seen = inspectName('Kim Y\u043eng Ch\u043el');
    expect(seen.mixedScript).toBe(true);
    expect(seen.suspects.map((s) => [s.codePoint, s.kind, s.imitates])).toEqual([
      ['U+043E', 'look-alike', 'o'],
      ['U+043E', 'look-alike', 'o'],
    ]);
    expect(seen.visible).toBe('Kim Y<U+043E>ng Ch<U+043E>l');
  });

  it('reports invisible characters', () => {
    const seen = inspectName('Kim Y\u200bong\u3164Chol');
    expect(seen.suspects.map((s) => s.codePoint)).toEqual(['U+200B', 'U+3164']);
    expect(seen.visible).toBe('Kim Y<U+200B>ong<U+3164>Chol');
  });

  it('does not report a name wholly in another script, diacritics or full-width typing', () => {
    for (const n of ['Иван Петров', '김영철', 'José Müller-Schmidt', 'Ｋｉｍ Ｙｏｎｇ', 'Nguyễn Văn An']) expect(inspectName(n).suspects, n).toEqual([]);
  });
});
