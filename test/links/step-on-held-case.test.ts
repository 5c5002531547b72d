import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { LinkRepository } from '../../shared/adapters/dynamodb/link-repository';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import { loadRequest, postOnboarding, postSignals, startTestRuntime, waitForStatus } from '../support/local-runtime';

/**
 * A person step whose task starts just after a hold (an adversarial pass raced a signal against a
 * compliance clearance): the task ends with the workflow's ComplianceHold error before anyone is mailed,
 * and its callback ends with it, so the held case never shows an approval waiting that nobody was asked
 * to give. The task is invoked here as the workflow would, on a case already held: the same state,
 * without the race.
 */
describe('a person step started on a held case (local runtime)', { timeout: 120_000 }, () => {
  let rt: LocalRuntime & { apiKey: string };
  let links: LinkRepository;
  let repo: CaseRepository;
  beforeAll(async () => {
    rt = await startTestRuntime();
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    links = new LinkRepository(db, rt.tableName);
    repo = new CaseRepository(db, rt.tableName);
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('the approval task fails with the hold, leaves no callback waiting and mails nobody', async () => {
    const request = loadRequest((r) => {
      r.externalId = 'step-on-held';
      r.contractor.email = 'step-on-held@example.pl';
    });
    const id = (await postOnboarding(rt, request, 'step-on-held-0001')).body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    expect((await postSignals(rt, id, { signals: [{ type: 'login', time: new Date().toISOString(), ip: '175.45.176.10', accountId: 'acct-held' }] })).status).toBe(202);
    await waitForStatus(rt, id, 'compliance-hold');
    const mailsBefore = (await rt.mailbox.list()).filter((m) => /approval needed/i.test(m.subject) && m.text.includes(id)).length;

    const approval = [...rt.lambdas.functions.entries()].find(([logicalId]) => logicalId.startsWith('ApprovalFunction'))![1];
    await expect(approval.invoke({ onboardingId: id, task: 'approval', taskToken: 'token-started-after-the-hold', timeoutSeconds: 3600 })).rejects.toThrow(/hold/i);

    const callback = await links.getPendingCallback(id, 'approval');
    expect(callback?.state ?? 'done').toBe('done');
    const c = await repo.mustGetCase(id);
    expect(c.status).toBe('compliance-hold');
    expect(c.stages.approval?.state).not.toBe('waiting');
    expect((await rt.mailbox.list()).filter((m) => /approval needed/i.test(m.subject) && m.text.includes(id)).length).toBe(mailsBefore);
  });
});
