import fc from 'fast-check';

/**
 * Generators of the disguises an applicant can type into a name, written independently of the matcher's
 * tables: look-alike letters from Cyrillic, Greek and Armenian, full-width and mathematical letters,
 * invisible format characters and Hangul fillers, combining marks, extra spaces and punctuation.
 */

const LOOK_ALIKES: Record<string, string[]> = {
  a: ['\u0430', '\uff41', '\u{1d41a}'], // Cyrillic а, full-width, math bold
  c: ['\u0441', '\u03f2', '\uff43'], // Cyrillic с, Greek lunate sigma
  e: ['\u0435', '\uff45', '\u{1d41e}'],
  h: ['\u04bb', '\uff48', '\u{1d421}'], // Cyrillic һ
  i: ['\u0456', '\uff49', '\u{1d422}'], // Cyrillic і
  j: ['\u0458', '\uff4a'],
  k: ['\u043a', '\uff4b', '\u{1d424}'], // Cyrillic к
  m: ['\u043c', '\uff4d', '\u{1d426}'], // Cyrillic м
  n: ['\u0578', '\uff4e', '\u{1d427}'], // Armenian ո
  o: ['\u043e', '\u03bf', '\u0585', '\uff4f', '\u{1d428}'], // Cyrillic, Greek, Armenian, full-width, math
  p: ['\u0440', '\u03c1', '\uff50'], // Cyrillic р, Greek ρ
  s: ['\u0455', '\uff53'], // Cyrillic ѕ
  u: ['\u057d', '\uff55'], // Armenian ս
  v: ['\u03bd', '\uff56'], // Greek ν
  x: ['\u0445', '\uff58'],
  y: ['\u0443', '\u04af', '\uff59'], // Cyrillic у, ү
  K: ['\u041a', '\u039a', '\uff2b'],
  M: ['\u041c', '\u039c', '\uff2d'],
  O: ['\u041e', '\u039f', '\uff2f'],
  P: ['\u0420', '\u03a1'],
  C: ['\u0421', '\uff23'],
  H: ['\u041d', '\u0397'],
  T: ['\u0422', '\u03a4'],
  Y: ['\u03a5', '\uff39'],
  I: ['\u0406', '\u0399'],
  N: ['\u039d', '\uff2e'],
};
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\u2063', '\ufeff', '\u00ad', '\u180e'];
const COMBINING = ['\u0301', '\u0308', '\u0323', '\u0331', '\u0302'];
const SEPARATORS = [' ', '  ', ' - ', ', ', '. ', '\u3164', '\u00a0', '\u3000', ' \u200b '];

export type Disguise = { kind: 'look-alike' | 'invisible' | 'combining' | 'none'; pick: number };

/** Apply a list of per-character disguises and per-space separators to a name. */
export function disguise(name: string, perChar: Disguise[], separators: number[]): string {
  let out = '';
  let c = 0;
  let s = 0;
  for (const ch of name) {
    if (ch === ' ') {
      out += SEPARATORS[separators[s++ % Math.max(1, separators.length)]! % SEPARATORS.length] ?? ' ';
      continue;
    }
    const d = perChar[c++ % Math.max(1, perChar.length)] ?? { kind: 'none', pick: 0 };
    const looks = LOOK_ALIKES[ch];
    if (d.kind === 'look-alike' && looks) out += looks[d.pick % looks.length];
    else if (d.kind === 'invisible') out += ch + INVISIBLE[d.pick % INVISIBLE.length];
    else if (d.kind === 'combining') out += ch + COMBINING[d.pick % COMBINING.length];
    else out += ch;
  }
  return out;
}

export const disguiseArb = fc.record({
  perChar: fc.array(fc.record({ kind: fc.constantFrom<Disguise['kind']>('look-alike', 'look-alike', 'invisible', 'combining', 'none'), pick: fc.nat(20) }), { minLength: 1, maxLength: 30 }),
  separators: fc.array(fc.nat(SEPARATORS.length - 1), { minLength: 1, maxLength: 4 }),
});
