import { writeFileSync } from 'node:fs';
import { isMainModule } from './is-main-module';

/**
 * Builds confusables-latin.json, the part of Unicode TR39's confusables table (confusables.txt, as the npm
 * package `unhomoglyph` ships it in data.json) that the screening fold needs: each character outside ASCII
 * whose prototype is one or two Latin letters (or a small capital / IPA letter that stands for one), mapped
 * to lower-case Latin. 1,400 entries instead of 6,300: small enough to bundle with every function that
 * screens. test/screening/confusables-data.test.ts checks the shipped file against the package.
 *   npx tsx infra/tools/confusables-build.ts
 */

/** Small capitals and IPA letters that TR39 gives as prototypes for some Cyrillic and Greek letters. */
export const SMALL_CAPITALS: Readonly<Record<string, string>> = {
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ꜰ: 'f',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ʟ: 'l',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ʀ: 'r',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ʏ: 'y',
  ᴢ: 'z',
  ĸ: 'k',
  ʍ: 'm',
};

export function latinConfusables(data: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [from, to] of Object.entries(data)) {
    const cp = from.codePointAt(0)!;
    if (cp < 0x80 || [...from].length !== 1) continue;
    let latin = /^[A-Za-z]{1,2}$/.test(to) ? to : SMALL_CAPITALS[to];
    if (!latin) continue;
    // TR39's prototype for a capital I is "l"; folded to lower case, a capital that looks like I is an i.
    if (latin === 'l' && from !== from.toLowerCase()) latin = 'i';
    out[cp.toString(16)] = latin.toLowerCase();
  }
  return out;
}

if (isMainModule(import.meta.url)) {
  const { createRequire } = await import('node:module');
  const data = createRequire(import.meta.url)('unhomoglyph/data.json') as Record<string, string>;
  const table = latinConfusables(data);
  const file = new URL('../../shared/domain/screening/confusables-latin.json', import.meta.url);
  writeFileSync(file, `${JSON.stringify(table)}\n`);
  console.log(`${Object.keys(table).length} entries written to ${file.pathname}`);
}
