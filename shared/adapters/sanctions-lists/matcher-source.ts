import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The build half of the prebuilt index's matcher fingerprint (index-cache.ts): a SHA-256 over the source files
 * that parse the lists and derive the index (shared/domain/screening, what it imports, and the adapter
 * code that writes and reads the index), plus the versions of the npm packages they import. The same text
 * gives the same hash however the code is run: under tsx or vitest it is computed from the files; an esbuild
 * bundle carries the value computed from the same files at synth time (infra/app.ts `define`), since the
 * source files are not beside a bundle. An index written by `npm run sanctions:update` (tsx) is thus
 * recognised by the Lambda bundles of the same checkout, and any edit to those files makes a new key.
 */

/** The esbuild `define` name the synthesized bundles carry the hash in. */
export const MATCHER_SOURCE_DEFINE = '__VETFLOW_MATCHER_SOURCE__';
declare const __VETFLOW_MATCHER_SOURCE__: string | undefined;

/** Where the walk starts, relative to the project root: folders (every .ts and .json file) or files. */
const SEEDS = ['shared/domain/screening', 'shared/adapters/sanctions-lists/index-cache.ts', 'shared/adapters/sanctions-lists/load-lists.ts'];
/** Packages whose data files (not imports) the derivation reads: shared/domain/countries.ts. */
const DATA_PACKAGES = ['i18n-iso-countries'];
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function resolveRelative(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const p of [base, `${base}.ts`, join(base, 'index.ts')]) if (/\.(ts|json)$/.test(p) && existsSync(p)) return p;
  return undefined;
}

const packageName = (spec: string): string => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

/** The files the hash covers (absolute paths, sorted) and the npm packages they import. */
export function matcherSources(root: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>(DATA_PACKAGES);
  const queue: string[] = [];
  for (const seed of SEEDS) {
    const abs = join(root, seed);
    if (seed.endsWith('.ts')) queue.push(abs);
    else for (const n of readdirSync(abs).sort()) if (/\.(ts|json)$/.test(n)) queue.push(join(abs, n));
  }
  while (queue.length > 0) {
    const f = queue.pop()!;
    if (files.has(f)) continue;
    files.add(f);
    if (!f.endsWith('.ts')) continue;
    for (const m of readFileSync(f, 'utf8').matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith('.')) {
        const target = resolveRelative(f, spec);
        if (!target) throw new Error(`matcher sources: ${relative(root, f)} imports ${spec}, which was not found`);
        queue.push(target);
      } else if (!spec.startsWith('node:')) packages.add(packageName(spec));
    }
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}

/** The hash of the matcher's sources under `root` (the project root): what synth bakes into the bundles. */
export function hashMatcherSources(root: string): string {
  const { files, packages } = matcherSources(root);
  const h = createHash('sha256');
  for (const f of files)
    h.update(`${relative(root, f).split('\\').join('/')}\0`)
      .update(readFileSync(f))
      .update('\0');
  for (const p of packages) {
    let version = '?';
    try {
      version = (JSON.parse(readFileSync(join(root, 'node_modules', p, 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
    } catch {
      // Not installed where we look: the name alone, the same in every build of this checkout.
    }
    h.update(`${p}@${version}\n`);
  }
  return h.digest('hex');
}

let memo: string | undefined;

/**
 * This build's matcher source hash: baked in by synth, else computed from the files beside this module.
 * When neither is possible (a bundle made without the define) a value unique to this process: no index
 * written by another build is ever taken for this one's.
 */
export function matcherSourceHash(): string {
  if (memo) return memo;
  if (typeof __VETFLOW_MATCHER_SOURCE__ === 'string') return (memo = __VETFLOW_MATCHER_SOURCE__);
  try {
    memo = hashMatcherSources(resolve(import.meta.dirname, '..', '..', '..'));
  } catch {
    memo = `unknown-build-${randomUUID()}`;
  }
  return memo;
}
