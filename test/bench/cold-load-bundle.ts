import { cp, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { hashMatcherSources, MATCHER_SOURCE_DEFINE } from '../../shared/adapters/sanctions-lists/matcher-source';
import { COUNTRY_DATA_DIR, COUNTRY_DATA_FILES } from '../../shared/domain/countries';

const root = resolve(import.meta.dirname, '..', '..');

/**
 * screening-cold-load.ts built as a Lambda bundle is (infra/constructs/vetflow-function.ts: ESM, minified,
 * the matcher's source hash in `define`, the country tables beside it) into `outDir`: a cold load run from
 * it is the one a new container pays. `sourceHash` other than this checkout's plays another build's matcher.
 * Returns the bundle's path.
 */
export async function bundleColdLoad(outDir: string, sourceHash: string = hashMatcherSources(root)): Promise<string> {
  const outfile = join(outDir, 'index.mjs');
  await build({
    entryPoints: [join(root, 'test', 'bench', 'screening-cold-load.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    logLevel: 'error',
    banner: { js: "import { createRequire as __vfCreateRequire } from 'node:module'; const require = __vfCreateRequire(import.meta.url);" },
    define: { [MATCHER_SOURCE_DEFINE]: JSON.stringify(sourceHash) },
  });
  for (const f of COUNTRY_DATA_FILES) {
    await mkdir(dirname(join(outDir, COUNTRY_DATA_DIR, f)), { recursive: true });
    await cp(join(root, 'node_modules', 'i18n-iso-countries', f), join(outDir, COUNTRY_DATA_DIR, f));
  }
  return outfile;
}
