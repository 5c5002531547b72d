import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { uploadRequestSchema } from '../../shared/domain/document/upload-request';
import { fieldErrors, type FieldError } from '../../shared/domain/http/responses';
import { onboardingRequestSchema } from '../../shared/domain/schemas/onboarding';
import { parseSignalsBody } from '../../shared/domain/signals/signal-schema';
import { loadRequest, postOnboarding, startTestRuntime, waitForStatus } from '../support/local-runtime';
import { allPaths, arbitraryBody, junkValue, oddString, serialise, validRequest, type Path } from './arbitraries';

/**
 * Issue 14: hostile text in every string field of every endpoint body. A line break, control character,
 * bidi control or unpaired surrogate put anywhere into any string of a valid body is refused with a 400
 * naming exactly that field; an invisible format character in a name is accepted (screening weighs it);
 * the signals and uploads bodies, valid, broken and junk, never make the handler throw or answer 5xx.
 */

const BULK = { requests: 1_500, signals: 1_500, uploads: 400 };
const HTTP = { onboardings: 6, signals: 6, uploads: 4 };
const BATCH = 6;
const counts = { http: 0, inProcess: 0 };

const hostileChar = fc.oneof(
  fc.constantFrom('\n', '\r', '\r\n', '\u000b', '\u000c', '\u0085', '\u2028', '\u2029', '\u0000', '\u001b', '\u0007', '\u007f', '\u009b'),
  fc.constantFrom('\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'),
  fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff'),
  fc
    .integer({ min: 0, max: 0x1f })
    .filter((c) => c !== 0x09)
    .map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x80, max: 0x9f }).map((c) => String.fromCharCode(c)),
);
const invisible = fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad');

function get(v: unknown, path: Path): unknown {
  let cur = v;
  for (const p of path) cur = (cur as Record<string | number, unknown>)?.[p];
  return cur;
}
function set(v: unknown, path: Path, value: unknown): void {
  (get(v, path.slice(0, -1)) as Record<string | number, unknown>)[path[path.length - 1]!] = value;
}
const stringPaths = (v: unknown) => allPaths(v).filter((p) => p.length > 0 && typeof get(v, p) === 'string');
/** Inside the value, not at its ends, where trimming would take a line break away harmlessly. */
const insert = (s: string, at: number, c: string) => {
  const i = s.length < 2 ? 0 : 1 + (at % (s.length - 1));
  return `${s.slice(0, i)}x${c}x${s.slice(i)}`;
};

function expectNamedFields(errors: FieldError[], what: string): void {
  expect(errors.length, what).toBeGreaterThan(0);
  for (const e of errors) expect(e.field.trim().length > 0 && e.message.length > 0, what).toBe(true);
}

const validSignal = fc.oneof(
  fc.record({
    type: fc.constant('login'),
    time: fc.constant('2026-11-25T10:00:00Z'),
    ip: fc.constantFrom('83.0.0.1', '2001:db8::1', '175.45.176.10'),
    accountId: fc.stringMatching(/^[a-z0-9-]{1,20}$/),
    userAgent: fc.constant('Mozilla/5.0 (X11; Linux x86_64)'),
  }),
  fc.record({
    type: fc.constant('contact-change'),
    time: fc.constant('2026-11-25T10:00:00Z'),
    field: fc.constantFrom('email', 'phone', 'address', 'name', 'messaging'),
    old: fc.constant('old value'),
    new: fc.constant('new value'),
  }),
  fc.record({
    type: fc.constant('off-platform-request'),
    time: fc.constant('2026-11-25T10:00:00Z'),
    channel: fc.constantFrom('telegram', 'whatsapp', 'email'),
    text: fc.constant('Let us talk on Telegram.\nMy handle is @dev'),
  }),
  fc.record({ type: fc.constant('payment-method-change'), time: fc.constant('2026-11-25T10:00:00Z'), method: fc.constantFrom('iban', 'crypto') }),
  fc.record({
    type: fc.constant('shipping-address'),
    time: fc.constant('2026-11-25T10:00:00Z'),
    address: fc.constant({ line1: 'ul. Prosta 1', city: 'Warszawa', postalCode: '00-001', country: 'PL' }),
  }),
  fc.record({ type: fc.constant('remote-desktop-detected'), time: fc.constant('2026-11-25T10:00:00Z'), tool: fc.constantFrom('anydesk', 'teamviewer') }),
);
// Cloned: fc.constant hands out the same object every run, and the properties below edit bodies in place.
const validSignals = fc.record({ source: fc.constant('upwork'), signals: fc.array(validSignal, { minLength: 1, maxLength: 4 }) }).map((b) => structuredClone(b));
/** Fields of a signals body where line breaks are legitimate (free text). */
const freeTextField = (path: Path) => path[path.length - 1] === 'text';

describe('fuzzing hostile text and the other endpoint bodies', () => {
  describe('in-process, in bulk', () => {
    it(`onboarding requests: a hostile character in any string field is a 400 naming that field (${BULK.requests} cases)`, () => {
      fc.assert(
        fc.property(validRequest, fc.nat(), fc.nat(), hostileChar, (request, pick, at, c) => {
          const paths = stringPaths(request);
          const path = paths[pick % paths.length]!;
          set(request, path, insert(get(request, path) as string, at, c));
          const parsed = onboardingRequestSchema.safeParse(JSON.parse(serialise(request)));
          counts.inProcess++;
          const what = `${path.join('.')} with U+${c.charCodeAt(0).toString(16)}`;
          expect(parsed.success, what).toBe(false);
          const errors = fieldErrors(parsed.error!.issues);
          expectNamedFields(errors, what);
          expect(
            errors.map((e) => e.field),
            what,
          ).toContain(path.map(String).join('.'));
        }),
        { numRuns: BULK.requests },
      );
    });

    it('invisible format characters in names are accepted, never refused', () => {
      const names: Path[] = [
        ['contractor', 'legalName', 'givenNames'],
        ['contractor', 'legalName', 'surname'],
        ['document', 'surname'],
        ['document', 'givenNames'],
        ['reviewers', 0, 'name'],
      ];
      fc.assert(
        fc.property(validRequest, fc.constantFrom(...names), fc.nat(), invisible, (request, path, at, c) => {
          set(request, path, insert(get(request, path) as string, at, c));
          counts.inProcess++;
          expect(onboardingRequestSchema.safeParse(request).success).toBe(true);
        }),
        { numRuns: 100 },
      );
    });

    it(`signals bodies: never a throw; a hostile character in a single-line field is refused naming it (${BULK.signals} cases)`, () => {
      const mode = fc.constantFrom('hostile', 'junk-field', 'junk-body');
      fc.assert(
        fc.property(validSignals, mode, fc.nat(), fc.nat(), hostileChar, junkValue, arbitraryBody, (body, m, pick, at, c, junk, raw) => {
          counts.inProcess++;
          if (m === 'junk-body') {
            let value: unknown;
            try {
              value = JSON.parse(raw);
            } catch {
              return;
            }
            const r = parseSignalsBody(value);
            if (!r.success) expect(r.errors.length).toBeGreaterThan(0);
            return;
          }
          const paths = m === 'hostile' ? stringPaths(body).filter((p) => p[p.length - 1] !== 'type') : allPaths(body).filter((p) => p.length > 0);
          const path = paths[pick % paths.length]!;
          if (m === 'hostile') set(body, path, insert(get(body, path) as string, at, c));
          else set(body, path, junk);
          const r = parseSignalsBody(JSON.parse(serialise(body)));
          if (r.success) return;
          for (const e of r.errors) expect(e.field && e.message && e.allowed, JSON.stringify(e)).toBeTruthy();
          if (m === 'hostile' && !(freeTextField(path) && /^[\n\r\t\u000b\u000c\u0085\u2028\u2029\u202a-\u202e\u2066-\u2069]$|^\r\n$/.test(c)))
            expect(
              r.errors.some((e) => e.field === path.join('.')),
              `${path.join('.')} U+${c.charCodeAt(0).toString(16)}: ${r.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
            ).toBe(true);
        }),
        { numRuns: BULK.signals },
      );
    });

    it(`upload requests: never a throw; refusals name a field (${BULK.uploads} cases)`, () => {
      const body = fc.oneof(
        fc.record(
          {
            kind: fc.oneof(fc.constantFrom('front', 'back', 'selfie'), oddString),
            contentType: fc.oneof(fc.constantFrom('image/jpeg', 'application/pdf'), oddString),
            sizeBytes: fc.oneof(fc.integer(), fc.double(), oddString),
          },
          { requiredKeys: [] },
        ),
        junkValue,
      );
      fc.assert(
        fc.property(body, (b) => {
          counts.inProcess++;
          const parsed = uploadRequestSchema.safeParse(b);
          if (!parsed.success) expectNamedFields(fieldErrors(parsed.error.issues), JSON.stringify(b));
        }),
        { numRuns: BULK.uploads },
      );
    });
  });

  describe('over HTTP against the local runtime', () => {
    let rt: LocalRuntime & { apiKey: string };
    let caseId = '';
    beforeAll(async () => {
      rt = await startTestRuntime();
      const res = await postOnboarding(
        rt,
        loadRequest((r) => ((r.externalId = 'fuzz-hostile-case'), (r.contractor.email = 'fuzz-hostile@example.pl'))),
        'fuzz-hostile-0001',
      );
      caseId = res.body.id as string;
      await waitForStatus(rt, caseId, 'awaiting-interview');
    });
    afterAll(async () => {
      await rt?.stop();
    });

    const send = async (path: string, body: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${rt.apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': rt.apiKey, ...headers }, body });
      counts.http++;
      const text = await res.text();
      return { status: res.status, text, errors: res.status >= 400 ? ((JSON.parse(text) as { errors?: FieldError[] }).errors ?? []) : [] };
    };

    it('POST /onboardings with a hostile character in a string field: 400 naming it, never 5xx', async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(validRequest, fc.nat(), fc.nat(), hostileChar), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
          await Promise.all(
            batch.map(async ([request, pick, at, c]) => {
              const paths = stringPaths(request);
              const path = paths[pick % paths.length]!;
              set(request, path, insert(get(request, path) as string, at, c));
              const a = await send('/onboardings', serialise(request), { 'idempotency-key': `fuzz-hostile-${++n}-${Date.now()}` });
              const what = `${path.join('.')} U+${c.charCodeAt(0).toString(16)} -> ${a.status} ${a.text.slice(0, 300)}`;
              expect(a.status, what).toBe(400);
              expect(
                a.errors.map((e) => e.field),
                what,
              ).toContain(path.map(String).join('.'));
            }),
          );
        }),
        { numRuns: HTTP.onboardings, endOnFailure: true },
      );
    }, 300_000);

    it('POST /onboardings/{id}/signals with valid, hostile and junk bodies: 202, 400 naming a field or 409, never 5xx', async () => {
      const body = fc.oneof(
        validSignals.map((b) => serialise(b)),
        fc.tuple(validSignals, fc.nat(), fc.nat(), hostileChar).map(([b, pick, at, c]) => {
          const paths = stringPaths(b).filter((p) => p[p.length - 1] !== 'type');
          const path = paths[pick % paths.length]!;
          set(b, path, insert(get(b, path) as string, at, c));
          return serialise(b);
        }),
        arbitraryBody,
      );
      await fc.assert(
        fc.asyncProperty(fc.array(body, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
          await Promise.all(
            batch.map(async (b) => {
              const a = await send(`/onboardings/${caseId}/signals`, b);
              const what = `${a.status} ${a.text.slice(0, 300)} for ${b.slice(0, 300)}`;
              expect([202, 400, 409, 413], what).toContain(a.status);
              if (a.status >= 400) expectNamedFields(a.errors, what);
            }),
          );
        }),
        { numRuns: HTTP.signals, endOnFailure: true },
      );
    }, 300_000);

    it('POST /uploads with valid and junk bodies: 201 or 4xx naming a field, never 5xx', async () => {
      const body = fc.oneof(
        fc
          .record({ kind: fc.constantFrom('front', 'back', 'selfie'), contentType: fc.constantFrom('image/jpeg', 'image/png'), sizeBytes: fc.integer({ min: 1, max: 1000 }) })
          .map((b) => JSON.stringify(b)),
        fc.record({ kind: oddString, contentType: oddString, sizeBytes: fc.oneof(fc.integer(), oddString) }, { requiredKeys: [] }).map(serialise),
        arbitraryBody,
      );
      await fc.assert(
        fc.asyncProperty(fc.array(body, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
          await Promise.all(
            batch.map(async (b) => {
              const a = await send('/uploads', b);
              const what = `${a.status} ${a.text.slice(0, 300)} for ${b.slice(0, 200)}`;
              expect(a.status === 201 || (a.status >= 400 && a.status < 500), what).toBe(true);
              if (a.status >= 400) expectNamedFields(a.errors, what);
            }),
          );
        }),
        { numRuns: HTTP.uploads, endOnFailure: true },
      );
    }, 300_000);
  });

  afterAll(() => {
    console.log(`[fuzz] hostile-text: ${counts.http} HTTP requests + ${counts.inProcess} in-process cases = ${counts.http + counts.inProcess}`);
  });
});
