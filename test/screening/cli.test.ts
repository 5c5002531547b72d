import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { screenBatchLine } from '../../infra/tools/screen-cli';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { defaultScreeningThresholds } from '../../shared/domain/screening/query';
import { FIXTURE_DIR } from './fixture-dir';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'infra', 'tools', 'screen-cli.ts');

let index: ScreeningIndex;
let dir: string;
beforeAll(async () => {
  index = (await loadLists(FIXTURE_DIR)).index;
  dir = await mkdtemp(join(tmpdir(), 'vetflow-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('batch contract', () => {
  const line = (s: string, n = 1) => JSON.parse(screenBatchLine(index, s, n, defaultScreeningThresholds)) as Record<string, unknown>;

  it('answers one line per query with hits at or above potential, best first', () => {
    const out = line('{"id":"a","name":"Pak Chol Su","dob":"1985-03-15"}');
    expect(Object.keys(out)).toEqual(['id', 'hits']);
    const hits = out.hits as { source: string; sourceId: string; name: string; score: number; reasons: string[] }[];
    expect(hits[0]).toMatchObject({ source: 'ofac-sdn', sourceId: '1002', name: 'PAK, Chol Su' });
    expect(Object.keys(hits[0]!)).toEqual(['source', 'sourceId', 'name', 'score', 'reasons']);
    for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(defaultScreeningThresholds.potential);
    expect(line('{"id":7,"name":"Priya Sharma"}')).toEqual({ id: 7, hits: [] });
  });

  it('turns a bad line into an error line naming the problem', () => {
    expect(line('{oops', 3)).toMatchObject({ id: null, error: expect.stringMatching(/^line 3: not valid JSON/) });
    expect(line('{"id":"b"}', 4)).toMatchObject({ id: 'b', error: expect.stringMatching(/^line 4: name:/) });
    expect(line('{"id":"c","name":"X Y","dob":"18/02/1962"}', 5)).toMatchObject({ id: 'c', error: expect.stringMatching(/dob/) });
    expect(line('{"name":"X Y"}', 6)).toMatchObject({ id: null, error: expect.stringMatching(/^line 6: id:/) });
  });
});

describe('screen command', () => {
  it('streams a JSONL batch', async () => {
    const file = join(dir, 'q.jsonl');
    await writeFile(file, ['{"id":"1","name":"Choi Sung Nam"}', 'garbage', '', '{"id":"2","name":"Jan Kowalski"}'].join('\n'));
    const { stdout } = await run(TSX, [CLI, '--batch', file, '--lists', FIXTURE_DIR], { cwd: ROOT });
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect((lines[0]!.hits as { sourceId: string }[])[0]!.sourceId).toBe('KPi.901');
    expect(lines[1]!.error).toMatch(/^line 2:/);
    expect(lines[2]).toEqual({ id: '2', hits: [] });
  }, 120_000);

  it('says how to get the lists when none are configured', async () => {
    const env = { ...process.env };
    delete env.SANCTIONS_DATA_DIR;
    const err = await run(TSX, [CLI, '--name', 'Kim Yong Chol'], { cwd: ROOT, env }).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(3);
    expect((err as { stderr: string }).stderr).toMatch(/npm run sanctions:update/);
  }, 120_000);

  it('prints a readable answer for one name', async () => {
    const { stdout } = await run(TSX, [CLI, '--name', 'Yong-chol Kim', '--dob', '1946', '--lists', FIXTURE_DIR], { cwd: ROOT });
    expect(stdout).toMatch(/Outcome: (POTENTIAL|STRONG)/);
    expect(stdout).toMatch(/ofac-sdn 1001 {2}KIM, Yong Chol/);
  }, 120_000);
});
