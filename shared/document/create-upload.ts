import { createHash, randomUUID } from 'node:crypto';
import type * as S3 from '@aws-sdk/client-s3';
import type * as Presigner from '@aws-sdk/s3-request-presigner';
import { requireSdk } from '../aws/require-sdk';
import { requireSetting } from '../config/env';
import { env } from '../config/services';
import type { UploadRequest } from './upload-request';

let signer: { client: S3.S3Client; PutObjectCommand: typeof S3.PutObjectCommand; getSignedUrl: typeof Presigner.getSignedUrl } | undefined;

/**
 * S3 and its presigner, required on the first upload request of an execution environment rather than at
 * cold start: POST /uploads is the only API route that needs them, once per onboarding, while status reads
 * and starts are the API's traffic; loading them (S3 is the largest SDK client) added about 20 ms to every
 * cold start. The bench reports this deferred load separately (test/bench/bundles.ts). Not imported from
 * shared/aws/s3.ts, which requires S3 at module init for the functions that use it on every invocation.
 */
function uploadSigner() {
  if (!signer) {
    const s3 = requireSdk('@aws-sdk/client-s3') as typeof S3;
    const { getSignedUrl } = requireSdk('@aws-sdk/s3-request-presigner') as typeof Presigner;
    signer = { client: new s3.S3Client({ maxAttempts: 4, forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }), PutObjectCommand: s3.PutObjectCommand, getSignedUrl };
  }
  return signer;
}

/** A presigned PUT for one upload under uploads/<client>/, expiring after `ttlSeconds`. */
export async function createDocumentUpload(clientId: string, req: UploadRequest, ttlSeconds: number) {
  const client = createHash('sha256').update(clientId).digest('hex').slice(0, 16);
  const key = `uploads/${client}/${randomUUID()}`;
  const { client: s3, PutObjectCommand, getSignedUrl } = uploadSigner();
  const url = await getSignedUrl(
    s3,
    new PutObjectCommand({ Bucket: requireSetting(env, 'DOCUMENTS_BUCKET'), Key: key, ContentType: req.contentType, ContentLength: req.sizeBytes }),
    { expiresIn: ttlSeconds },
  );
  return { key, kind: req.kind, uploadUrl: url, method: 'PUT', headers: { 'content-type': req.contentType }, expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString() };
}
