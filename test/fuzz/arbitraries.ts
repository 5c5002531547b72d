import fc from 'fast-check';
import { loadRequest } from '../support/local-runtime';

/**
 * Arbitraries shared by the fuzz tests: valid onboarding requests (every payment method, optional parts on
 * and off), mutations of them that remember which path they touched, and junk of every JSON shape.
 */

/** Placeholder strings replaced by raw JSON number text after JSON.stringify (JSON.stringify cannot write 1e999). */
export const RAW = '\u0000raw:';
export const rawNumbers = ['1e999', '-1e999', '1e-999', '123456789012345678901234567890', '-0', '0.0000000000000000000000001', '9007199254740993', '1E+308', '4.9e-324'];

export function serialise(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000raw:([^"]*)"/g, '$1');
}

/** Any UTF-16 code unit: lone surrogates, NUL, bidi overrides, BOM and friends included. */
const anyUnit = fc.oneof(
  { weight: 3, arbitrary: fc.nat({ max: 0xffff }).map((n) => String.fromCharCode(n)) },
  { weight: 1, arbitrary: fc.constantFrom('\ud800', '\udfff', '\u0000', '\u202e', '\ufeff', '\u200b', '\u0301', '\n', '"', '\\', '<', '%', '\u2028', '😀', 'ß', 'İ') },
);
export const oddString = fc.oneof(
  fc.string({ unit: anyUnit, maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 3000 }).map((s) => s.repeat(3)),
  fc.constantFrom(
    '',
    ' ',
    '   ',
    'null',
    'undefined',
    '__proto__',
    'constructor',
    'NaN',
    '2024-02-30',
    '1990-04-12',
    '2099-12-31',
    'PL',
    'pl',
    'UTC',
    'Europe/Warsaw',
    '+48601234567',
    'a@b.co',
    'x'.repeat(300),
  ),
);
export const hugeNumber = fc.oneof(
  fc.constantFrom(...rawNumbers.map((n) => `${RAW}${n}`)),
  fc.double(),
  fc.integer(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALUE),
);
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: oddString },
  { weight: 2, arbitrary: hugeNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [[[[]]]], { a: { b: { c: {} } } }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.array(oddString, { maxLength: 30 }) },
  { weight: 1, arbitrary: fc.dictionary(oddString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }) },
);

const payments: Record<string, unknown>[] = [
  { method: 'iban', accountHolder: 'Anna Maria Kowalska', iban: 'PL61109010140000071219812874', bic: 'WBKPPLPP' },
  { method: 'us-ach', accountHolder: 'John Smith', accountNumber: '123456789', routingNumber: '021000021', accountType: 'checking' },
  { method: 'in-ifsc', accountHolder: 'Ravi Kumar', accountNumber: '50100012345678', ifsc: 'HDFC0001234' },
  { method: 'uk-sort-code', accountHolder: 'Jane Doe', accountNumber: '31926819', sortCode: '60-16-13' },
  { method: 'swift', accountHolder: 'Olena Shevchenko', accountNumber: '26007233566001', bic: 'PBANUA2X', bankCountry: 'UA' },
  { method: 'crypto', currency: 'USDT', walletAddress: '0x52908400098527886E0F7030069857D2E4169EE7' },
  { method: 'payment-platform', provider: 'Payoneer', accountEmail: 'anna.pay@example.pl' },
];

/** A valid request with a chosen payment method and optional parts; `tag` makes it unique. */
export const validRequest = fc
  .record({ payment: fc.constantFrom(...payments), address: fc.boolean(), engagement: fc.boolean(), refPhone: fc.boolean(), tag: fc.stringMatching(/^[a-z0-9]{6}$/) })
  .map(({ payment, address, engagement, refPhone, tag }) =>
    loadRequest((r) => {
      r.externalId = `fuzz-${tag}`;
      r.payment = structuredClone(payment);
      if (address) r.contractor.address = { line1: 'ul. Prosta 1', city: 'Warszawa', postalCode: '00-001', country: 'PL' };
      if (engagement) r.engagement = { role: 'Developer', startDate: '2026-01-01', company: 'Kowalska IT' };
      if (refPhone) r.employment[0].reference.phone = '+48221234567';
    }),
  );

export type Path = (string | number)[];

export function allPaths(v: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...allPaths(x, [...prefix, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...allPaths(x, [...prefix, k]));
  return out;
}

export interface Mutation {
  kind: 'drop' | 'replace' | 'extra' | 'retype';
  pick: number;
  value: unknown;
  key: string;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('drop', 'replace', 'extra', 'retype'),
  pick: fc.nat(),
  value: junkValue,
  key: fc.oneof(oddString, fc.constantFrom('__proto__', 'constructor', 'toString', 'pad', 'method', 'id', 'status')),
});

/** Applies mutations in place; returns the paths each touched, as dotted strings (the API's field form). */
export function mutate(request: Record<string, unknown>, mutations: Mutation[]): { body: unknown; touched: string[] } {
  let body: unknown = request;
  const touched: string[] = [];
  for (const m of mutations) {
    // A copy each time: fast-check hands out the same constant objects again, and a value placed by one
    // mutation then extended by the next with itself would make a circle JSON cannot write.
    const value = structuredClone(m.value);
    const paths = allPaths(body);
    const path = paths[m.pick % paths.length]!;
    const parent = path.length ? (get(body, path.slice(0, -1)) as Record<string | number, unknown>) : undefined;
    const last = path[path.length - 1];
    const target = get(body, path);
    switch (m.kind) {
      case 'drop':
        if (!parent) {
          body = undefined;
          break;
        }
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete parent[last!];
        break;
      case 'replace':
        if (!parent) body = value;
        else parent[last!] = value;
        break;
      case 'retype': {
        // The same content in the wrong JSON type: "12" vs 12, [x] vs x, {value: x}.
        const retyped =
          typeof target === 'string'
            ? Number.isFinite(Number(target))
              ? Number(target)
              : [target]
            : typeof target === 'number'
              ? String(target)
              : Array.isArray(target)
                ? (target[0] ?? {})
                : target && typeof target === 'object'
                  ? [target]
                  : String(target);
        if (!parent) body = retyped;
        else parent[last!] = retyped;
        break;
      }
      case 'extra':
        if (target && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, m.key, { value: value, enumerable: true, writable: true, configurable: true });
        else if (Array.isArray(target)) target.push(value);
        else if (parent) parent[last!] = { [m.key]: value };
        else body = { [m.key]: value };
        break;
    }
    touched.push(path.map(String).join('.'));
    if (body === undefined) body = null;
  }
  return { body, touched };
}

function get(v: unknown, path: Path): unknown {
  let cur = v;
  for (const p of path) cur = (cur as Record<string | number, unknown>)?.[p];
  return cur;
}

/**
 * Whether an error's field names what a mutation touched: the same path, an ancestor (an object with an
 * unknown key, a union that lost its discriminator), a descendant (a required field gone with its
 * parent replaced), or a sibling (cross-field rules: endDate before startDate, BIC vs bankCountry).
 */
export function relates(field: string, touched: string): boolean {
  if (field === '(body)') return touched === '';
  if (touched === '') return true;
  if (field === touched || field.startsWith(`${touched}.`) || touched.startsWith(`${field}.`)) return true;
  const parent = (p: string) => p.split('.').slice(0, -1).join('.');
  return parent(field) === parent(touched);
}

/** Bodies that are not a request at all: any JSON, malformed text, deep nesting, huge arrays. */
export const arbitraryBody: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 2, arbitrary: junkValue.map(serialise) },
  { weight: 1, arbitrary: fc.string({ unit: anyUnit, maxLength: 200 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 4000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 40_000 }).map((n) => `[${Array.from({ length: n }, () => '0').join(',')}]`) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'null', '{}', '[]', '"x"', '{"externalId":', '\ufeff{}', '{"a":1,"a":2}', '{"__proto__":{"polluted":1}}', 'x'.repeat(70_000)) },
);

export const contentTypes = fc.oneof(
  { weight: 4, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json;',
      'application/json ; x=y',
      'application/jsonp',
      'application/json-patch+json',
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
      ' application/json',
      'application/problem+json',
      '*/*',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }) },
);

/** Header-safe (latin-1, no CR/LF/NUL) idempotency keys, valid and not. */
export const idempotencyKeys = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9._:-]{8,40}$/) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, '', 'short', 'x'.repeat(129), 'has space-1234', 'ümlaut-key-1234', 'a/b/c/d/e/f/g', '........', '--------') },
  {
    weight: 1,
    arbitrary: fc
      .string({
        unit: fc
          .integer({ min: 0x20, max: 0xff })
          .filter((c) => c !== 0x7f)
          .map((c) => String.fromCharCode(c)),
        minLength: 1,
        maxLength: 140,
      })
      .map((s) => s.trim() || 'x'),
  },
);
