import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SANCTIONS_DATA_DIR_ENV } from '../../shared/adapters/sanctions-lists/load-lists';
import { DEFAULT_SANCTIONS_DIR, updateLists } from '../../shared/adapters/sanctions-lists/update-lists';

/**
 * `npm run sanctions:update [-- --dir DIR]`: downloads the official lists into the sanctions folder (see
 * update-lists.ts). Its own file, so that the functions importing update-lists.ts do not bundle a CLI.
 */
async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { dir: { type: 'string' } }, strict: true });
  const dir = values.dir ?? process.env[SANCTIONS_DATA_DIR_ENV] ?? DEFAULT_SANCTIONS_DIR;
  console.log(`Downloading OFAC SDN and UN consolidated lists into ${resolve(dir)} ...`);
  try {
    const r = await updateLists(dir);
    for (const f of r.files) console.log(`  ${f.path}  ${f.bytes} bytes`);
    console.log(`List version ${r.version.id}. Use it with:  export ${SANCTIONS_DATA_DIR_ENV}=${r.dir}`);
    return 0;
  } catch (err) {
    console.error(`Update failed, existing lists left unchanged: ${(err as Error).message}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
