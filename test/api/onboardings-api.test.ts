import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboardingListSchema, onboardingViewSchema, problemSchema } from '../../shared/domain/schemas/api-responses';
import { openApiDocument } from '../../shared/domain/schemas/openapi';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '../../infra/local/runtime';
import { getOnboarding, loadRequest, postOnboarding, startTestRuntime, waitForStatus } from '../support/local-runtime';

/** The HRIS API over HTTP against the local runtime: validation, idempotency, authentication. */
describe('POST /onboardings and friends', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const countCases = async () => {
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    const out = await db.send(new ScanCommand({ TableName: rt.tableName, FilterExpression: '#t = :c', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':c': 'case' } }));
    return out.Items?.length ?? 0;
  };
  const executions = async () => (await rt.engine.runningCount()) + 0;

  it('starts an onboarding: 202 with the id, a Location, and no personal data echoed beyond the external id', async () => {
    const res = await postOnboarding(rt, loadRequest(), 'api-create-0001');
    expect(res.status).toBe(202);
    expect(res.body.id).toMatch(/^ob_[0-9a-f]{32}$/);
    expect(res.headers.get('location')).toBe(`/onboardings/${res.body.id}`);
    expect(JSON.stringify(res.body)).not.toContain('Kowalska');
    await waitForStatus(rt, res.body.id, 'awaiting-interview');
  });

  it('same Idempotency-Key and body: the same onboarding and one execution; another body: 422', async () => {
    const body = loadRequest((r) => (r.externalId = 'idem-1'));
    const a = await postOnboarding(rt, body, 'api-idem-0001');
    const b = await postOnboarding(rt, { ...body, contractor: { ...body.contractor } }, 'api-idem-0001');
    expect(a.status).toBe(202);
    expect(b.status).toBe(200);
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const history = await rt.engine.describeExecution(rt.engine.executionArn(a.body.id.replace('_', '-')));
    expect(history.name).toBe(a.body.id.replace('_', '-'));
    const c = await postOnboarding(
      rt,
      loadRequest((r) => (r.externalId = 'idem-2')),
      'api-idem-0001',
    );
    expect(c.status).toBe(422);
    expect(c.body.errors[0].field).toBe('Idempotency-Key');
  });

  it('two concurrent identical starts: one onboarding, one execution, both answered with it', async () => {
    const body = loadRequest((r) => (r.externalId = 'race-1'));
    const before = await countCases();
    const [x, y] = await Promise.all([postOnboarding(rt, body, 'api-race-0001'), postOnboarding(rt, body, 'api-race-0001')]);
    expect([x.status, y.status].sort()).toEqual([200, 202]);
    expect(x.body.id).toBe(y.body.id);
    expect(await countCases()).toBe(before + 1);
  });

  it('the execution name derives from the client and key, and its input carries ids, never personal data', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => (r.externalId = 'name-1')),
      'api-name-0001',
    );
    const exec = await rt.engine.describeExecution(rt.engine.executionArn(res.body.id.replace('_', '-')));
    expect(exec.name).toMatch(/^ob-[0-9a-f]{32}$/);
    // The onboarding, and the other applicants the API found sharing an identifier: their ids, statuses, the kind
    // of identifier and the keyed print that met (`via`, an HMAC under the deployment's key), nothing the identifier
    // was made from.
    const input = JSON.parse(exec.input!) as { onboardingId: string; linked: { caseId: string; status: string; kind: string }[] | null };
    expect(Object.keys(input).sort()).toEqual(['linked', 'onboardingId']);
    expect(input.onboardingId).toBe(res.body.id);
    for (const l of input.linked ?? []) {
      expect(Object.keys(l).sort()).toEqual(['caseId', 'kind', 'status', 'via']);
      expect(l.caseId).toMatch(/^ob_[0-9a-f]{32}$/);
      expect((l as { via?: string }).via).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    expect(exec.input).not.toMatch(/example|@|\+48|Kowal/i);
  });

  it('keys are scoped per client: the same key from another client is a different onboarding', async () => {
    rt.config.apiKeys['other-client-key-123456'] = 'other-hris';
    const body = loadRequest((r) => (r.externalId = 'scope-1'));
    const mine = await postOnboarding(rt, body, 'api-scope-0001');
    const theirs = await postOnboarding({ apiUrl: rt.apiUrl, apiKey: 'other-client-key-123456' }, body, 'api-scope-0001');
    expect(theirs.status).toBe(202);
    expect(theirs.body.id).not.toBe(mine.body.id);
    // Neither may read the other's onboarding.
    const res = await fetch(`${rt.apiUrl}/onboardings/${mine.body.id}`, { headers: { 'x-api-key': 'other-client-key-123456' } });
    expect(res.status).toBe(404);
  });

  // Adversarial pass 4: the queue is one status index for every client, filtered after the read; its cursor was the
  // index key of the last case read, whoever's it was. Another client paging the queue read this client's onboarding
  // ids (and when each entered the status) out of the cursor, and could page with a cursor made from them.
  it("another client's queue cursor names none of this client's onboardings, and a cursor works only for the client and status it was given to", async () => {
    rt.config.apiKeys['queue-other-client-key'] = 'queue-other-hris';
    const other = { 'x-api-key': 'queue-other-client-key' };
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const started = await postOnboarding(
        rt,
        loadRequest((r) => ((r.externalId = `queue-${n}`), (r.contractor.email = `queue-${n}@example.pl`))),
        `api-queue-000${n}`,
      );
      ids.push(started.body.id as string);
    }
    for (const id of ids) await waitForStatus(rt, id, 'awaiting-interview');
    const theirs = (await (await fetch(`${rt.apiUrl}/onboardings?status=awaiting-interview&limit=1`, { headers: other })).json()) as { items: unknown[]; nextCursor?: string };
    expect(theirs.items).toEqual([]);
    expect(theirs.nextCursor).toBeDefined();
    expect(Buffer.from(theirs.nextCursor!, 'base64url').toString('latin1')).not.toMatch(/ob_[0-9a-f]{32}/);
    // This client pages through its own queue with its cursor; the other client cannot use it, nor this one under another status.
    const mine = (await (await fetch(`${rt.apiUrl}/onboardings?status=awaiting-interview&limit=1`, { headers: { 'x-api-key': rt.apiKey } })).json()) as {
      items: { id: string }[];
      nextCursor?: string;
    };
    expect(mine.nextCursor).toBeDefined();
    const next = await fetch(`${rt.apiUrl}/onboardings?status=awaiting-interview&limit=1&cursor=${mine.nextCursor}`, { headers: { 'x-api-key': rt.apiKey } });
    expect(next.status).toBe(200);
    expect((await fetch(`${rt.apiUrl}/onboardings?status=awaiting-interview&limit=1&cursor=${mine.nextCursor}`, { headers: other })).status).toBe(400);
    expect((await fetch(`${rt.apiUrl}/onboardings?status=checking&limit=1&cursor=${mine.nextCursor}`, { headers: { 'x-api-key': rt.apiKey } })).status).toBe(400);
  });

  it.each([
    ['no credentials', {}, 401],
    ['a wrong API key', { 'x-api-key': 'not-a-key' }, 403],
  ])('%s: %i and nothing written', async (_what, headers, status) => {
    const before = await countCases();
    const res = await fetch(`${rt.apiUrl}/onboardings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'api-auth-0001', ...headers },
      body: JSON.stringify(loadRequest()),
    });
    expect(res.status).toBe(status);
    expect(await countCases()).toBe(before);
  });

  it('missing Idempotency-Key: 400 naming the header', async () => {
    const res = await fetch(`${rt.apiUrl}/onboardings`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': rt.apiKey }, body: JSON.stringify(loadRequest()) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].field).toBe('Idempotency-Key');
  });

  const invalid: [string, (r: Record<string, any>) => void, string][] = [
    ['a wrong type', (r) => (r.contractor.birthDate = 19900412), 'contractor.birthDate'],
    ['an unknown field', (r) => (r.contractor.favouriteColour = 'blue'), 'contractor.favouriteColour'],
    ['a missing field', (r) => delete r.payment, 'payment'],
    ['a bad IBAN checksum', (r) => (r.payment.iban = 'PL61109010140000071219812875'), 'payment.iban'],
    ['a bad country code', (r) => (r.contractor.nationality = 'Poland'), 'contractor.nationality'],
    ['a bad time zone', (r) => (r.contractor.timeZone = 'Mars/Olympus'), 'contractor.timeZone'],
    ['no reviewer', (r) => (r.reviewers = []), 'reviewers'],
    // The contractor as their own second pair of eyes, in another spelling of their mailbox.
    ['the contractor as a reviewer', (r) => (r.reviewers[1].email = r.contractor.email.replace('@', '+hr@').toUpperCase()), 'reviewers.1.email'],
    ['an employment reference as a reviewer', (r) => (r.reviewers[0].email = r.employment[0].reference.email), 'reviewers.0.email'],
  ];
  it.each(invalid)('%s: 400 naming the field, nothing written, no execution', async (_what, mutate, field) => {
    const before = await countCases();
    const res = await postOnboarding(rt, loadRequest(mutate), `api-bad-${field.replace(/\W/g, '')}`);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await countCases()).toBe(before);
  });

  it.each([
    ['malformed JSON', 'application/json', '{"externalId": ', 400],
    ['the wrong content type', 'text/plain', JSON.stringify(loadRequest()), 415],
    ['an oversized body', 'application/json', JSON.stringify({ ...loadRequest(), pad: 'x'.repeat(70_000) }), 413],
    ['deep nesting', 'application/json', `${'['.repeat(50)}${']'.repeat(50)}`, 400],
  ])('%s: a clear 4xx and nothing written', async (_what, type, body, status) => {
    const before = await countCases();
    const res = await fetch(`${rt.apiUrl}/onboardings`, { method: 'POST', headers: { 'content-type': type, 'x-api-key': rt.apiKey, 'idempotency-key': 'api-body-0001' }, body });
    expect(res.status).toBe(status);
    const problem = (await res.json()) as { errors: unknown[] };
    expect(problem.errors.length).toBeGreaterThan(0);
    expect(await countCases()).toBe(before);
  });

  it('odd Unicode in names is accepted and stored as sent', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.contractor.legalName.givenNames = 'Zoë Ŝtéfánïa 김'), (r.externalId = 'unicode-1'))),
      'api-unicode-0001',
    );
    expect(res.status).toBe(202);
  });

  it('GET /onboardings?status= lists the queue, paginated, and rejects an unknown status', async () => {
    const page = await fetch(`${rt.apiUrl}/onboardings?status=awaiting-interview&limit=1`, { headers: { 'x-api-key': rt.apiKey } });
    expect(page.status).toBe(200);
    const body = (await page.json()) as { items: unknown[]; nextCursor?: string };
    expect(body.items.length).toBeLessThanOrEqual(1);
    // The answer is what /openapi.json says it is.
    expect(onboardingListSchema.safeParse(body).error).toBeUndefined();
    const bad = await fetch(`${rt.apiUrl}/onboardings?status=pending-forever`, { headers: { 'x-api-key': rt.apiKey } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(problemSchema.safeParse(await bad.json()).error).toBeUndefined();
    const badCursor = await fetch(`${rt.apiUrl}/onboardings?status=received&cursor=bm90LWpzb24`, { headers: { 'x-api-key': rt.apiKey } });
    expect(badCursor.status).toBe(400);
  });

  it('GET of an unknown or malformed id: 404 / 400', async () => {
    expect((await fetch(`${rt.apiUrl}/onboardings/ob_${'0'.repeat(32)}`, { headers: { 'x-api-key': rt.apiKey } })).status).toBe(404);
    expect((await fetch(`${rt.apiUrl}/onboardings/nope`, { headers: { 'x-api-key': rt.apiKey } })).status).toBe(400);
  });

  it('serves the OpenAPI 3.1 document generated from the schemas', async () => {
    const res = await fetch(`${rt.apiUrl}/openapi.json`, { headers: { 'x-api-key': rt.apiKey } });
    const doc = (await res.json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    expect(doc.components.schemas.OnboardingRequest.properties.contractor).toBeDefined();
    expect(doc.paths['/onboardings'].post.parameters[0].name).toBe('Idempotency-Key');
  });

  it('reports stage states and a findings summary without raw personal data', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => (r.externalId = 'summary-1')),
      'api-summary-0001',
    );
    expect(onboardingViewSchema.safeParse(res.body).error).toBeUndefined();
    const o = await waitForStatus(rt, res.body.id, 'awaiting-interview');
    expect(onboardingViewSchema.safeParse(o).error).toBeUndefined();
    expect(o.stages.document.state).toBeDefined();
    expect(o.risk.outcome).toMatch(/clear|review/);
    expect(Array.isArray(o.findings.codes)).toBe(true);
    const text = JSON.stringify(await getOnboarding(rt, res.body.id));
    for (const pii of ['EA1234567', 'PL61109010140000071219812874', 'anna.kowalska@example.pl', '+48601234567']) expect(text).not.toContain(pii);
  });
  void executions;
});
