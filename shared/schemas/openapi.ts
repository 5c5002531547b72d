import * as z from './zod';
import { caseStatuses } from '../cases/case-model';
import { onboardingRequestSchema } from './onboarding';

/**
 * The OpenAPI 3.1 description of the HRIS API, generated from the same zod schemas that validate
 * requests, so the document cannot drift from what the API accepts. Built once and kept.
 */
let cached: Record<string, unknown> | undefined;

const problemSchema = {
  type: 'object',
  required: ['title', 'status', 'errors'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
};

const onboardingSchema = {
  type: 'object',
  required: ['id', 'externalId', 'status', 'stages', 'findings'],
  properties: {
    id: { type: 'string', pattern: '^ob_[0-9a-f]{32}$' },
    externalId: { type: 'string' },
    status: { type: 'string', enum: [...caseStatuses] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    stages: { type: 'object', additionalProperties: { type: 'object' } },
    risk: { type: 'object' },
    decision: { type: 'object' },
    findings: { type: 'object' },
  },
};

export function openApiDocument(): Record<string, unknown> {
  cached ??= build();
  return cached;
}

function build(): Record<string, unknown> {
  const request = z.toJSONSchema(onboardingRequestSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  const errors = (codes: number[]) =>
    Object.fromEntries(codes.map((c) => [String(c), { description: String(c), content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }]));
  return {
    openapi: '3.1.0',
    info: { title: 'vetflow HRIS API', version: '1.0.0', description: 'Start contractor due-diligence onboardings and read their outcome.' },
    components: {
      securitySchemes: {
        sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', description: 'AWS Signature Version 4 (IAM), on AWS' },
        localApiKey: { type: 'apiKey', name: 'x-api-key', in: 'header', description: 'Local runtime only' },
      },
      schemas: { OnboardingRequest: request, Onboarding: onboardingSchema, Problem: problemSchema },
    },
    security: [{ sigv4: [] }, { localApiKey: [] }],
    paths: {
      '/onboardings': {
        post: {
          operationId: 'startOnboarding',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' } }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/OnboardingRequest' } } } },
          responses: {
            '202': { description: 'Started', content: { 'application/json': { schema: { $ref: '#/components/schemas/Onboarding' } } } },
            '200': { description: 'Replay of an earlier request with the same key and body' },
            ...errors([400, 401, 403, 413, 415, 422]),
          },
        },
        get: {
          operationId: 'listOnboardings',
          parameters: [
            { name: 'status', in: 'query', required: true, schema: { type: 'string', enum: [...caseStatuses] } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'A page of onboardings' }, ...errors([400, 401, 403]) },
        },
      },
      '/onboardings/{id}': {
        get: {
          operationId: 'getOnboarding',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The onboarding', content: { 'application/json': { schema: { $ref: '#/components/schemas/Onboarding' } } } },
            ...errors([400, 401, 403, 404]),
          },
        },
      },
      '/onboardings/{id}/redrive': {
        post: {
          operationId: 'redriveOnboarding',
          description:
            'Resumes a failed onboarding from the stage that failed: the same id, evidence and audit chain; the stages that completed are not run again. 409 when the onboarding is not failed.',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '202': { description: 'Redriven', content: { 'application/json': { schema: { $ref: '#/components/schemas/Onboarding' } } } },
            ...errors([400, 401, 403, 404, 409]),
          },
        },
      },
    },
  };
}
