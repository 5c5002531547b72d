import * as z from './zod';
import { caseStatuses } from '../cases/case-model';
import { uploadRequestSchema } from '../document/upload-request';
import { signalsBodySchema } from '../signals/signal-schema';
import { onboardingRequestSchema } from './onboarding';
import { onboardingListSchema, onboardingViewSchema, problemSchema, signalsReceivedSchema, statusChangeEventSchema, uploadCreatedSchema } from './api-responses';

/**
 * The OpenAPI 3.1 description of the HRIS API and its webhooks, generated with zod's own JSON Schema output
 * from the schemas that validate the requests (shared/domain/schemas/onboarding.ts, upload-request.ts,
 * signal-schema.ts) and describe the answers (api-responses.ts). Every route of the stack is in it (a test
 * reads the synthesized API and checks). Built once and kept.
 */
let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  cached ??= build();
  return cached;
}

const schema = (s: z.ZodSchema, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const exampleOnboardingId = 'ob_4f1c2a9e8b7d6c5a4f3e2d1c0b9a8f7e';

/** Examples, each checked against its schema by the tests. */
export const examples = {
  onboardingRequest: {
    externalId: 'hris-4711',
    contractor: {
      legalName: { givenNames: 'Anna Maria', surname: 'Kowalska' },
      otherNames: [],
      birthDate: '1990-04-12',
      nationality: 'PL',
      residenceCountry: 'PL',
      email: 'anna.kowalska@example.pl',
      phone: '+48601234567',
      timeZone: 'Europe/Warsaw',
      languages: ['pl', 'en'],
    },
    document: {
      type: 'passport',
      issuingCountry: 'PL',
      number: 'EA1234567',
      surname: 'Kowalska',
      givenNames: 'Anna Maria',
      birthDate: '1990-04-12',
      sex: 'F',
      nationality: 'PL',
      expiryDate: '2031-06-30',
      issueDate: '2021-06-30',
    },
    employment: [
      {
        employer: 'Example Software sp. z o.o.',
        employerDomain: 'example-software.pl',
        role: 'Backend developer',
        startDate: '2018-01-01',
        endDate: '2024-12-31',
        country: 'PL',
        reference: { name: 'Piotr Nowak', email: 'piotr.nowak@example-software.pl' },
      },
    ],
    payment: { method: 'iban', accountHolder: 'Anna Maria Kowalska', iban: 'PL61109010140000071219812874', bic: 'WBKPPLPP' },
    reviewers: [
      { name: 'Rita Reviewer', email: 'rita.reviewer@example.com' },
      { name: 'Omar Officer', email: 'omar.officer@example.com' },
    ],
  },
  onboarding: {
    id: exampleOnboardingId,
    externalId: 'hris-4711',
    status: 'awaiting-approval',
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-26T09:30:00.000Z',
    stages: { document: { state: 'passed', findings: 0, updatedAt: '2026-11-25T10:00:04.000Z' }, screening: { state: 'passed', findings: 0, updatedAt: '2026-11-25T10:00:05.000Z' } },
    risk: { outcome: 'clear', level: 'low', score: 5, policyVersion: 'default-2026.1' },
    findings: { total: 1, bySeverity: { low: 1 }, codes: ['EMP_SHORT_TENURE'] },
  },
  list: { items: [{ id: exampleOnboardingId, externalId: 'hris-4711', status: 'awaiting-approval', updatedAt: '2026-11-26T09:30:00.000Z', riskLevel: 'low' }], nextCursor: 'eyJQSyI6IkNBU0UjLi4uIn0' },
  upload: { kind: 'front', contentType: 'image/jpeg', sizeBytes: 482113 },
  uploadCreated: {
    key: 'uploads/local-hris/5d2c.jpg',
    kind: 'front',
    uploadUrl: 'https://documents.s3.amazonaws.com/uploads/local-hris/5d2c.jpg?X-Amz-Signature=...',
    method: 'PUT',
    headers: { 'content-type': 'image/jpeg' },
    expiresAt: '2026-11-25T10:15:00.000Z',
  },
  signals: { source: 'upwork', signals: [{ type: 'remote-desktop-detected', time: '2026-11-25T10:00:00Z', tool: 'AnyDesk' }] },
  signalsReceived: { onboardingId: exampleOnboardingId, received: 1, findings: ['SIG_REMOTE_DESKTOP'], risk: { outcome: 'review', score: 35, level: 'medium' } },
  problem: { type: 'about:blank', title: 'Invalid onboarding request', status: 400, errors: [{ field: 'contractor.birthDate', message: 'not a valid date', allowed: 'a date as YYYY-MM-DD' }] },
  statusChange: {
    type: 'onboarding.status-changed',
    eventId: `${exampleOnboardingId}.7`,
    onboardingId: exampleOnboardingId,
    externalId: 'hris-4711',
    status: 'approved',
    sequence: 7,
    decision: { outcome: 'approved', at: '2026-11-26T10:00:00.000Z' },
    risk: { outcome: 'clear', level: 'low' },
    at: '2026-11-26T10:00:00.000Z',
  },
} as const;

const problemTitles: Record<number, string> = {
  400: 'A field is missing or wrong: each entry of `errors` names the field, says what is wrong (`message`) and what is allowed (`allowed`)',
  401: 'No caller identity (unsigned request)',
  403: 'The caller may not call this route',
  404: 'No such onboarding (or one of another client: not disclosed)',
  409: 'The onboarding has already ended',
  413: 'The body is too large',
  415: 'The body is not application/json',
  422: 'The Idempotency-Key was used before with another body',
  429: 'Throttled: retry later',
  503: 'Temporarily unavailable: retry the same request',
};

const problems = (codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      { description: problemTitles[c] ?? String(c), content: { 'application/problem+json': { schema: ref('Problem'), ...(c === 400 ? { example: examples.problem } : {}) } } },
    ]),
  );
const jsonBody = (name: string, example: unknown) => ({ required: true, content: { 'application/json': { schema: ref(name), example } } });
const jsonAnswer = (description: string, name: string, example: unknown, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: ref(name), example } },
});
const idParam = { name: 'id', in: 'path', required: true, description: 'The onboarding id', schema: { type: 'string', pattern: '^ob_[0-9a-f]{32}$' }, example: exampleOnboardingId };
const common = [401, 403, 429, 503];

function build(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'vetflow HRIS API',
      version: '1.0.0',
      description:
        'Start contractor due-diligence onboardings, tell them what the hiring platform sees, and read their outcome. ' +
        'Errors are RFC 9457 problem documents whose `errors` name each offending field. Status changes are pushed as ' +
        'Standard Webhooks (see `webhooks`) and EventBridge events.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: 'http://localhost:3000', description: 'npm start' }],
    components: {
      securitySchemes: {
        sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', description: 'AWS Signature Version 4 (IAM), on AWS' },
        localApiKey: { type: 'apiKey', name: 'x-api-key', in: 'header', description: 'Local runtime only (printed by npm start)' },
      },
      schemas: {
        OnboardingRequest: schema(onboardingRequestSchema, 'input'),
        Onboarding: schema(onboardingViewSchema, 'output'),
        OnboardingList: schema(onboardingListSchema, 'output'),
        UploadRequest: schema(uploadRequestSchema, 'input'),
        UploadCreated: schema(uploadCreatedSchema, 'output'),
        SignalsRequest: schema(signalsBodySchema, 'input'),
        SignalsReceived: schema(signalsReceivedSchema, 'output'),
        Problem: schema(problemSchema, 'output'),
        StatusChangeEvent: schema(statusChangeEventSchema, 'output'),
      },
    },
    security: [{ sigv4: [] }, { localApiKey: [] }],
    paths: {
      '/onboardings': {
        post: {
          operationId: 'startOnboarding',
          summary: 'Start an onboarding',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: 'The same key with the same body returns the same onboarding (200) and starts nothing',
              schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' },
              example: 'hris-4711-attempt-1',
            },
          ],
          requestBody: jsonBody('OnboardingRequest', examples.onboardingRequest),
          responses: {
            '202': jsonAnswer(
              'Started',
              'Onboarding',
              {
                ...examples.onboarding,
                status: 'checking',
                updatedAt: examples.onboarding.createdAt,
                stages: { document: { state: 'running', findings: 0, updatedAt: examples.onboarding.createdAt } },
                risk: undefined,
                findings: { total: 0, bySeverity: {}, codes: [] },
              },
              { Location: { schema: { type: 'string' } } },
            ),
            '200': jsonAnswer('Replay of an earlier request with the same key and body', 'Onboarding', examples.onboarding, { 'Idempotent-Replayed': { schema: { type: 'string', const: 'true' } } }),
            ...problems([400, 413, 415, 422, ...common]),
          },
        },
        get: {
          operationId: 'listOnboardings',
          summary: 'One page of the onboardings in a status (the reviewer queue), newest change first',
          parameters: [
            { name: 'status', in: 'query', required: true, schema: { type: 'string', enum: [...caseStatuses] }, example: 'awaiting-approval' },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
            { name: 'cursor', in: 'query', description: 'The `nextCursor` of the previous page, unchanged; only valid with the same status', schema: { type: 'string', maxLength: 2000 } },
          ],
          responses: { '200': jsonAnswer('A page of onboardings', 'OnboardingList', examples.list), ...problems([400, ...common]) },
        },
      },
      '/onboardings/{id}': {
        get: {
          operationId: 'getOnboarding',
          summary: 'Status, stage states, decision and a findings summary of one onboarding',
          parameters: [idParam],
          responses: { '200': jsonAnswer('The onboarding', 'Onboarding', examples.onboarding), ...problems([400, 404, ...common]) },
        },
      },
      '/onboardings/{id}/signals': {
        post: {
          operationId: 'postSignals',
          summary: 'What the hiring platform sees (logins, contact or payment changes, off-platform requests, shipping address, remote-desktop tools); re-runs the risk decision',
          parameters: [idParam],
          requestBody: jsonBody('SignalsRequest', examples.signals),
          responses: { '202': jsonAnswer('Recorded; the new risk outcome', 'SignalsReceived', examples.signalsReceived), ...problems([400, 404, 409, 413, 415, ...common]) },
        },
      },
      '/onboardings/{id}/redrive': {
        post: {
          operationId: 'redriveOnboarding',
          summary: 'Run a failed onboarding again from the stage that failed (operators, after fixing the cause)',
          parameters: [idParam],
          responses: { '202': jsonAnswer('Running again', 'Onboarding', { ...examples.onboarding, status: 'checking' }), ...problems([400, 404, 409, ...common]) },
        },
      },
      '/uploads': {
        post: {
          operationId: 'createUpload',
          summary: 'A 15-minute presigned PUT URL for one identity-document image; put the returned key in document.files',
          requestBody: jsonBody('UploadRequest', examples.upload),
          responses: { '201': jsonAnswer('Upload URL', 'UploadCreated', examples.uploadCreated), ...problems([400, 413, 415, ...common]) },
        },
      },
      '/openapi.json': {
        get: { operationId: 'getOpenApi', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } } },
      },
      '/links/{token}': {
        parameters: [{ name: 'token', in: 'path', required: true, description: 'The token of a link vetflow emailed to a person', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' } }],
        get: {
          operationId: 'openLink',
          summary: 'The page behind an emailed link (slot picker, interview outcome, reviewer case page, reference check, micro-deposits, information request); for people, not the HRIS',
          security: [],
          responses: {
            '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } },
            '404': { description: 'Unknown link', content: { 'text/html': { schema: { type: 'string' } } } },
            '410': { description: 'Used or expired link', content: { 'text/html': { schema: { type: 'string' } } } },
          },
        },
        post: {
          operationId: 'submitLink',
          summary: 'The form on that page (same origin, CSRF token)',
          security: [],
          requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', additionalProperties: { type: 'string' } } } } },
          responses: {
            '200': { description: 'Result page', content: { 'text/html': { schema: { type: 'string' } } } },
            '400': { description: 'The form with the errors marked', content: { 'text/html': { schema: { type: 'string' } } } },
            '403': { description: 'Cross-site or bad CSRF token', content: { 'text/html': { schema: { type: 'string' } } } },
            '410': { description: 'Used or expired link', content: { 'text/html': { schema: { type: 'string' } } } },
          },
        },
      },
    },
    webhooks: {
      onboardingStatusChanged: {
        post: {
          operationId: 'onboardingStatusChanged',
          summary: 'Sent to -c webhookUrl=... on every status change, at least once; dedupe on webhook-id, order by sequence per onboardingId',
          security: [],
          parameters: [
            { name: 'webhook-id', in: 'header', required: true, description: 'The event id (= eventId in the body), the same on every retry and replay', schema: { type: 'string' } },
            { name: 'webhook-timestamp', in: 'header', required: true, description: 'Unix seconds of this attempt; reject if far from now', schema: { type: 'string', pattern: '^[0-9]+$' } },
            {
              name: 'webhook-signature',
              in: 'header',
              required: true,
              description: 'Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256(secret key, "<webhook-id>.<webhook-timestamp>.<body>")>`',
              schema: { type: 'string' },
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref('StatusChangeEvent'), example: examples.statusChange } } },
          responses: {
            '2XX': { description: 'Received; anything else is retried with backoff (a 4xx other than 408/409/425/429 is not), then dead-lettered' },
          },
        },
      },
    },
  };
}
