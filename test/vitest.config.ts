import * as fs from 'node:fs';
import * as path from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Test projects, by what a test file needs (read from its imports, so a new file lands in the right one):
 * - unit: nothing but the code under test. No synth, no DynamoDB Local, no runtime: `npm test -- --project unit`
 *   runs in seconds.
 * - slow: pure too, but heavy: the whole-program TypeScript checker, a command-line tool in a child process, the
 *   real sanctions lists (SANCTIONS_DATA_DIR), property tests of thousands of runs, and files that say `@slow` (with
 *   why) in a comment. Kept out of the unit loop; `npm test` runs them beside the others.
 * - integration: DynamoDB Local with the synthesized stack's cases table (test/support/case-table).
 * - runtime: the whole local runtime on the synthesized app (test/support/local-runtime).
 * - browser: Debian's chromium driving the local runtime (test/browser).
 * - infra: the synthesized CDK app itself: template, cdk-nag, bundles; and the lint rules (test/infra).
 * All but unit share one synthesis of the CDK app per run (test/support/global-setup.ts).
 */
type Kind = 'unit' | 'slow' | 'integration' | 'runtime' | 'browser' | 'infra';

const needs: Array<[Kind, (file: string, source: string) => boolean]> = [
  ['browser', (file) => file.startsWith('test/browser/')],
  ['runtime', (_, src) => /support\/local-runtime['"]|infra\/local\/(runtime|start)['"]/.test(src)],
  ['integration', (_, src) => /support\/case-table['"]|infra\/local\/dynamodb-local['"]/.test(src)],
  // The infrastructure tests, except those that render a bare stack (test/infra/workflow-graph.test.ts); and the
  // lint rules' own test (it lints through the import graph: seconds, not for the unit project).
  ['infra', (file, src) => file.startsWith('test/infra/') && /inject\(|synthesizeVetflow|infra\/app['"]|from 'eslint'/.test(src)],
  // Anything else that reads the synthesized assembly.
  ['integration', (_, src) => /\binject\(\s*['"]assembly['"]\s*\)/.test(src)],
  // Pure but heavy (seconds each): a whole-program type check, a child process, the real lists, 1,000+ property runs.
  ['slow', (_, src) => /from 'typescript'|from 'node:child_process'|process\.env\.SANCTIONS_DATA_DIR|numRuns:\s*[1-9]\d{3,}|@slow\b/.test(src)],
];

function testFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'fixtures' ? [] : testFiles(rel);
    return e.name.endsWith('.test.ts') ? [rel] : [];
  });
}

export const testsByKind: Record<Kind, string[]> = { unit: [], slow: [], integration: [], runtime: [], browser: [], infra: [] };
for (const file of testFiles('test').sort()) {
  const source = fs.readFileSync(path.join(root, file), 'utf8');
  testsByKind[needs.find(([, need]) => need(file, source))?.[0] ?? 'unit'].push(file);
}

/**
 * The Node flags `npm start` and `npm run bench` give the local runtime (package.json; infra/local/start.ts says
 * why): the tests that run it run it under the same ones (test/infra/runtime-node-flags.test.ts holds them equal).
 */
export const runtimeNodeFlags = ['--max-semi-space-size=64', '--experimental-async-context-frame'];

const synthesized = (name: Kind, extra: TestProjectInlineConfiguration['test'] = {}): TestProjectInlineConfiguration => ({
  extends: true,
  // A test that drives the runtime waits on real work (processes, a JVM, the engine): on a loaded machine that takes
  // longer, never differently, so its time limit is generous; a hang still fails.
  test: { name, include: testsByKind[name], globalSetup: ['test/support/global-setup.ts'], testTimeout: 180_000, ...extra },
});

/**
 * The order files start in, so that the two workers stay busy to the end (longest first): the files known to take
 * longest (measured: ten seconds and more each, their runtimes' start included), then the projects whose files take
 * longest (vitest's own order is by project name, which started the runtime files after the browser, infra and
 * integration ones), each in vitest's order (its cache of durations where it has one, else the largest first). The
 * pure projects come last: hundreds of short files fill the end evenly.
 */
const projectOrder: Kind[] = ['runtime', 'browser', 'integration', 'infra', 'slow', 'unit'];
const longestFiles = [
  // A synthesis of its own (another policy, baked into the bundles) before its runtime starts.
  'test/e2e/risk-profiles.e2e.test.ts',
  'test/faults/load.test.ts',
  'test/links/reminders.test.ts',
  'test/links/deadlines.test.ts',
  'test/faults/restart.test.ts',
  'test/faults/startup.test.ts',
  'test/faults/farm.test.ts',
  'test/browser/no-post-by-itself.test.ts',
  'test/faults/burst.test.ts',
  'test/cases/status-assignments.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const theirs = await super.sort(files);
    const at = new Map(theirs.map((f, i) => [f, i]));
    const projectRank = (f: TestSpecification) => {
      const i = projectOrder.indexOf(f.project.name as Kind);
      return i < 0 ? projectOrder.length : i;
    };
    const longRank = (f: TestSpecification) => {
      const i = longestFiles.indexOf(path.relative(root, f.moduleId));
      return i < 0 ? longestFiles.length : i;
    };
    return [...theirs].sort(
      (a, b) => a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder || longRank(a) - longRank(b) || projectRank(a) - projectRank(b) || at.get(a)! - at.get(b)!,
    );
  }
}

// Lives under test/ because the top level of the repository is fixed; `npm test` points vitest here.
export default defineConfig({
  root,
  test: {
    setupFiles: ['test/support/property-seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    // The synthesized Lambda bundles (a CDK asset folder each, wherever an assembly is written) are imported by the
    // local runtime as Lambda imports them, natively, not through vite's transform: they are plain ESM already, up to
    // 20 MB each, and transforming them again for every runtime a test starts cost seconds of CPU per runtime.
    server: { deps: { external: [/\/asset\.[0-9a-f]{64}\//] } },
    sequence: { sequencer: LongestFirst },
    projects: [
      // Pure tests share their workers' module cache (no re-import of zod, luxon and the domain per file): about a
      // third less CPU. They hold no global state between files.
      // The pure projects keep their transformed modules on disk (under node_modules, keyed by file content), so a
      // rerun does not transform the same files again. Not the synthesizing projects: with it, a stack trace taken
      // while the CDK app synthesizes fails inside vitest's source-map lookup (vitest 4.1). The unit tests run in
      // worker threads, which start faster than processes (about 0.7 s less on the unit run); they touch no
      // process-wide state.
      { extends: true, test: { name: 'unit', include: testsByKind.unit, isolate: false, pool: 'threads', experimental: { fsModuleCache: true } } },
      { extends: true, test: { name: 'slow', include: testsByKind.slow, isolate: false, experimental: { fsModuleCache: true } } },
      synthesized('integration'),
      synthesized('runtime', { execArgv: runtimeNodeFlags }),
      synthesized('browser', { execArgv: runtimeNodeFlags }),
      synthesized('infra'),
    ],
  },
});
