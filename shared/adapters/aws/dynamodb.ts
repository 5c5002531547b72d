import type * as Client from '@aws-sdk/client-dynamodb';
import type * as Lib from '@aws-sdk/lib-dynamodb';
import { requireSdk } from './require-sdk';

/** DynamoDB and its document client (see require-sdk.ts for why they are required, not imported). */
const client = requireSdk('@aws-sdk/client-dynamodb') as typeof Client;
const lib = requireSdk('@aws-sdk/lib-dynamodb') as typeof Lib;

export const { DynamoDBClient, ConditionalCheckFailedException, TransactionCanceledException } = client;
export type DynamoDBClient = Client.DynamoDBClient;
export type ConditionalCheckFailedException = Client.ConditionalCheckFailedException;
export type TransactionCanceledException = Client.TransactionCanceledException;
export const {
  DynamoDBDocumentClient,
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  ExecuteStatementCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} = lib;
export type DynamoDBDocumentClient = Lib.DynamoDBDocumentClient;
export type BatchGetCommand = Lib.BatchGetCommand;
export type BatchWriteCommand = Lib.BatchWriteCommand;
export type DeleteCommand = Lib.DeleteCommand;
export type ExecuteStatementCommand = Lib.ExecuteStatementCommand;
export type GetCommand = Lib.GetCommand;
export type PutCommand = Lib.PutCommand;
export type QueryCommand = Lib.QueryCommand;
export type ScanCommand = Lib.ScanCommand;
export type TransactWriteCommand = Lib.TransactWriteCommand;
export type UpdateCommand = Lib.UpdateCommand;

let dynamo: Lib.DynamoDBDocumentClient | undefined;

/**
 * The document client of this execution environment, created on first use. Endpoints come from the
 * standard AWS_ENDPOINT_URL_* variables, which is how the local runtime points the same code at local services.
 */
export function dynamoClient(): Lib.DynamoDBDocumentClient {
  dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 4 }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return dynamo;
}
