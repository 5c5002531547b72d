import * as fs from 'node:fs';
import * as path from 'node:path';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { startCaseTable } from '../support/case-table';
import type { CaseRecord, CaseStatus } from '../../shared/domain/cases/case-model';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import { indexNames } from '../../shared/adapters/dynamodb/keys';
import { LinkRepository } from '../../shared/adapters/dynamodb/link-repository';
import type { LinkRecord } from '../../shared/domain/links/link-model';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';

const application = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'onboarding-request.json'), 'utf8')) as OnboardingRequest;

/**
 * The status index (GSI2) projects keys only, with the table as the stack defines it, on real DynamoDB
 * Local: the reviewer queue by status and the reminder queue still hand out whole items, in index order,
 * and a case that has left a status is not listed under it.
 */
describe('status index: keys only, whole items from the table', () => {
  let dynamo: DynamoDbLocal;
  let db: DynamoDBDocumentClient;
  let repo: CaseRepository;
  let links: LinkRepository;
  let table: string;
  let n = 0;

  beforeAll(async () => {
    ({ dynamo, db, table } = await startCaseTable());
    repo = new CaseRepository(db, table);
    links = new LinkRepository(db, table);
  });
  afterAll(async () => {
    await dynamo?.stop();
  });

  async function newCase(status: CaseStatus, clientId = 'hris'): Promise<CaseRecord> {
    const id = `ob_${(++n).toString(16).padStart(32, '0')}`;
    // Distinct update times: the index sorts by them.
    await new Promise((r) => setTimeout(r, 3));
    const now = new Date().toISOString();
    const record: CaseRecord = { id, clientId, externalId: `x-${n}`, status, version: 1, createdAt: now, updatedAt: now, executionName: `ob-${n}`, application, stages: {} };
    await repo.createCase(record, { clientId, key: `k-${n}`, requestHash: 'h', onboardingId: id, createdAt: now });
    return record;
  }
  const indexItems = async (pk: string) =>
    (await db.send(new QueryCommand({ TableName: table, IndexName: indexNames.status, KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': pk } }))).Items ?? [];

  it('the index holds keys only; listByStatus returns the whole cases of that status, most recently updated first', async () => {
    const a = await newCase('awaiting-approval');
    const b = await newCase('awaiting-approval');
    const c = await newCase('awaiting-approval');
    await newCase('checking');
    for (const item of await indexItems('STATUS#awaiting-approval')) expect(Object.keys(item).sort()).toEqual(['GSI2PK', 'GSI2SK', 'PK', 'SK']);

    // An update of `a` moves it to the front of its queue.
    await new Promise((r) => setTimeout(r, 3));
    const a2 = await repo.updateCase(a, (x) => ({ ...x, risk: { outcome: 'review', level: 'medium', score: 40, drivers: [], policyVersion: 'p', fourEyesRequired: false } }));
    const page = await repo.listByStatus('awaiting-approval', 10);
    expect(page.items.map((x) => x.id)).toEqual([a.id, c.id, b.id]);
    expect(page.items[0]).toEqual(a2);
    expect(page.items[1]).toMatchObject({ id: c.id, clientId: 'hris', externalId: c.externalId, status: 'awaiting-approval', version: 1, application });
    expect(page.cursor).toBeUndefined();
  });

  it('pages with the index cursor, and a case that left the status is not listed under it', async () => {
    const cases = [await newCase('info-requested'), await newCase('info-requested'), await newCase('info-requested')];
    const first = await repo.listByStatus('info-requested', 2);
    expect(first.items.map((x) => x.id)).toEqual([cases[2]!.id, cases[1]!.id]);
    expect(first.cursor).toMatchObject({ GSI2PK: 'STATUS#info-requested' });
    const second = await repo.listByStatus('info-requested', 2, first.cursor);
    expect(second.items.map((x) => x.id)).toEqual([cases[0]!.id]);

    await repo.moveCase(cases[1]!, 'approval-waiting').then((c) => repo.moveCase(c, 'reviewer-approved'));
    expect((await repo.listByStatus('info-requested', 10)).items.map((x) => x.id)).toEqual([cases[2]!.id, cases[0]!.id]);
    expect((await repo.listByStatus('approved', 10)).items.map((x) => x.id)).toContain(cases[1]!.id);
  });

  it('the reminder queue hands out the whole links that are due, until used', async () => {
    const c = await newCase('awaiting-interview');
    const now = Date.now();
    const link = (hash: string, remindInMs: number): LinkRecord => ({
      tokenHash: hash,
      caseId: c.id,
      task: 'interview',
      callbackId: 'cb-1',
      purpose: 'slot-picking',
      actions: ['pick-slot'],
      recipient: { email: '', name: 'Anna', role: 'contractor' },
      createdAt: new Date(now - 60_000).toISOString(),
      expiresAt: new Date(now + 86_400_000).toISOString(),
      remindAt: new Date(now + remindInMs).toISOString(),
    });
    const due = link(`due-${n}`, -1000);
    const later = link(`later-${n}`, 3_600_000);
    await links.putLink(due);
    await links.putLink(later);
    for (const item of await indexItems('REMINDER#due')) expect(Object.keys(item).sort()).toEqual(['GSI2PK', 'GSI2SK', 'PK', 'SK']);

    const page = await links.dueReminders(new Date(now).toISOString(), 50);
    expect(page.links).toEqual([due]);
    expect(await links.consumeLink(due.tokenHash, 'pick-slot', new Date(now).toISOString())).toBe(true);
    expect((await links.dueReminders(new Date(now).toISOString(), 50)).links).toEqual([]);
  });
});
