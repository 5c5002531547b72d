/**
 * Where Lambda unpacks a function's bundle; the local runtime maps it to the asset folder. A module of its own,
 * without aws-cdk-lib, so that the local runtime (infra/local/lambda-host.ts) can read it without loading the CDK.
 */
export const LAMBDA_TASK_ROOT = '/var/task';
