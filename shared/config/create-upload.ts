import { createHash, randomUUID } from 'node:crypto';
import { presigner } from '../adapters/aws/presigner';
import { requireSetting } from './env';
import { env } from './services';
import type { UploadRequest } from '../domain/document/upload-request';

/** A presigned PUT for one upload under uploads/<client>/, expiring after `ttlSeconds`. */
export async function createDocumentUpload(clientId: string, req: UploadRequest, ttlSeconds: number) {
  const client = createHash('sha256').update(clientId).digest('hex').slice(0, 16);
  const key = `uploads/${client}/${randomUUID()}`;
  const { client: s3, s3: sdk, getSignedUrl } = presigner();
  const url = await getSignedUrl(s3, new sdk.PutObjectCommand({ Bucket: requireSetting(env, 'DOCUMENTS_BUCKET'), Key: key, ContentType: req.contentType, ContentLength: req.sizeBytes }), {
    expiresIn: ttlSeconds,
  });
  return { key, kind: req.kind, uploadUrl: url, method: 'PUT', headers: { 'content-type': req.contentType }, expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString() };
}
