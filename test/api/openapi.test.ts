import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, inject, it } from 'vitest';
import { routesFromTemplate } from '../../infra/local/api-gateway';
import { loadSynthesized } from '../../infra/local/synthesized-app';
import * as z from '../../shared/domain/schemas/zod';
import { uploadRequestSchema } from '../../shared/domain/document/upload-request';
import { signalsBodySchema } from '../../shared/domain/signals/signal-schema';
import { onboardingRequestSchema } from '../../shared/domain/schemas/onboarding';
import { examples, openApiDocument } from '../../shared/domain/schemas/openapi';
import { onboardingListSchema, onboardingViewSchema, problemSchema, signalsReceivedSchema, statusChangeEventSchema, uploadCreatedSchema } from '../../shared/domain/schemas/api-responses';

type Doc = { paths: Record<string, Record<string, unknown>>; webhooks: Record<string, unknown> };

describe('GET /openapi.json', () => {
  const doc = openApiDocument() as unknown as Doc;

  it('describes every route of the synthesized API, with its method', () => {
    const meta = inject('assembly');
    const routes = routesFromTemplate(loadSynthesized(meta.dir, meta.templateFile, meta.stackName).template);
    expect(routes.length).toBeGreaterThanOrEqual(8);
    const missing = routes.filter((r) => !doc.paths[r.resource]?.[r.method.toLowerCase()]).map((r) => `${r.method} ${r.resource}`);
    expect(missing).toEqual([]);
    // The routes the issue names, the redrive route included (added to the stack by the lifecycle work).
    for (const [method, path] of [
      ['post', '/uploads'],
      ['post', '/onboardings/{id}/signals'],
      ['get', '/onboardings'],
      ['post', '/onboardings/{id}/redrive'],
    ] as const)
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    expect(JSON.stringify(doc.paths['/onboardings']!.get)).toContain('"cursor"');
  });

  it('is a valid OpenAPI 3.1 document (an open-source validator accepts it)', async () => {
    const result = await new Validator().validate(structuredClone(openApiDocument()));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is generated from the zod schemas that validate the requests', () => {
    const components = (openApiDocument() as { components: { schemas: Record<string, unknown> } }).components.schemas;
    const { $schema: _drop, ...generated } = z.toJSONSchema(onboardingRequestSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    expect(components.OnboardingRequest).toEqual(generated);
    expect(JSON.stringify(components.SignalsRequest)).toContain('remote-desktop-detected');
    expect(JSON.stringify(components.UploadRequest)).toContain('selfie');
  });

  it('every example is valid for its schema', () => {
    expect(onboardingRequestSchema.safeParse(examples.onboardingRequest).success).toBe(true);
    expect(onboardingViewSchema.safeParse(examples.onboarding).success).toBe(true);
    expect(onboardingListSchema.safeParse(examples.list).success).toBe(true);
    expect(uploadRequestSchema.safeParse(examples.upload).success).toBe(true);
    expect(uploadCreatedSchema.safeParse(examples.uploadCreated).success).toBe(true);
    expect(signalsBodySchema.safeParse(examples.signals).success).toBe(true);
    expect(signalsReceivedSchema.safeParse(examples.signalsReceived).success).toBe(true);
    expect(problemSchema.safeParse(examples.problem).success).toBe(true);
    expect(statusChangeEventSchema.safeParse(examples.statusChange).success).toBe(true);
  });

  it('describes the status-change webhook with the Standard Webhooks headers', () => {
    const hook = JSON.stringify(doc.webhooks.onboardingStatusChanged);
    for (const h of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) expect(hook).toContain(`"${h}"`);
    expect(hook).toContain('#/components/schemas/StatusChangeEvent');
  });
});
