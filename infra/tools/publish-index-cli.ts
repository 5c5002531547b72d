import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PUBLISHED_INDEX_FILE } from '../../shared/adapters/sanctions-lists/index-cache';
import { loadLists, SANCTIONS_DATA_DIR_ENV } from '../../shared/adapters/sanctions-lists/load-lists';

/**
 * `npm run sanctions:index [-- --dir DIR]`: publishes the prebuilt screening index beside the lists in DIR
 * (PUBLISHED_INDEX_FILE, see index-cache.ts), so that a cold load of those lists reads it instead of
 * parsing them. `npm run sanctions:update` does this for every download; the synth runs it on the snapshot
 * it copies into the screening function's bundle (infra/constructs/stage-functions.ts). Run it on a folder
 * of your own that SANCTIONS_DATA_DIR names, after changing its files.
 */
async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { dir: { type: 'string' }, quiet: { type: 'boolean' } }, strict: true });
  const dir = values.dir ?? process.env[SANCTIONS_DATA_DIR_ENV];
  if (!dir) {
    console.error(`usage: npm run sanctions:index -- --dir DIR (or set ${SANCTIONS_DATA_DIR_ENV})`);
    return 2;
  }
  try {
    const r = await loadLists(resolve(dir), new Date(), { publishIndex: true });
    // Kept in the temporary folder too (a fresh build only): the next synth of the same lists is quicker.
    await r.cacheWritten;
    if (!r.indexPublished) throw new Error(`could not write ${join(resolve(dir), PUBLISHED_INDEX_FILE)}`);
    if (!values.quiet)
      console.log(`prebuilt index for list version ${r.index.listVersion.id} in ${join(resolve(dir), PUBLISHED_INDEX_FILE)} (${r.indexFrom === 'published' ? 'already there' : 'written now'})`);
    return 0;
  } catch (err) {
    console.error(`prebuilt index not published: ${(err as Error).message}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
