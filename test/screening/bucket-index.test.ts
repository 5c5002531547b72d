import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { awsEndpoints, type AwsEndpointsDeps } from '../../infra/local/aws-endpoints';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { peekIndexKey, PUBLISHED_INDEX_FILE } from '../../shared/adapters/sanctions-lists/index-cache';
import { listsIndexKey, loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { OFFICIAL_FILES } from '../../shared/adapters/sanctions-lists/update-lists';
import { FIXTURE_DIR } from './fixture-dir';

// The lists bucket on the local runtime's S3 (infra/local/aws-endpoints.ts: objects on disk, path-style), as
// a new Lambda container reads it: lists and the prebuilt index the refresh published beside them.
const BUCKET = 'vetflow-lists';
let server: Server;
let s3Dir: string;
let work: string;
let s3: S3Client;
// Imported once the endpoint is set, afresh: the unit tests share their modules (isolate: false), and the
// S3 client the module keeps from an earlier file would point at that file's server.
let download: typeof import('../../shared/config/sanctions-lists').download;
let publishBucketIndex: typeof import('../../shared/config/sanctions-lists').publishBucketIndex;

beforeAll(async () => {
  s3Dir = await mkdtemp(join(tmpdir(), 'vetflow-s3-'));
  work = await mkdtemp(join(tmpdir(), 'vetflow-bucket-lists-'));
  // Only the S3 part of the endpoints is reached here; the other services are not called.
  const handle = awsEndpoints({ s3Dir } as AwsEndpointsDeps);
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, { AWS_ENDPOINT_URL_S3: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  s3 = new S3Client({ endpoint, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  for (const f of OFFICIAL_FILES) await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: f.path, Body: await readFile(join(FIXTURE_DIR, f.path)) }));
  vi.resetModules();
  ({ download, publishBucketIndex } = await import('../../shared/config/sanctions-lists'));
});
afterAll(async () => {
  vi.resetModules();
  await new Promise((r) => server.close(r));
  for (const d of [s3Dir, work]) await rm(d, { recursive: true, force: true });
});

describe('the prebuilt index in the lists bucket', () => {
  it('is published once for lists that have none, then downloaded with them: a new container reads it and never parses', async () => {
    expect(await publishBucketIndex(BUCKET, join(work, 'refresh'))).toBe(true);
    expect(await publishBucketIndex(BUCKET, join(work, 'refresh'))).toBe(false);
    const container = await download(BUCKET, join(work, 'container'));
    expect(await peekIndexKey(join(container, PUBLISHED_INDEX_FILE))).toBe(await listsIndexKey(container));
    expect((await loadLists(container, new Date(), { indexCacheDir: false })).indexFrom).toBe('published');
  });

  it('gone from the bucket, is gone from the container folder too at the next download (never a stale copy)', async () => {
    const container = await download(BUCKET, join(work, 'container-2'));
    expect(existsSync(join(container, PUBLISHED_INDEX_FILE))).toBe(true);
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: PUBLISHED_INDEX_FILE }));
    await download(BUCKET, container);
    expect(existsSync(join(container, PUBLISHED_INDEX_FILE))).toBe(false);
    expect((await loadLists(container, new Date(), { indexCacheDir: false })).indexFrom).toBe('lists');
  });
});
