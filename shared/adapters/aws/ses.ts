import type * as Sdk from '@aws-sdk/client-sesv2';
import { requireSdk } from './require-sdk';

/** SES v2 (see require-sdk.ts for why it is required, not imported). */
const sdk = requireSdk('@aws-sdk/client-sesv2') as typeof Sdk;

export const { SESv2Client, SendEmailCommand } = sdk;
export type SESv2Client = Sdk.SESv2Client;
export type SendEmailCommand = Sdk.SendEmailCommand;

let ses: Sdk.SESv2Client | undefined;

/** The SES client of this execution environment, created on first use. */
export function sesClient(): Sdk.SESv2Client {
  ses ??= new SESv2Client({ maxAttempts: 4 });
  return ses;
}
