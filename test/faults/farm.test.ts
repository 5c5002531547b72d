import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import { MAX_PROPAGATIONS } from '../../shared/app/cases/propagate-links';
import { verifyStoredAudit } from '../../shared/app/records/audit-trail';
import { findingsInForce } from '../../shared/domain/cases/latest-findings';
import { loadRequest, postOnboarding, startTestRuntime, waitForCases } from '../support/local-runtime';

/**
 * A laptop farm under concurrency: applicants sharing one payout account, phone and reference, all started at
 * once. Their checks find each other while they run and tell the earlier ones (links both ways), every one of
 * them writing other cases: the conflicts are retried, nothing is lost, every case carries every link.
 * As many as one check run tells (MAX_PROPAGATIONS earlier applicants, plus the one telling), so each of them
 * ends up naming every other, whichever order the runs took.
 */
describe('a laptop farm started at once', () => {
  let rt: LocalRuntime & { apiKey: string };
  let repo: CaseRepository;
  beforeAll(async () => {
    rt = await startTestRuntime();
    repo = new CaseRepository(DynamoDBDocumentClient.from(rt.dynamo.client), rt.tableName);
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it(`${MAX_PROPAGATIONS + 1} applicants sharing an account, a phone and a reference: none failed, each linked to every other both ways, audit trails intact`, async () => {
    const n = MAX_PROPAGATIONS + 1;
    // Other people by external id and email; the fixture's account, phone and reference for all of them.
    const bodies = Array.from({ length: n }, (_, i) =>
      loadRequest((r) => {
        r.externalId = `farm-${i}`;
        r.contractor.email = `farm-${i}@example.pl`;
      }),
    );
    const started = await Promise.all(bodies.map((b, i) => postOnboarding(rt, b, `farm-key-${i}`)));
    expect(started.map((s) => s.status)).toEqual(bodies.map(() => 202));
    const ids = started.map((s) => s.body.id as string);
    expect(new Set(ids).size).toBe(n);

    // The test policy weighs links at nothing: the farm waits for its interviews (the shared identifiers are findings).
    const states = await waitForCases(rt, ids, 'every farm onboarding to settle', (o) => o.status === 'awaiting-interview' || o.status === 'failed', 150_000);
    expect(states.filter((o) => o.status === 'failed').map((o) => o.failure)).toEqual([]);

    for (const id of ids) {
      const others = ids.filter((x) => x !== id).sort();
      const evidence = await repo.listEvidence(id);
      // By the check that found them (bank: the account; screening: the phone and the reference), whichever side
      // ran later: the case's own stage names the earlier ones, a back-link evidence record each later one.
      for (const stage of ['bank', 'screening'] as const) {
        const named = new Set<string>();
        for (const e of evidence) {
          if (e.stage === stage) for (const c of (e.data?.linkedCases as string[] | undefined) ?? []) named.add(c);
          if (e.stage === 'links' && e.inputs.foundBy === stage) for (const c of (e.data?.linkedCases as string[] | undefined) ?? []) named.add(c);
        }
        expect([...named].sort(), `${id}: linked by ${stage}`).toEqual(others);
      }
      // Each back-link recorded once per later case and stage, however often the conflicts made it retry.
      const backLinks = evidence.filter((e) => e.stage === 'links').map((e) => e.runId);
      expect(backLinks).toEqual([...new Set(backLinks)]);
      const c = await repo.mustGetCase(id);
      expect(findingsInForce(evidence, c.clearances).map((f) => f.code)).toEqual(expect.arrayContaining(['BANK_SHARED_ACCOUNT', 'LINK_SHARED_CONTACT', 'LINK_SHARED_REFERENCE']));
      // Every concurrent append chained on the head it read: the trail verifies.
      expect((await verifyStoredAudit(repo, id)).ok).toBe(true);
      const exec = await rt.engine.describeExecution(rt.engine.executionArn(id.replace('_', '-')));
      expect(exec.status).toBe('RUNNING');
    }
  });
});
