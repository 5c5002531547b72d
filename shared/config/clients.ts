import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { S3Client } from '@aws-sdk/client-s3';

/**
 * AWS clients, created once per execution environment and only when first used, so a function that never
 * sends mail does not pay for the SES client at cold start. Endpoints come from the standard
 * AWS_ENDPOINT_URL_* variables, which is how the local runtime points the same code at local services.
 */
let dynamo: DynamoDBDocumentClient | undefined;
let sfn: SFNClient | undefined;
let ses: SESv2Client | undefined;
let s3: S3Client | undefined;
let secrets: SecretsManagerClient | undefined;

const retry = { maxAttempts: 4 } as const;

export function dynamoClient(): DynamoDBDocumentClient {
  dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({ ...retry }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return dynamo;
}

export function sfnClient(): SFNClient {
  sfn ??= new SFNClient({ ...retry });
  return sfn;
}

export function sesClient(): SESv2Client {
  ses ??= new SESv2Client({ ...retry });
  return ses;
}

export function s3Client(): S3Client {
  s3 ??= new S3Client({ ...retry, forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });
  return s3;
}

export function secretsClient(): SecretsManagerClient {
  secrets ??= new SecretsManagerClient({ ...retry });
  return secrets;
}
