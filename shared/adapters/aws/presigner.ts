import type * as S3 from '@aws-sdk/client-s3';
import type * as Presigner from '@aws-sdk/s3-request-presigner';
import { requireSdk } from './require-sdk';

let signer: { client: S3.S3Client; s3: typeof S3; getSignedUrl: typeof Presigner.getSignedUrl } | undefined;

/**
 * S3 and its presigner, required on first use in an execution environment rather than at cold start: the
 * functions that presign (POST /uploads in the API, the interviewer's photos in the links function) do so on
 * a small share of their requests, and loading S3 (the largest SDK client) added about 20 ms to every cold
 * start. The bench reports this deferred load separately (test/bench/bundles.ts). Not shared/adapters/aws/s3.ts, which
 * requires S3 at module init for the functions that use it on every invocation.
 */
export function presigner(): { client: S3.S3Client; s3: typeof S3; getSignedUrl: typeof Presigner.getSignedUrl } {
  if (!signer) {
    const s3 = requireSdk('@aws-sdk/client-s3') as typeof S3;
    const { getSignedUrl } = requireSdk('@aws-sdk/s3-request-presigner') as typeof Presigner;
    signer = { client: new s3.S3Client({ maxAttempts: 4, forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }), s3, getSignedUrl };
  }
  return signer;
}
