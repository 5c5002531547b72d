import { cyrillicToLatin } from '../cyrillic-latin';
import { foldText } from './normalize-name';

const CYRILLIC = /[\u0400-\u04ff]/u;

/**
 * A name with Cyrillic words read with every such word transliterated (cyrillic-latin.ts), as a Russian passport's
 * holder would spell it in Latin letters: none when that is what the fold reads anyway.
 *
 * The fold reads a word made only of letters that look like Latin ones as those letters (КІМ is KIM: a disguise,
 * unicode-fold.ts). A genuine Russian word can be made of such letters too: Хасанов folded to "xacahob", Орехов to
 * "opexob", Карпов to "kapnob", and KHASANOV, Murat Ruslanovich (OFAC 35492) typed `Хасанов Мурат Русланович` with
 * his listed birth date screened clear (adversarial pass, December 2026). Both readings are screened: the disguise's
 * and the transliteration's, each as a name typed in Latin letters is.
 */
export function cyrillicTransliterations(name: string): string[] {
  if (!CYRILLIC.test(name)) return [];
  let changed = false;
  const reading = name
    .normalize('NFC')
    .split(/(\s+)/u)
    .map((word) => {
      if (!CYRILLIC.test(word) || /[A-Za-z]/.test(word)) return word;
      changed = true;
      return cyrillicToLatin(word.toLowerCase());
    })
    .join('');
  return changed && foldText(reading) !== foldText(name) ? [reading] : [];
}
