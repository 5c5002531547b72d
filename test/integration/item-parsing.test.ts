import * as fs from 'node:fs';
import * as path from 'node:path';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { startCaseTable } from '../support/case-table';
import type { CaseRecord } from '../../shared/domain/cases/case-model';
import { CaseRepository, MalformedItemError } from '../../shared/adapters/dynamodb/case-repository';
import { LinkRepository } from '../../shared/adapters/dynamodb/link-repository';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';

const application = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'onboarding-request.json'), 'utf8')) as OnboardingRequest;

/** Items read back from DynamoDB Local are parsed, not cast: a damaged item fails naming its field. */
describe('items parsed on read, on DynamoDB Local', () => {
  let dynamo: DynamoDbLocal;
  let db: DynamoDBDocumentClient;
  let repo: CaseRepository;
  let table: string;

  beforeAll(async () => {
    ({ dynamo, db, table } = await startCaseTable());
    repo = new CaseRepository(db, table);
  });
  afterAll(async () => {
    await dynamo?.stop();
  });

  const create = async (n: string): Promise<CaseRecord> => {
    const id = `ob_${n.repeat(32)}`;
    const now = new Date().toISOString();
    const record: CaseRecord = { id, clientId: 'hris', externalId: `x-${n}`, status: 'received', version: 1, createdAt: now, updatedAt: now, executionName: `ob-${n}`, application, stages: {} };
    await repo.createCase(record, { clientId: 'hris', key: `k-${n}`, requestHash: 'h', onboardingId: id, createdAt: now });
    return record;
  };

  it('a case whose version was overwritten with a string: getCase names the case and the field', async () => {
    const c = await create('a');
    await db.send(new UpdateCommand({ TableName: table, Key: { PK: `CASE#${c.id}`, SK: 'CASE' }, UpdateExpression: 'SET version = :v', ExpressionAttributeValues: { ':v': 'two' } }));
    const err = await repo.getCase(c.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MalformedItemError);
    expect((err as Error).message).toMatch(new RegExp(`malformed case \\(CASE#${c.id} / CASE\\): version: `));
  });

  it('the case read with its evidence and with a pending callback goes through the same parse', async () => {
    const c = await create('b');
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { PK: `CASE#${c.id}`, SK: 'CASE' },
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'half-approved' },
      }),
    );
    await expect(repo.getCaseWithEvidence(c.id)).rejects.toThrow(/status: /);
    await expect(new LinkRepository(db, table).getCaseAndCallback(c.id, 'interview')).rejects.toThrow(/status: /);
  });

  it('an evidence item without its findings fails naming the evidence item', async () => {
    const c = await create('c');
    await db.send(
      new PutCommand({ TableName: table, Item: { PK: `CASE#${c.id}`, SK: 'EVIDENCE#bank#run-1', type: 'evidence', caseId: c.id, stage: 'bank', runId: 'run-1', recordedAt: c.createdAt, inputs: {} } }),
    );
    await expect(repo.listEvidence(c.id)).rejects.toThrow(new RegExp(`malformed evidence \\(CASE#${c.id} / EVIDENCE#bank#run-1\\): findings: `));
  });

  it('an idempotency record without its onboarding id fails on the replay that reads it', async () => {
    await create('d');
    await db.send(new UpdateCommand({ TableName: table, Key: { PK: 'IDEM#hris#k-d', SK: 'IDEM' }, UpdateExpression: 'REMOVE onboardingId' }));
    await expect(repo.getIdempotency('hris', 'k-d')).rejects.toThrow(/malformed idempotency record \(IDEM#hris#k-d \/ IDEM\): onboardingId: /);
  });
});
