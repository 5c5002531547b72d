import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { awsEndpoints, type AwsEndpointsDeps } from '../../infra/local/aws-endpoints';
import type { Env } from '../../shared/config/env';
import { OFFICIAL_FILES } from '../../shared/adapters/sanctions-lists/update-lists';
import { FIXTURE_DIR } from './fixture-dir';

/**
 * How a function finds its lists when the bucket the daily refresh fills is empty or unreadable (a fresh
 * deploy, an outage): shared/config/sanctions-lists.ts, against the local runtime's S3 (objects on disk), as
 * a Lambda container reads it. Each test imports the module afresh: its state is the container's.
 */
const FILLED = 'vetflow-lists-filled';
const EMPTY = 'vetflow-lists-empty';
let server: Server;
let s3Dir: string;
let s3: S3Client;
let privateTmp: string;
const gets = new Map<string, number>();
const savedTmp = process.env.TMPDIR;

beforeAll(async () => {
  s3Dir = await mkdtemp(join(tmpdir(), 'vetflow-s3-'));
  const handle = awsEndpoints({ s3Dir } as AwsEndpointsDeps);
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const bucket = (req.url ?? '').split('/')[1]?.split('?')[0] ?? '';
      if (req.method === 'GET') gets.set(bucket, (gets.get(bucket) ?? 0) + 1);
      void handle(req, res, Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, { AWS_ENDPOINT_URL_S3: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  s3 = new S3Client({ endpoint, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  for (const f of OFFICIAL_FILES) await s3.send(new PutObjectCommand({ Bucket: FILLED, Key: f.path, Body: await readFile(join(FIXTURE_DIR, f.path)) }));
  // The empty bucket exists (the refresh has not run yet): every key is NoSuchKey.
  await s3.send(new PutObjectCommand({ Bucket: EMPTY, Key: 'README', Body: 'not the lists' }));
});
afterAll(async () => {
  // The unit tests share their modules (isolate: false): the next file must not get this file's S3 client.
  vi.resetModules();
  await new Promise((r) => server.close(r));
  await rm(s3Dir, { recursive: true, force: true });
});

beforeEach(async () => {
  gets.clear();
  vi.resetModules();
  // The downloads go to the temporary folder: a private one, to see what is left in it.
  privateTmp = await mkdtemp(join(tmpdir(), 'vetflow-lists-tmp-'));
  process.env.TMPDIR = privateTmp;
});
afterEach(async () => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  // The loader writes the index cache there in the background, after the call returns (load-lists.ts): the
  // removal retries while that write finishes.
  await rm(privateTmp, { recursive: true, force: true, maxRetries: 20, retryDelay: 10 });
});

const container = () => import('../../shared/config/sanctions-lists');
const envOf = (vars: Partial<Env>) => vars as Env;

describe('the lists of a function, when the bucket cannot be read', () => {
  it('an empty bucket is tried once, then not again for BUCKET_RETRY_MS: the calls meanwhile answer at once, without a request', async () => {
    const { sanctionsIndex, BUCKET_RETRY_MS } = await container();
    const env = envOf({ SANCTIONS_BUCKET: EMPTY });
    const t0 = Date.parse('2026-03-01T10:00:00Z');
    const first = await sanctionsIndex(env, t0);
    expect(first.index).toBeUndefined();
    expect(first.error).toMatch(/lists bucket/);
    const tried = gets.get(EMPTY) ?? 0;
    // Each list file, sources.json and the prebuilt index: one GET each.
    expect(tried).toBe(OFFICIAL_FILES.length + 2);

    for (let i = 0; i < 20; i++) expect((await sanctionsIndex(env, t0 + i * 1000)).error).toMatch(/not readable at the last attempt/);
    await sanctionsIndex(env, t0 + BUCKET_RETRY_MS - 1);
    expect(gets.get(EMPTY)).toBe(tried);

    expect((await sanctionsIndex(env, t0 + BUCKET_RETRY_MS)).error).toMatch(/specified key does not exist/);
    expect(gets.get(EMPTY)).toBe(2 * tried);
  });

  it('with the snapshot shipped beside the function, an empty bucket screens against the snapshot', async () => {
    const { sanctionsIndex } = await container();
    const env = envOf({ SANCTIONS_BUCKET: EMPTY, SANCTIONS_SNAPSHOT_DIR: FIXTURE_DIR });
    const r = await sanctionsIndex(env);
    expect(r.error).toBeUndefined();
    expect(r.index?.listVersion.id).toBeDefined();
    const tried = gets.get(EMPTY) ?? 0;
    for (let i = 0; i < 10; i++) expect((await sanctionsIndex(env)).index).toBe(r.index);
    expect(gets.get(EMPTY) ?? 0).toBe(tried);
  });

  it('concurrent first calls share one download, into a folder of its own that is gone afterwards', async () => {
    const { sanctionsIndex } = await container();
    const env = envOf({ SANCTIONS_BUCKET: FILLED });
    const all = await Promise.all(Array.from({ length: 6 }, () => sanctionsIndex(env)));
    expect(all[0]!.index).toBeDefined();
    for (const r of all) expect(r.index).toBe(all[0]!.index);
    // One download: each list file, sources.json and the prebuilt index, once.
    expect(gets.get(FILLED)).toBe(OFFICIAL_FILES.length + 2);
    expect((await readdir(privateTmp)).filter((f) => f.startsWith('vetflow-sanctions-'))).toEqual([]);
  });

  // Lists from the bucket are newer than the snapshot committed in the repository: a bucket that cannot be
  // read at the next hourly refresh keeps them, it never falls back to the older snapshot.
  it('lists loaded from the bucket stay when the bucket later cannot be read: never replaced by the older snapshot', async () => {
    const LATER = 'vetflow-lists-later';
    for (const f of OFFICIAL_FILES) await s3.send(new PutObjectCommand({ Bucket: LATER, Key: f.path, Body: await readFile(join(FIXTURE_DIR, f.path)) }));
    const { sanctionsIndex, BUCKET_RETRY_MS } = await container();
    const env = envOf({ SANCTIONS_BUCKET: LATER, SANCTIONS_SNAPSHOT_DIR: FIXTURE_DIR });
    const t0 = Date.parse('2026-03-01T10:00:00Z');
    const fromBucket = (await sanctionsIndex(env, t0)).index;
    expect(fromBucket).toBeDefined();

    await s3.send(new DeleteObjectCommand({ Bucket: LATER, Key: OFFICIAL_FILES[0]!.path }));
    const hour = 60 * 60 * 1000;
    // The refresh an hour later fails; then, while the bucket is not tried again, and after.
    for (const at of [t0 + hour + 1, t0 + hour + 2, t0 + hour + BUCKET_RETRY_MS + 1]) expect((await sanctionsIndex(env, at)).index).toBe(fromBucket);
  });
});
