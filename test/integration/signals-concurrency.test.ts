import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import type { EvidenceRecord } from '../../shared/domain/cases/case-model';
import { evidenceInForce } from '../../shared/domain/cases/latest-findings';
import { loadRequest, postOnboarding, postSignals, startTestRuntime, waitForStatus } from '../support/local-runtime';

/**
 * Issue 14, item 5, on the real local runtime: concurrent signal batches for one case serialize on the
 * case version with retries. Before, 20 at once answered 6 x 503, and the batches that did get through
 * were each evaluated without the others.
 */
describe('concurrent signal batches for one case', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const signalsOf = (id: string, body: unknown) => postSignals(rt, id, body);

  it('20 at once: every answer is 202 (or a 409 asking to retry), never 5xx, and the signals in force cover every batch', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = 'sig-race-1'), (r.contractor.email = 'sig-race-1@example.pl'))),
      'sig-race-0001',
    );
    await waitForStatus(rt, res.body.id, 'awaiting-interview');
    const id = res.body.id as string;
    // Ordinary logins from the contractor's own country (no hard stop): the case stays where it is.
    const batches = Array.from({ length: 20 }, (_, i) => ({
      signals: [{ type: 'login', time: `2026-11-25T10:${String(i).padStart(2, '0')}:00Z`, ip: '83.0.0.1', accountId: `acct-race-${i}` }],
    }));
    const answers = await Promise.all(
      batches.map(async (b) => {
        const r = await signalsOf(id, b);
        return { status: r.status, body: await r.text(), retryAfter: r.headers.get('retry-after') };
      }),
    );
    for (const a of answers) {
      expect(a.status < 500, `${a.status} ${a.body}`).toBe(true);
      expect([202, 409], `${a.status} ${a.body}`).toContain(a.status);
      if (a.status === 409) expect(a.retryAfter).toBeTruthy();
    }
    const accepted = answers.filter((a) => a.status === 202).length;
    console.log(`[signals-race] ${accepted} of 20 accepted at once, ${20 - accepted} asked to retry`);
    // Retried as asked, a busy answer is accepted (identical batches are recorded once).
    for (const [i, a] of answers.entries()) if (a.status === 409) expect((await signalsOf(id, batches[i])).status).toBe(202);
    expect(accepted).toBeGreaterThan(0);

    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    const evidence = (
      await db.send(
        new QueryCommand({
          TableName: rt.tableName,
          KeyConditionExpression: 'PK = :p AND begins_with(SK, :s)',
          ExpressionAttributeValues: { ':p': `CASE#${id}`, ':s': 'EVIDENCE#signals#' },
          ConsistentRead: true,
        }),
      )
    ).Items as unknown as EvidenceRecord[];
    const inForce = evidenceInForce(evidence).get('signals')![0]!;
    expect(inForce.inputs.total).toBe(20);
    const covered = new Set(evidence.flatMap((e) => ((e.data?.batch ?? []) as { accountId: string }[]).map((s) => s.accountId)));
    expect(covered.size).toBe(20);
  }, 120_000);

  it('the same batch sent twice at once is recorded once', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = 'sig-race-2'), (r.contractor.email = 'sig-race-2@example.pl'))),
      'sig-race-0002',
    );
    await waitForStatus(rt, res.body.id, 'awaiting-interview');
    const batch = { signals: [{ type: 'login', time: '2026-11-25T11:00:00Z', ip: '83.0.0.2', accountId: 'acct-twice' }] };
    const statuses = await Promise.all([signalsOf(res.body.id, batch), signalsOf(res.body.id, batch)].map(async (p) => (await p).status));
    expect(statuses).toEqual([202, 202]);
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    const evidence = (
      await db.send(
        new QueryCommand({
          TableName: rt.tableName,
          KeyConditionExpression: 'PK = :p AND begins_with(SK, :s)',
          ExpressionAttributeValues: { ':p': `CASE#${res.body.id}`, ':s': 'EVIDENCE#signals#' },
          ConsistentRead: true,
        }),
      )
    ).Items!;
    expect(evidence).toHaveLength(1);
  });
});
