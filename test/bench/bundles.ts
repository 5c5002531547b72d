import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { parseInterviewConfig } from '../../shared/domain/interview/config';
import { loadPolicy } from '../../shared/adapters/files/load-policy';
import { localRegion, resolve } from '../../infra/local/intrinsics';
import { LAMBDA_TASK_ROOT } from '../../infra/constructs/vetflow-function';
import { loadAssembly, median, progress, round, type AssemblyRef, type Figures } from './common';
import { measureIpDataLoad, type IpDataLoad } from './ip-data';
import { hashMatcherSources, MATCHER_SOURCE_DEFINE } from '../../shared/adapters/sanctions-lists/matcher-source';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');
const dummyEndpoint = 'http://127.0.0.1:9';

/** The `define` values buildApp bakes into every bundle (infra/app.ts), with the default policy and pool. */
function defines(): Record<string, string> {
  const policy = loadPolicy(undefined);
  const interview = parseInterviewConfig(JSON.parse(fs.readFileSync(path.join(projectRoot, 'infra', 'config', 'interview.default.json'), 'utf8')));
  return {
    __VETFLOW_POLICY__: JSON.stringify(JSON.stringify(policy)),
    __VETFLOW_INTERVIEW__: JSON.stringify(JSON.stringify(interview)),
    [MATCHER_SOURCE_DEFINE]: JSON.stringify(hashMatcherSources(projectRoot)),
  };
}

/** Who a bundled input belongs to: its npm package, or the project folder it comes from. */
function ownerOf(input: string): string {
  const nm = input.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = input.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const parts = input.split('/');
  return parts.length > 1 ? `(project) ${parts[0]}/${parts[1]}` : `(project) ${input}`;
}

/** The same esbuild options as VetflowFunction (infra/constructs/vetflow-function.ts), with a metafile. */
async function metafileOf(name: string, define: Record<string, string>): Promise<{ bytes: number; meta: Metafile }> {
  const out = await build({
    entryPoints: [path.join(projectRoot, 'functions', name, 'handler.ts')],
    bundle: true,
    write: false,
    outfile: 'index.mjs',
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    sourcemap: false,
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*', '@smithy/*'],
    banner: { js: "import { createRequire as __vfCreateRequire } from 'node:module'; const require = __vfCreateRequire(import.meta.url);" },
    define,
    metafile: true,
    logLevel: 'error',
    absWorkingDir: projectRoot,
  });
  return { bytes: out.outputFiles[0]!.contents.length, meta: out.metafile };
}

function contributors(meta: Metafile, top: number): { byPackage: { package: string; 'KB in bundle': number; share: string }[]; byFile: { file: string; 'KB in bundle': number }[] } {
  const output = Object.values(meta.outputs)[0]!;
  const total = output.bytes;
  const pkgs = new Map<string, number>();
  const files: { file: string; bytes: number }[] = [];
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    pkgs.set(ownerOf(file), (pkgs.get(ownerOf(file)) ?? 0) + bytesInOutput);
    files.push({ file, bytes: bytesInOutput });
  }
  return {
    byPackage: [...pkgs]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([p, b]) => ({ package: p, 'KB in bundle': round(b / 1024, 1), share: `${Math.round((b / total) * 100)}%` })),
    byFile: files
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, top)
      .map((f) => ({ file: f.file, 'KB in bundle': round(f.bytes / 1024, 1) })),
  };
}

/** Time of `import()` of a bundle in a fresh Node process, with the function's environment, in ms. */
function initOnce(entry: string, env: Record<string, string>, sourceMaps: boolean): Promise<{ ms: number; error?: string }> {
  const script = `const t=performance.now();let error;try{await import(${JSON.stringify(pathToFileURL(entry).href)});}catch(e){error=String(e&&e.message||e).slice(0,200)}const ms=performance.now()-t;process.stdout.write(JSON.stringify({ms,error}));process.exit(0);`;
  return new Promise((ok) => {
    execFile(process.execPath, [...(sourceMaps ? ['--enable-source-maps'] : []), '--input-type=module', '-e', script], { env, cwd: path.dirname(entry), timeout: 30_000 }, (err, stdout) => {
      try {
        ok(JSON.parse(stdout) as { ms: number; error?: string });
      } catch {
        ok({ ms: NaN, error: (err?.message ?? 'no output').slice(0, 200) });
      }
    });
  });
}

/** Bytes of the files in a bundle's folder other than the bundle and its source map. */
function besideBytes(dir: string): number {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !(e.parentPath === dir && (e.name === 'index.mjs' || e.name.endsWith('.map'))))
    .reduce((n, e) => n + fs.statSync(path.join(e.parentPath, e.name)).size, 0);
}

/**
 * SDK packages a bundle requires on a rare path's first use instead of at init (see test/infra/bundle-sdk.test.ts),
 * and what loading them then costs: in a fresh process, after the bundle's module init, as the first such
 * request would pay. Module init leaves them out by design; this keeps what moved visible.
 */
function firstUseOnce(entry: string, env: Record<string, string>): Promise<{ ms: number; packages: string[] } | undefined> {
  const script =
    `const { createRequire } = await import('node:module');const { readFileSync } = await import('node:fs');` +
    `await import(${JSON.stringify(pathToFileURL(entry).href)});` +
    `const req = createRequire(${JSON.stringify(pathToFileURL(entry).href)});` +
    `const loaded = new Set(Object.keys(req.cache).map((f) => /[\\/]node_modules[\\/]@aws-sdk[\\/]([^\\/]+)[\\/]/.exec(f)?.[1]).filter(Boolean));` +
    `const referenced = [...new Set([...readFileSync(${JSON.stringify(entry)}, 'utf8').matchAll(/\\(\\s*["']@aws-sdk\\/([^"']+)["']\\s*\\)/g)].map((m) => m[1]))];` +
    `const packages = referenced.filter((p) => !loaded.has(p));` +
    `const t = performance.now();for (const p of packages) req('@aws-sdk/' + p);` +
    `process.stdout.write(JSON.stringify({ ms: performance.now() - t, packages }));process.exit(0);`;
  return new Promise((ok) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { env, cwd: path.dirname(entry), timeout: 30_000 }, (_err, stdout) => {
      try {
        const r = JSON.parse(stdout) as { ms: number; packages: string[] };
        ok(r.packages.length ? r : undefined);
      } catch {
        ok(undefined);
      }
    });
  });
}

/**
 * Bundle size and cold module init of every function, from the run's fresh synth, and what the largest
 * bundle is made of (esbuild metafile, same options as the construct).
 */
export async function benchBundles(assembly: AssemblyRef): Promise<Figures> {
  const synth = loadAssembly(assembly);
  const template = synth.template;
  const define = defines();
  const rows: Figures[] = [];
  const metas = new Map<string, { bytes: number; meta: Metafile }>();
  const ipData: Figures[] = [];
  for (const [id, res] of Object.entries(template.Resources)) {
    if (res.Type !== 'AWS::Lambda::Function') continue;
    const props = resolve(res.Properties ?? {}, template) as Record<string, unknown>;
    const entry = path.join(synth.assetDirOf(id), 'index.mjs');
    const bytes = fs.statSync(entry).size;
    const fnEnv = ((props.Environment as { Variables?: Record<string, string> } | undefined)?.Variables ?? {}) as Record<string, string>;
    const name = String(fnEnv.POWERTOOLS_SERVICE_NAME ?? id).replace(/^vetflow-/, '');
    // As the Lambda runtime would: the template's variables (NODE_OPTIONS among them, applied as flags
    // below), the region and credentials, and every AWS endpoint pointing at a port nobody listens on.
    const { NODE_OPTIONS: nodeOptions = '', ...rest } = fnEnv;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      AWS_REGION: localRegion,
      AWS_DEFAULT_REGION: localRegion,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_LAMBDA_FUNCTION_NAME: id,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(props.MemorySize ?? 128),
      // Lambda's own variable: data files shipped beside a bundle are then read from there, never from the
      // project's node_modules (shared/domain/bundled-file.ts), so the figure is the deployed bundle's.
      LAMBDA_TASK_ROOT: path.dirname(entry),
      AWS_ENDPOINT_URL_DYNAMODB: dummyEndpoint,
      AWS_ENDPOINT_URL_SFN: dummyEndpoint,
      AWS_ENDPOINT_URL_SESV2: dummyEndpoint,
      AWS_ENDPOINT_URL_S3: dummyEndpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: dummyEndpoint,
      ...rest,
    };
    const sourceMaps = nodeOptions.includes('--enable-source-maps');
    const runs: number[] = [];
    const runsNoMaps: number[] = [];
    let error: string | undefined;
    for (let i = 0; i < 3; i++) {
      const r = await initOnce(entry, env, sourceMaps);
      runs.push(r.ms);
      error ??= r.error;
      if (sourceMaps) runsNoMaps.push((await initOnce(entry, env, false)).ms);
    }
    const firstUse: { ms: number; packages: string[] }[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await firstUseOnce(entry, env);
      if (r) firstUse.push(r);
    }
    const meta = await metafileOf(name, define);
    metas.set(name, meta);
    rows.push({
      function: name,
      'bundle KB': round(bytes / 1024, 1),
      'gzip KB': round(gzipSync(fs.readFileSync(entry)).length / 1024, 1),
      // Data files shipped beside the bundle instead of in it (phone plans, country tables, IP data...): not
      // part of the bundle's parse, but part of what the function reads, at init or on first use.
      'KB beside the bundle': round(besideBytes(path.dirname(entry)) / 1024, 0),
      'init ms (median of 3)': round(median(runs), 0),
      ...(sourceMaps ? { 'init ms without --enable-source-maps': round(median(runsNoMaps), 0) } : {}),
      'memory MB': Number(props.MemorySize ?? 128),
      'under 250 KB': bytes < 250 * 1024 ? 'yes' : 'NO',
      'under 150 ms': median(runs) < 150 ? 'yes' : 'NO',
      ...(firstUse.length ? { 'SDK on first use (ms, median of 3)': `${firstUse[0]!.packages.join(' + ')}: ${round(median(firstUse.map((f) => f.ms)), 0)}` } : {}),
      'top packages': contributors(meta.meta, 3)
        .byPackage.map((p) => `${p.package} ${p['KB in bundle']}`)
        .join(', '),
      ...(error ? { 'import error': error } : {}),
    });
    progress(`bundles: ${name} ${round(bytes / 1024, 0)} KB, init ${round(median(runs), 0)} ms`);
    // The IP data the signals function loads on its first lookup (not at init): the shipped file, fresh process.
    if (fnEnv.IP_DATA_DIR?.startsWith(`${LAMBDA_TASK_ROOT}/`)) {
      const dir = path.join(synth.assetDirOf(id), fnEnv.IP_DATA_DIR.slice(LAMBDA_TASK_ROOT.length));
      const loads: IpDataLoad[] = [];
      for (let i = 0; i < 3; i++) loads.push(await measureIpDataLoad('compact', dir));
      const size = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).reduce((n, e) => n + (e.isFile() ? fs.statSync(path.join(e.parentPath, e.name)).size : 0), 0);
      ipData.push({
        function: name,
        'IP data MB unpacked': round(size / 2 ** 20, 1),
        'load ms (median of 3)': median(loads.map((l) => l['load ms'])),
        'RSS MB added by the load': round(median(loads.map((l) => l['RSS MB after load'] - l['RSS MB before'])), 1),
        'lookup µs IPv4 / IPv6': `${median(loads.map((l) => l['lookup µs (IPv4)']))} / ${median(loads.map((l) => l['lookup µs (IPv6)']))}`,
      });
      progress(`bundles: ${name} IP data load ${median(loads.map((l) => l['load ms']))} ms`);
    }
  }
  rows.sort((a, b) => Number(b['bundle KB']) - Number(a['bundle KB']));
  const largest = String(rows[0]?.function);
  const lm = metas.get(largest)!;
  const c = contributors(lm.meta, 15);
  // Across all functions: which packages cost the most bundle bytes in total.
  const overall = new Map<string, number>();
  const folders = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(Object.values(metas.get(String(rows.at(-1)?.function))!.meta.outputs)[0]!.inputs)) {
    const folder = file
      .split('/')
      .slice(0, file.includes('node_modules/@') ? 5 : 4)
      .join('/');
    folders.set(folder, (folders.get(folder) ?? 0) + bytesInOutput);
  }
  for (const { meta } of metas.values())
    for (const [file, { bytesInOutput }] of Object.entries(Object.values(meta.outputs)[0]!.inputs)) overall.set(ownerOf(file), (overall.get(ownerOf(file)) ?? 0) + bytesInOutput);
  return {
    'functions': rows.length,
    'over 250 KB': rows.filter((r) => r['under 250 KB'] === 'NO').length,
    'over 150 ms init': rows.filter((r) => r['under 150 ms'] === 'NO').length,
    'target': 'each bundle < 250 KB minified; module init < 150 ms in a fresh Node process',
    bundles: rows,
    ...(ipData.length ? { 'IP data (first lookup, fresh process)': ipData } : {}),
    [`largest: ${largest} (esbuild rebuild ${round(lm.bytes / 1024, 1)} KB), top packages`]: c.byPackage,
    [`largest: ${largest}, top files`]: c.byFile,
    [`smallest: ${String(rows.at(-1)?.function)}, top folders (what every bundle carries)`]: [...folders]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([f, b]) => ({ folder: f, 'KB in bundle': round(b / 1024, 1) })),
    'all functions together, top packages': [...overall]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([p, b]) => ({ package: p, 'KB over all bundles': round(b / 1024, 0) })),
  };
}
