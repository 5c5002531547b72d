import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { layersMove } from '../../infra/tools/layers-move';

// @layers-move-ignore: the old paths below are the fixture, not references to rewrite.

/** A small repository in the old layout (real names of the table, plus what the table cannot know). */
const oldLayout: Record<string, string> = {
  'shared/cases/case-model.ts': 'export type CaseRecord = { id: string };\n',
  'shared/cases/keys.ts': 'export const keys = { case: (id: string) => `CASE#${id}` };\n',
  'shared/cases/hold-case.ts': "import type { CaseRecord } from './case-model';\nimport { keys } from './keys.js';\nexport const holdCase = (c: CaseRecord) => keys.case(c.id);\n",
  'shared/email/index.ts': 'export const frame = 1;\n',
  'shared/risk/decide.ts':
    "import { frame } from '../email';\nimport type { CaseRecord } from '../cases/case-model';\n// keys in shared/cases/keys.ts\nexport const decide = (c: CaseRecord) => frame + c.id.length;\n",
  'shared/screening/confusables-latin.json': '{}\n',
  'shared/screening/unicode-fold.ts': "import table from './confusables-latin.json' with { type: 'json' };\nexport const fold = table;\n",
  'shared/screening/make-snapshot-cli.ts': "import { fold } from './unicode-fold.js';\nconst file = new URL('./confusables-latin.json', import.meta.url);\nexport { fold, file };\n",
  'shared/screening/new-thing.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  'shared/policy/example-policy.yaml': 'version: x\n',
  'shared/config/services.ts': "import { holdCase } from '../cases/hold-case';\nexport const hold = holdCase;\n",
  'functions/api/handler.ts':
    "import { decide } from '../../shared/risk/decide';\nexport const handler = async () => [decide, (await import('../../shared/cases/hold-case')).holdCase];\n",
  'test/risk.test.ts':
    "import * as path from 'node:path';\nimport { vi } from 'vitest';\nvi.mock('../shared/cases/keys');\nexport const example = path.join('root', 'shared', 'policy', 'example-policy.yaml');\n",
  'package.json': '{ "scripts": { "snapshot": "tsx shared/screening/make-snapshot-cli.ts" } }\n',
};

let repo: string | undefined;
afterEach(() => {
  if (repo) fs.rmSync(repo, { recursive: true, force: true });
  repo = undefined;
});

function repository(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-move-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'old layout');
  return dir;
}

const read = (file: string) => fs.readFileSync(path.join(repo!, file), 'utf8');
const quiet = { log: () => {} };

/** infra/tools/layers-move.ts, the codemod the lead runs on the merged main (issue 16). */
describe('layers-move', () => {
  it('moves each file to its layer with git mv and rewrites every reference, in the style it was written', () => {
    repo = repository(oldLayout);
    const run = layersMove({ root: repo, ...quiet });
    expect(fs.readdirSync(path.join(repo, 'shared')).sort()).toEqual(['adapters', 'app', 'config', 'domain']);
    expect(read('shared/app/cases/hold-case.ts')).toContain("from '../../domain/cases/case-model';\nimport { keys } from '../../adapters/dynamodb/keys.js';");
    // A folder import stays a folder import; a path in a comment follows the file.
    expect(read('shared/domain/risk/decide.ts')).toBe(
      "import { frame } from '../email';\nimport type { CaseRecord } from '../cases/case-model';\n// keys in shared/adapters/dynamodb/keys.ts\nexport const decide = (c: CaseRecord) => frame + c.id.length;\n",
    );
    expect(read('shared/domain/screening/unicode-fold.ts')).toContain("from './confusables-latin.json'");
    // The command-line tool goes to infra/tools, and its relative paths (an import, a data file's URL) follow.
    expect(read('infra/tools/make-snapshot-cli.ts')).toBe(
      "import { fold } from '../../shared/domain/screening/unicode-fold.js';\nconst file = new URL('../../shared/domain/screening/confusables-latin.json', import.meta.url);\nexport { fold, file };\n",
    );
    expect(read('package.json')).toContain('tsx infra/tools/make-snapshot-cli.ts');
    expect(read('shared/config/services.ts')).toContain("from '../app/cases/hold-case'");
    expect(read('functions/api/handler.ts')).toContain("from '../../shared/domain/risk/decide'");
    expect(read('functions/api/handler.ts')).toContain("import('../../shared/app/cases/hold-case')");
    expect(read('test/risk.test.ts')).toContain("vi.mock('../shared/adapters/dynamodb/keys')");
    expect(read('test/risk.test.ts')).toContain("path.join('root', 'shared/domain/policy/example-policy.yaml')");
    // History follows: git sees renames.
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' });
    expect(status).toContain('R  shared/cases/keys.ts -> shared/adapters/dynamodb/keys.ts');
    expect(run.moves.find((m) => m.from === 'shared/cases/keys.ts')?.known).toBe(true);
  });

  it('reports a file the table does not know, moves it by its folder default, and says when it is not pure', () => {
    repo = repository(oldLayout);
    const { warnings, moves } = layersMove({ root: repo, ...quiet });
    expect(moves.find((m) => m.from === 'shared/screening/new-thing.ts')).toEqual({ from: 'shared/screening/new-thing.ts', to: 'shared/domain/screening/new-thing.ts', known: false });
    expect(warnings.some((w) => w.startsWith('UNKNOWN FILE, moved by its folder') && w.includes('shared/screening/new-thing.ts'))).toBe(true);
    expect(warnings.some((w) => w.startsWith('NOT PURE') && w.includes('shared/screening/new-thing.ts'))).toBe(true);
  });

  it('with --unknown=stay leaves an unknown file where it is and still rewrites its imports', () => {
    repo = repository({ ...oldLayout, 'shared/screening/new-thing.ts': "import { fold } from './unicode-fold';\nexport const x = fold;\n" });
    const { warnings } = layersMove({ root: repo, unknownStays: true, ...quiet });
    expect(read('shared/screening/new-thing.ts')).toContain("from '../domain/screening/unicode-fold'");
    expect(warnings.some((w) => w.startsWith('UNKNOWN FILE, left in place'))).toBe(true);
  });

  it('refuses a move onto a file that exists (another branch made it) and leaves both', () => {
    repo = repository({ ...oldLayout, 'shared/adapters/dynamodb/keys.ts': 'export const keys = {};\n' });
    const { warnings } = layersMove({ root: repo, ...quiet });
    expect(read('shared/adapters/dynamodb/keys.ts')).toBe('export const keys = {};\n');
    expect(read('shared/cases/keys.ts')).toContain('CASE#');
    expect(warnings.some((w) => w.startsWith('REFUSED: shared/cases/keys.ts'))).toBe(true);
  });

  it('running it again does nothing; a dry run changes nothing', () => {
    repo = repository(oldLayout);
    const dry = layersMove({ root: repo, dryRun: true, ...quiet });
    expect(dry.moves.length).toBeGreaterThan(0);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' })).toBe('');
    layersMove({ root: repo, ...quiet });
    const again = layersMove({ root: repo, ...quiet });
    expect(again).toEqual({ moves: [], warnings: [], rewritten: [] });
  });
});
