import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import { findLinkedCases } from '../../shared/app/cases/linked-applicants';
import { startOnboarding } from '../../shared/app/cases/start-onboarding';
import { appendAuditEvent } from '../../shared/domain/audit/chain';
import type { CaseRecord } from '../../shared/domain/cases/case-model';
import { applicationFingerprints } from '../../shared/domain/cases/fingerprints';
import { executionNameFor, onboardingIdFor, requestHash } from '../../shared/domain/cases/ids';
import { onboardingRequestSchema } from '../../shared/domain/schemas/onboarding';
import { deriveKeys } from '../../shared/config/secrets';
import { loadRequest, postOnboarding, startTestRuntime, waitForStatus } from '../support/local-runtime';

/**
 * The ways an onboarding's execution starts besides the API's normal POST, on the real local runtime: a case an
 * earlier version of the API left in `received` without an execution (it died before StartExecution), replayed
 * by the HRIS; and an execution an operator starts with the onboarding id alone (no linked applicants in its
 * input), which must not fail on the missing field.
 */
describe('starting an onboarding: the paths besides a fresh POST', () => {
  let rt: LocalRuntime & { apiKey: string };
  let repo: CaseRepository;
  let clientId = '';
  beforeAll(async () => {
    rt = await startTestRuntime();
    repo = new CaseRepository(DynamoDBDocumentClient.from(rt.dynamo.client), rt.tableName);
    // The local API gateway's caller for the test key, as the API function sees it.
    clientId = `arn:aws:iam::000000000000:user/${rt.config.apiKeys[rt.apiKey]}`;
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const actionsOf = async (id: string) => (await repo.listAudit(id)).map((e) => String(e.action));

  it('a case left in `received` by an earlier API: the replayed POST moves it to checking with its fingerprints, and the workflow takes it to the interview', async () => {
    const body = loadRequest((r) => ((r.externalId = 'legacy-received-1'), (r.contractor.email = 'legacy-received-1@example.pl')));
    const key = 'legacy-received-key-0001';
    const id = onboardingIdFor(clientId, key);
    const now = new Date().toISOString();
    // What the API wrote before the change: the case in `received`, its first event, its key; no fingerprints.
    const record: CaseRecord = {
      id,
      clientId,
      externalId: 'legacy-received-1',
      status: 'received',
      version: 1,
      createdAt: now,
      updatedAt: now,
      executionName: executionNameFor(id),
      application: onboardingRequestSchema.parse(body),
      stages: {},
    };
    const received = appendAuditEvent(undefined, { at: now, actor: `client:${clientId}`, action: 'onboarding.received', caseId: id, data: { externalId: 'legacy-received-1' } });
    await repo.createCase(record, { clientId, key, requestHash: requestHash(body), onboardingId: id, createdAt: now }, received);
    expect(await repo.fingerprintsOf(id)).toEqual([]);

    const replay = await postOnboarding(rt, body, key);
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(id);
    await waitForStatus(rt, id, 'awaiting-interview');
    const actions = await actionsOf(id);
    expect(actions.slice(0, 2)).toEqual(['onboarding.received', 'onboarding.started']);
    expect(actions.filter((a) => a === 'onboarding.started')).toHaveLength(1);
    expect((await repo.fingerprintsOf(id)).map((p) => p.kind)).toContain('bank-account');
  });

  it('an execution started with the onboarding id alone: the checks look the linked applicants up themselves', async () => {
    // A first applicant through the API, then a second with the same email, phone and account whose execution
    // an operator starts by hand, with no `linked` in its input.
    const first = await postOnboarding(
      rt,
      loadRequest((r) => ((r.externalId = 'operator-start-a'), (r.contractor.email = 'operator-start@example.pl'))),
      'operator-start-key-a',
    );
    expect(first.status).toBe(202);
    const body = loadRequest((r) => ((r.externalId = 'operator-start-b'), (r.contractor.email = 'operator-start@example.pl')));
    const fingerprintKey = deriveKeys(rt.config.masterKey).fingerprintKey;
    const started: { name: string; input: unknown }[] = [];
    const created = await startOnboarding(
      {
        repo,
        // Written, but not started: the operator starts it below.
        startExecution: async (name, input) => void started.push({ name, input }),
        fingerprints: async (request) => applicationFingerprints(fingerprintKey, request),
        findLinked: (self, prints) => findLinkedCases(repo, self, prints),
        maxCarriedLinks: 200,
      },
      { clientId, idempotencyKey: 'operator-start-key-b', rawBody: body, request: onboardingRequestSchema.parse(body) },
    );
    expect(created.kind).toBe('created');
    const id = (created as { onboarding: CaseRecord }).onboarding.id;
    expect(started).toHaveLength(1);

    await rt.engine.startExecution(executionNameFor(id), JSON.stringify({ onboardingId: id }));
    await waitForStatus(rt, id, 'awaiting-interview');
    const bank = (await repo.listEvidence(id)).find((e) => e.stage === 'bank');
    expect((bank?.data as { linkedCases?: string[] } | undefined)?.linkedCases).toContain(first.body.id);
  });
});
