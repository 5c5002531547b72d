import type * as Sdk from '@aws-sdk/client-sfn';
import { requireSdk } from './require-sdk';

/** Step Functions (see require-sdk.ts for why it is required, not imported). */
const sdk = requireSdk('@aws-sdk/client-sfn') as typeof Sdk;

export const {
  SFNClient,
  StartExecutionCommand,
  RedriveExecutionCommand,
  SendTaskSuccessCommand,
  SendTaskFailureCommand,
  ExecutionAlreadyExists,
  ExecutionNotRedrivable,
  ExecutionDoesNotExist,
  TaskDoesNotExist,
  TaskTimedOut,
  InvalidToken,
} = sdk;
export type SFNClient = Sdk.SFNClient;
export type StartExecutionCommand = Sdk.StartExecutionCommand;
export type RedriveExecutionCommand = Sdk.RedriveExecutionCommand;
export type SendTaskSuccessCommand = Sdk.SendTaskSuccessCommand;
export type SendTaskFailureCommand = Sdk.SendTaskFailureCommand;
export type ExecutionAlreadyExists = Sdk.ExecutionAlreadyExists;
export type ExecutionNotRedrivable = Sdk.ExecutionNotRedrivable;
export type ExecutionDoesNotExist = Sdk.ExecutionDoesNotExist;
export type TaskDoesNotExist = Sdk.TaskDoesNotExist;
export type TaskTimedOut = Sdk.TaskTimedOut;
export type InvalidToken = Sdk.InvalidToken;

let sfn: Sdk.SFNClient | undefined;

/** The Step Functions client of this execution environment, created on first use. */
export function sfnClient(): Sdk.SFNClient {
  sfn ??= new SFNClient({ maxAttempts: 4 });
  return sfn;
}
