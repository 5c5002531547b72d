import type * as Sdk from '@aws-sdk/s3-request-presigner';
import { requireSdk } from './require-sdk';

/** The S3 request presigner (see require-sdk.ts for why it is required, not imported). */
export const { getSignedUrl } = requireSdk('@aws-sdk/s3-request-presigner') as typeof Sdk;
