import type * as S3 from '@aws-sdk/client-s3';
import type * as Presigner from '@aws-sdk/s3-request-presigner';
import { requireSdk } from '../aws/require-sdk';
import { requireSetting } from '../config/env';
import { env } from '../config/services';
import { interviewPhotoKeys, type InterviewPhotoUrls } from './interview-photos';

/** How long the interviewer's photo links work: long enough to load the page, too short to pass around. */
export const PHOTO_URL_TTL_SECONDS = 5 * 60;

let signer: { client: S3.S3Client; GetObjectCommand: typeof S3.GetObjectCommand; getSignedUrl: typeof Presigner.getSignedUrl } | undefined;

/**
 * S3 and its presigner, required on the first interview form of an execution environment rather than at
 * cold start: the links function serves reviewers and contractors far more often than interviewers (the
 * same reasoning as shared/document/create-upload.ts).
 */
function photoSigner() {
  if (!signer) {
    const s3 = requireSdk('@aws-sdk/client-s3') as typeof S3;
    const { getSignedUrl } = requireSdk('@aws-sdk/s3-request-presigner') as typeof Presigner;
    signer = { client: new s3.S3Client({ maxAttempts: 4, forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }), GetObjectCommand: s3.GetObjectCommand, getSignedUrl };
  }
  return signer;
}

/**
 * Presigned GETs for the document photo and the selfie of an application, made when the interviewer's form
 * is rendered: signed at `now`, valid `ttlSeconds`, never stored and never mailed. The response is marked
 * no-store so the photo is not kept in the interviewer's browser cache.
 */
export async function presignInterviewPhotos(
  files: readonly { kind: string; key: string }[],
  now: Date,
  ttlSeconds = PHOTO_URL_TTL_SECONDS,
): Promise<InterviewPhotoUrls> {
  const chosen = interviewPhotoKeys(files);
  const { client, GetObjectCommand, getSignedUrl } = photoSigner();
  const bucket = requireSetting(env, 'DOCUMENTS_BUCKET');
  const sign = (key: string) =>
    getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key, ResponseCacheControl: 'no-store' }), { expiresIn: ttlSeconds, signingDate: now });
  return {
    ...(chosen.document ? { document: await sign(chosen.document) } : {}),
    ...(chosen.selfie ? { selfie: await sign(chosen.selfie) } : {}),
  };
}
