import { createServer, type Server } from 'node:http';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { Webhook } from 'standardwebhooks';
import { webhookSecret } from '../../shared/domain/notify/webhook-signature';
import { deriveKeys } from '../../shared/config/secrets';
import { loadRequest, openLink, postOnboarding, postSignals, startTestRuntime, waitFor, waitForMail, waitForStatus } from '../support/local-runtime';

interface Delivery {
  body: string;
  headers: Record<string, string>;
}

/**
 * Issue 6 through the runtime: platform signals change the decision as the rules say, and the HRIS is told
 * every status change by a signed webhook (and an EventBridge event); a failing endpoint leaves the change
 * in the outbox for the webhook sweep instead of failing the onboarding (test/integration/webhook-outbox.test.ts
 * covers retries, dead letters and replay).
 */
describe('platform signals and HRIS notifications', () => {
  let rt: LocalRuntime & { apiKey: string };
  let hris: Server;
  const deliveries: Delivery[] = [];
  let failing = false;
  let hookUrl = '';

  beforeAll(async () => {
    hris = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        if (failing) {
          res.writeHead(503).end();
          return;
        }
        deliveries.push({ body, headers: Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(req.headers[h] ?? '')])) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hris.listen(0, '127.0.0.1', r));
    const port = (hris.address() as { port: number }).port;
    hookUrl = `http://127.0.0.1:${port}/vetflow-events`;
    rt = await startTestRuntime({ functionEnv: { WEBHOOK_URL: hookUrl } });
  });
  afterAll(async () => {
    await rt?.stop();
    await new Promise((r) => hris.close(r));
  });

  const signalsOf = (id: string, body: unknown) => postSignals(rt, id, body);

  it('tells the HRIS each status change with a webhook it can verify, and publishes the event', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = 'hook-1'), (r.contractor.email = 'hook-1@example.pl'))),
      'hook-0001',
    );
    await waitForStatus(rt, res.body.id, 'awaiting-interview');
    // Every status change is told: the checks starting, then the interview step.
    const mine = await waitFor(
      'the webhook',
      async () => deliveries.filter((d) => d.body.includes(res.body.id) && d.body.includes('awaiting-interview')),
      (l) => l.length > 0,
    );
    // The receiver's side: the Standard Webhooks reference library with the whsec_ secret.
    const receiver = new Webhook(webhookSecret(deriveKeys(rt.config.masterKey).webhookKey));
    expect(receiver.verify(mine[0]!.body, mine[0]!.headers)).toMatchObject({ status: 'awaiting-interview', externalId: 'hook-1' });
    expect(mine[0]!.headers['webhook-id']).toBe((JSON.parse(mine[0]!.body) as { eventId: string }).eventId);
    expect(mine[0]!.body).not.toContain('Kowalska');
    // A tampered body does not verify.
    expect(() => receiver.verify(mine[0]!.body.replace('hook-1', 'hook-2'), mine[0]!.headers)).toThrow();
    expect(rt.events.some((e) => e.detailType === 'onboarding.status-changed' && (e.detail as { onboardingId: string }).onboardingId === res.body.id)).toBe(true);
  });

  it('bad signals: 400 naming the field; unknown onboarding: 404', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = 'sig-bad'), (r.contractor.email = 'sig-bad@example.pl'))),
      'sig-bad-0001',
    );
    const bad = await signalsOf(res.body.id, { signals: [{ type: 'login', time: '2026-11-25T10:00:00Z', ip: 'not-an-ip', accountId: 'a1' }] });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { field: string }[] };
    expect(problem.errors[0]!.field).toContain('signals');
    expect(problem.errors[0]!.field).toContain('ip');
    expect((await signalsOf(`ob_${'1'.repeat(32)}`, { signals: [{ type: 'remote-desktop-detected', time: '2026-11-25T10:00:00Z', tool: 'AnyDesk' }] })).status).toBe(404);
  });

  it('a remote-desktop tool and foreign logins raise the score; a login from DPRK address space puts the case on hold and ends the waiting interview', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = 'sig-1'), (r.contractor.email = 'sig-1@example.pl'))),
      'sig-0001',
    );
    const id = res.body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    const { link } = await waitForMail(rt, 'sig-1@example.pl', /choose a time/i);
    const before = (await (await fetch(`${rt.apiUrl}/onboardings/${id}`, { headers: { 'x-api-key': rt.apiKey } })).json()) as { risk: { score: number } };

    const first = await signalsOf(id, { signals: [{ type: 'remote-desktop-detected', time: '2026-11-25T10:00:00Z', tool: 'AnyDesk' }] });
    expect(first.status).toBe(202);
    const r1 = (await first.json()) as { findings: string[]; risk: { score: number } };
    expect(r1.findings).toContain('SIG_REMOTE_DESKTOP');
    expect(r1.risk.score).toBeGreaterThan(before.risk.score);

    const second = await signalsOf(id, { signals: [{ type: 'login', time: '2026-11-25T10:05:00Z', ip: '175.45.176.10', accountId: 'acct-1' }] });
    const r2 = (await second.json()) as { findings: string[]; risk: { outcome: string } };
    expect(r2.findings).toContain('SIG_DPRK_IP');
    expect(r2.findings).toContain('SIG_REMOTE_DESKTOP'); // evaluated with every signal so far
    expect(r2.risk.outcome).toBe('hold');
    await waitForStatus(rt, id, 'compliance-hold');
    // The interview waiting for the contractor ended: its link says the case is on hold, and the execution
    // waits at the compliance review (the hold's owner), not at the interview.
    const onHold = await openLink(link);
    expect(onHold.status).toBe(409);
    expect(onHold.html).toMatch(/on compliance hold/i);
    const arn = rt.engine.executionArn(id.replace('_', '-'));
    await waitFor(
      'the compliance review',
      () => rt.engine.history(arn),
      (h) => h.some((e) => e.stateName === 'ComplianceReview'),
    );
    await waitFor(
      'the hold webhook',
      async () => deliveries.filter((d) => d.body.includes(id) && d.body.includes('compliance-hold')),
      (l) => l.length === 1,
    );
  });

  it('an HRIS endpoint that fails: the onboarding goes on, the change stays in the outbox, and a later sweep delivers it', async () => {
    failing = true;
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = 'hook-down'), (r.contractor.email = 'hook-down@example.pl'))),
      'hook-down-0001',
    );
    const id = res.body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    const outbox = () =>
      db
        .send(
          new QueryCommand({
            TableName: rt.tableName,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
            ExpressionAttributeValues: { ':pk': `CASE#${id}`, ':sk': 'OUTBOX#' },
            ConsistentRead: true,
          }),
        )
        .then((o) => o.Items ?? []);
    // One prompt attempt each, no sleeping retries inside the function that changed the status.
    const pending = await waitFor('the prompt attempts', outbox, (l) => l.length === 2 && l.every((i) => i.attempts === 1 && i.lastError !== undefined));
    expect(pending.map((i) => [i.state, i.lastError])).toEqual([
      ['pending', 'HTTP 503'],
      ['pending', 'HTTP 503'],
    ]);
    failing = false;
    // The retry is due only after its backoff; instead of waiting, the test moves the due time to now.
    for (const i of pending)
      await db.send(
        new UpdateCommand({
          TableName: rt.tableName,
          Key: { PK: i.PK, SK: i.SK },
          UpdateExpression: 'SET nextAttemptAt = :due, GSI2SK = :sk',
          ExpressionAttributeValues: { ':due': '2000-01-01T00:00:00.000Z', ':sk': `2000-01-01T00:00:00.000Z#${id}#${String(i.sequence).padStart(10, '0')}` },
        }),
      );
    await rt.schedules.runNow('WebhookSweep');
    expect((await outbox()).map((i) => i.state)).toEqual(['delivered', 'delivered']);
    // The sweep delivers due items concurrently: which arrives first is not a promise (the sequence is).
    const delivered = deliveries.filter((d) => d.body.includes(id)).map((d) => JSON.parse(d.body) as { status: string; sequence: number });
    expect(delivered.sort((a, b) => a.sequence - b.sequence).map((d) => d.status)).toEqual(['checking', 'awaiting-interview']);
  });
});
