import { presigner } from '../adapters/aws/presigner';
import { requireSetting } from './env';
import { env } from './services';
import { interviewPhotoKeys, type InterviewPhotoUrls } from '../domain/document/interview-photos';

/** How long the interviewer's photo links work: long enough to load the page, too short to pass around. */
export const PHOTO_URL_TTL_SECONDS = 5 * 60;

/**
 * Presigned GETs for the document photo and the selfie of an application, made when the interviewer's form
 * is rendered: signed at `now`, valid `ttlSeconds`, never stored and never mailed. The response is marked
 * no-store so the photo is not kept in the interviewer's browser cache.
 */
export async function presignInterviewPhotos(files: readonly { kind: string; key: string }[], now: Date, ttlSeconds = PHOTO_URL_TTL_SECONDS): Promise<InterviewPhotoUrls> {
  const chosen = interviewPhotoKeys(files);
  const { client, s3, getSignedUrl } = presigner();
  const bucket = requireSetting(env, 'DOCUMENTS_BUCKET');
  const sign = (key: string) => getSignedUrl(client, new s3.GetObjectCommand({ Bucket: bucket, Key: key, ResponseCacheControl: 'no-store' }), { expiresIn: ttlSeconds, signingDate: now });
  return {
    ...(chosen.document ? { document: await sign(chosen.document) } : {}),
    ...(chosen.selfie ? { selfie: await sign(chosen.selfie) } : {}),
  };
}
