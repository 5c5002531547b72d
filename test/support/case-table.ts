import * as fs from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import * as path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createTablesFromTemplate, startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local';
import type { Template } from '../../infra/local/intrinsics';

export interface CaseTable {
  dynamo: DynamoDbLocal;
  /** A document client as the handlers build theirs. */
  db: DynamoDBDocumentClient;
  table: string;
}

/** DynamoDB Local on a free port with the cases table the synthesized template defines (keys, indexes). */
export async function startCaseTable(): Promise<CaseTable> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  const dynamo = await startDynamoDbLocal(port);
  const meta = inject('assembly');
  const template = JSON.parse(fs.readFileSync(path.join(meta.dir, meta.templateFile), 'utf8')) as Template;
  const [table] = (await createTablesFromTemplate(dynamo.client, template)) as [string];
  const db = DynamoDBDocumentClient.from(dynamo.client, { marshallOptions: { removeUndefinedValues: true } });
  return { dynamo, db, table };
}
