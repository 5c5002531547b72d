import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { issuesToFieldErrors, splitMessage } from '../../shared/domain/http/issue-wording';
import { onboardingRequestSchema } from '../../shared/domain/schemas/onboarding';
import * as z from '../../shared/domain/schemas/zod';
import fixture from '../fixtures/onboarding-request.json' with { type: 'json' };

/** Issue 17: one wording for every route's errors: the field, what is wrong, what is allowed. */
const words = (schema: z.ZodMiniType, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a failure');
  return issuesToFieldErrors(r.error.issues, input);
};

describe('issue wording', () => {
  const schema = z.strictObject({
    name: z.string().check(z.minLength(2), z.maxLength(5)),
    count: z.number().check(z.int(), z.gte(1), z.lte(10)),
    kind: z.enum(['a', 'b']),
    when: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 timestamp' }),
    code: z.string().check(z.regex(/^[A-Z]{2}$/, 'expected two capital letters')),
    tags: z.array(z.string()).check(z.maxLength(2, 'at most 2 tags')),
    nested: z.optional(z.strictObject({ flag: z.boolean() })),
  });
  const valid = { name: 'abc', count: 3, kind: 'a', when: '2026-01-01T00:00:00Z', code: 'PL', tags: [] };

  it.each<[string, Record<string, unknown>, { field: string; message: string; allowed: string }]>([
    ['a missing field', { name: undefined }, { field: 'name', message: 'missing', allowed: 'a string' }],
    ['a number for a string', { name: 5 }, { field: 'name', message: 'received a number', allowed: 'a string' }],
    ['null for a number', { count: null }, { field: 'count', message: 'received null', allowed: 'a number' }],
    ['an array for an object', { nested: [] }, { field: 'nested', message: 'received an array', allowed: 'an object' }],
    ['too short', { name: 'a' }, { field: 'name', message: 'too short', allowed: 'at least 2 characters' }],
    ['too long', { name: 'abcdef' }, { field: 'name', message: 'too long', allowed: 'at most 5 characters' }],
    ['too small', { count: 0 }, { field: 'count', message: 'too small', allowed: 'a number at least 1' }],
    ['too large', { count: 11 }, { field: 'count', message: 'too large', allowed: 'a number at most 10' }],
    ['not one of an enum', { kind: 'c' }, { field: 'kind', message: 'not one of the accepted values', allowed: 'one of "a", "b"' }],
    ['a bad timestamp (own message)', { when: 'yesterday' }, { field: 'when', message: 'not a valid timestamp', allowed: 'an ISO 8601 timestamp' }],
    ['a regex (own message)', { code: 'pl' }, { field: 'code', message: 'not in the accepted form', allowed: 'two capital letters' }],
    ['a bound given as the message', { tags: ['x', 'y', 'z'] }, { field: 'tags', message: 'too many items', allowed: 'at most 2 tags' }],
    ['an unknown field', { extra: 1 }, { field: 'extra', message: 'unknown field', allowed: 'only the fields the API document describes (GET /openapi.json); field names are case-sensitive' }],
    [
      'a nested unknown field',
      { nested: { flag: true, other: 1 } },
      { field: 'nested.other', message: 'unknown field', allowed: 'only the fields the API document describes (GET /openapi.json); field names are case-sensitive' },
    ],
  ])('%s', (_what, change, expected) => {
    expect(words(schema, { ...valid, ...change })).toContainEqual(expected);
  });

  it('a message with both parts is split at "expected"', () => {
    expect(splitMessage('before startDate; expected a date on or after startDate', 'not valid')).toEqual({ message: 'before startDate', allowed: 'a date on or after startDate' });
    expect(splitMessage('BIC is not valid: expected 8 or 11 characters', 'not valid')).toEqual({ message: 'BIC is not valid', allowed: '8 or 11 characters' });
    expect(splitMessage('expected an email address', 'not valid')).toEqual({ message: 'not valid', allowed: 'an email address' });
  });

  it('an unknown tag of a discriminated union lists the tags', () => {
    const u = z.discriminatedUnion('type', [z.object({ type: z.literal('x') }), z.object({ type: z.literal('y') })]);
    expect(words(z.object({ u }), { u: { type: 'z' } })).toEqual([{ field: 'u.type', message: 'not one of the accepted values', allowed: 'one of "x", "y"' }]);
    expect(words(z.object({ u }), { u: {} })).toEqual([{ field: 'u.type', message: 'missing', allowed: 'one of "x", "y"' }]);
  });

  it('the onboarding request: every error worded, none echoing what was sent', () => {
    const secret = 'ZX9931-PASSPORT';
    fc.assert(
      fc.property(
        fc.constantFrom('contractor.legalName.surname', 'document.number', 'document.type', 'payment.method', 'contractor.birthDate', 'reviewers', 'employment.0.startDate'),
        fc.constantFrom<unknown>(5, null, [], {}, true, `${secret}\u0000`, secret.repeat(40)),
        (path, value) => {
          const body = structuredClone(fixture) as Record<string, any>;
          const keys = path.split('.');
          let at = body;
          for (const k of keys.slice(0, -1)) at = at[k];
          at[keys[keys.length - 1]!] = value;
          const r = onboardingRequestSchema.safeParse(body);
          if (r.success) return;
          const errors = issuesToFieldErrors(r.error.issues, body);
          expect(errors.length).toBeGreaterThan(0);
          for (const e of errors) {
            expect(e.field.length * e.message.length * e.allowed.length).toBeGreaterThan(0);
            expect(e.message).not.toMatch(/^(expected\b|Invalid input|Too small|Too big)/);
            expect(JSON.stringify(e)).not.toContain(secret);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
