import type * as Sdk from '@aws-sdk/client-eventbridge';
import { requireSdk } from './require-sdk';

/** EventBridge (see require-sdk.ts for why it is required, not imported). */
export const { EventBridgeClient, PutEventsCommand } = requireSdk('@aws-sdk/client-eventbridge') as typeof Sdk;
export type EventBridgeClient = Sdk.EventBridgeClient;
export type PutEventsCommand = Sdk.PutEventsCommand;
