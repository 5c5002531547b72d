import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { loadRequest, postOnboarding, startTestRuntime, waitForStatus } from '../support/local-runtime';

type Problem = { title: string; errors: { field: string; message: string }[] };

/**
 * Issue 14, item 4: hostile input at the HRIS API, on the real local runtime (local API Gateway, the API
 * Lambda bundle, DynamoDB Local, S3 stand-in). Each case here was accepted before.
 */
describe('hostile input at the API', () => {
  let rt: LocalRuntime & { apiKey: string };
  let seq = 0;
  const key = () => `hostile-${String(++seq).padStart(4, '0')}`;
  beforeAll(async () => {
    rt = await startTestRuntime();
    rt.config.apiKeys['hostile-other-client-key'] = 'other-hris';
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const fields = (body: Record<string, unknown>) => (body as Problem).errors.map((e) => e.field);

  // Names and other single-line fields: every one of these used to be a 202.
  const hostile: [string, string][] = [
    ['a line feed and a fake link', 'Anna\nOpen the case: http://evil.example/case'],
    ['CR LF', 'Anna\r\nMaria'],
    ['NUL', 'Anna\u0000Maria'],
    ['ESC (terminal escape)', 'Anna\u001b[31mMaria'],
    ['a C1 control (NEL)', 'Anna\u0085Maria'],
    ['LINE SEPARATOR U+2028', 'Anna\u2028Open the case: http://evil.example'],
    ['PARAGRAPH SEPARATOR U+2029', 'Anna\u2029Maria'],
    ['RIGHT-TO-LEFT OVERRIDE U+202E', 'Anna\u202eairaM'],
    ['LEFT-TO-RIGHT ISOLATE U+2066', 'Anna\u2066Maria'],
    ['a lone high surrogate', 'Anna\ud800Maria'],
    ['a lone low surrogate', 'Anna\udc00Maria'],
  ];
  const places: [string, (r: Record<string, any>, v: string) => void][] = [
    ['contractor.legalName.givenNames', (r, v) => (r.contractor.legalName.givenNames = v)],
    ['document.surname', (r, v) => (r.document.surname = v)],
    ['reviewers.0.name', (r, v) => (r.reviewers[0].name = v)],
    ['employment.0.employer', (r, v) => (r.employment[0].employer = v)],
    ['payment.accountHolder', (r, v) => (r.payment.accountHolder = v)],
    ['externalId', (r, v) => (r.externalId = v)],
  ];
  for (const [what, value] of hostile)
    it.each(places)(`${what} in %s is a 400 naming the field`, async (field, set) => {
      const res = await postOnboarding(
        rt,
        loadRequest((r) => set(r, value)),
        key(),
      );
      expect(res.status).toBe(400);
      expect(fields(res.body)).toContain(field);
    });

  it('invisible format characters (zero-width space, joiner) are accepted: screening weighs them, a 400 would hide them', async () => {
    const res = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = 'hostile-zw'), (r.contractor.legalName.surname = 'Kowal\u200bska\u200d'))),
      key(),
    );
    expect(res.status).toBe(202);
  });

  it('a body that is not valid UTF-8 is a 400, not a name with U+FFFD in it', async () => {
    const text = JSON.stringify(loadRequest((r) => (r.externalId = 'hostile-utf8')));
    const at = Buffer.from(text).indexOf('Kowalska');
    const bytes = Buffer.concat([Buffer.from(text).subarray(0, at), Buffer.from([0xc3, 0x28]), Buffer.from(text).subarray(at)]);
    const res = await fetch(`${rt.apiUrl}/onboardings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': rt.apiKey, 'idempotency-key': key() },
      body: bytes,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problem;
    expect(body.title).toBe('Invalid UTF-8');
    expect(body.errors[0]!.field).toBe('(body)');
  });

  it.each([
    ['a birth date in 2999', (r: Record<string, any>) => (r.contractor.birthDate = '2999-01-01'), 'contractor.birthDate'],
    ['a birth date before 1900', (r: Record<string, any>) => (r.contractor.birthDate = '1899-12-31'), 'contractor.birthDate'],
    ['a birth date that is no calendar date', (r: Record<string, any>) => (r.contractor.birthDate = '1990-02-30'), 'contractor.birthDate'],
    ['a birth date later this century (in the future of any test run)', (r: Record<string, any>) => (r.document.birthDate = '2098-06-01'), 'document.birthDate'],
    ['a document expiring in 9999', (r: Record<string, any>) => (r.document.expiryDate = '9999-12-31'), 'document.expiryDate'],
    ['a document issued in 2098', (r: Record<string, any>) => (r.document.issueDate = '2098-01-01'), 'document.issueDate'],
    ['a document issued before its holder was born', (r: Record<string, any>) => (r.document.issueDate = '1980-01-01'), 'document.issueDate'],
    ['a past job starting in 2098', (r: Record<string, any>) => ((r.employment[0].startDate = '2098-01-01'), delete r.employment[0].endDate), 'employment.0.startDate'],
    ['an engagement ending in year 0001', (r: Record<string, any>) => (r.engagement = { endDate: '0001-01-01' }), 'engagement.endDate'],
  ])('%s is a 400 naming the field', async (_what, set, field) => {
    const res = await postOnboarding(rt, loadRequest(set), key());
    expect(res.status).toBe(400);
    expect(fields(res.body)).toContain(field);
  });

  describe('upload keys', () => {
    async function issueKey(apiKey: string, kind: string): Promise<string> {
      const res = await fetch(`${rt.apiUrl}/uploads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify({ kind, contentType: 'image/jpeg', sizeBytes: 1000 }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { key: string }).key;
    }
    const withFiles = (files: { kind: string; key: string }[]) => loadRequest((r) => ((r.externalId = `hostile-files-${seq}`), (r.document.files = files)));

    it("another client's key is a 400 naming the file's key: the document check never reads their image", async () => {
      const theirs = await issueKey('hostile-other-client-key', 'front');
      const res = await postOnboarding(rt, withFiles([{ kind: 'front', key: theirs }]), key());
      expect(res.status).toBe(400);
      expect(fields(res.body)).toEqual(['document.files.0.key']);
    });

    it.each([
      ['a key with ".."', async () => `${(await issueKey(rt.apiKey, 'front')).split('/').slice(0, 2).join('/')}/../x`],
      ['a key never issued', async () => 'uploads/0123456789abcdef/00000000-0000-4000-8000-000000000000'],
      ['an issued key, edited', async () => `${await issueKey(rt.apiKey, 'front')}x`],
    ])('%s is a 400 naming the field, and nothing is started', async (_what, make) => {
      const res = await postOnboarding(rt, withFiles([{ kind: 'front', key: await make() }]), key());
      expect(res.status).toBe(400);
      expect(fields(res.body)).toContain('document.files.0.key');
    });

    it('a key issued for a selfie cannot be declared as the front of the document', async () => {
      const selfie = await issueKey(rt.apiKey, 'selfie');
      const res = await postOnboarding(rt, withFiles([{ kind: 'front', key: selfie }]), key());
      expect(res.status).toBe(400);
      expect(fields(res.body)).toEqual(['document.files.0.kind']);
    });

    it('a key this client obtained for this image is accepted, and the onboarding goes on', async () => {
      // Never uploaded: the document stage records that as a finding (test/integration/uploads.test.ts).
      const k = await issueKey(rt.apiKey, 'front');
      const res = await postOnboarding(rt, withFiles([{ kind: 'front', key: k }]), key());
      expect(res.status).toBe(202);
      await waitForStatus(rt, res.body.id, ['awaiting-interview', 'awaiting-approval', 'compliance-hold']);
    });
  });

  /**
   * Issue 17: every error of every route, the gateway's own included, is a problem document in one wording:
   * the field, what is wrong (never zod's English, never "expected ..." alone), what is allowed; and the
   * submitted value itself is never echoed (it may be a passport number).
   */
  describe('one wording for every error', () => {
    const secret = 'PASSPORT-ZX9931-SECRET';
    const id = `ob_${'0'.repeat(32)}`;
    const api = (path: string, init: RequestInit & { apiKey?: string | null } = {}) => {
      const { apiKey, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (apiKey !== null) headers.set('x-api-key', apiKey ?? rt.apiKey);
      return fetch(`${rt.apiUrl}${path}`, { ...rest, headers });
    };
    const json = (body: unknown, extra: Record<string, string> = {}): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...extra },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const cases: [string, () => Promise<Response>][] = [
      ['POST /onboardings without an Idempotency-Key', () => api('/onboardings', json(loadRequest()))],
      ['POST /onboardings with a bad Idempotency-Key', () => api('/onboardings', json(loadRequest(), { 'idempotency-key': `bad key ${secret}` }))],
      ['POST /onboardings as text/plain', () => api('/onboardings', { method: 'POST', headers: { 'content-type': 'text/plain', 'idempotency-key': key() }, body: secret })],
      ['POST /onboardings with malformed JSON', () => api('/onboardings', json(`{"externalId": "${secret}",`, { 'idempotency-key': key() }))],
      ['POST /onboardings nested too deeply', () => api('/onboardings', json('['.repeat(40) + ']'.repeat(40), { 'idempotency-key': key() }))],
      [
        'POST /onboardings with wrong types and unknown fields',
        () =>
          api(
            '/onboardings',
            json(
              loadRequest((r) => ((r.contractor.legalName = 5), (r.document.number = 42), (r.payment.method = secret), (r.passportScan = secret))),
              { 'idempotency-key': key() },
            ),
          ),
      ],
      ['POST /onboardings with an empty body object', () => api('/onboardings', json({}, { 'idempotency-key': key() }))],
      [
        'POST /onboardings with dates in the future',
        () =>
          api(
            '/onboardings',
            json(
              loadRequest((r) => (r.contractor.birthDate = '2098-01-01')),
              { 'idempotency-key': key() },
            ),
          ),
      ],
      ['GET /onboardings/{id} with a bad id', () => api(`/onboardings/${secret}`)],
      ['GET /onboardings/{id} unknown', () => api(`/onboardings/${id}`)],
      ['GET /onboardings with a bad status', () => api(`/onboardings?status=${secret}`)],
      ['GET /onboardings with a bad limit and an unknown parameter', () => api('/onboardings?status=approved&limit=500&pageSize=20')],
      ['GET /onboardings with a forged cursor', () => api(`/onboardings?status=approved&cursor=${secret}`)],
      ['POST /uploads with a bad body', () => api('/uploads', json({ kind: secret, contentType: 'image/gif', sizeBytes: -1 }))],
      ['POST /onboardings/{id}/signals with a bad body', () => api(`/onboardings/${id}/signals`, json({ signals: [{ type: 'login', time: secret, ip: secret, accountId: '' }] }))],
      ['POST /onboardings/{id}/signals unknown', () => api(`/onboardings/${id}/signals`, json({ signals: [{ type: 'remote-desktop-detected', time: '2026-11-25T10:00:00Z', tool: 'AnyDesk' }] }))],
      ['POST /onboardings/{id}/redrive with a bad id', () => api(`/onboardings/${secret}/redrive`, { method: 'POST' })],
      ['an unknown route', () => api(`/no-such-route/${secret}`)],
      ['a method the route does not take', () => api('/uploads', { method: 'DELETE' })],
      ['no API key', () => api('/onboardings?status=approved', { apiKey: null })],
      ['an API key that is not valid', () => api('/onboardings?status=approved', { apiKey: secret })],
    ];
    it.each(cases)('%s', async (_what, call) => {
      const res = await call();
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const text = await res.text();
      expect(text).not.toContain(secret);
      const body = JSON.parse(text) as { type: string; title: string; status: number; errors: { field: string; message: string; allowed: string }[] };
      expect(body).toMatchObject({ type: 'about:blank', status: res.status });
      expect(body.title.length).toBeGreaterThan(0);
      expect(body.errors.length).toBeGreaterThan(0);
      for (const e of body.errors) {
        expect(Object.keys(e).sort()).toEqual(['allowed', 'field', 'message']);
        for (const part of [e.field, e.message, e.allowed]) expect(part.trim().length, JSON.stringify(e)).toBeGreaterThan(0);
        // What is wrong, in our words: not zod's English sentences, not "expected ..." standing in for it.
        expect(e.message, JSON.stringify(e)).not.toMatch(/^(expected\b|Invalid input|Invalid option|Too small|Too big|Unrecognized)/);
      }
    });
  });
});
