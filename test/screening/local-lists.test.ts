import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { msUntilDaily, parseDailyCron } from '../../infra/local/schedules';
import { prepareLocalLists } from '../../infra/local/sanctions-setup';
import { PUBLISHED_INDEX_FILE } from '../../shared/adapters/sanctions-lists/index-cache';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { OFFICIAL_FILES, type FetchFn } from '../../shared/adapters/sanctions-lists/update-lists';
import { FIXTURE_DIR } from './fixture-dir';

// The official servers, answered from the hand-written fixture lists: no test reaches the internet.
const byUrl = new Map(OFFICIAL_FILES.map((f) => [f.url, f.path]));
const fixtureFetch: FetchFn = async (url) => {
  const local = byUrl.get(url);
  if (!local) return new Response(null, { status: 404 });
  return new Response(fs.readFileSync(path.join(FIXTURE_DIR, local)), { status: 200, headers: { 'last-modified': 'Fri, 03 May 2024 14:00:00 GMT' } });
};

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const temp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'vetflow-lists-'));
  temps.push(d);
  return d;
};

describe('npm start: which sanctions lists', () => {
  it('downloads into .vetflow/sanctions with a progress line and the dates, then uses that cache; refreshed daily', async () => {
    const state = temp();
    const lines: string[] = [];
    const first = await prepareLocalLists({ dataDir: state, fetch: fixtureFetch, log: (l) => lines.push(l) });
    expect(first).toMatchObject({ source: 'downloaded', cacheDir: path.join(state, 'sanctions'), refresh: true });
    expect(lines.filter((l) => /^\s+\[\d\/5\] /.test(l))).toHaveLength(5);
    expect(lines.at(-1)).toMatch(/OFAC SDN of 2024-05-03/);
    const offlineFetch: FetchFn = () => Promise.reject(new TypeError('fetch failed'));
    const second = await prepareLocalLists({ dataDir: state, fetch: offlineFetch });
    expect(second).toMatchObject({ source: 'cache', refresh: true });
    expect(second.describe).toMatch(/cached copy .*OFAC SDN of 2024-05-03/);
    // The download published the prebuilt index with the lists; a cache without one (an older copy) gets it at start.
    const published = path.join(state, 'sanctions', PUBLISHED_INDEX_FILE);
    expect(fs.existsSync(published)).toBe(true);
    fs.rmSync(published);
    const restartLines: string[] = [];
    await prepareLocalLists({ dataDir: state, fetch: offlineFetch, log: (l) => restartLines.push(l) });
    expect(restartLines).toEqual([expect.stringMatching(/^prebuilt screening index for .* written \(\d+ ms, once per list version\)$/)]);
    expect((await loadLists(path.join(state, 'sanctions'), new Date(), { indexCacheDir: false })).indexFrom).toBe('published');
  });

  it('a folder named by SANCTIONS_DATA_DIR is used as is: no download, no refresh', async () => {
    const fetched: string[] = [];
    const r = await prepareLocalLists({ dataDir: temp(), configuredDir: FIXTURE_DIR, fetch: async (u) => (fetched.push(u), fixtureFetch(u)) });
    expect(r).toMatchObject({ source: 'configured', dataDir: path.resolve(FIXTURE_DIR), refresh: false });
    expect(fetched).toEqual([]);
  });

  it('offline (VETFLOW_OFFLINE or a failed download): the committed snapshot, said plainly, no refresh', async () => {
    const r = await prepareLocalLists({ dataDir: temp(), offline: true, fetch: fixtureFetch });
    expect(r).toMatchObject({ source: 'snapshot', refresh: false });
    expect(r.describe).toMatch(/^SNAPSHOT IN USE: the sanctions-list snapshot committed in the repository \(OFAC SDN as of 2024-05-03/);
    const broken = await prepareLocalLists({ dataDir: temp(), fetch: async () => new Response('nope', { status: 503 }) });
    expect(broken.source).toBe('snapshot');
    expect(broken.describe).toMatch(/HTTP 503/);
  });
});

describe('the daily list refresh runs locally at its AWS time', () => {
  it('reads a daily cron expression and counts the time to its next run', () => {
    expect(parseDailyCron('cron(15 5 * * ? *)')).toEqual({ hour: 5, minute: 15 });
    expect(parseDailyCron('cron(0/5 * * * ? *)')).toBeUndefined();
    expect(msUntilDaily({ hour: 5, minute: 15 }, new Date('2026-12-06T05:00:00Z'))).toBe(15 * 60_000);
    expect(msUntilDaily({ hour: 5, minute: 15 }, new Date('2026-12-06T05:15:00Z'))).toBe(86_400_000);
    expect(msUntilDaily({ hour: 5, minute: 15 }, new Date('2026-12-06T06:00:00Z'))).toBe(86_400_000 - 45 * 60_000);
  });
});
