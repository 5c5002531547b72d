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
      const res = await postOnboarding(rt, loadRequest((r) => set(r, value)), key());
      expect(res.status).toBe(400);
      expect(fields(res.body)).toContain(field);
    });

  it('invisible format characters (zero-width space, joiner) are accepted: screening weighs them, a 400 would hide them', async () => {
    const res = await postOnboarding(rt, loadRequest((r) => ((r.externalId = 'hostile-zw'), (r.contractor.legalName.surname = 'Kowal\u200bska\u200d'))), key());
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
});
