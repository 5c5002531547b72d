import { composeIBAN, friendlyFormatIBAN } from 'ibantools';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeTableName } from '../../infra/local/execution-store';
import type { LocalRuntime } from '../../infra/local/runtime';
import { getOnboarding, goodInterview, loadRequest, openLink, postOnboarding, startTestRuntime, submitForm, waitFor, waitForMail, waitForStatus } from '../support/local-runtime';

/**
 * Checklist items 15, 25 and 26: canary personal data sent through a whole onboarding, to completion by
 * the emailed links, with everything the system logs captured (the Lambda bundles run in this process
 * and log through Powertools to stdout/stderr, at DEBUG). The canaries must appear in no log line, no
 * error body, no execution history or journal, no URL and no API answer; reviewer mail carries neither
 * passport nor IBAN; no task token reaches a log, a mail, a page or a URL; and the table holds the
 * applicant's identifiers only in the case's own `application`, fingerprints being keyed HMACs.
 */

// In the issuing country's format (PL: 2 letters, 7 digits), so the document stage does not hold the case
// and the onboarding can run to completion; the letters make it unique in any output.
const PASSPORT = 'QZ7319884';
const IBAN = composeIBAN({ countryCode: 'PL', bban: '109010140000073198842884' })!; // PL22 1090 1014 0000 0731 9884 2884
const IBAN_ACCOUNT_DIGITS = '0000073198842884';
const EMAIL = 'canary.8842@example.pl';
const PHONE = '+48601884273';
const PHONE_DIGITS = '601884273';

/** Every form in which a canary could surface: as sent, grouped, URL-encoded, JSON-escaped, digits only. */
const canaries: Record<string, string[]> = {
  passport: [PASSPORT, PASSPORT.toLowerCase()],
  iban: [IBAN, friendlyFormatIBAN(IBAN)!, IBAN_ACCOUNT_DIGITS],
  email: [EMAIL, encodeURIComponent(EMAIL), 'canary.8842%40', 'canary.8842'],
  phone: [PHONE, encodeURIComponent(PHONE), PHONE_DIGITS],
};
const leaks = (text: string, kinds = Object.keys(canaries)): string[] => kinds.flatMap((k) => canaries[k]!.filter((c) => text.toLowerCase().includes(c.toLowerCase())).map((c) => `${k}:${c}`));

describe('canary personal data through a whole onboarding', () => {
  const captured: string[] = [];
  const restore: (() => void)[] = [];
  let rt: LocalRuntime & { apiKey: string };
  let id = '';
  const errorBodies: { what: string; status: number; body: string }[] = [];
  const pages: { what: string; html: string }[] = [];
  const urls = new Set<string>();
  const apiAnswers: string[] = [];

  beforeAll(async () => {
    // Capture before the bundles are imported: module-level loggers write from the first invocation.
    for (const stream of [process.stdout, process.stderr] as const) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = original as typeof stream.write));
    }
    for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      const original = console[method];
      console[method] = (...args: unknown[]) => {
        captured.push(args.map((a) => (typeof a === 'string' ? a : (JSON.stringify(a) ?? String(a)))).join(' '));
        original.apply(console, args);
      };
      restore.push(() => (console[method] = original));
    }
    rt = await startTestRuntime({ functionEnv: { POWERTOOLS_LOG_LEVEL: 'DEBUG', POWERTOOLS_DEV: 'false' }, log: (line) => captured.push(line) });
  }, 180_000);

  afterAll(async () => {
    await rt?.stop();
    for (const r of restore.reverse()) r();
  });

  const request = () =>
    loadRequest((r) => {
      r.externalId = 'privacy-canary-1';
      r.contractor.email = EMAIL;
      r.contractor.phone = PHONE;
      r.document.number = PASSPORT;
      r.payment = { method: 'iban', accountHolder: 'Anna Maria Kowalska', iban: IBAN };
      r.reviewers = [
        { name: 'Rita Reviewer', email: 'rita.canary@example.com' },
        { name: 'Omar Officer', email: 'omar.canary@example.com' },
      ];
    });

  const track = (text: string) => {
    for (const u of text.match(/https?:\/\/[^\s"'<>)]+/g) ?? []) urls.add(u);
  };

  it('refusals carrying the canaries do not echo them (schema, header and link-page 4xx)', async () => {
    const bad: [string, (r: Record<string, any>) => void][] = [
      ['IBAN with wrong check digits', (r) => (r.payment.iban = IBAN.replace(/^PL22/, 'PL23'))],
      ['IBAN for a wrong-length country', (r) => (r.payment.iban = `DE${IBAN.slice(2)}`)],
      ['passport number too long', (r) => (r.document.number = `${PASSPORT}<<<<<<<<<<<<`)],
      ['passport number with a space', (r) => (r.document.number = `${PASSPORT} X`)],
      ['email without a domain', (r) => (r.contractor.email = 'canary.8842@')],
      ['phone with dashes', (r) => (r.contractor.phone = '+48-601884273')],
      ['unknown field carrying all canaries', (r) => (r.contractor.notes = `${PASSPORT} ${IBAN} ${EMAIL} ${PHONE}`)],
      ['IBAN given as SWIFT account, bad checksum', (r) => (r.payment = { method: 'swift', accountHolder: 'A', accountNumber: IBAN.replace(/^PL22/, 'PL23'), bic: 'WBKPPLPP', bankCountry: 'PL' })],
    ];
    for (const [what, mutate] of bad) {
      const body = request();
      mutate(body);
      const refused = await postOnboarding(rt, body, `privacy-bad-${what.replace(/\W/g, '')}`.slice(0, 100));
      errorBodies.push({ what, status: refused.status, body: JSON.stringify(refused.body) });
    }
    // The same canaries with the wrong content type, and with a missing key.
    const wrongType = await fetch(`${rt.apiUrl}/onboardings`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-api-key': rt.apiKey, 'idempotency-key': 'privacy-type-0001' },
      body: JSON.stringify(request()),
    });
    errorBodies.push({ what: 'wrong content type', status: wrongType.status, body: await wrongType.text() });
    const noKey = await fetch(`${rt.apiUrl}/onboardings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': rt.apiKey, 'idempotency-key': EMAIL },
      body: JSON.stringify(request()),
    });
    errorBodies.push({ what: 'canary email as Idempotency-Key', status: noKey.status, body: await noKey.text() });
    const badList = await fetch(`${rt.apiUrl}/onboardings?status=${encodeURIComponent(PASSPORT)}&cursor=${encodeURIComponent(IBAN)}`, { headers: { 'x-api-key': rt.apiKey } });
    errorBodies.push({ what: 'canaries in the list query', status: badList.status, body: await badList.text() });
    const badId = await fetch(`${rt.apiUrl}/onboardings/${encodeURIComponent(EMAIL)}`, { headers: { 'x-api-key': rt.apiKey } });
    errorBodies.push({ what: 'canary email as id', status: badId.status, body: await badId.text() });

    for (const e of errorBodies) {
      expect(e.status, `${e.what}: ${e.body}`).toBeGreaterThanOrEqual(400);
      expect(e.status, `${e.what}: ${e.body}`).toBeLessThan(500);
      expect(leaks(e.body), `${e.what} echoed a canary: ${e.body}`).toEqual([]);
    }
  });

  // V8's JSON.parse message quotes the text around the bad token; the 400 says where, not what.
  it('a malformed JSON body does not echo the passport number in its 400', async () => {
    const res = await fetch(`${rt.apiUrl}/onboardings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': rt.apiKey, 'idempotency-key': 'privacy-malformed-0001' },
      body: `{"document": {"type": "passport", "number": ${PASSPORT}}}`,
    });
    const body = await res.text();
    expect(res.status).toBe(400);
    expect(leaks(body)).toEqual([]);
  });

  it('the onboarding runs to completion by the emailed links', async () => {
    const body = request();
    const started = await postOnboarding(rt, body, 'privacy-canary-0001');
    expect(started.status).toBe(202);
    id = started.body.id as string;
    apiAnswers.push(JSON.stringify(started.body), started.headers.get('location') ?? '');
    urls.add(`${rt.apiUrl}${started.headers.get('location')}`);

    await waitForStatus(rt, id, 'awaiting-interview');
    const { link: pick } = await waitForMail(rt, EMAIL, /choose a time/i);
    const picker = await openLink(pick);
    pages.push({ what: 'slot picker', html: picker.html });
    // A form error on the way: the re-rendered page is checked like any page.
    const wrongPick = await submitForm(pick, { csrf: picker.csrf, choice: PASSPORT });
    expect(wrongPick.status).toBe(400);
    pages.push({ what: 'slot picker form error (400)', html: wrongPick.html });
    const slot = /name="choice" value="([^"]+)"/.exec(picker.html)![1]!;
    const picked = await submitForm(pick, { csrf: picker.csrf, choice: slot });
    expect(picked.status).toBe(200);
    pages.push({ what: 'slot picked', html: picked.html });

    const outcomeMail = await waitFor(
      'outcome-form mail',
      async () => (await rt.mailbox.list()).find((m) => /record|outcome/i.test(m.subject) && m.text.includes('/links/')),
      (m) => m !== undefined,
    );
    const outcomeLink = /http:\/\/localhost:\d+\/links\/[A-Za-z0-9_-]{43}/.exec(outcomeMail!.text)![0];
    const form = await openLink(outcomeLink);
    pages.push({ what: 'outcome form', html: form.html });
    const wrongOutcome = await submitForm(outcomeLink, { csrf: form.csrf, attended: 'maybe', remarks: 'no canary here' });
    expect(wrongOutcome.status).toBe(400);
    pages.push({ what: 'outcome form error (400)', html: wrongOutcome.html });
    const sent = await submitForm(outcomeLink, { csrf: form.csrf, ...goodInterview });
    expect(sent.status).toBe(200);
    pages.push({ what: 'outcome recorded', html: sent.html });

    await waitForStatus(rt, id, 'awaiting-approval');
    const first = await waitForMail(rt, 'rita.canary@example.com', /approval needed/i);
    const casePage = await openLink(first.link);
    expect(casePage.status).toBe(200);
    pages.push({ what: 'case page', html: casePage.html });
    const wrongDecision = await submitForm(first.link, { csrf: casePage.csrf, view: casePage.view, action: 'approve', reason: 'ok' });
    expect(wrongDecision.status).toBe(400);
    // The reviewer's case page, re-rendered with the error: it shows the contractor's contact details to the
    // reviewer by design, so it is held to the page rule (no passport number, no IBAN), not the error-body rule.
    pages.push({ what: 'decision form error (400)', html: wrongDecision.html });
    const approved = await submitForm(first.link, { csrf: casePage.csrf, view: casePage.view, action: 'approve', reason: 'Identity confirmed on video; findings explained.' });
    expect(approved.status).toBe(200);
    pages.push({ what: 'first approval', html: approved.html });
    if (/second, different reviewer/.test(approved.html)) {
      const second = await waitForMail(rt, 'omar.canary@example.com', /approval needed/i);
      const page2 = await openLink(second.link);
      pages.push({ what: 'case page (second reviewer)', html: page2.html });
      const decided = await submitForm(second.link, { csrf: page2.csrf, view: page2.view, action: 'approve', reason: 'Second review: agree, identity confirmed.' });
      expect(decided.status).toBe(200);
      pages.push({ what: 'second approval', html: decided.html });
    }
    const done = await waitForStatus(rt, id, 'approved');
    expect(done.decision.outcome).toBe('approved');
    await rt.engine.idle(20_000);
    expect((await rt.engine.describeExecution(rt.engine.executionArn(id.replace('_', '-')))).status).toBe('SUCCEEDED');
    apiAnswers.push(JSON.stringify(await getOnboarding(rt, id)));
    const list = await fetch(`${rt.apiUrl}/onboardings?status=approved&limit=100`, { headers: { 'x-api-key': rt.apiKey } });
    apiAnswers.push(await list.text());
  }, 180_000);

  it('no log line carries a canary (Powertools at DEBUG, console and the runtime log, all captured)', () => {
    expect(id).not.toBe('');
    // The capture works: anything written to stdout is seen.
    process.stdout.write('[privacy] capture check\n');
    expect(captured.some((l) => l.includes('[privacy] capture check'))).toBe(true);
    const lines = captured.join('').split('\n');
    const bad = lines.filter((l) => leaks(l).length > 0);
    const structured = lines.filter((l) => /^\{"level":/.test(l.trim()));
    console.log(`[privacy] captured ${lines.length} output lines, ${structured.length} of them Powertools log records`);
    expect(bad, `log lines with canaries:\n${bad.slice(0, 5).join('\n')}`).toEqual([]);
  });

  it('no execution history event, execution input/output or journal entry carries a canary', async () => {
    const arn = rt.engine.executionArn(id.replace('_', '-'));
    const history = await rt.engine.history(arn);
    expect(history.length).toBeGreaterThan(10);
    const exec = await rt.engine.describeExecution(arn);
    expect(leaks(JSON.stringify(history)), 'history').toEqual([]);
    expect(leaks(`${exec.input} ${exec.output ?? ''} ${exec.error ?? ''} ${exec.cause ?? ''}`), 'execution input/output').toEqual([]);
    // What the local engine journals per task is the state data the execution carries between stages.
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    const runtimeItems = (await db.send(new ScanCommand({ TableName: runtimeTableName }))).Items ?? [];
    const journal = runtimeItems.filter((i) => i.kind === 'journal' || i.kind === 'execution' || i.kind === 'token');
    expect(journal.length).toBeGreaterThan(0);
    for (const item of journal) expect(leaks(JSON.stringify(item)), `${item.PK} ${item.SK}`).toEqual([]);
  });

  it('no URL, no API answer and no page carries the passport or IBAN; error bodies carry no canary', async () => {
    for (const m of await rt.mailbox.list()) track(`${m.text}\n${m.html}`);
    for (const p of pages) track(p.html);
    expect(urls.size).toBeGreaterThan(3);
    for (const u of urls) expect(leaks(u), u).toEqual([]);
    for (const a of apiAnswers) expect(leaks(a), a.slice(0, 500)).toEqual([]);
    for (const e of errorBodies) expect(leaks(e.body), `${e.what} (${e.status})`).toEqual([]);
    for (const p of pages) expect(leaks(p.html, ['passport', 'iban']), p.what).toEqual([]);
  });

  it('reviewer mails carry neither the passport number nor the IBAN', async () => {
    const mails = (await rt.mailbox.list()).filter((m) => m.to.some((t) => /canary@example\.com$/.test(t)));
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) expect(leaks(`${m.subject}\n${m.text}\n${m.html}\n${JSON.stringify(m.attachments ?? [])}`, ['passport', 'iban']), m.subject).toEqual([]);
  });

  it('no task token appears in a log line, a mail, a page, a URL or an API answer (item 15)', async () => {
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    const items = (await db.send(new ScanCommand({ TableName: runtimeTableName }))).Items ?? [];
    const tokens = items.filter((i) => i.kind === 'token').map((i) => String(i.token));
    // One per callback task: the interview (slot picking and outcome) and the approval.
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    const mails = JSON.stringify(await rt.mailbox.list());
    const logs = captured.join('');
    const everywhere = [mails, logs, ...pages.map((p) => p.html), ...urls, ...apiAnswers, ...errorBodies.map((e) => e.body)].join('\n');
    for (const t of tokens) {
      expect(t.length).toBeGreaterThan(40);
      expect(everywhere.includes(t), `task token ${t.slice(0, 8)}… leaked`).toBe(false);
      // A prefix long enough to be unmistakable, in case of truncation or wrapping.
      expect(everywhere.includes(t.slice(0, 32)), `task token prefix ${t.slice(0, 8)}… leaked`).toBe(false);
    }
  });

  it("the table holds the identifiers only in the case's own application; fingerprints are keyed HMACs", async () => {
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    const all: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName: rt.tableName, ExclusiveStartKey: start }));
      all.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const mine = all.filter((i) => String(i.PK).includes(id) || i.caseId === id);
    expect(mine.length).toBeGreaterThan(5);

    const prints = mine.filter((i) => i.type === 'fingerprint');
    expect([...new Set(prints.map((p) => p.kind))]).toEqual(expect.arrayContaining(['email', 'phone', 'bank-account']));
    for (const p of prints) {
      const hmac = String(p.SK).split('#').pop()!;
      expect(hmac, String(p.SK)).toMatch(/^[A-Za-z0-9_-]{43}$/); // HMAC-SHA256, base64url
      expect(String(p.GSI1PK)).toBe(`FP#${String(p.kind)}#${hmac}`);
    }
    // Not a plain (unkeyed) hash either: a dictionary attack on the phone needs the key.
    const { createHash } = await import('node:crypto');
    const plain = ['48601884273', PHONE, EMAIL, IBAN, `iban:${IBAN}`, `phone\n48601884273`, `email\n${EMAIL}`].flatMap((v) => [
      createHash('sha256').update(v).digest('base64url'),
      createHash('sha256').update(v).digest('hex'),
    ]);
    for (const p of prints) for (const h of plain) expect(String(p.SK)).not.toContain(h);

    const offenders: string[] = [];
    for (const item of mine) {
      const copy = { ...item } as Record<string, unknown>;
      if (item.type === 'case') delete copy.application;
      // The monitor index keeps what ongoing screening compares with new list entries (names, birth date,
      // document number): the case's screening query, deleted when the case ends or is erased (test/records).
      if (item.type === 'monitor') delete copy.query;
      // The contractor's own link item names its recipient by email: left to the known-finding test below.
      if (item.type === 'link') copy.recipient = { ...(item.recipient as Record<string, unknown>), email: '(see known finding)' };
      const found = leaks(JSON.stringify(copy), ['iban', 'email', 'phone', 'passport']);
      if (found.length) offenders.push(`${String(item.PK)} ${String(item.SK)} (${String(item.type)}): ${found.join(', ')}`);
    }
    expect(offenders, `items carrying applicant identifiers outside the case's application:\n${offenders.join('\n')}`).toEqual([]);
  });

  // Link items live outside the case partition: the contractor is in them by role and given name only.
  it("no link item holds the applicant's plain email", async () => {
    const db = DynamoDBDocumentClient.from(rt.dynamo.client);
    const out = await db.send(
      new ScanCommand({ TableName: rt.tableName, FilterExpression: '#t = :t AND caseId = :c', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':t': 'link', ':c': id } }),
    );
    expect((out.Items ?? []).length).toBeGreaterThan(0);
    for (const item of out.Items ?? []) expect(leaks(JSON.stringify(item), ['email', 'phone', 'iban', 'passport']), String(item.PK)).toEqual([]);
  });
});
