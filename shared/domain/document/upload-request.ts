import * as z from '../schemas/zod';

/** Types and sizes an identity-document upload may have; the document stage checks the real bytes again. */
export const uploadContentTypes = ['image/jpeg', 'image/png', 'image/heic', 'image/webp', 'application/pdf'] as const;
export const maxUploadBytes = 15 * 1024 * 1024;

export const uploadRequestSchema = z.strictObject({
  kind: z.enum(['front', 'back', 'selfie']),
  contentType: z.enum(uploadContentTypes, { message: `expected one of ${uploadContentTypes.join(', ')}` }),
  sizeBytes: z.number().check(z.int(), z.gte(1), z.lte(maxUploadBytes, `at most ${maxUploadBytes} bytes`)),
});
export type UploadRequest = z.infer<typeof uploadRequestSchema>;

/** Presigned URLs live long enough for one upload, not for a mailbox. */
export const uploadUrlTtlSeconds = 15 * 60;
