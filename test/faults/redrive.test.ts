import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LambdaFunctionError } from '../../infra/local/lambda-host';
import type { LocalRuntime } from '../../infra/local/runtime';
import { run as caseCli } from '../../infra/tools/case-cli';
import { CaseRepository } from '../../shared/adapters/dynamodb/case-repository';
import { verifyStoredAudit } from '../../shared/app/records/audit-trail';
import { getOnboarding, loadRequest, postOnboarding, startTestRuntime, waitFor, waitForStatus } from '../support/local-runtime';

/**
 * Issue 12 item 8, on the real local runtime: a stage fails permanently, the onboarding ends `failed`; a
 * redrive (the HRIS route or the operator's command) resumes it from the stage that failed, under the same
 * id, with the stages that had completed not run again and one audit chain. A re-submission of the same
 * applicant under a new Idempotency-Key is not linked to its own failed attempt.
 */
describe('a failed onboarding, redriven', () => {
  let rt: LocalRuntime & { apiKey: string };
  let repo: CaseRepository;
  beforeAll(async () => {
    rt = await startTestRuntime({ retryDelayMs: 20 });
    repo = new CaseRepository(DynamoDBDocumentClient.from(rt.dynamo.client), rt.tableName);
  });
  afterAll(async () => {
    await rt?.stop();
  });

  /** The fixture applicant with identifiers of their own (email, phone, account, reference), so tests do not link to each other. */
  const applicant = (externalId: string, n: number) =>
    loadRequest((r) => {
      r.externalId = externalId;
      r.contractor.email = `${externalId}@example.pl`;
      r.contractor.phone = `+486012345${String(n).padStart(2, '0')}`;
      r.payment.iban = polishIban(`00000712198128${String(n).padStart(2, '0')}`);
      r.employment[0].reference.email = `ref-${externalId}@example-software.pl`;
    });

  const redrive = async (id: string, apiKey = rt.apiKey) => {
    const res = await fetch(`${rt.apiUrl}/onboardings/${id}/redrive`, { method: 'POST', headers: { 'x-api-key': apiKey } });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, any> };
  };

  const failPermanently = (fn: string) => rt.lambdas.faults.set(fn, () => new LambdaFunctionError('TypeError', `${fn}: Cannot read properties of undefined`));

  const executionOf = (id: string) => rt.engine.describeExecution(rt.engine.executionArn(id.replace('_', '-')));

  it('through the HRIS route: 202, the same id reaches the interview, completed stages are not run again, one audit chain', async () => {
    let documentChecks = 0;
    rt.lambdas.faults.set('DocumentCheckFunction', () => void documentChecks++);
    failPermanently('BankCheckFunction');
    const res = await postOnboarding(rt, applicant('redrive-route', 1), 'redrive-route-1');
    const id = res.body.id as string;
    const failed = await waitForStatus(rt, id, 'failed');
    expect(failed.failure.error).toBe('TypeError');
    await waitFor(
      'the execution to stop',
      () => executionOf(id),
      (e) => e.status !== 'RUNNING',
    );
    expect((await repo.mustGetCase(id)).failure?.previousStatus).toBe('checking');

    rt.lambdas.faults.delete('BankCheckFunction');
    const answer = await redrive(id);
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
    expect(answer.body.id).toBe(id);
    expect(answer.body.status).toBe('checking');

    const done = await waitForStatus(rt, id, 'awaiting-interview');
    expect(done.id).toBe(id);
    expect(done.stages.bank.state).toBe('passed');
    expect(done.failure).toBeUndefined();
    // The document check completed before the failure: its journaled result stood, it did not run again.
    expect(documentChecks).toBe(1);
    const exec = await executionOf(id);
    expect(exec.status).toBe('RUNNING');
    expect(exec.redriveCount).toBe(1);

    const audit = await repo.listAudit(id);
    const actions = audit.map((e) => String(e.action));
    expect(actions.indexOf('onboarding.failed')).toBeGreaterThan(-1);
    expect(actions.indexOf('onboarding.redriven')).toBeGreaterThan(actions.indexOf('onboarding.failed'));
    const redriven = audit.find((e) => e.action === 'onboarding.redriven')!;
    // By the client that submitted it (as the HRIS caller identity is recorded at intake).
    expect(redriven.actor).toBe(audit.find((e) => e.action === 'onboarding.received')?.actor);
    expect(String(redriven.actor)).toMatch(/^client:/);
    expect((redriven.data as Record<string, unknown>).back).toBe('checking');
    expect((await verifyStoredAudit(repo, id)).ok).toBe(true);
    rt.lambdas.faults.delete('DocumentCheckFunction');
  });

  it('an onboarding that is not failed: 409 with a problem document naming the status, and nothing changes', async () => {
    const res = await postOnboarding(rt, applicant('redrive-not-failed', 2), 'redrive-not-failed-1');
    const id = res.body.id as string;
    await waitForStatus(rt, id, 'awaiting-interview');
    const answer = await redrive(id);
    expect(answer.status).toBe(409);
    expect(answer.type).toContain('application/problem+json');
    expect(answer.body.title).toBe('Onboarding is not failed');
    expect(answer.body.errors[0].field).toBe('id');
    expect(answer.body.errors[0].message).toContain('awaiting-interview');
    expect((await getOnboarding(rt, id)).status).toBe('awaiting-interview');
    expect((await repo.listAudit(id)).some((e) => e.action === 'onboarding.redriven')).toBe(false);
    expect((await redrive('ob_00000000000000000000000000000000')).status).toBe(404);
    expect((await redrive('not-an-id')).body.errors[0].field).toBe('id');
    const doc = (await (await fetch(`${rt.apiUrl}/openapi.json`, { headers: { 'x-api-key': rt.apiKey } })).json()) as any;
    expect(Object.keys(doc.paths['/onboardings/{id}/redrive'].post.responses)).toEqual(expect.arrayContaining(['202', '409']));
  });

  it('through the operator command: npm run case -- redrive <id>', async () => {
    failPermanently('RiskDecisionFunction');
    const res = await postOnboarding(rt, applicant('redrive-cli', 3), 'redrive-cli-1');
    const id = res.body.id as string;
    await waitForStatus(rt, id, 'failed');
    await waitFor(
      'the execution to stop',
      () => executionOf(id),
      (e) => e.status !== 'RUNNING',
    );
    rt.lambdas.faults.delete('RiskDecisionFunction');

    const out: string[] = [];
    const err: string[] = [];
    // The runtime pointed this process's SDK endpoints (DynamoDB, Step Functions) at itself.
    const args = ['redrive', id, '--table', rt.tableName, '--state-machine', rt.engine.stateMachineArn, '--actor', 'operator:test'];
    expect(
      await caseCli(
        args,
        (l) => out.push(l),
        (l) => err.push(l),
      ),
      err.join('\n'),
    ).toBe(0);
    expect(out.join('\n')).toContain(`redriven ${id}: back to checking`);
    await waitForStatus(rt, id, 'awaiting-interview');
    expect((await repo.listAudit(id)).find((e) => e.action === 'onboarding.redriven')?.actor).toBe('operator:test');
    expect((await verifyStoredAudit(repo, id)).ok).toBe(true);

    // Again: the case is no longer failed.
    expect(
      await caseCli(
        args,
        () => undefined,
        (l) => err.push(l),
      ),
    ).toBe(3);
    expect(err.at(-1)).toContain('only a failed onboarding can be redriven');
  });

  it('two redrives at once: exactly one is taken (202), the other answers 409; one redrive in the audit trail', async () => {
    failPermanently('BankCheckFunction');
    const res = await postOnboarding(rt, applicant('redrive-twice', 5), 'redrive-twice-1');
    const id = res.body.id as string;
    await waitForStatus(rt, id, 'failed');
    await waitFor(
      'the execution to stop',
      () => executionOf(id),
      (e) => e.status !== 'RUNNING',
    );
    rt.lambdas.faults.delete('BankCheckFunction');
    const answers = await Promise.all([redrive(id), redrive(id)]);
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
    await waitForStatus(rt, id, 'awaiting-interview');
    expect((await repo.listAudit(id)).filter((e) => e.action === 'onboarding.redriven')).toHaveLength(1);
    expect((await executionOf(id)).redriveCount).toBe(1);
  });

  it('a re-submission under a new Idempotency-Key is not linked to its own failed attempt; another external id is', async () => {
    failPermanently('BankCheckFunction');
    const first = await postOnboarding(rt, applicant('redrive-resubmit', 4), 'redrive-resubmit-1');
    await waitForStatus(rt, first.body.id, 'failed');
    rt.lambdas.faults.delete('BankCheckFunction');

    const again = await postOnboarding(rt, applicant('redrive-resubmit', 4), 'redrive-resubmit-2');
    expect(again.status).toBe(202);
    expect(again.body.id).not.toBe(first.body.id);
    const o = await waitForStatus(rt, again.body.id, ['awaiting-interview', 'compliance-hold']);
    expect(o.status).toBe('awaiting-interview');
    expect(o.findings.codes.filter((c: string) => c === 'BANK_SHARED_ACCOUNT' || c.startsWith('LINK_'))).toEqual([]);

    // The same identifiers under another external id are another applicant: linked, to both attempts.
    const other = await postOnboarding(rt, applicant('redrive-someone-else', 4), 'redrive-someone-else-1');
    const linked = await waitForStatus(rt, other.body.id, ['awaiting-interview', 'compliance-hold']);
    expect(linked.findings.codes).toEqual(expect.arrayContaining(['BANK_SHARED_ACCOUNT', 'LINK_SHARED_CONTACT']));
    const bank = (await repo.listEvidence(other.body.id)).find((e) => e.stage === 'bank')!;
    expect(bank.data?.linkedCases).toEqual(expect.arrayContaining([first.body.id, again.body.id]));
  });
});

/** A Polish IBAN of the fixture's bank (10901014) and this 16-digit account, with its check digits. */
function polishIban(account: string): string {
  const bban = `10901014${account}`;
  const digits = `${bban}${'PL'
    .split('')
    .map((ch) => ch.charCodeAt(0) - 55)
    .join('')}00`;
  let mod = 0;
  for (const d of digits) mod = (mod * 10 + Number(d)) % 97;
  return `PL${String(98 - mod).padStart(2, '0')}${bban}`;
}
