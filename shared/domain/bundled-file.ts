import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where to read a package's data file that the stack ships beside a function's bundle (infra, `bundleFiles`)
 * instead of bundling it. `moduleUrl` is the caller's import.meta.url: in a bundle, the bundle's own folder.
 * In a Lambda environment (LAMBDA_TASK_ROOT is set, by Lambda and by the local runtime) the file is only ever
 * read from beside the bundle, so a function deployed without it fails at init instead of reaching into a
 * node_modules that Lambda does not have. From source (tests, tools) it comes from the package.
 */
export function bundledFile(moduleUrl: string, folder: string, file: string, packageFile: string): string {
  const beside = join(dirname(fileURLToPath(moduleUrl)), folder, file);
  if (process.env.LAMBDA_TASK_ROOT || existsSync(beside)) return beside;
  return createRequire(moduleUrl).resolve(packageFile);
}
