import { readFile, mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED_INDEX_FILE } from '../../shared/adapters/sanctions-lists/index-cache';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { OFFICIAL_FILES, updateLists, type FetchFn } from '../../shared/adapters/sanctions-lists/update-lists';
import { FIXTURE_DIR } from './fixture-dir';

// A local stand-in for the OFAC and UN servers: serves the fixture files under the official URL paths.
let server: Server;
let base: string;
const overrides = new Map<string, { status: number; body: Buffer | string }>();

beforeAll(async () => {
  const byPath = new Map(OFFICIAL_FILES.map((f) => [new URL(f.url).pathname, f.path]));
  server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const o = overrides.get(path);
    if (o) {
      res.writeHead(o.status);
      res.end(o.body);
      return;
    }
    const local = byPath.get(path);
    if (!local) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'last-modified': 'Fri, 03 May 2024 14:00:00 GMT' });
    res.end(await readFile(join(FIXTURE_DIR, local)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

// Redirect the official hosts to the local server: no test ever reaches the internet.
const localFetch: FetchFn = (url, init) => fetch(url.replace(/^https:\/\/[^/]+/, base), init);

const temps: string[] = [];
afterEach(async () => {
  overrides.clear();
  for (const d of temps.splice(0)) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'vetflow-update-'));
  temps.push(d);
  return d;
}

describe('updateLists', () => {
  it('downloads, validates and installs the files in the loader layout', async () => {
    const dir = await tempDir();
    const r = await updateLists(dir, { fetch: localFetch });
    expect(r.files.map((f) => f.path)).toEqual(OFFICIAL_FILES.map((f) => f.path));
    // The prebuilt index is published with the lists: a cold load reads it, never parses.
    expect(r.indexPublished).toBe(true);
    const { index, indexFrom } = await loadLists(dir, new Date(), { indexCacheDir: false });
    expect(indexFrom).toBe('published');
    expect(index.listVersion.id).toBe(r.version.id);
    // No staging leftovers.
    expect((await readdir(dir)).sort()).toEqual(['ofac', PUBLISHED_INDEX_FILE, 'sources.json', 'un']);
    // OFAC's CSV has no date inside; the server's Last-Modified becomes its publish date.
    const ofac = index.listVersion.sources.find((s) => s.source === 'ofac-sdn')!;
    expect(ofac.publishDate).toBe('2024-05-03T14:00:00.000Z');
  });

  it('leaves the existing lists untouched when a download is damaged', async () => {
    const dir = await tempDir();
    await updateLists(dir, { fetch: localFetch });
    const before = await readFile(join(dir, 'ofac', 'sdn.csv'));
    const xml = await readFile(join(FIXTURE_DIR, 'un', 'consolidated.xml'), 'utf8');
    overrides.set('/resources/xml/en/consolidated.xml', { status: 200, body: xml.slice(0, 700) });
    overrides.set('/api/PublicationPreview/exports/SDN.CSV', { status: 200, body: '1,"NEW NAME","individual","X",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n' });
    const index = await readFile(join(dir, PUBLISHED_INDEX_FILE));
    await expect(updateLists(dir, { fetch: localFetch })).rejects.toThrow(/un\/consolidated\.xml/);
    expect(await readFile(join(dir, 'ofac', 'sdn.csv'))).toEqual(before);
    expect(await readFile(join(dir, PUBLISHED_INDEX_FILE))).toEqual(index);
    expect((await readdir(dir)).sort()).toEqual(['ofac', PUBLISHED_INDEX_FILE, 'sources.json', 'un']);
  });

  it('refuses a download with far fewer entries than the lists in place', async () => {
    const dir = await tempDir();
    await updateLists(dir, { fetch: localFetch });
    overrides.set('/api/PublicationPreview/exports/SDN.CSV', { status: 200, body: '1,"ONLY ONE","individual","X",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n' });
    await expect(updateLists(dir, { fetch: localFetch })).rejects.toThrow(/ofac-sdn shrank from 8 to 1 entries/);
    expect((await loadLists(dir)).index.entries.filter((e) => e.source === 'ofac-sdn')).toHaveLength(8);
  });

  it('fails plainly on an HTTP error and keeps the old files', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'ofac'), { recursive: true });
    await writeFile(join(dir, 'ofac', 'sdn.csv'), 'old');
    overrides.set('/api/PublicationPreview/exports/ALT.CSV', { status: 503, body: 'down' });
    await expect(updateLists(dir, { fetch: localFetch })).rejects.toThrow(/ALT\.CSV failed: HTTP 503/);
    expect(await readFile(join(dir, 'ofac', 'sdn.csv'), 'utf8')).toBe('old');
  });
});
