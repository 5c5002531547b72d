import fc from 'fast-check';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { activeInterviewConfig } from '../../shared/config/interview-config';
import { parseContractorTimes } from '../../shared/domain/interview/contractor-times';
import { parseDecisionForm, parseOutcomeForm, parseSlotPickForm } from '../../shared/domain/pages';
import { goodInterview, loadRequest, openLink, postOnboarding, startTestRuntime, startToApproval, submitForm, waitFor, waitForMail, waitForStatus } from '../support/local-runtime';
import { oddString } from './arbitraries';

/**
 * Checklist items 18, 19, 23, 24 for the pages people open from email: every link page's form POST
 * (slot picker, interview outcome, reviewer decision) fuzzed against real open links on the local runtime.
 * Only 2xx/4xx, never 5xx; a form error re-renders the page with 400 and names the field; a refused POST
 * changes nothing (the case, its callbacks, its audit trail and the link records are byte-for-byte the same,
 * and the link still works afterwards). Plus the pure form parsers in bulk.
 */

const HTTP_BATCHES = 25;
const BATCH = 8;
const BULK_RUNS = 1_600;
const counts = { http: 0, inProcess: 0 };

type Kind = 'slot-picking' | 'interview-outcome' | 'review';
interface OpenLink {
  kind: Kind;
  id: string;
  url: string;
  csrf: string;
  slotIds: string[];
  timeZone: string;
}

const FORM = 'application/x-www-form-urlencoded';
const acceptedType = (t: string | undefined) => t !== undefined && /^application\/x-www-form-urlencoded\s*(;|$)/i.test(t);
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** The form as the links handler reads it: the first value of each name wins. */
function readLikeServer(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw)) if (!(k in out)) out[k] = v;
  return out;
}

const answer = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('yes', 'no', 'unsure') },
  { weight: 1, arbitrary: oddString },
  { weight: 1, arbitrary: fc.constantFrom('YES', ' yes', 'true', '1', '') },
);
const localTime = fc.oneof(
  fc.constantFrom('2030-03-31T02:30', '2030-02-30T10:00', '2030-13-01T10:00', '25:00', 'tomorrow', '2030-01-01 10:00', '2030-01-01T10:00:00Z', ''),
  fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => `${d.toISOString().slice(0, 16)}x`),
  oddString,
);

/** Field values for each page: mostly the right names with wrong, odd, missing or oversized values. */
function fieldsFor(link: OpenLink): fc.Arbitrary<[string, string][]> {
  const extras = fc.array(fc.tuple(fc.oneof(oddString, fc.constantFrom('csrf', 'action', 'choice', 'attended', 'reason', 'submit', '__proto__')), oddString), { maxLength: 3 });
  const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 4 });
  let named: fc.Arbitrary<Record<string, string | undefined>>;
  switch (link.kind) {
    case 'review':
      named = fc.record({
        action: opt(fc.oneof(fc.constantFrom('approve', 'reject', 'request-info'), oddString)),
        reason: opt(fc.oneof(oddString, fc.constantFrom('ok', '    ', 'x'.repeat(2001), 'Fine.'), fc.string({ minLength: 1990, maxLength: 2100 }))),
      });
      break;
    case 'slot-picking':
      named = fc.record({
        choice: opt(fc.oneof(fc.constantFrom(...link.slotIds, 'none', 'none ', 'NONE', ''), oddString)),
        proposed1: opt(localTime),
        proposed2: opt(localTime),
        proposed3: opt(localTime),
        note: opt(fc.oneof(oddString, fc.string({ minLength: 990, maxLength: 1100 }))),
      });
      break;
    case 'interview-outcome':
      named = fc.record({
        attended: opt(fc.oneof(fc.constantFrom('yes', 'no'), oddString)),
        cameraOnThroughout: opt(answer),
        faceMatchesDocument: opt(answer),
        locationConsistent: opt(answer),
        livenessHandInFront: opt(answer),
        livenessProfile: opt(answer),
        phraseRead: opt(answer),
        homeCityConvincing: opt(answer),
        sameAsEarlierCall: opt(fc.oneof(answer, fc.constant('n/a'))),
        protocolRefused: opt(answer),
        livenessWindow: opt(answer),
        spokeClaimedLanguages: opt(answer),
        readingAnswers: opt(answer),
        remarks: opt(fc.oneof(oddString, fc.string({ minLength: 3990, maxLength: 4100 }))),
      });
      break;
  }
  return fc.tuple(named, extras).map(([n, e]) => [...Object.entries(n).filter((kv): kv is [string, string] => kv[1] !== undefined), ...e]);
}

interface FormCase {
  fields: [string, string][];
  csrf: 'valid' | 'missing' | 'empty' | 'wrong' | 'truncated' | 'other-link' | 'second-copy-wrong' | 'first-copy-wrong';
  contentType: string | undefined;
  site: 'same-origin' | 'no-headers' | 'sec-fetch-none' | 'cross-site' | 'same-site' | 'null-origin' | 'evil-origin' | 'other-port';
  shape: 'encoded' | 'raw-junk' | 'huge' | 'base64ish';
  junk: string;
}

const formCase = (link: OpenLink): fc.Arbitrary<FormCase> =>
  fc.record({
    fields: fieldsFor(link),
    csrf: fc.oneof(
      { weight: 6, arbitrary: fc.constant('valid' as const) },
      { weight: 1, arbitrary: fc.constantFrom('missing', 'empty', 'wrong', 'truncated', 'other-link', 'second-copy-wrong', 'first-copy-wrong') },
    ),
    contentType: fc.oneof(
      { weight: 6, arbitrary: fc.constant(FORM) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          undefined,
          `${FORM}; charset=UTF-8`,
          `${FORM};`,
          'APPLICATION/X-WWW-FORM-URLENCODED',
          'multipart/form-data; boundary=x',
          'text/plain',
          'application/json',
          `${FORM}x`,
          ` ${FORM}`,
          '',
        ),
      },
    ),
    site: fc.oneof(
      { weight: 6, arbitrary: fc.constant('same-origin' as const) },
      { weight: 1, arbitrary: fc.constantFrom('no-headers', 'sec-fetch-none', 'cross-site', 'same-site', 'null-origin', 'evil-origin', 'other-port') },
    ),
    shape: fc.oneof({ weight: 8, arbitrary: fc.constant('encoded' as const) }, { weight: 1, arbitrary: fc.constantFrom('raw-junk', 'huge', 'base64ish') }),
    junk: fc.string({ unit: 'binary', maxLength: 60 }),
  }) as fc.Arbitrary<FormCase>;

interface Built {
  body: string;
  headers: Record<string, string>;
}

function build(link: OpenLink, c: FormCase, otherCsrf: string): Built {
  const pairs: [string, string][] = [];
  const tokenFor: Record<FormCase['csrf'], string | undefined> = {
    valid: link.csrf,
    missing: undefined,
    empty: '',
    wrong: 'x'.repeat(link.csrf.length || 43),
    truncated: link.csrf.slice(0, -3),
    'other-link': otherCsrf,
    'second-copy-wrong': link.csrf,
    'first-copy-wrong': 'A'.repeat(43),
  };
  const token = tokenFor[c.csrf];
  if (token !== undefined) pairs.push(['csrf', token]);
  if (c.csrf === 'first-copy-wrong') pairs.push(['csrf', link.csrf]);
  pairs.push(...c.fields.map(([k, v]) => [wellFormed(k), wellFormed(v)] as [string, string]));
  if (c.csrf === 'second-copy-wrong') pairs.push(['csrf', 'B'.repeat(43)]);
  let body = new URLSearchParams(pairs).toString();
  if (c.shape === 'raw-junk') body = `${body}&${wellFormed(c.junk)}`;
  if (c.shape === 'huge') body = `${body}&pad=${'a'.repeat(17_000)}`;
  if (c.shape === 'base64ish') body = `${body}&%ZZ=%&==&&%E9%9B=%ED%B3%A0`;
  const origin = new URL(link.url).origin;
  const siteHeaders: Record<FormCase['site'], Record<string, string>> = {
    'same-origin': { origin, 'sec-fetch-site': 'same-origin' },
    'no-headers': {},
    'sec-fetch-none': { 'sec-fetch-site': 'none' },
    'cross-site': { origin, 'sec-fetch-site': 'cross-site' },
    'same-site': { origin, 'sec-fetch-site': 'same-site' },
    'null-origin': { origin: 'null' },
    'evil-origin': { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' },
    'other-port': { origin: origin.replace(/:(\d+)$/, (_, p: string) => `:${Number(p) + 1}`) },
  };
  const headers: Record<string, string> = { ...siteHeaders[c.site] };
  if (c.contentType !== undefined) headers['content-type'] = c.contentType;
  return { body, headers };
}

/** What the links handler should do with this request; 'acts' is a valid submission (kept out of the fuzz). */
function expected(link: OpenLink, b: Built, config: { slotMinutes: number }): 'forbidden' | 'unsupported' | 'form-error' | 'acts' {
  const h = b.headers;
  const site = h['sec-fetch-site'];
  const origin = h.origin;
  const crossSite = (site !== undefined && site !== 'same-origin' && site !== 'none') || origin === 'null' || (origin !== undefined && origin !== new URL(link.url).origin);
  if (crossSite) return 'forbidden';
  // HTTP strips a header value's surrounding whitespace before the handler sees it.
  if (!acceptedType(h['content-type']?.trim()) || b.body.length > 16 * 1024) return 'unsupported';
  const form = readLikeServer(b.body);
  if (form.csrf !== link.csrf) return 'forbidden';
  switch (link.kind) {
    case 'review':
      return parseDecisionForm(form).ok ? 'acts' : 'form-error';
    case 'interview-outcome':
      return parseOutcomeForm(form).ok ? 'acts' : 'form-error';
    case 'slot-picking': {
      const r = parseSlotPickForm(form, link.slotIds, true);
      if (!r.ok) return 'form-error';
      if (r.value.kind === 'slot') return 'acts';
      return parseContractorTimes(r.value.proposedLocalTimes, link.timeZone, config.slotMinutes).ok ? 'acts' : 'form-error';
    }
  }
}

describe("fuzzing the link pages' forms", () => {
  let rt: LocalRuntime & { apiKey: string };
  let links: Record<Kind, OpenLink>;
  let otherReviewCsrf = '';
  const db = () => DynamoDBDocumentClient.from(rt.dynamo.client);

  /** Everything a POST could change: every item of the case (case, callbacks, audit, evidence) and its links. */
  async function snapshot(id: string): Promise<string> {
    const own = await db().send(new QueryCommand({ TableName: rt.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `CASE#${id}` }, ConsistentRead: true }));
    const linkItems: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db().send(
        new ScanCommand({
          TableName: rt.tableName,
          FilterExpression: '#t = :t AND caseId = :c',
          ExpressionAttributeNames: { '#t': 'type' },
          ExpressionAttributeValues: { ':t': 'link', ':c': id },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      linkItems.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const sort = (xs: Record<string, unknown>[]) => xs.map((x) => JSON.stringify(x, Object.keys(x).sort())).sort();
    return JSON.stringify({ own: sort(own.Items ?? []), links: sort(linkItems) });
  }

  const uniquePerson = (r: Record<string, any>, key: string, surname: string) => {
    r.externalId = key;
    r.contractor.email = `${key}@example.pl`;
    r.contractor.legalName.surname = surname;
    r.document.surname = surname;
    r.payment.accountHolder = `Anna Maria ${surname}`;
  };

  beforeAll(async () => {
    rt = await startTestRuntime();
    const config = activeInterviewConfig();
    void config;

    const slotLink = async (key: string, surname: string) => {
      const request = loadRequest((r) => uniquePerson(r, key, surname));
      const started = await postOnboarding(rt, request, key);
      const id = started.body.id as string;
      await waitForStatus(rt, id, 'awaiting-interview');
      const { link } = await waitForMail(rt, request.contractor.email, /choose a time/i);
      const page = await openLink(link);
      const slotIds = [...page.html.matchAll(/name="choice" value="([^"]+)"/g)].map((m) => m[1]!).filter((s) => s !== 'none');
      return { id, url: link, csrf: page.csrf, slotIds, timeZone: request.contractor.timeZone as string, request };
    };

    const [slot, outcome, review] = await Promise.all([
      slotLink('fuzz-forms-slot-1', 'Slotowska').then((s) => ({ kind: 'slot-picking' as const, ...s })),
      (async () => {
        const s = await slotLink('fuzz-forms-outcome-1', 'Outcomska');
        const picked = await submitForm(s.url, { csrf: s.csrf, choice: s.slotIds[0]! });
        if (picked.status !== 200) throw new Error(`slot pick answered ${picked.status}`);
        const mail = await waitFor(
          'the interviewer outcome-form mail',
          async () => (await rt.mailbox.list()).find((m) => /record|outcome/i.test(m.subject) && m.text.includes('Outcomska') && m.text.includes('/links/')),
          (m) => m !== undefined,
        );
        const url = /http:\/\/localhost:\d+\/links\/[A-Za-z0-9_-]{43}/.exec(mail!.text)![0];
        const page = await openLink(url);
        return { kind: 'interview-outcome' as const, id: s.id, url, csrf: page.csrf, slotIds: [], timeZone: s.timeZone };
      })(),
      (async () => {
        const { id, reviewerLinks, request } = await startToApproval(rt, 'fuzz-forms-review-1', (r) => uniquePerson(r, 'fuzz-forms-review-1', 'Reviewska'));
        const page = await openLink(reviewerLinks[0]);
        otherReviewCsrf = (await openLink(reviewerLinks[1])).csrf;
        return { kind: 'review' as const, id, url: reviewerLinks[0], csrf: page.csrf, slotIds: [], timeZone: request.contractor.timeZone as string };
      })(),
    ]);
    links = { 'slot-picking': slot, 'interview-outcome': outcome, review };
    for (const l of Object.values(links)) expect(l.csrf, l.kind).not.toBe('');
    expect(links['slot-picking'].slotIds.length).toBeGreaterThan(0);
  }, 180_000);

  afterAll(async () => {
    await rt?.stop();
    console.log(`[fuzz] link-forms: ${counts.http} HTTP form POSTs + ${counts.inProcess} in-process parser cases = ${counts.http + counts.inProcess}`);
  });

  for (const kind of ['slot-picking', 'interview-outcome', 'review'] as const) {
    it(`${kind}: ${HTTP_BATCHES * BATCH} refused POSTs are 4xx (400 re-renders the form naming the field), never 5xx, and change nothing`, async () => {
      const link = links[kind];
      const config = activeInterviewConfig();
      const other = kind === 'review' ? otherReviewCsrf : links.review.csrf;
      const outcomes = new Map<string, number>();
      const refused = formCase(link).filter((c) => expected(link, build(link, c, other), config) !== 'acts');
      await fc.assert(
        fc.asyncProperty(fc.array(refused, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
          const before = await snapshot(link.id);
          const answers = await Promise.all(
            batch.map(async (c) => {
              const b = build(link, c, other);
              const res = await fetch(link.url, { method: 'POST', headers: b.headers, body: Buffer.from(b.body, 'utf8') });
              counts.http++;
              return { c, b, status: res.status, html: await res.text() };
            }),
          );
          for (const { c, b, status, html } of answers) {
            const want = expected(link, b, config);
            outcomes.set(`${want}:${status}`, (outcomes.get(`${want}:${status}`) ?? 0) + 1);
            const what = `${kind} ${JSON.stringify({ ...c, body: b.body.slice(0, 400), headers: b.headers })} -> ${status} ${html
              .replace(/<[^>]+>/g, ' ')
              .replace(/\s+/g, ' ')
              .slice(0, 300)}`;
            expect(status >= 400 && status < 500, what).toBe(true);
            if (want === 'forbidden') expect(status, what).toBe(403);
            if (want === 'unsupported') expect(status, what).toBe(415);
            if (want === 'form-error') {
              expect(status, what).toBe(400);
              // The same page again, with its form, its CSRF token and an error named on a field.
              expect(html, what).toContain(`name="csrf" value="${link.csrf}"`);
              expect(html, what).toMatch(/class="[^"]*error[^"]*"/);
            }
          }
          expect(await snapshot(link.id), `state changed after a batch of refused POSTs to ${kind}`).toBe(before);
        }),
        { numRuns: HTTP_BATCHES, endOnFailure: true },
      );
      // Every gate was reached.
      for (const want of ['forbidden', 'unsupported', 'form-error'])
        expect(
          [...outcomes.keys()].some((k) => k.startsWith(`${want}:`)),
          `${want} in ${JSON.stringify([...outcomes])}`,
        ).toBe(true);
    }, 300_000);
  }

  it('after all that, each link still works: a valid submission is accepted once', async () => {
    const slot = links['slot-picking'];
    expect((await submitForm(slot.url, { csrf: slot.csrf, choice: slot.slotIds[0]! })).status).toBe(200);
    const outcome = links['interview-outcome'];
    expect((await submitForm(outcome.url, { csrf: outcome.csrf, ...goodInterview })).status).toBe(200);
    const review = links.review;
    const decided = await submitForm(review.url, { csrf: review.csrf, action: 'reject', reason: 'Rejected at the end of the fuzz run.' });
    expect(decided.status).toBe(200);
    await waitForStatus(rt, review.id, 'rejected');
  }, 120_000);

  describe('the pure form parsers, in bulk', () => {
    const asRecord = (pairs: [string, string][]) => {
      const out: Record<string, string> = {};
      for (const [k, v] of pairs) if (!(k in out)) out[k] = v;
      return out;
    };
    const fake = (kind: Kind, slotIds: string[] = ['s1', 's2', 's3']): OpenLink => ({ kind, id: '', url: '', csrf: '', slotIds, timeZone: 'Europe/Warsaw' });

    it(`parseDecisionForm: ${BULK_RUNS} forms, never a throw; refusals name action or reason; acceptances are within limits`, () => {
      fc.assert(
        fc.property(fieldsFor(fake('review')), (pairs) => {
          counts.inProcess++;
          const r = parseDecisionForm(asRecord(pairs));
          if (r.ok) {
            expect(['approve', 'reject', 'request-info']).toContain(r.value.action);
            expect(r.value.reason.length).toBeGreaterThanOrEqual(5);
            expect(r.value.reason.length).toBeLessThanOrEqual(2000);
            expect(r.value.reason).toBe(r.value.reason.trim());
          } else {
            expect(Object.keys(r.errors).length).toBeGreaterThan(0);
            for (const [k, m] of Object.entries(r.errors)) {
              expect(['action', 'reason']).toContain(k);
              expect(m.length).toBeGreaterThan(0);
            }
          }
        }),
        { numRuns: BULK_RUNS },
      );
    });

    it(`parseOutcomeForm: ${BULK_RUNS} forms, never a throw; refusals name a question`, () => {
      const names = [
        'attended',
        'cameraOnThroughout',
        'faceMatchesDocument',
        'locationConsistent',
        'livenessHandInFront',
        'livenessProfile',
        'phraseRead',
        'homeCityConvincing',
        'sameAsEarlierCall',
        'protocolRefused',
        'livenessWindow',
        'spokeClaimedLanguages',
        'readingAnswers',
        'remarks',
      ];
      fc.assert(
        fc.property(fieldsFor(fake('interview-outcome')), (pairs) => {
          counts.inProcess++;
          const r = parseOutcomeForm(asRecord(pairs));
          if (r.ok) {
            expect(['yes', 'no']).toContain(r.value.attended);
            expect((r.value.remarks ?? '').length).toBeLessThanOrEqual(4000);
          } else {
            expect(Object.keys(r.errors).length).toBeGreaterThan(0);
            for (const k of Object.keys(r.errors)) expect(names).toContain(k);
          }
        }),
        { numRuns: BULK_RUNS },
      );
    });

    it(`parseSlotPickForm: ${BULK_RUNS} forms, never a throw; only offered slots are booked; "none" needs a time and permission`, () => {
      fc.assert(
        fc.property(fieldsFor(fake('slot-picking')), fc.boolean(), (pairs, canAsk) => {
          counts.inProcess++;
          const form = asRecord(pairs);
          const r = parseSlotPickForm(form, ['s1', 's2', 's3'], canAsk);
          if (r.ok) {
            if (r.value.kind === 'slot') expect(['s1', 's2', 's3']).toContain(r.value.slotId);
            else {
              expect(canAsk).toBe(true);
              expect(r.value.proposedLocalTimes.length).toBeGreaterThan(0);
              expect(r.value.proposedLocalTimes.length).toBeLessThanOrEqual(3);
              // The times the handler then parses in the contractor's zone: never a throw either.
              parseContractorTimes(r.value.proposedLocalTimes, 'Europe/Warsaw', 30);
            }
          } else {
            expect(Object.keys(r.errors).length).toBeGreaterThan(0);
            for (const k of Object.keys(r.errors)) expect(['choice', 'proposed1', 'proposed2', 'proposed3', 'note']).toContain(k);
          }
        }),
        { numRuns: BULK_RUNS },
      );
    });
  });
});
