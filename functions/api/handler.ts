import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from '../../shared/domain/schemas/zod';
import { caseStatuses } from '../../shared/domain/cases/case-model';
import { caseListItem, caseView } from '../../shared/domain/cases/case-view';
import { idempotencyKeyPattern } from '../../shared/domain/cases/ids';
import { start } from '../../shared/config/start-onboarding';
import { logger } from '../../shared/adapters/observability/logger';
import { redrive } from '../../shared/config/redrive';
import { env, repo } from '../../shared/config/services';
import { header, readJsonBody } from '../../shared/adapters/http/read-json-body';
import { fieldErrors, json, onboardingIdError, onboardingNotFoundError, problem, unauthenticatedError } from '../../shared/domain/http/responses';
import { openApiDocument } from '../../shared/domain/schemas/openapi';
import { uploadRequestSchema, uploadUrlTtlSeconds } from '../../shared/domain/document/upload-request';
import { createDocumentUpload } from '../../shared/config/create-upload';
import { onboardingRequestSchema, requestDateIssues } from '../../shared/domain/schemas/onboarding';
import { UploadGrants } from '../../shared/adapters/dynamodb/upload-grants';
import { dynamoClient } from '../../shared/adapters/aws/dynamodb';
import { loadKeys } from '../../shared/config/secrets';
import { openCursor, sealCursor } from '../../shared/domain/http/list-cursor';

const uploadGrants = new UploadGrants(dynamoClient(), env.TABLE_NAME);

/**
 * The HRIS API. API Gateway has already authenticated the caller (IAM SigV4 on AWS, the local API key in
 * the local runtime); the caller's identity scopes idempotency keys and which onboardings it may read.
 */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const clientId = callerOf(event);
  if (!clientId) return problem(401, 'Unauthenticated', [unauthenticatedError]);
  try {
    const route = `${event.httpMethod} ${event.resource}`;
    switch (route) {
      case 'POST /onboardings':
        return await postOnboarding(event, clientId);
      case 'GET /onboardings/{id}':
        return await getOnboarding(event, clientId);
      case 'GET /onboardings':
        return await listOnboardings(event, clientId);
      case 'POST /uploads':
        return await postUpload(event, clientId);
      case 'POST /onboardings/{id}/redrive':
        return await postRedrive(event, clientId);
      case 'GET /openapi.json':
        return json(200, openApiDocument());
      default:
        return problem(404, 'Not found', [{ field: 'path', message: `no route ${route}`, allowed: 'a route the API document lists (GET /openapi.json)' }]);
    }
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    logger.error('api request failed', { errorName: error.name, route: event.resource });
    return problem(
      503,
      'Temporarily unavailable',
      [{ field: '(request)', message: 'a service behind the API did not answer', allowed: 'the same request again, with the same Idempotency-Key for POST /onboardings' }],
      'retry with the same Idempotency-Key',
    );
  }
}

function callerOf(event: APIGatewayProxyEvent): string | undefined {
  const id = event.requestContext?.identity;
  return id?.userArn ?? id?.caller ?? id?.apiKeyId ?? undefined;
}

async function postOnboarding(event: APIGatewayProxyEvent, clientId: string): Promise<APIGatewayProxyResult> {
  const key = header(event, 'idempotency-key');
  if (!key)
    return problem(400, 'Idempotency-Key required', [
      { field: 'Idempotency-Key', message: 'missing', allowed: 'an Idempotency-Key header of 8 to 128 characters A-Z a-z 0-9 . _ : -, the same for a retry of the same request' },
    ]);
  if (!idempotencyKeyPattern.test(key)) return problem(400, 'Invalid Idempotency-Key', [{ field: 'Idempotency-Key', message: 'not a valid key', allowed: '8 to 128 characters A-Z a-z 0-9 . _ : -' }]);
  const body = readJsonBody(event);
  if (!body.ok) return problem(body.status, body.title, body.errors);
  const parsed = onboardingRequestSchema.safeParse(body.value);
  if (!parsed.success) return problem(400, 'Invalid onboarding request', fieldErrors(parsed.error.issues, body.value));
  const dateErrors = requestDateIssues(parsed.data, new Date().toISOString().slice(0, 10));
  if (dateErrors.length) return problem(400, 'Invalid onboarding request', dateErrors);
  const fileErrors = await uploadGrants.refusedFiles(clientId, parsed.data.document.files);
  if (fileErrors.length) return problem(400, 'Invalid onboarding request', fileErrors);

  const result = await start({ clientId, idempotencyKey: key, rawBody: body.value, request: parsed.data });
  switch (result.kind) {
    case 'created':
      return json(202, caseView(result.onboarding, []), { Location: `/onboardings/${result.onboarding.id}` });
    case 'replayed':
      return json(200, caseView(result.onboarding, await repo.listEvidence(result.onboarding.id)), {
        Location: `/onboardings/${result.onboarding.id}`,
        'Idempotent-Replayed': 'true',
      });
    case 'key-reused-with-other-body':
      return problem(422, 'Idempotency-Key reused with a different body', [
        {
          field: 'Idempotency-Key',
          message: `already used for onboarding ${result.onboardingId} with another request body`,
          allowed: 'a new key for a new request; the same key only with the same body',
        },
      ]);
    default:
      return result satisfies never;
  }
}

const idSchema = z.string().check(z.regex(/^ob_[0-9a-f]{32}$/));

async function getOnboarding(event: APIGatewayProxyEvent, clientId: string): Promise<APIGatewayProxyResult> {
  const id = idSchema.safeParse(event.pathParameters?.id);
  if (!id.success) return problem(400, 'Invalid onboarding id', [onboardingIdError]);
  const found = await repo.getCaseWithEvidence(id.data);
  // Another client's onboarding is as good as absent: its existence is not disclosed.
  if (!found || found.c.clientId !== clientId) return problem(404, 'Onboarding not found', [onboardingNotFoundError]);
  return json(200, caseView(found.c, found.evidence));
}

const listQuery = z.strictObject({
  status: z.enum(caseStatuses),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

/** The only shape of cursor this API hands out: the status index's start key. */
const cursorSchema = z.strictObject({
  PK: z.string().check(z.minLength(1)),
  SK: z.string().check(z.minLength(1)),
  GSI2PK: z.string().check(z.minLength(1)),
  GSI2SK: z.string().check(z.minLength(1)),
});

async function listOnboardings(event: APIGatewayProxyEvent, clientId: string): Promise<APIGatewayProxyResult> {
  const q = listQuery.safeParse(event.queryStringParameters ?? {});
  if (!q.success) return problem(400, 'Invalid query', fieldErrors(q.error.issues, event.queryStringParameters ?? {}));
  let cursor: Record<string, unknown> | undefined;
  // The queue is one status index for every client, read and then filtered: its cursor is the index key of the last
  // case read, whoever's it was. Sealed for this client and status, it tells no one another client's onboarding ids.
  const { cursorKey } = await loadKeys(env.SECRET_ARN);
  const binding = `${clientId}\n${q.data.status}`;
  if (q.data.cursor) {
    const decoded = cursorSchema.safeParse(openCursor(cursorKey, binding, q.data.cursor));
    if (!decoded.success || decoded.data.GSI2PK !== `STATUS#${q.data.status}`)
      return problem(400, 'Invalid query', [
        { field: 'cursor', message: 'not a cursor returned by this API for this status', allowed: 'the nextCursor of the previous page, with the same status filter' },
      ]);
    cursor = decoded.data;
  }
  let page: Awaited<ReturnType<typeof repo.listByStatus>>;
  try {
    page = await repo.listByStatus(q.data.status, q.data.limit, cursor);
  } catch (err) {
    // A cursor that decodes but was not ours: DynamoDB refuses the start key.
    if ((err as Error).name === 'ValidationException')
      return problem(400, 'Invalid query', [{ field: 'cursor', message: 'not a cursor returned by this API', allowed: 'the nextCursor of the previous page' }]);
    throw err;
  }
  return json(200, {
    items: page.items.filter((c) => c.clientId === clientId).map(caseListItem),
    nextCursor: page.cursor ? sealCursor(cursorKey, binding, page.cursor) : undefined,
  });
}

/**
 * POST /uploads: a short-lived presigned S3 URL for one document image, bound to its content type. The key
 * it returns goes into the onboarding request's document.files; the document stage then reads the real
 * bytes (type by magic bytes, size, SHA-256, metadata).
 */
async function postUpload(event: APIGatewayProxyEvent, clientId: string): Promise<APIGatewayProxyResult> {
  const body = readJsonBody(event);
  if (!body.ok) return problem(body.status, body.title, body.errors);
  const parsed = uploadRequestSchema.safeParse(body.value);
  if (!parsed.success) return problem(400, 'Invalid upload request', fieldErrors(parsed.error.issues, body.value));
  const upload = await createDocumentUpload(clientId, parsed.data, uploadUrlTtlSeconds);
  // Recorded before the key is handed out: POST /onboardings accepts only keys issued to this client.
  await uploadGrants.record(upload.key, clientId, upload.kind, new Date());
  return json(201, upload);
}

/**
 * POST /onboardings/{id}/redrive: a failed onboarding resumes from the stage that failed, under the same id
 * with its evidence and audit chain (shared/app/cases/redrive-onboarding.ts). 202 when redriven; 409 when the
 * onboarding is not failed.
 */
async function postRedrive(event: APIGatewayProxyEvent, clientId: string): Promise<APIGatewayProxyResult> {
  const id = idSchema.safeParse(event.pathParameters?.id);
  if (!id.success) return problem(400, 'Invalid onboarding id', [onboardingIdError]);
  const c = await repo.getCase(id.data);
  if (!c || c.clientId !== clientId) return problem(404, 'Onboarding not found', [onboardingNotFoundError]);
  const result = await redrive({ caseId: c.id, actor: `client:${clientId}`, read: c });
  switch (result.kind) {
    case 'redriven':
      return json(202, caseView(result.c, await repo.listEvidence(c.id)), { Location: `/onboardings/${c.id}` });
    case 'not-failed':
      return problem(409, 'Onboarding is not failed', [{ field: 'id', message: `onboarding ${c.id} is ${result.c.status}`, allowed: 'a failed onboarding (status "failed")' }]);
    case 'no-previous-status':
      return problem(409, 'Onboarding cannot be redriven', [
        {
          field: 'id',
          message: `onboarding ${c.id} failed before redrives were possible (the status it failed in is not recorded)`,
          allowed: 'a failed onboarding whose failure is recorded; submit this one again with a new Idempotency-Key',
        },
      ]);
    default:
      return result satisfies never;
  }
}
