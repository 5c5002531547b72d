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
    // Jamo typed one by one, put back into syllables (each screened clear before, December 2026).
    ['ㄱㅣㅁㅈㅓㅇㅇㅡㄴ', 'gim jeong eun'], // compatibility jamo
    ['ㄱㅣㅁ ㅈㅓㅇㅇㅡㄴ', 'gim jeong eun'],
    ['\uffa1\uffdc\uffb1\uffb8\uffc6\uffb7\uffb7\uffda\uffa4', 'gim jeong eun'], // half-width jamo
    ['\u1100\u1175\u1106\u110c\u1165\u110b\u110b\u1173\u1102', 'gim jeong eun'], // conjoining initials as finals
    ['김ㅈㅓㅇ은', 'gim jeong eun'], // syllables and jamo mixed
    ['ㄱㅣㅁㅇㅕㅇㅊㅓㄹ', 'gim yeong cheol'],
    ['Kim Jong\u3161Un', 'kim jong un'], // ...while a lone ㅡ between Latin letters is still a dash
    ['Иван Петров', 'ivan petrov'], // a genuine Cyrillic name is transliterated, not read as look-alikes
    ['Козлов Сергей Михайлович', 'kozlov sergey mikhaylovich'], // й, х as in the English transliteration
    ['Ким Чен Ын', 'kim chen yn'], // Ы is no disguise of "bl": the word is read in its script
    // Found by an adversarial pass: each screened clear before.
    ['K1m Y0ng Ch0l', 'kim yong chol'], // digits for letters inside a word
    ['KlM JONG UN', 'kim jong un'], // a lower-case l among capitals stands for I
    ['Kim Jong Il', 'kim jong il'], // ...but a capital and an l is a word
    ['McIntyre', 'mcintyre'], // and a capital I among lower case is a name
    ['K.i.m Yong Chol', 'kim yong chol'], // letters spelled out with dots
    ['J.R. Tolkien', 'j r tolkien'], // two initials stay apart
    ['Y.O.N.G C.H.O.L K.I.M', 'yong chol kim'], // capitals spelled out with dots
    ['Kw@ng Chun KI| JAN9', 'kwang chun kil jang'], // signs and digits for letters
    ['John Smith 3rd', 'john smith 3rd'], // an ordinal is a number
    ['\u1d0b\u026a\u1d0d \u028f\u1d0f\u0274\u0262 \u1d04\u029c\u1d0f\u029f', 'kim yong chol'], // small capitals
    ['Kim Yong Cho\u026b', 'kim yong chol'], // IPA ɫ
    ['Kim \u0237ong Un', 'kim jong un'], // dotless j
    ['Kim Yo\u014b Chol', 'kim yong chol'], // eng, the letter for "ng"
    ['Kim Yo\u03b7g Chol', 'kim yong chol'], // Greek η, not in TR39's table
    ['Kim Yo\u043fg Chol', 'kim yong chol'], // Cyrillic п, likewise
    ['Kim Y\u1946ng Chol', 'kim yong chol'], // a Limbu digit zero for o
    [
      '\u0635\u062f\u0627\u0645 \u062d\u0633\u06cc\u0646 \u0627\u0644\u062a\u06a9\u0631\u06cc\u062a\u06cc',
      '\u0635\u062f\u0627\u0645 \u062d\u0633\u064a\u0646 \u0627\u0644\u062a\u0643\u0631\u064a\u062a\u064a',
    ], // Persian yeh and kaf = Arabic ones
    ['\u0642\u0627\u0633\u0645 \u0633\u0644\u06cc\u0645\u0627\u0646\u0649', '\u0642\u0627\u0633\u0645 \u0633\u0644\u064a\u0645\u0627\u0646\u064a'], // alef maqsura for final yeh
    ['\ufeb9\ufeaa\ufe8e\ufee1', '\u0635\u062f\u0627\u0645'], // presentation forms (a PDF copy): the Arabic word, no Latin l
    ['\u0623\u062f\u0640\u064a\u0628', '\u0627\u062f\u064a\u0628'], // tatweel is decoration
    ['Ay\u015fe Y\u0131lmaz \u0141ukasz \u018aanjuma', 'ayse yilmaz lukasz danjuma'], // living orthographies fold, unflagged
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

  it('keeps Hangul and Latin letters typed against each other apart (정은Kim screened clear with the listed date)', () => {
    expect(romanizeHangul('정은Kim')).toBe('jeong eun Kim');
    expect(romanizeHangul('Kim정은')).toBe('Kim jeong eun');
    expect(romanizeHangul('정은-Kim')).toBe('jeong eun-Kim');
    expect(foldText('정은Kim')).toBe('jeong eun kim');
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
    // Russian names of letters that all have a Latin look-alike, as Russians type them (reported before, December 2026).
    for (const n of ['Анна Серова', 'Мурат Хасанов', 'Хасанов Мурат Русланович', 'Юрий Орехов']) expect(inspectName(n).suspects, n).toEqual([]);
    // ...while capitals alone still pass for Latin ones.
    expect(inspectName('\u041a\u0406\u041c').mixedScript).toBe(true);
  });

  it.each([
    ['K1m Y0ng Ch0l', 'K<U+0031>m Y<U+0030>ng Ch<U+0030>l', ['i', 'o', 'o']],
    ['KlM JONG UN', 'K<U+006C>M JONG UN', ['i']],
    ['\u1d0b\u026a\u1d0d Yong', '<U+1D0B><U+026A><U+1D0D> Yong', ['k', 'i', 'm']],
    ['Kim Yong Cho\u026b', 'Kim Yong Cho<U+026B>', ['l']],
    ['Kim Yo\u03b7g Chol', 'Kim Yo<U+03B7>g Chol', ['n']],
    ['Kim Y\u1946ng Chol', 'Kim Y<U+1946>ng Chol', [undefined]],
  ])('reports the ASCII, Latin and other-script stand-ins in %j', (name, visible, imitates) => {
    const seen = inspectName(name);
    expect(seen.visible).toBe(visible);
    expect(seen.suspects.map((s) => s.imitates)).toEqual(imitates);
    expect(seen.suspects.every((s) => s.kind === 'look-alike')).toBe(true);
  });

  it('does not report names of living orthographies, numbers or a capital I among lower case', () => {
    for (const n of ['Ayşe Yılmaz', 'Łukasz Żółć', 'Ɗanjuma Ƙabir', 'McIntyre', 'Kim Jong Il', 'Kim Yong Chol 1962', 'Əliyev', 'John Smith 3rd', '3M Korea Ltd', 'A1 Trading Co', 'Henry Ford II'])
      expect(inspectName(n).suspects, n).toEqual([]);
  });
});
