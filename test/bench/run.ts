import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthesize } from '../../infra/local/cloud-assembly';
import { progress, sanctionsDir, type AssemblyRef, type Figures } from './common';
import { cpuTicks, referenceWorkMs, stealPercent } from './machine-speed';
import { formatReport } from './report';

/**
 * `npm run bench`: the figures of ../shared/docs/performance.md, measured on this machine.
 *
 *   npm run bench                   full run (under 10 minutes on 2 cores)
 *   npm run bench -- --quick        smaller counts, for development
 *   npm run bench -- --json         one JSON document on stdout, progress on stderr
 *   npm run bench -- --only workflow,cost   some sections only
 *   --count N  --subset N  --memory-count N  --rescreen-count N   override the counts (--count 1000,5000: one burst after the other,
 *                                   each on a fresh runtime; the subset is driven in the first)
 *   --workflow-budget S             seconds the workflow section may take (a loaded machine needs more)
 *   --idle                          the workflow section without the CPU-bound process it starts beside the run
 *   --warmup N                      a burst of N onboardings on each runtime before the measured one (a runtime
 *                                   that has served a while: DynamoDB Local's JIT has compiled its hot code)
 *   --memory-budget S               seconds the memory section may take (default 240; 45 with --quick):
 *                                   `--only memory --memory-budget 1200` measures all 10,000 on its own
 *   npm run bench -- --from FILE    print the table of a saved --json document
 *
 * The app is synthesized once, fresh, and every section runs in its own Node process on that assembly:
 * a section's memory and module cache never leak into another's figures, and stdout stays clean for --json
 * (a child's output, including the handlers' logs, goes to stderr).
 */

export const sections = ['screening', 'workflow', 'memory', 'bundles', 'cost', 'rescreen'] as const;
export type Section = (typeof sections)[number];

export interface BenchOptions {
  quick: boolean;
  /** The workflow section's bursts (onboardings started at once), one after the other. */
  counts: number[];
  /** Seconds the workflow section may take, when given (--workflow-budget); else its ceiling below. */
  workflowBudgetS?: number;
  subset: number;
  memoryCount: number;
  /** Seconds for the memory section; the full run's other sections leave it about 4 of the 10 minutes. */
  memoryBudgetS: number;
  /** Monitored applicants of the re-screening section. */
  rescreenCount: number;
  /** The workflow section without its CPU-bound process beside the run (--idle): the machine's own figure. */
  idle?: boolean;
  /** Onboardings started at once on each runtime before the measured burst (--warmup), 0 by default. */
  warmup?: number;
}

export type SectionResult = ({ status: 'ok'; ms: number; figures: Figures } | { status: 'skipped'; reason: string } | { status: 'failed'; ms: number; error: string }) & {
  /** 1-minute load average before and after: these machines are shared, and a busy neighbour shows here. */
  loadAverage?: [number, number];
  /** The share of the cores' time the hypervisor gave other guests during the section (%), where Linux tells it. */
  stealPercent?: number;
};

const thisFile = fileURLToPath(import.meta.url);
const projectRoot = path.resolve(import.meta.dirname, '..', '..');

/**
 * The Node flags this process was started with (package.json's bench script gives the runtime's, see
 * infra/local/start.ts), without tsx's own loader: each section's process runs under them too.
 */
function nodeFlags(): string[] {
  const out: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const arg = process.execArgv[i]!;
    if ((arg === '--require' || arg === '--import') && /tsx/.test(process.execArgv[i + 1] ?? '')) i++;
    else if (!/tsx/.test(arg)) out.push(arg);
  }
  return out;
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function counts(v: string | undefined, quick: boolean): number[] {
  if (v === undefined) return quick ? [100] : [1000];
  const list = v.split(',').map(Number);
  if (!list.length || list.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--count expects positive integers (e.g. 1000,5000), got ${v}`);
  return list;
}

function parseOptions(args: string[]): { json: boolean; only: Section[]; options: BenchOptions } {
  const quick = args.includes('--quick');
  const num = (name: string, full: number, small: number) => {
    const v = argValue(args, name);
    if (v === undefined) return quick ? small : full;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} expects a positive integer, got ${v}`);
    return n;
  };
  const onlyArg = argValue(args, '--only');
  const only = onlyArg ? onlyArg.split(',').map((s) => s.trim()) : [...sections];
  for (const s of only) if (!(sections as readonly string[]).includes(s)) throw new Error(`unknown section ${s}; sections: ${sections.join(', ')}`);
  return {
    json: args.includes('--json'),
    only: only as Section[],
    options: {
      quick,
      counts: counts(argValue(args, '--count'), quick),
      subset: num('--subset', 50, 10),
      memoryCount: num('--memory-count', 10_000, 1000),
      memoryBudgetS: num('--memory-budget', 240, 45),
      rescreenCount: num('--rescreen-count', 20_000, 2000),
      ...(argValue(args, '--workflow-budget') ? { workflowBudgetS: num('--workflow-budget', 0, 0) } : {}),
      ...(args.includes('--idle') ? { idle: true } : {}),
      ...(argValue(args, '--warmup') ? { warmup: num('--warmup', 0, 0) } : {}),
    },
  };
}

/** Runs one section in a fresh Node process (with --expose-gc, so heap readings follow a collection). */
function runChild(section: Section, assembly: AssemblyRef, options: BenchOptions, timeoutMs: number): Promise<SectionResult> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vetflow-bench-')), 'result.json');
  const started = performance.now();
  const load0 = Math.round(os.loadavg()[0]! * 10) / 10;
  const ticks0 = cpuTicks();
  return new Promise((resolve) => {
    // VETFLOW_BENCH_CPU_PROF=<dir>: a V8 CPU profile of each section's process (where the time goes).
    const prof = process.env.VETFLOW_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.VETFLOW_BENCH_CPU_PROF)}`] : [];
    const child = spawn(
      process.execPath,
      [...nodeFlags(), ...prof, '--expose-gc', '--import', 'tsx', thisFile, '--child', section, '--out', out, '--assembly', JSON.stringify(assembly), '--options', JSON.stringify(options)],
      {
        cwd: projectRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: process.env,
      },
    );
    // Everything a section prints is progress: stderr.
    child.stdout.pipe(process.stderr, { end: false });
    child.stderr.pipe(process.stderr, { end: false });
    const timer = setTimeout(() => {
      progress(`${section}: over ${Math.round(timeoutMs / 1000)} s, stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const ms = Math.round(performance.now() - started);
      try {
        const loadAverage: [number, number] = [load0, Math.round(os.loadavg()[0]! * 10) / 10];
        const steal = stealPercent(ticks0, cpuTicks());
        const seen = { loadAverage, ...(steal === undefined ? {} : { stealPercent: steal }) };
        const result = JSON.parse(fs.readFileSync(out, 'utf8')) as SectionResult;
        resolve(result.status === 'ok' ? { ...result, ms, ...seen } : { ...result, ...seen });
      } catch {
        resolve({ status: 'failed', ms, error: `the section's process ended (${signal ?? `code ${code}`}) without a result`, loadAverage: [load0, Math.round(os.loadavg()[0]! * 10) / 10] });
      } finally {
        fs.rmSync(path.dirname(out), { recursive: true, force: true });
      }
    });
  });
}

async function childMain(args: string[]): Promise<void> {
  const section = argValue(args, '--child') as Section;
  const out = argValue(args, '--out')!;
  const assembly = JSON.parse(argValue(args, '--assembly')!) as AssemblyRef;
  const options = JSON.parse(argValue(args, '--options')!) as BenchOptions;
  // Stopped for its time budget: exit properly, so the 'exit' hooks stop DynamoDB Local (see dynamodb-local.ts).
  process.once('SIGTERM', () => process.exit(143));
  // Handlers' loggers and libraries write to stdout; in a child, stdout is progress anyway.
  let result: SectionResult;
  const started = performance.now();
  try {
    result = await runSection(section, assembly, options);
  } catch (err) {
    const e = err as Error;
    progress(`${section} failed: ${e.stack ?? e.message}`);
    result = { status: 'failed', ms: Math.round(performance.now() - started), error: e.message };
  }
  fs.writeFileSync(out, JSON.stringify(result));
  // Bundles keep SDK sockets and timers alive; the section is over.
  process.exit(0);
}

async function runSection(section: Section, assembly: AssemblyRef, options: BenchOptions): Promise<SectionResult> {
  const started = performance.now();
  const ok = (figures: Figures): SectionResult => ({ status: 'ok', ms: Math.round(performance.now() - started), figures });
  switch (section) {
    case 'screening': {
      const dir = sanctionsDir();
      if (!dir) return { status: 'skipped', reason: 'no sanctions lists: set SANCTIONS_DATA_DIR to a folder of lists (npm run sanctions:update downloads them)' };
      const { benchScreening } = await import('./screening');
      return ok({ 'lists folder': dir, ...(await benchScreening(dir)) });
    }
    case 'workflow': {
      const { benchWorkflow } = await import('./workflow');
      const cpuLoad = !options.idle;
      const warmup = options.warmup ?? 0;
      if (options.counts.length === 1) return ok(await benchWorkflow(assembly, { count: options.counts[0]!, subset: options.subset, cpuLoad, warmup }));
      const all: Figures = {};
      for (const [i, count] of options.counts.entries()) all[`${count} at once`] = await benchWorkflow(assembly, { count, subset: i === 0 ? options.subset : 0, cpuLoad, warmup });
      return ok(all);
    }
    case 'memory': {
      const { benchMemory } = await import('./memory');
      return ok(await benchMemory(assembly, { count: options.memoryCount, budgetMs: options.memoryBudgetS * 1000 }));
    }
    case 'bundles': {
      const { benchBundles } = await import('./bundles');
      return ok(await benchBundles(assembly));
    }
    case 'cost': {
      const { benchCost } = await import('./cost');
      return ok(await benchCost(assembly));
    }
    case 'rescreen': {
      const { benchRescreen } = await import('./rescreen');
      return ok(await benchRescreen(assembly, { count: options.rescreenCount }));
    }
    default:
      throw new Error(`unknown section ${String(section)}`);
  }
}

/** Per-section ceilings, so one stuck section cannot take the whole 10 minutes. */
const timeouts: Record<Section, number> = { screening: 300_000, workflow: 360_000, memory: 330_000, bundles: 120_000, cost: 120_000, rescreen: 480_000 };

async function main(args: string[]): Promise<void> {
  const from = argValue(args, '--from');
  if (from) return void process.stdout.write(formatReport(JSON.parse(fs.readFileSync(from, 'utf8')) as Parameters<typeof formatReport>[0]));
  const { json, only, options } = parseOptions(args);
  if (json) {
    // Nothing but the document on stdout: stray console output from libraries goes to stderr.
    console.log = console.error;
    console.info = console.error;
    console.warn = console.error;
  }
  const startedAt = new Date().toISOString();
  // Before the synthesis: its bundlers' workers still run for a while after it returns.
  const referenceMs = [referenceWorkMs()];
  const t0 = performance.now();
  const outdir = path.join(projectRoot, '.vetflow', 'bench-cdk.out');
  fs.rmSync(outdir, { recursive: true, force: true });
  progress('synthesizing the app (fresh bundles)');
  // The built-in policy, but an outcome may be recorded right after booking: the subset is driven to approval at once.
  const synth = synthesize(outdir, { policy: path.join(projectRoot, 'test', 'bench', 'bench-policy.json') });
  const assembly: AssemblyRef = { outdir, templateFile: `${synth.stackName}.template.json`, stackName: synth.stackName };
  const synthMs = Math.round(performance.now() - t0);

  const results: Partial<Record<Section, SectionResult>> = {};
  for (const s of sections) {
    if (!only.includes(s)) continue;
    progress(`section ${s}`);
    // The memory section stops itself at its budget; its process gets that plus time to finish the step.
    // A burst beyond the default 1,000 gets time in proportion (about 150 ms an onboarding with a core busy).
    const extra = s === 'workflow' ? Math.max(0, options.counts.reduce((a, b) => a + b, 0) - 1000) * 150 : 0;
    const limit =
      s === 'memory' ? options.memoryBudgetS * 1000 + 90_000 : s === 'workflow' && options.workflowBudgetS ? options.workflowBudgetS * 1000 : (options.quick ? timeouts[s] / 2 : timeouts[s]) + extra;
    const r = await runChild(s, assembly, options, limit);
    results[s] = r;
    progress(`section ${s}: ${r.status}${'ms' in r ? ` in ${(r.ms / 1000).toFixed(1)} s` : ''}`);
  }
  referenceMs.push(referenceWorkMs());
  const doc = {
    bench: 'vetflow',
    startedAt,
    mode: options.quick ? 'quick' : 'full',
    options,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: [process.version, ...nodeFlags()].join(' '),
      platform: `${process.platform}-${process.arch}`,
      referenceMs,
    },
    synthMs,
    totalMs: Math.round(performance.now() - t0),
    sections: results,
  };
  if (json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  else process.stdout.write(formatReport(doc));
}

const args = process.argv.slice(2);
if (args.includes('--child')) await childMain(args);
else
  await main(args).catch((err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
