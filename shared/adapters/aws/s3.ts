import type * as Sdk from '@aws-sdk/client-s3';
import { requireSdk } from './require-sdk';

/** S3 (see require-sdk.ts for why it is required, not imported). */
const sdk = requireSdk('@aws-sdk/client-s3') as typeof Sdk;

export const { S3Client, GetObjectCommand, PutObjectCommand, NoSuchKey } = sdk;
export type S3Client = Sdk.S3Client;
export type GetObjectCommand = Sdk.GetObjectCommand;
export type PutObjectCommand = Sdk.PutObjectCommand;
export type NoSuchKey = Sdk.NoSuchKey;

let s3: Sdk.S3Client | undefined;

/** The S3 client of this execution environment, created on first use; path-style for a local endpoint. */
export function s3Client(): Sdk.S3Client {
  s3 ??= new S3Client({ maxAttempts: 4, forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });
  return s3;
}
