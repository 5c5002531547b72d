import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { loadRequest, postOnboarding, startTestRuntime, waitForStatus } from '../support/local-runtime';

/**
 * Links between applicants (issue 3) through the real table and its keys-only fingerprint index: a second
 * applicant who shares the first one's bank account and phone is linked to them by the bank and
 * public-record stages, by case id. Unit tests cannot see what the index projects; this one can.
 */
describe('linked applicants through the fingerprint index', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const findings = async (id: string) => {
    const out = await rt.dynamo.client.send(
      new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)', ExpressionAttributeValues: { ':pk': `CASE#${id}`, ':sk': 'EVIDENCE#' } }),
    );
    return (out.Items ?? []).flatMap((e) => (e.findings as { code: string; evidence?: { detail?: Record<string, unknown> }[] }[]).map((f) => ({ stage: String(e.stage), ...f })));
  };

  it('the same bank account and phone as an earlier applicant: BANK_SHARED_ACCOUNT and LINK_SHARED_CONTACT naming that case', async () => {
    const first = await postOnboarding(
      rt,
      loadRequest((r) => {
        r.externalId = 'link-a';
        r.contractor.email = 'link-a@example.pl';
      }),
      'link-key-0001',
    );
    expect(first.status).toBe(202);
    const firstId = first.body.id as string;
    await waitForStatus(rt, firstId, ['awaiting-interview', 'compliance-hold']);
    expect((await findings(firstId)).filter((f) => f.code === 'BANK_SHARED_ACCOUNT' || f.code.startsWith('LINK_'))).toEqual([]);

    const second = await postOnboarding(
      rt,
      loadRequest((r) => {
        r.externalId = 'link-b';
        r.contractor.email = 'link-b@example.pl';
      }),
      'link-key-0002',
    );
    expect(second.status).toBe(202);
    const secondId = second.body.id as string;
    await waitForStatus(rt, secondId, ['awaiting-interview', 'compliance-hold']);
    const found = await findings(secondId);
    const shared = found.find((f) => f.code === 'BANK_SHARED_ACCOUNT');
    expect(shared, JSON.stringify(found.map((f) => f.code))).toBeDefined();
    expect(JSON.stringify(shared)).toContain(firstId);
    const contact = found.find((f) => f.code === 'LINK_SHARED_CONTACT');
    expect(contact, JSON.stringify(found.map((f) => f.code))).toBeDefined();
    expect(JSON.stringify(contact)).toContain(firstId);
    expect(JSON.stringify(found)).not.toContain('"undefined"');
  });
});
