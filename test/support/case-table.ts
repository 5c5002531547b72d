import * as fs from 'node:fs';
import * as path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { attachDynamoDbLocal, createTablesFromTemplate, type DynamoDbLocal } from '../../infra/local/dynamodb-local';
import type { Template } from '../../infra/local/intrinsics';
import { testDatabase } from './test-database';

export interface CaseTable {
  dynamo: DynamoDbLocal;
  /** A document client as the handlers build theirs. */
  db: DynamoDBDocumentClient;
  table: string;
}

/**
 * The cases table the synthesized template defines (keys, indexes), in a database of its own on the run's
 * DynamoDB Local. `stop()` on its `dynamo` deletes it.
 */
export async function startCaseTable(): Promise<CaseTable> {
  const { endpoint, accessKeyId } = testDatabase();
  const dynamo = attachDynamoDbLocal(endpoint, accessKeyId);
  const meta = inject('assembly');
  const template = JSON.parse(fs.readFileSync(path.join(meta.dir, meta.templateFile), 'utf8')) as Template;
  const [table] = (await createTablesFromTemplate(dynamo.client, template)) as [string];
  const db = DynamoDBDocumentClient.from(dynamo.client, { marshallOptions: { removeUndefinedValues: true } });
  return { dynamo, db, table };
}
