import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { startCaseTable } from '../support/case-table';
import { LinkRepository } from '../../shared/adapters/dynamodb/link-repository';
import { startCallback } from '../../shared/app/links/start-callback';

/**
 * Taking over a task token on real DynamoDB Local: one conditional write in the usual case; the same
 * invocation delivered again keeps its callback (and so its links); another token replaces it.
 */
describe('startCallback', () => {
  let dynamo: DynamoDbLocal;
  let db: DynamoDBDocumentClient;
  let table: string;
  let n = 0;

  beforeAll(async () => {
    ({ dynamo, db, table } = await startCaseTable());
  });
  afterAll(async () => {
    await dynamo?.stop();
  });

  const counting = () => {
    const sent: string[] = [];
    const client = { send: (command: { constructor: { name: string } }) => (sent.push(command.constructor.name), db.send(command as never)) } as unknown as DynamoDBDocumentClient;
    return { links: new LinkRepository(client, table), sent };
  };

  it('stores a new callback in one write; the same token again returns it unchanged; another token replaces it', async () => {
    const caseId = `ob_${(++n).toString(16).padStart(32, '0')}`;
    const input = { caseId, task: 'interview' as const, taskToken: 'token-1', timeoutSeconds: 3600, now: new Date(), progress: { rounds: [] } };
    const first = counting();
    const pc = await startCallback(first.links, input);
    expect(first.sent).toEqual(['PutCommand']);
    expect(pc).toMatchObject({ caseId, task: 'interview', taskToken: 'token-1', state: 'waiting', progress: { rounds: [] } });

    const again = counting();
    expect(await startCallback(again.links, { ...input, now: new Date(Date.now() + 5000) })).toEqual(pc);
    expect(again.sent).toEqual(['PutCommand', 'GetCommand']);
    expect(await new LinkRepository(db, table).getPendingCallback(caseId, 'interview')).toEqual(pc);

    const other = await startCallback(counting().links, { ...input, taskToken: 'token-2' });
    expect(other.callbackId).not.toBe(pc.callbackId);
    expect(await new LinkRepository(db, table).getPendingCallback(caseId, 'interview')).toEqual(other);
  });

  it('a callback of the same token that is no longer waiting is replaced', async () => {
    const caseId = `ob_${(++n).toString(16).padStart(32, '0')}`;
    const links = new LinkRepository(db, table);
    const input = { caseId, task: 'approval' as const, taskToken: 'token-1', timeoutSeconds: 3600, now: new Date() };
    const pc = await startCallback(links, input);
    expect(await links.updateCallback(caseId, 'approval', pc.callbackId, { state: 'done' })).toBe(true);
    const next = await startCallback(links, input);
    expect(next.callbackId).not.toBe(pc.callbackId);
    expect(next.state).toBe('waiting');
  });
});
