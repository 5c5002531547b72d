import { tokenizeName } from './name-tokens';
import { unicodeSkeleton } from './unicode-fold';

/**
 * A typed name field cut into the names it holds, and letters spelled out one by one joined: two readings
 * screen-person.ts screens beside the name as typed (tenth session's adversarial pass). Pure.
 */

const SCRIPT_OF_WORD: readonly [RegExp, string][] = [
  [/\p{Script=Hangul}/u, 'hangul'],
  [/\p{Script=Cyrillic}/u, 'cyrillic'],
  [/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}/u, 'cjk'],
  [/\p{Script=Arabic}/u, 'arabic'],
];

/** Where a field holding several names is cut: brackets, a slash or bar, aka/alias and the like between words. */
const NAME_SEPARATORS = /[()[\]{}（）【】<>«»|/]|\s(?:a\.?\s?k\.?\s?a\.?|aka|alias|also known as|f\.?\s?k\.?\s?a\.?|formerly|nee|née|or)\s/iu;

/** The parts of a field that holds several names (brackets, a slash or bar, aka/alias, a change of script), each of two words or more. */
export function namesInOneField(name: string): string[] {
  // Screened for every query: a field of printable ASCII without a separator is one name in one script.
  if (/^[\x20-\x7e]*$/.test(name) && !NAME_SEPARATORS.test(name)) return [];
  const whole = name.trim().split(/\s+/u).join(' ');
  const parts = name.split(new RegExp(NAME_SEPARATORS.source, 'giu')).flatMap((part) => {
    // Words grouped by script: "Kim Jong Un 김정은" is two names.
    const groups: string[][] = [];
    let last: string | undefined;
    for (const w of part.trim().split(/\s+/u).filter(Boolean)) {
      // As folded: a Latin word with a Cyrillic look-alike in it ("Нosseini") is a Latin word.
      // Hangul is romanized by the fold: judged as typed.
      const folded = /\p{Script=Hangul}/u.test(w) ? w : unicodeSkeleton(w);
      const script = SCRIPT_OF_WORD.find(([re]) => re.test(folded))?.[1] ?? 'other';
      if (script !== last || groups.length === 0) groups.push([]);
      groups[groups.length - 1]!.push(w);
      last = script;
    }
    return groups.map((g) => g.join(' '));
  });
  // The name itself, spaced as screened anyway, is no other reading of it.
  if (parts.length === 1 && parts[0] === whole) return [];
  return parts.filter((p) => tokenizeName(p).weak.filter((weak) => !weak).length >= 2);
}

/** A run of three or more one-letter words joined into one ("k i m j o n g u n" -> "kimjongun"), the other words kept; undefined when there is none. */
export function joinSpelledOut(words: readonly string[]): string[] | undefined {
  const out: string[] = [];
  let run = '';
  let joined = false;
  for (const w of [...words, '']) {
    if (w.length === 1) {
      run += w;
      continue;
    }
    if (run.length >= 3) joined = true;
    if (run) out.push(...(run.length >= 3 ? [run] : [...run]));
    run = '';
    if (w) out.push(w);
  }
  return joined ? out : undefined;
}
