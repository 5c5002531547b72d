import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { appendAuditEvent, type AuditEvent } from '../../shared/domain/audit/chain';
import type { CaseRecord } from '../../shared/domain/cases/case-model';
import { CaseRepository, type AuditEventBuilder } from '../../shared/adapters/dynamodb/case-repository';
import { holdCase, type HoldDeps, type HoldInput } from '../../shared/app/cases/hold-case';
import type { LifecycleEvent } from '../../shared/domain/cases/lifecycle';
import { LinkRepository } from '../../shared/adapters/dynamodb/link-repository';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';
import { startCaseTable } from '../support/case-table';

const fixture = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'onboarding-request.json'), 'utf8')) as OnboardingRequest;

/**
 * "No hold is left without an owner": a contractor already approved has no workflow waiting, so its hold
 * starts a compliance review of its own. An adversarial pass found a stage that held an approved case and
 * could not start that review (its function lacked the state machine's ARN): the case stayed on hold with
 * nobody asked to review it. The configuration is fixed (test/infra/template.test.ts); this is the use
 * case's part: a review that did not start is started by the next hold of the case, by its name.
 */
describe('a hold of an approved contractor always gets its review (DynamoDB Local)', () => {
  let dynamo: DynamoDbLocal;
  let db: DynamoDBDocumentClient;
  let table: string;
  let repo: CaseRepository;
  let n = 0;
  const auditEvent = (caseId: string, actor: string, action: string, data: Record<string, unknown>): AuditEventBuilder => {
    const at = new Date().toISOString();
    return (prev) => appendAuditEvent(prev as AuditEvent | undefined, { at, actor, action, caseId, data });
  };
  /** The reviews started, by case; `failures` start attempts fail first (Step Functions throttled, say). */
  const reviews: string[] = [];
  let failures = 0;
  const deps = (): HoldDeps => ({
    repo,
    links: new LinkRepository(db, table),
    failTask: async () => undefined,
    startReview: async (c) => {
      if (failures > 0) {
        failures--;
        throw new Error('ThrottlingException');
      }
      reviews.push(c.id);
    },
    notify: async () => undefined,
    auditEvent,
    now: () => new Date(),
  });

  beforeAll(async () => {
    ({ dynamo, db, table } = await startCaseTable());
    repo = new CaseRepository(db, table);
  });
  afterAll(async () => {
    await dynamo?.stop();
  });

  /** A case created and moved along `path` (the lifecycle's events), as the workflow would. */
  async function caseAfter(path: LifecycleEvent[]): Promise<CaseRecord> {
    const id = `ob_${(++n).toString(16).padStart(32, 'a')}`;
    const now = new Date().toISOString();
    let c: CaseRecord = {
      id,
      clientId: 'hris',
      externalId: `owner-${n}`,
      status: 'received',
      version: 1,
      createdAt: now,
      updatedAt: now,
      executionName: `owner-${n}`,
      application: fixture,
      stages: {},
    };
    await repo.createCase(c, { clientId: 'hris', key: `owner-k-${n}`, requestHash: 'h', onboardingId: id, createdAt: now });
    for (const event of path) c = await repo.moveCase(c, event);
    return c;
  }
  const approvedCase = () => caseAfter(['checks-started', 'risk-cleared', 'approval-waiting', 'reviewer-approved']);
  const linked = (caseId: string, findings = ['LINK_SHARED_ACCOUNT']): HoldInput => ({
    caseId,
    source: 'linked-applicant',
    reason: 'A later applicant on compliance hold gave the same payout account.',
    findings,
    hardStop: true,
  });

  it('the review starts with the hold', async () => {
    const c = await approvedCase();
    expect((await holdCase(deps(), linked(c.id))).kind).toBe('held');
    expect(reviews.filter((r) => r === c.id)).toHaveLength(1);
  });

  it('a review that could not start is started by the next hold of the case, which finds it held', async () => {
    const c = await approvedCase();
    failures = 1;
    await expect(holdCase(deps(), linked(c.id))).rejects.toThrow('ThrottlingException');
    // Held, with nobody asked yet: the state the adversarial pass left behind.
    expect((await repo.mustGetCase(c.id)).status).toBe('compliance-hold');
    expect(reviews).not.toContain(c.id);
    // The same hold again (a retried stage) or a new reason: the review starts (its execution name is the
    // hold's, so a review already running is not started twice).
    const again = await holdCase(deps(), linked(c.id));
    expect(again.kind).toBe('already-held');
    expect(reviews.filter((r) => r === c.id)).toHaveLength(1);
  });

  it('a case held before approval is reviewed by its own workflow: no second review is started', async () => {
    const { id } = await caseAfter(['checks-started']);
    await holdCase(deps(), linked(id));
    await holdCase(deps(), linked(id, ['SIG_DPRK_IP']));
    expect(reviews).not.toContain(id);
  });
});
