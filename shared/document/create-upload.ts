import { createHash, randomUUID } from 'node:crypto';
import { PutObjectCommand, s3Client } from '../aws/s3';
import { getSignedUrl } from '../aws/s3-presigner';
import { requireSetting } from '../config/env';
import { env } from '../config/services';
import type { UploadRequest } from './upload-request';

/** A presigned PUT for one upload under uploads/<client>/, expiring after `ttlSeconds`. */
export async function createDocumentUpload(clientId: string, req: UploadRequest, ttlSeconds: number) {
  const client = createHash('sha256').update(clientId).digest('hex').slice(0, 16);
  const key = `uploads/${client}/${randomUUID()}`;
  const url = await getSignedUrl(
    s3Client(),
    new PutObjectCommand({ Bucket: requireSetting(env, 'DOCUMENTS_BUCKET'), Key: key, ContentType: req.contentType, ContentLength: req.sizeBytes }),
    { expiresIn: ttlSeconds },
  );
  return { key, kind: req.kind, uploadUrl: url, method: 'PUT', headers: { 'content-type': req.contentType }, expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString() };
}
