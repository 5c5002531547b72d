import type * as Sdk from '@aws-sdk/client-secrets-manager';
import { requireSdk } from './require-sdk';

/** Secrets Manager (see require-sdk.ts for why it is required, not imported). */
const sdk = requireSdk('@aws-sdk/client-secrets-manager') as typeof Sdk;

export const { SecretsManagerClient, GetSecretValueCommand } = sdk;
export type SecretsManagerClient = Sdk.SecretsManagerClient;
export type GetSecretValueCommand = Sdk.GetSecretValueCommand;

let secrets: Sdk.SecretsManagerClient | undefined;

/** The Secrets Manager client of this execution environment, created on first use. */
export function secretsClient(): Sdk.SecretsManagerClient {
  secrets ??= new SecretsManagerClient({ maxAttempts: 4 });
  return secrets;
}
