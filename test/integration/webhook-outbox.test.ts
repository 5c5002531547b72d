import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { Webhook } from 'standardwebhooks';
import { webhookSecret, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '../../shared/domain/notify/webhook-signature';
import type { CaseRecord } from '../../shared/domain/cases/case-model';
import { CaseRepository, ConflictError } from '../../shared/adapters/dynamodb/case-repository';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { deriveKeys } from '../../shared/config/secrets';
import { WEBHOOK_EVENT_ID_HEADER } from '../../shared/adapters/notify/hris-events';
import type { OutboxItem } from '../../shared/adapters/dynamodb/outbox-item';
import { loadRequest, postOnboarding, startTestRuntime, waitFor, waitForStatus } from '../support/local-runtime';

interface Received {
  eventId: string;
  body: string;
  signature: string;
  timestamp: string;
  answered: number | 'dropped';
}

/** What the receiver does with the n-th request (1-based) of one event: an HTTP status, or drop the connection. */
type Behaviour = (n: number) => number | 'drop';

const MAX_ATTEMPTS = 4;

/**
 * The transactional outbox through the local runtime, with a real HTTP receiver: a status change and its
 * webhook are written together; the function that made the change tries once; the scheduled webhook sweep
 * retries with backoff, claims each item so concurrent sweeps deliver once, and dead-letters after
 * MAX_ATTEMPTS (or at once on a 400); the replay command sends the dead letters again.
 */
describe('status-change webhooks through the outbox', () => {
  let rt: LocalRuntime & { apiKey: string };
  let db: DynamoDBDocumentClient;
  let hris: Server;
  let hookUrl = '';
  let secret = '';
  const received: Received[] = [];
  /**
   * Behaviour by the HRIS's external id (the body names it; known before the POST, whose own prompt attempt
   * tells the HRIS the case was created); 204 for everyone else.
   */
  const behaviours = new Map<string, Behaviour>();
  const counts = new Map<string, number>();

  beforeAll(async () => {
    hris = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const eventId = String(req.headers[WEBHOOK_EVENT_ID_HEADER.toLowerCase()] ?? '');
        const n = (counts.get(eventId) ?? 0) + 1;
        counts.set(eventId, n);
        const externalId = (JSON.parse(body) as { externalId: string }).externalId;
        const answer = behaviours.get(externalId)?.(n) ?? 204;
        received.push({
          eventId,
          body,
          signature: String(req.headers[WEBHOOK_SIGNATURE_HEADER] ?? ''),
          timestamp: String(req.headers[WEBHOOK_TIMESTAMP_HEADER] ?? ''),
          answered: answer === 'drop' ? 'dropped' : answer,
        });
        if (answer === 'drop') req.socket.destroy();
        else res.writeHead(answer).end();
      });
    });
    await new Promise<void>((r) => hris.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hris.address() as { port: number }).port}/vetflow-events`;
    // The prompt attempt's timeout long enough that a busy machine (CI's faked-clock runs) does not turn a prompt
    // delivery into a retry: what these tests assert is the outbox, not the machine's speed (the default 3 s made the
    // first test fail once under that load). 10 s stays well inside the functions' 30 s.
    rt = await startTestRuntime({ functionEnv: { WEBHOOK_URL: hookUrl, WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS), WEBHOOK_PROMPT_TIMEOUT_MS: '10000' } });
    db = DynamoDBDocumentClient.from(rt.dynamo.client);
    secret = webhookSecret(deriveKeys(rt.config.masterKey).webhookKey);
  });
  afterAll(async () => {
    await rt?.stop();
    await new Promise((r) => hris.close(r));
  });

  const sweep = async () => ((await rt.schedules.runNow('WebhookSweep')) as { delivered: number; retried: number; deadLettered: number; claimed: number }[])[0]!;
  const outboxOf = async (caseId: string) =>
    ((
      await db.send(
        new QueryCommand({
          TableName: rt.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
          ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':sk': keys.outboxPrefix },
          ConsistentRead: true,
        }),
      )
    ).Items ?? []) as unknown as (OutboxItem & Record<string, unknown>)[];
  const deadLetters = async (caseId: string) =>
    ((await db.send(new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': 'WEBHOOK#DLQ' } }))).Items ?? []).filter(
      (i) => i.caseId === caseId,
    );
  const auditOf = (caseId: string) => new CaseRepository(db, rt.tableName).listAudit(caseId);
  /** Time travel instead of sleeping: the case's pending items become due now (a retry's wait, a claim's lease). */
  const makeDue = async (caseId: string) => {
    const past = new Date(Date.now() - 1000).toISOString();
    for (const item of await outboxOf(caseId)) {
      if (item.state !== 'pending') continue;
      await db.send(
        new UpdateCommand({
          TableName: rt.tableName,
          Key: keys.outbox(caseId, item.sequence),
          UpdateExpression: 'SET nextAttemptAt = :due, GSI2SK = :sk',
          ConditionExpression: '#s = :pending AND attempts = :seen',
          ExpressionAttributeNames: { '#s': 'state' },
          ExpressionAttributeValues: { ':due': past, ':sk': keys.webhookQueue(past, caseId, item.sequence).GSI2SK, ':pending': 'pending', ':seen': item.attempts },
        }),
      );
    }
  };
  /** Starts an onboarding and waits until the status changes the workflow made so far have been tried. */
  const start = async (key: string, behaviour?: Behaviour) => {
    if (behaviour) behaviours.set(key, behaviour);
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = key), (r.contractor.email = `${key}@example.pl`))),
      `${key}-0001`,
    );
    const id = res.body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    // Settled, not just claimed: a failed first attempt has recorded its error, a delivered one its state.
    await waitFor(
      `the prompt attempts of ${id}`,
      () => outboxOf(id),
      (items) => items.length >= 2 && items.every((i) => i.attempts >= 1 && (i.state !== 'pending' || i.lastError !== undefined)),
    );
    return id;
  };
  const receivedFor = (caseId: string) => received.filter((r) => r.body.includes(caseId));
  // Verified as a receiver would, with the Standard Webhooks reference library and the whsec_ secret.
  const verifies = (r: Received) => {
    try {
      new Webhook(secret).verify(r.body, { 'webhook-id': r.eventId, 'webhook-timestamp': r.timestamp, 'webhook-signature': r.signature });
      return true;
    } catch {
      return false;
    }
  };

  it('each status change is written with its outbox item and delivered promptly, once, signed, with a stable event id and a sequence', async () => {
    const id = await start('outbox-ok');
    const items = await waitFor(
      'delivered items',
      () => outboxOf(id),
      (l) => l.every((i) => i.state === 'delivered'),
    );
    expect(items.map((i) => i.status)).toEqual(['checking', 'awaiting-interview']);
    expect(items.every((i) => i.attempts === 1 && i.GSI2PK === undefined)).toBe(true);
    const got = receivedFor(id);
    // Two status changes, each delivered as its handler wrote it: arrival order is not a promise (the
    // sequence is), so the events are compared as sets.
    const sorted = (ids: string[]) => [...ids].sort();
    expect(sorted(got.map((r) => r.eventId))).toEqual(sorted(items.map((i) => i.eventId)));
    expect(got.every(verifies)).toBe(true);
    const bodies = got.map((r) => JSON.parse(r.body) as { eventId: string; sequence: number; status: string });
    expect(bodies.map((b) => b.eventId)).toEqual(got.map((r) => r.eventId));
    // The sequence orders the changes for the receiver, whatever order they arrived in.
    expect([...bodies].sort((a, b) => a.sequence - b.sequence).map((b) => b.status)).toEqual(['checking', 'awaiting-interview']);
    // The EventBridge event goes out once per change, with the same event id.
    const events = rt.events.filter((e) => (e.detail as { onboardingId: string }).onboardingId === id);
    expect(sorted(events.map((e) => (e.detail as { eventId: string }).eventId))).toEqual(sorted(items.map((i) => i.eventId)));
    // Audited after the item is marked delivered, so waited for.
    await waitFor(
      'the webhook.sent audits',
      async () => (await auditOf(id)).filter((a) => a.action === 'webhook.sent'),
      (l) => l.length === 2,
    );
  });

  it('a function that dies between the status change and the delivery: change and outbox item are both there, and the sweep delivers it once', async () => {
    const id = await start('outbox-crash');
    const repo = new CaseRepository(db, rt.tableName);
    // What a handler does before it dies: the status change (the repository writes the outbox item with it).
    // (Re-read on a conflict: the workflow's interview step may still be writing the case.)
    const hold = async (): Promise<CaseRecord> => {
      try {
        return await repo.moveCase(await repo.mustGetCase(id), 'held');
      } catch (err) {
        if (err instanceof ConflictError) return hold();
        throw err;
      }
    };
    const changed = await hold();
    expect((await repo.mustGetCase(id)).status).toBe('compliance-hold');
    const pending = (await outboxOf(id)).find((i) => i.status === 'compliance-hold')!;
    expect(pending).toMatchObject({ state: 'pending', attempts: 0, sequence: changed.version, GSI2PK: 'WEBHOOK#due' });
    expect(receivedFor(id).filter((r) => r.eventId === pending.eventId)).toEqual([]);

    // Not due before the prompt attempt's lease ends: a sweep now leaves it alone.
    await sweep();
    expect(receivedFor(id).filter((r) => r.eventId === pending.eventId)).toEqual([]);
    await makeDue(id);
    await sweep();
    await sweep();
    const got = receivedFor(id).filter((r) => r.eventId === pending.eventId);
    expect(got).toHaveLength(1);
    expect(verifies(got[0]!)).toBe(true);
    expect((await outboxOf(id)).find((i) => i.eventId === pending.eventId)).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it('a receiver unreachable for the prompt attempt: the sweep delivers the change later', async () => {
    const id = await start('outbox-unreachable', (n) => (n === 1 ? 'drop' : 204));
    const items = await outboxOf(id);
    expect(items.every((i) => i.state === 'pending' && i.attempts === 1 && i.lastError)).toBe(true);
    await makeDue(id);
    await sweep();
    expect((await outboxOf(id)).map((i) => i.state)).toEqual(['delivered', 'delivered']);
    const ok = receivedFor(id).filter((r) => r.answered === 204);
    // Delivered once each; the sweep sends a case's items concurrently, so the order they arrive in is free
    // (receivers order by sequence, README).
    expect(ok.map((r) => r.eventId).sort()).toEqual(items.map((i) => i.eventId).sort());
  });

  it('500 a few times: retried on later sweeps with growing waits, then delivered; same body and event id on every attempt', async () => {
    const id = await start('outbox-flaky', (n) => (n <= 3 ? 500 : 204));
    const waits: number[] = [];
    for (let sweeps = 0; sweeps < 3; sweeps++) {
      const [item] = (await outboxOf(id)).filter((i) => i.status === 'awaiting-interview');
      expect(item!.state).toBe('pending');
      expect(item!.lastError).toBe('HTTP 500');
      waits.push(Date.parse(item!.nextAttemptAt) - Date.parse(String(item!.lastAttemptAt)));
      await makeDue(id);
      await sweep();
    }
    // Equal jitter on a doubling ceiling (default base 60 s): 30-60 s, 60-120 s, 120-240 s.
    expect(waits[0]).toBeGreaterThanOrEqual(25_000);
    expect(waits[1]).toBeGreaterThanOrEqual(waits[0]!);
    expect(waits[2]).toBeGreaterThanOrEqual(waits[1]!);
    const item = (await outboxOf(id)).find((i) => i.status === 'awaiting-interview')!;
    expect(item).toMatchObject({ state: 'delivered', attempts: 4 });
    const attempts = receivedFor(id).filter((r) => r.eventId === item.eventId);
    expect(attempts.map((r) => r.answered)).toEqual([500, 500, 500, 204]);
    expect(new Set(attempts.map((r) => r.body)).size).toBe(1);
    expect(attempts.every(verifies)).toBe(true);
    // One EventBridge event per change, however many webhook attempts.
    expect(rt.events.filter((e) => (e.detail as { eventId: string }).eventId === item.eventId)).toHaveLength(1);
  });

  it('a receiver that always answers 500: dead letter after the last attempt, webhook.failed audited; the replay command sends it and marks it replayed', async () => {
    let down = true;
    const id = await start('outbox-down', () => (down ? 500 : 204));
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      await makeDue(id);
      const report = await sweep();
      expect(report.claimed).toBeGreaterThanOrEqual(2);
    }
    const items = await outboxOf(id);
    expect(items.map((i) => [i.state, i.attempts])).toEqual([
      ['dead-lettered', MAX_ATTEMPTS],
      ['dead-lettered', MAX_ATTEMPTS],
    ]);
    expect(items.every((i) => i.GSI2PK === undefined)).toBe(true);
    await makeDue(id);
    await sweep();
    expect(receivedFor(id)).toHaveLength(2 * MAX_ATTEMPTS);
    const dlq = await deadLetters(id);
    expect(dlq.map((d) => [d.eventId, d.attempts, d.lastError])).toEqual(items.map((i) => [i.eventId, MAX_ATTEMPTS, 'HTTP 500']));
    expect((await auditOf(id)).filter((a) => a.action === 'webhook.failed')).toHaveLength(2);

    down = false;
    const cli = await replayCli();
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/[1-9]\d* webhook\(s\) delivered, 0 still failing/);
    const replayed = receivedFor(id).filter((r) => r.answered === 204);
    expect(replayed.map((r) => r.eventId).sort()).toEqual(items.map((i) => i.eventId).sort());
    expect(replayed.every(verifies)).toBe(true);
    expect(await deadLetters(id)).toEqual([]);
    expect((await outboxOf(id)).map((i) => i.state)).toEqual(['replayed', 'replayed']);
  });

  it('a 400 from the receiver: dead letter at once, no retries', async () => {
    const id = await start('outbox-400', () => 400);
    const items = await outboxOf(id);
    expect(items.map((i) => [i.state, i.attempts, i.lastError])).toEqual([
      ['dead-lettered', 1, 'HTTP 400'],
      ['dead-lettered', 1, 'HTTP 400'],
    ]);
    await makeDue(id);
    await sweep();
    expect(receivedFor(id)).toHaveLength(2);
    expect((await deadLetters(id)).map((d) => d.lastError)).toEqual(['HTTP 400', 'HTTP 400']);
  });

  it('concurrent sweeps: one delivery per item', async () => {
    const ids = [await start('outbox-race-1', (n) => (n === 1 ? 503 : 204)), await start('outbox-race-2', (n) => (n === 1 ? 503 : 204))];
    for (const id of ids) await makeDue(id);
    const reports = await Promise.all([sweep(), sweep(), sweep(), sweep()]);
    expect(reports.reduce((n, r) => n + r.delivered, 0)).toBeGreaterThanOrEqual(4);
    for (const id of ids) {
      const items = await outboxOf(id);
      expect(items.map((i) => [i.state, i.attempts])).toEqual([
        ['delivered', 2],
        ['delivered', 2],
      ]);
      for (const item of items)
        expect(
          receivedFor(id)
            .filter((r) => r.eventId === item.eventId)
            .map((r) => r.answered),
        ).toEqual([503, 204]);
    }
  });

  function replayCli(): Promise<{ status: number | null; stdout: string; stderr: string }> {
    // Spawned asynchronously: the HRIS endpoint it delivers to runs in this very process.
    return new Promise((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'infra/tools/case-cli.ts', 'webhooks-replay', '--table', rt.tableName, '--url', hookUrl, '--master-key', rt.config.masterKey], {
        cwd: process.cwd(),
        env: { ...process.env, AWS_ENDPOINT_URL_DYNAMODB: rt.dynamo.endpoint, AWS_ACCESS_KEY_ID: rt.dynamo.accessKeyId, AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: 'us-east-1' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (status) => done({ status, stdout, stderr }));
    });
  }
});

/**
 * As `npm start` runs it: the WebhookSweep rule on its timer (sped up here), no runNow. A change whose
 * prompt attempt failed is delivered by the timer once its backoff (1-2 s with a 2 s base) has passed.
 */
describe('the webhook sweep on the local timer', () => {
  let rt: LocalRuntime & { apiKey: string };
  let hris: Server;
  const answered: { eventId: string; status: number }[] = [];

  beforeAll(async () => {
    hris = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const eventId = String(req.headers[WEBHOOK_EVENT_ID_HEADER.toLowerCase()] ?? '');
        // Each event's first attempt fails.
        const status = answered.some((a) => a.eventId === eventId) ? 204 : 503;
        answered.push({ eventId, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => hris.listen(0, '127.0.0.1', r));
    rt = await startTestRuntime({
      functionEnv: { WEBHOOK_URL: `http://127.0.0.1:${(hris.address() as { port: number }).port}/hook`, WEBHOOK_RETRY_BASE_SECONDS: '2' },
      schedules: { timers: true, everyMs: { WebhookSweep: 250 }, exclude: ['DailyListRefresh', 'ReminderSweep'] },
    });
  });
  afterAll(async () => {
    await rt?.stop();
    await new Promise((r) => hris.close(r));
  });

  it('delivers the retries by itself', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = 'outbox-timer'), (r.contractor.email = 'outbox-timer@example.pl'))),
      'outbox-timer-0001',
    );
    await waitForStatus(rt, res.body.id, 'awaiting-interview');
    const done = await waitFor(
      'both changes delivered by the timer',
      async () => answered.filter((a) => a.eventId.startsWith(res.body.id)),
      (l) => l.filter((a) => a.status === 204).length === 2,
      15_000,
    );
    expect(done.map((a) => a.status).sort()).toEqual([204, 204, 503, 503]);
  });
});
