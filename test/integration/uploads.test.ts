import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { jpeg, pdfWithJpeg, photo, png, strippedJpeg } from '../fixtures/documents/specimen-files';
import { decodeJpeg, encodeJpeg, passportPage, scale } from '../fixtures/documents/specimen-pictures';
import { NEAR_DUPLICATE_MAX_DISTANCE } from '../../shared/domain/document/near-duplicate';
import { loadRequest, postOnboarding, startTestRuntime, waitForStatus } from '../support/local-runtime';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DOC_CODES } from '../../shared/domain/document/doc-codes';

/** Document uploads through short-lived presigned S3 URLs (local S3 endpoint), read by the document stage. */
describe('document uploads', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const requestUpload = async (body: unknown) => fetch(`${rt.apiUrl}/uploads`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': rt.apiKey }, body: JSON.stringify(body) });

  async function upload(kind: string, bytes: Uint8Array, contentType: string): Promise<string> {
    const res = await requestUpload({ kind, contentType, sizeBytes: bytes.length });
    expect(res.status).toBe(201);
    const u = (await res.json()) as { key: string; uploadUrl: string; headers: Record<string, string>; expiresAt: string };
    expect(u.uploadUrl).toContain('X-Amz-Signature=');
    expect(Date.parse(u.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    const put = await fetch(u.uploadUrl, { method: 'PUT', headers: u.headers, body: bytes });
    expect(put.status).toBe(200);
    return u.key;
  }

  /** An onboarding whose document is one uploaded file; `name` gives its external id and idempotency key. */
  async function startWithFile(name: { externalId: string; key: string }, kind: 'front' | 'selfie', bytes: Uint8Array, contentType: string): Promise<string> {
    const key = await upload(kind, bytes, contentType);
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = name.externalId), (r.document.files = [{ kind, key }]))),
      name.key,
    );
    expect(res.status).toBe(202);
    return res.body.id as string;
  }

  /** The document stage's evidence of a case, and the cases its shared-image finding (or `code`'s) names. */
  async function documentEvidence(id: string, code: string = DOC_CODES.imageSharedWithOtherApplicant) {
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    const evidence = (
      await db.send(
        new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :p AND begins_with(SK, :s)', ExpressionAttributeValues: { ':p': `CASE#${id}`, ':s': 'EVIDENCE#document#' } }),
      )
    ).Items![0]!;
    const shared = (evidence.findings as { code: string; evidence: { detail?: { linkedCases?: { caseId: string }[] } }[] }[]).find((f) => f.code === code)!;
    return { evidence, linkedCases: shared.evidence[0]!.detail!.linkedCases!.map((l) => l.caseId) };
  }

  it('presigned uploads are read by the document stage: hashes recorded, types checked by their bytes', async () => {
    const front = jpeg({ make: 'Canon', model: 'EOS 80D', dateTimeOriginal: '2026:01:10 10:00:00' }, 20_000);
    const selfie = jpeg({ make: 'Apple', model: 'iPhone 14', dateTimeOriginal: '2026:01:10 10:05:00' }, 20_000);
    const back = png({}); // declared as a JPEG below: the bytes say PNG
    const keys = {
      front: await upload('front', front, 'image/jpeg'),
      selfie: await upload('selfie', selfie, 'image/jpeg'),
      back: await upload('back', back, 'image/jpeg'),
    };
    const res = await postOnboarding(
      rt,
      loadRequest((r) => {
        r.externalId = 'uploads-1';
        r.document.files = [
          { kind: 'front', key: keys.front },
          { kind: 'back', key: keys.back },
          { kind: 'selfie', key: keys.selfie },
        ];
      }),
      'uploads-0001',
    );
    const o = await waitForStatus(rt, res.body.id, 'awaiting-interview');
    expect(o.findings.codes).not.toContain('DOC_FILE_MISSING');
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    const evidence = (
      await db.send(
        new QueryCommand({
          TableName: rt.tableName,
          KeyConditionExpression: 'PK = :p AND begins_with(SK, :s)',
          ExpressionAttributeValues: { ':p': `CASE#${res.body.id}`, ':s': 'EVIDENCE#document#' },
        }),
      )
    ).Items![0]!;
    const files = (evidence.inputs as { files: { kind: string; sha256: string; detectedType: string }[] }).files;
    expect(files.find((f) => f.kind === 'front')!.sha256).toBe(createHash('sha256').update(front).digest('hex'));
    expect(files.find((f) => f.kind === 'back')!.detectedType).toMatch(/png/);
    expect(files.find((f) => f.kind === 'front')!.detectedType).toBe('image/jpeg');
  });

  it('an upload key that was issued but never uploaded is a finding, not a crash', async () => {
    const issued = await requestUpload({ kind: 'front', contentType: 'image/jpeg', sizeBytes: 1000 });
    const { key } = (await issued.json()) as { key: string };
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = 'uploads-2'), (r.document.files = [{ kind: 'front', key }]))),
      'uploads-0002',
    );
    const o = await waitForStatus(rt, res.body.id, 'awaiting-interview');
    expect(o.findings.codes).toContain('DOC_FILE_MISSING');
  });

  it('the same document image for two applicants links them: a finding on the second naming the first', async () => {
    const image = jpeg({ make: 'Canon', model: 'EOS 80D', dateTimeOriginal: '2026:01:11 09:00:00' }, 21_000);
    const start = (tag: string, kind: 'front' | 'selfie') => startWithFile({ externalId: `shared-image-${tag}`, key: `uploads-shared-${tag}` }, kind, image, 'image/jpeg');
    const first = await start('1', 'front');
    await waitForStatus(rt, first, 'awaiting-interview');
    // Declared as another kind, under another key: the bytes are what links them.
    const second = await start('2', 'selfie');
    const o = await waitForStatus(rt, second, ['awaiting-interview', 'awaiting-approval']);
    expect(o.findings.codes).toContain(DOC_CODES.imageSharedWithOtherApplicant);
    expect((await documentEvidence(second)).linkedCases).toEqual([first]);
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    // One fingerprint per distinct image, keyed: the table holds no raw content hash.
    const fps = (
      await db.send(
        new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :p AND begins_with(SK, :s)', ExpressionAttributeValues: { ':p': `CASE#${second}`, ':s': 'FP#document-image#' } }),
      )
    ).Items!;
    expect(fps).toHaveLength(1);
    expect(JSON.stringify(fps)).not.toContain(createHash('sha256').update(image).digest('hex'));
  });

  // The photo of the first applicant sent for a second with its metadata stripped and bytes appended: another file
  // (another SHA-256), the same picture. It linked nobody before (adversarial pass, December 2026).
  it('the same photo with its metadata stripped and bytes appended still links the two applicants', async () => {
    const original = photo(7, 90, { make: 'Apple', model: 'iPhone 14', dateTimeOriginal: '2026:01:12 08:00:00' });
    const disguised = Buffer.concat([strippedJpeg(original), Buffer.from('\0\0 padding')]);
    const start = (tag: string, image: Uint8Array) => startWithFile({ externalId: `same-picture-${tag}`, key: `uploads-picture-${tag}` }, 'front', image, 'image/jpeg');
    const first = await start('1', original);
    const firstCase = await waitForStatus(rt, first, 'awaiting-interview');
    expect(firstCase.findings.codes).not.toContain(DOC_CODES.imageSharedWithOtherApplicant);
    const second = await start('2', disguised);
    const o = await waitForStatus(rt, second, ['awaiting-interview', 'awaiting-approval']);
    expect(o.findings.codes).toContain(DOC_CODES.imageSharedWithOtherApplicant);
    const { evidence, linkedCases } = await documentEvidence(second);
    expect(linkedCases).toEqual([first]);
    // The stage's inputs say both digests: the file's and the picture's.
    const [file] = (evidence.inputs as { files: { sha256: string; contentSha256: string | null }[] }).files;
    expect(file!.sha256).toBe(createHash('sha256').update(disguised).digest('hex'));
    expect(file!.contentSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  // The same photo "printed to PDF" for a second applicant: a PDF scan, not an image file (adversarial pass).
  it('the same photo inside a PDF links the two applicants too', async () => {
    const original = photo(8, 90, { make: 'Samsung', model: 'SM-S911B', dateTimeOriginal: '2026:01:13 08:00:00' });
    const start = (tag: string, bytes: Uint8Array, contentType: string) => startWithFile({ externalId: `pdf-picture-${tag}`, key: `uploads-pdf-${tag}` }, 'front', bytes, contentType);
    const first = await start('1', original, 'image/jpeg');
    await waitForStatus(rt, first, 'awaiting-interview');
    const second = await start('2', pdfWithJpeg(original, { info: 'Microsoft: Print To PDF' }), 'application/pdf');
    const o = await waitForStatus(rt, second, ['awaiting-interview', 'awaiting-approval']);
    expect(o.findings.codes).toContain(DOC_CODES.imageSharedWithOtherApplicant);
  });

  // Applicant A's passport page saved again at quality 60 and scaled to 90% for applicant B: another file, another
  // content digest, and it linked nobody. The perceptual hash's bands meet, and the distance confirms it; another
  // holder's page of the same passport layout (C) is no link (a band met but too far: test/document/near-duplicate.test.ts).
  it("applicant A's passport photo re-encoded and resized links applicant B, with the distance; another holder's page of the same layout does not", async () => {
    const original = encodeJpeg(passportPage(11), 92);
    const resaved = encodeJpeg(scale(decodeJpeg(original), 0.9), 60);
    const start = (tag: string, bytes: Uint8Array) => startWithFile({ externalId: `phash-${tag}`, key: `uploads-phash-${tag}` }, 'front', bytes, 'image/jpeg');
    const a = await start('a', original);
    await waitForStatus(rt, a, 'awaiting-interview');
    const b = await start('b', resaved);
    const o = await waitForStatus(rt, b, ['awaiting-interview', 'awaiting-approval']);
    expect(o.findings.codes).toContain(DOC_CODES.imageResavedForOtherApplicant);
    expect(o.findings.codes).not.toContain(DOC_CODES.imageSharedWithOtherApplicant);
    const { evidence } = await documentEvidence(b, DOC_CODES.imageResavedForOtherApplicant);
    const near = (evidence.findings as { code: string; message: string; evidence: { detail: { linkedCases: { caseId: string; distance: number }[] } }[] }[]).find(
      (f) => f.code === DOC_CODES.imageResavedForOtherApplicant,
    )!;
    expect(near.message).toContain('saved again or resized');
    expect(near.evidence[0]!.detail.linkedCases).toEqual([{ caseId: a, status: expect.any(String), distance: expect.any(Number) }]);
    expect(near.evidence[0]!.detail.linkedCases[0]!.distance).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
    // The hash is in the stage's inputs and on the print items, never in a key of the index.
    const [file] = (evidence.inputs as { files: { perceptualHash: string }[] }).files;
    expect(file!.perceptualHash).toMatch(/^[0-9a-f]{64}$/);
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    const bands = (
      await db.send(
        new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :p AND begins_with(SK, :s)', ExpressionAttributeValues: { ':p': `CASE#${b}`, ':s': 'FP#document-image-near#' } }),
      )
    ).Items!;
    expect(bands).toHaveLength(8);
    expect(bands.every((i) => (i.perceptualHashes as string[]).includes(file!.perceptualHash) && !String(i.GSI1PK).includes(file!.perceptualHash.slice(0, 8)))).toBe(true);

    const c = await start('c', encodeJpeg(passportPage(12), 92));
    const other = await waitForStatus(rt, c, ['awaiting-interview', 'awaiting-approval']);
    expect(other.findings.codes).not.toContain(DOC_CODES.imageResavedForOtherApplicant);
    expect(other.findings.codes).not.toContain(DOC_CODES.imageSharedWithOtherApplicant);
  });

  it.each([
    [{ kind: 'passport', contentType: 'image/jpeg', sizeBytes: 100 }, 'kind'],
    [{ kind: 'front', contentType: 'text/html', sizeBytes: 100 }, 'contentType'],
    [{ kind: 'front', contentType: 'image/jpeg', sizeBytes: 99_000_000 }, 'sizeBytes'],
  ])('a bad upload request is a 400 naming the field (%j)', async (body, field) => {
    const res = await requestUpload(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe(field);
  });
});
