import * as fs from 'node:fs';
import * as path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { startCaseTable } from '../support/case-table';
import { appendAuditEvent, type AuditEvent } from '../../shared/domain/audit/chain';
import type { CaseRecord, EvidenceRecord } from '../../shared/domain/cases/case-model';
import { CaseRepository, NotFoundError } from '../../shared/adapters/dynamodb/case-repository';
import { LinkRepository } from '../../shared/adapters/dynamodb/link-repository';
import type { OnboardingRequest } from '../../shared/domain/schemas/onboarding';

const application = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'onboarding-request.json'), 'utf8')) as OnboardingRequest;

/**
 * Reads that fetch several items of a case in one request, on real DynamoDB Local, next to every other kind
 * of item of the case: the case with its evidence (one query), the case with a pending callback (one batch).
 */
describe('case with its evidence in one read', () => {
  let dynamo: DynamoDbLocal;
  let db: DynamoDBDocumentClient;
  let repo: CaseRepository;
  let table: string;

  beforeAll(async () => {
    ({ dynamo, db, table } = await startCaseTable());
    repo = new CaseRepository(db, table);
  });
  afterAll(async () => {
    await dynamo?.stop();
  });

  it('returns the case as getCase does and exactly the evidence listEvidence does, in one query', async () => {
    const id = `ob_${'1'.repeat(32)}`;
    const now = new Date().toISOString();
    const record: CaseRecord = { id, clientId: 'hris', externalId: 'x-1', status: 'received', version: 1, createdAt: now, updatedAt: now, executionName: 'ob-1', application, stages: {} };
    await repo.createCase(record, { clientId: 'hris', key: 'k-1', requestHash: 'h', onboardingId: id, createdAt: now });
    // Every other kind of item the case's partition holds.
    await repo.appendAudit(id, (prev) => appendAuditEvent(prev as AuditEvent | undefined, { at: now, actor: 'system', action: 'onboarding.received', caseId: id, data: {} }));
    await repo.moveCase((await repo.getCase(id))!, 'checks-started');
    await repo.putFingerprints(id, [{ kind: 'phone', hmac: 'ab' }]);
    await repo.claimOnce(id, 'reference-requests#run-1');
    await new LinkRepository(db, table).putPendingCallback({ caseId: id, task: 'interview', callbackId: 'cb', taskToken: 't', issuedAt: now, deadline: now, state: 'waiting' });
    const evidence: EvidenceRecord[] = ['document', 'screening', 'bank'].map((stage) => ({
      caseId: id,
      stage: stage as EvidenceRecord['stage'],
      runId: 'run-1',
      recordedAt: now,
      inputs: {},
      findings: [],
    }));
    for (const e of evidence) await repo.putEvidence(e);

    const sent: string[] = [];
    const counting = { send: (command: { constructor: { name: string } }) => (sent.push(command.constructor.name), db.send(command as never)) } as unknown as DynamoDBDocumentClient;
    const both = await new CaseRepository(counting, table).getCaseWithEvidence(id);
    expect(sent).toEqual(['QueryCommand']);
    expect(both!.c).toEqual(await repo.getCase(id));
    expect(both!.evidence).toEqual(await repo.listEvidence(id));
    expect(both!.evidence.map((e) => e.stage).sort()).toEqual(['bank', 'document', 'screening']);

    expect(await repo.getCaseWithEvidence(`ob_${'2'.repeat(32)}`)).toBeUndefined();
    await expect(repo.mustGetCaseWithEvidence(`ob_${'2'.repeat(32)}`)).rejects.toBeInstanceOf(NotFoundError);

    // What a link page reads first: the case and the task's pending callback, in one request.
    const linksSent: string[] = [];
    const linksClient = { send: (command: { constructor: { name: string } }) => (linksSent.push(command.constructor.name), db.send(command as never)) } as unknown as DynamoDBDocumentClient;
    const links = new LinkRepository(db, table);
    const state = await new LinkRepository(linksClient, table).getCaseAndCallback(id, 'interview');
    expect(linksSent).toEqual(['BatchGetCommand']);
    expect(state.c).toEqual(await repo.getCase(id));
    expect(state.pc).toEqual(await links.getPendingCallback(id, 'interview'));
    expect(await links.getCaseAndCallback(id, 'approval')).toEqual({ c: state.c, pc: undefined });
    expect(await links.getCaseAndCallback(`ob_${'2'.repeat(32)}`, 'interview')).toEqual({ c: undefined, pc: undefined });
  });
});
