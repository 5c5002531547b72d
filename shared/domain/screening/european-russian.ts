/**
 * Russian names as other alphabets' spellings write them, read back as the lists write them (BGN/PCGN, the
 * passport's ICAO Latin). German papers write Хасанов Chassanow and Юрий Орехов Jurij Orechow (ch for х, j for й
 * and the glide of ю я е, w for в, sch and tsch for ш and ч, z for ц), Polish ones Chasanow (sz, cz, szcz, rz),
 * Czech ones Chasanov, GOST 7.79's Latin Xasanov and Yurij (x for х, j for й, shh for щ), Spanish ones Jasanov and
 * Orejov (j for х). None of those is what the
 * lists hold (KHASANOV, Murat Ruslanovich; OREKHOV, Yury Yuryevich), the romanization key cannot hold both readings
 * of ch (Korean and English ч, German and Czech х) or of j, and each screened clear with the listed birth date
 * (adversarial pass, December 2026).
 *
 * A name is read only where it looks Russian in such a spelling: a word with a Russian ending as these write it
 * (-ow -ew -owa -ewa -ij -yj -itsch -owna -skij, Ukrainian and Belarusian -enko -enka -uk...) and a letter English
 * transliteration never writes (w, x, j, sch, sz, cz, shh). Korean and Chinese names have no such ending, so Kim Jong
 * Chol is never read as Kim Yong Khol. A ch or z alone is no mark (English writes ч and з so: Chernov, Kuznetsov, half
 * the listed Russians, each a second name to screen for nothing): Czech Murat Chasanov, with nothing else foreign, is
 * not read. The reading is screened as a name typed in Latin letters is. Pure.
 */

/** A word ending as Russian names do in German, Polish, Czech and GOST spellings (Chassanow, Jurij, Orechowa). */
const RUSSIAN_ENDING = /(?:ow|ew|jew|owa|ewa|ij|yj|ji|itsch|ytsch|owitsch|ewitsch|owicz|ewicz|owna|ewna|skij|skyj|ski|sky|zkij|in|ina|ov|ev|ova|eva|ich|ovich|evich|enko|enka|uk|juk|tschuk|czuk)$/u;
/** A letter or cluster these spellings write and English transliteration never does. */
const FOREIGN_LETTER = /j|w|x|sch|sz|cz|shh/u;

/**
 * Clusters, longest first, read in one left-to-right pass: German schtsch, Polish szcz and GOST shh for щ; German
 * tsch and Polish cz for ч; sch and sz for ш; Polish rz and German sh (rare) for ж; then ch and x for х, j for й
 * and the glide, w for в, and German z for ц (zh stays: English ж).
 */
const CLUSTERS: Readonly<Record<string, string>> = {
  schtsch: 'shch',
  szcz: 'shch',
  shh: 'shch',
  tsch: 'ch',
  cz: 'ch',
  sch: 'sh',
  sz: 'sh',
  rz: 'zh',
  zh: 'zh',
  kh: 'kh',
  ch: 'kh',
  x: 'kh',
  j: 'y',
  w: 'v',
  z: 'ts',
};
const ONE_PASS = /schtsch|szcz|shh|tsch|cz|sch|sz|rz|zh|kh|ch|x|j|w|z/gu;

/**
 * A Russian name in German, Polish, Czech or GOST Latin letters, read as English transliteration writes it; and where
 * it has a j, also as Spanish writes х (Murat Jasanov, Yuri Orejov for OREKHOV: j for х, the rest as English). None
 * when it looks like none.
 */
export function europeanRussianReadings(folded: readonly string[]): string[] {
  if (folded.length < 2 || !folded.some((w) => w.length > 3 && RUSSIAN_ENDING.test(w)) || !folded.some((w) => FOREIGN_LETTER.test(w))) return [];
  const typed = folded.join(' ');
  const out = new Set([folded.map((w) => w.replace(ONE_PASS, (m) => CLUSTERS[m] ?? m)).join(' ')]);
  // x is х in GOST's Latin but ks in a Latin name (Alexander Lukaschenko, Maxim Orechow): read both ways.
  if (typed.includes('x')) out.add(folded.map((w) => w.replace(ONE_PASS, (m) => (m === 'x' ? m : (CLUSTERS[m] ?? m)))).join(' '));
  if (typed.includes('j')) out.add(typed.replaceAll('j', 'kh'));
  out.delete(typed);
  return [...out];
}
