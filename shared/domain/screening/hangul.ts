/**
 * Hangul to Latin, syllable by syllable, in Revised Romanization spelling (the one whose letters say the
 * most about the jamo: "eo" is only ㅓ, "eu" only ㅡ). The Korean matcher (korean.ts) relates it to the
 * DPRK, McCune-Reischauer and passport spellings the lists use. Each syllable becomes its own token, so a
 * name typed "김영철" aligns with "KIM Yong Chol" and with "Kim Yongchol" alike.
 */

const INITIALS = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'];
const VOWELS = ['a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'eu', 'ui', 'i'];
// Final consonants as pronounced at the end of a syllable (the 27 written finals reduce to 7 sounds).
const FINALS = ['', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't', 't', 'k', 't', 'p', 't'];
// Compatibility jamo typed alone (ㄱ, ㅏ): rare in names; read as their sound.
const COMPAT_INITIAL: Record<string, string> = { ㄱ: 'g', ㄴ: 'n', ㄷ: 'd', ㄹ: 'r', ㅁ: 'm', ㅂ: 'b', ㅅ: 's', ㅇ: '', ㅈ: 'j', ㅊ: 'ch', ㅋ: 'k', ㅌ: 't', ㅍ: 'p', ㅎ: 'h' };

/** Romanize the Hangul syllables in a string; other characters are kept. */
export function romanizeHangul(input: string): string {
  let out = '';
  let prevHangul = false;
  for (const ch of input) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xac00 && cp <= 0xd7a3) {
      const s = cp - 0xac00;
      const syl = INITIALS[Math.floor(s / 588)]! + VOWELS[Math.floor((s % 588) / 28)]! + FINALS[s % 28]!;
      out += (prevHangul ? ' ' : '') + syl;
      prevHangul = true;
    } else if (COMPAT_INITIAL[ch] !== undefined) {
      out += COMPAT_INITIAL[ch];
      prevHangul = false;
    } else {
      out += ch;
      prevHangul = false;
    }
  }
  return out;
}
