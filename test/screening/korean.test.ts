import { describe, expect, it } from 'vitest';
import { sameKorean } from '../../shared/domain/screening/romanize';
import { foldText } from '../../shared/domain/screening/normalize-name';

const same = (a: string, b: string): boolean => sameKorean(foldText(a), foldText(b));

describe('Korean syllables in any romanization', () => {
  it.each([
    // DPRK / McCune-Reischauer (breves and apostrophes folded) / Revised Romanization / passport
    ['Chol', 'Cheol'],
    ['Chol', "Ch'ŏl"],
    ['Chol', 'Chul'],
    ['Yong', 'Yeong'],
    ['Yong', 'Young'],
    ['Yong', 'Yŏng'],
    ['Ryong', 'Yong'],
    ['Kyong', 'Gyeong'],
    ['Kyong', 'Kyung'],
    ['Song', 'Seong'],
    ['Song', 'Sung'],
    ['Hui', 'Hee'],
    ['Hui', 'Heui'],
    ['Jong', 'Jeong'],
    ['Jong', 'Chong'],
    ['Jong', 'Chung'],
    ['Un', 'Eun'],
    ['Un', 'Ŭn'],
    ['Hyon', 'Hyun'],
    ['Hyon', 'Hyeon'],
    ['Thae', 'Tae'],
    ['Phyo', 'Pyo'],
    ['Kwang', 'Gwang'],
    ['Su', 'Soo'],
    ['Ju', 'Joo'],
    ['Choe', 'Choi'],
    ['Choe', 'Chwe'],
    // customary surname spellings
    ['Ri', 'Lee'],
    ['Ri', 'Yi'],
    ['Ri', 'Rhee'],
    ['Ri', 'I'],
    ['Pak', 'Park'],
    ['Pak', 'Bak'],
    ['Ryu', 'Yoo'],
    ['Ryu', 'Yu'],
    ['Rim', 'Lim'],
    ['Rim', 'Im'],
    ['O', 'Oh'],
    ['Ro', 'Roh'],
    ['Ro', 'No'],
    // given names joined, hyphenated
    ['Yongchol', 'Yeongcheol'],
    ['Kwangil', 'Gwangil'],
    ['Chunsong', 'Chunseong'],
  ])('%s and %s can be the same Korean', (a, b) => {
    expect(same(a, b)).toBe(true);
  });

  it.each([
    ['Kim', 'Kang'],
    ['Chol', 'Chon'],
    ['Yong', 'Yang'],
    ['Na', 'A'],
    ['Song', 'Sang'],
    ['Hu', 'Ho'],
    ['Yu', 'Yo'],
    ['Min', 'Kim'],
    ['Hui', 'Ha'],
    ['Nam', 'Nim'],
  ])('%s and %s cannot', (a, b) => {
    expect(same(a, b)).toBe(false);
  });

  it('reads non-Korean tokens as not Korean', () => {
    expect(sameKorean('ivanov', 'ivanof')).toBe(false);
    expect(sameKorean('zhou', 'zhou')).toBe(false); // "zh" is no Korean initial
  });
});
