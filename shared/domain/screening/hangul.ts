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

// Conjoining jamo as NFKC leaves them (compatibility jamo ㄱ ㅏ become these): initial consonants U+1100-U+1112 in
// syllable order, vowels U+1161-U+1175. An initial's index as a final's (0: it cannot end a syllable: ㄸ ㅃ ㅉ).
const FINAL_OF_INITIAL = [1, 2, 4, 7, 0, 8, 16, 17, 0, 19, 20, 21, 22, 0, 23, 24, 25, 26, 27];
const SYLLABLE_OR_JAMO_RUN = /[ᄀ-하-ᅵ가-힣]{2,}/gu;
const LOOSE_JAMO = /[ᄀ-하-ᅵ]/u;

/**
 * Jamo typed one by one put back into syllables, as a Korean keyboard would have composed them: "ㄱㅣㅁㅈㅓㅇㅇㅡㄴ" is
 * 김정은. NFKC (run first) composes an initial and a vowel into a syllable but leaves the consonant that should end it
 * alone (기ᄆ저ᄋ으ᄂ), and a romanization of that was no name at all: KIM Jong Un's listed name typed so, with his listed
 * birth date, screened clear (adversarial pass, December 2026). Here a syllable without a final takes the consonant
 * after it when no vowel follows that consonant (which would start the next syllable), and a vowel alone is a
 * syllable with the silent ㅇ. Only in runs of two or more Hangul characters: a lone ㅡ between Latin letters is a
 * dash (unicode-fold.ts SEPARATOR_LIKE), not a vowel.
 */
export function assembleJamo(nfkc: string): string {
  if (!LOOSE_JAMO.test(nfkc)) return nfkc;
  return nfkc.replace(SYLLABLE_OR_JAMO_RUN, (run) => {
    const cps = [...run].map((c) => c.codePointAt(0)!);
    const isInitial = (cp: number | undefined) => cp !== undefined && cp >= 0x1100 && cp <= 0x1112;
    const isVowel = (cp: number | undefined) => cp !== undefined && cp >= 0x1161 && cp <= 0x1175;
    let out = '';
    for (let i = 0; i < cps.length; i++) {
      const cp = cps[i]!;
      if (isVowel(cp)) {
        // A vowel alone: the silent initial ㅇ (index 11) before it; then it may take a final as any syllable does.
        cps[i] = 0xac00 + (11 * 21 + (cp - 0x1161)) * 28;
        i--;
        continue;
      }
      if (cp >= 0xac00 && cp <= 0xd7a3 && (cp - 0xac00) % 28 === 0 && isInitial(cps[i + 1]) && !isVowel(cps[i + 2])) {
        const final = FINAL_OF_INITIAL[cps[i + 1]! - 0x1100]!;
        if (final) {
          out += String.fromCodePoint(cp + final);
          i++;
          continue;
        }
      }
      out += String.fromCodePoint(cp);
    }
    return out;
  });
}

/** Romanize the Hangul syllables in a string; other characters are kept. */
export function romanizeHangul(input: string): string {
  let out = '';
  let prevHangul = false;
  let prevLatin = false;
  for (const ch of input) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xac00 && cp <= 0xd7a3) {
      const s = cp - 0xac00;
      const syl = INITIALS[Math.floor(s / 588)]! + VOWELS[Math.floor((s % 588) / 28)]! + FINALS[s % 28]!;
      // A syllable against a Latin letter is a word of its own (정은Kim, Kim정은): joined, 정은Kim read as one
      // word "eunkim" and screened clear with the listed birth date (adversarial pass, December 2026).
      out += (prevHangul || prevLatin ? ' ' : '') + syl;
      prevHangul = true;
      prevLatin = false;
    } else if (COMPAT_INITIAL[ch] !== undefined) {
      out += COMPAT_INITIAL[ch];
      prevHangul = prevLatin = false;
    } else {
      const latin = /[A-Za-z]/.test(ch);
      out += (prevHangul && latin ? ' ' : '') + ch;
      prevHangul = false;
      prevLatin = latin;
    }
  }
  return out;
}
