import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LambdaFunctionError } from '../../infra/local/lambda-host';
import type { LocalRuntime } from '../../infra/local/runtime';
import { getOnboarding, loadRequest, openLink, postOnboarding, startTestRuntime, waitFor, waitForMail, waitForStatus } from '../support/local-runtime';

/**
 * Faults through the local runtime (checklist item 9): a stage failing transiently is retried by the
 * workflow and the onboarding completes; failing permanently, the case ends in a recorded failure and
 * nothing stays running.
 */
describe('a stage that fails', () => {
  let rt: LocalRuntime & { apiKey: string };
  beforeAll(async () => {
    rt = await startTestRuntime({ retryDelayMs: 20 });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('transiently, three times: retried with backoff, and the onboarding reaches the interview', async () => {
    let failures = 0;
    rt.lambdas.faults.set('BankCheckFunction', () => (failures++ < 3 ? new LambdaFunctionError('TransientError', 'bank-check: dependency briefly unavailable') : undefined));
    const res = await postOnboarding(
      rt,
      loadRequest((r) => (r.externalId = 'fault-transient')),
      'fault-transient-1',
    );
    const o = await waitForStatus(rt, res.body.id, 'awaiting-interview');
    expect(failures).toBeGreaterThanOrEqual(4);
    expect(o.stages.bank.state).toBe('passed');
    const history = await rt.engine.history(rt.engine.executionArn(res.body.id.replace('_', '-')));
    expect(history.filter((e) => e.type === 'StateRetried' && e.stateName === 'BankCheck')).toHaveLength(3);
    rt.lambdas.faults.delete('BankCheckFunction');
  });

  it('permanently: the case ends failed with the error recorded, the execution fails, nothing keeps running', async () => {
    rt.lambdas.faults.set('DocumentCheckFunction', () => new LambdaFunctionError('TypeError', "Cannot read properties of undefined (reading 'mrz')"));
    const res = await postOnboarding(
      rt,
      loadRequest((r) => (r.externalId = 'fault-permanent')),
      'fault-permanent-1',
    );
    const o = await waitForStatus(rt, res.body.id, 'failed');
    expect(o.failure.error).toBe('TypeError');
    const arn = rt.engine.executionArn(res.body.id.replace('_', '-'));
    const exec = await waitFor(
      'the execution to stop',
      () => rt.engine.describeExecution(arn),
      (e) => e.status !== 'RUNNING',
    );
    // Stopped at the step that failed, with its error (no catch-all: a redrive runs that very step again);
    // the case learned it from the execution's status event (functions/record-failure).
    expect(exec.status).toBe('FAILED');
    expect(exec.error).toBe('TypeError');
    const history = await rt.engine.history(arn);
    expect(history.some((e) => e.type === 'LambdaFunctionFailed' && e.stateName === 'DocumentCheck')).toBe(true);
    expect(history.some((e) => e.stateName === 'RecordFailure')).toBe(false);
    expect((await getOnboarding(rt, res.body.id)).stages.interview).toBeUndefined();
    rt.lambdas.faults.delete('DocumentCheckFunction');
  });

  it('a failure whose event could not be delivered (the process stopped first, or the target kept failing) is recorded at the next start, once', async () => {
    const recordFailure = [...rt.lambdas.functions.keys()].find((k) => k.startsWith('RecordFailureFunction'))!;
    rt.lambdas.faults.set('DocumentCheckFunction', () => new LambdaFunctionError('TypeError', "Cannot read properties of undefined (reading 'mrz')"));
    rt.lambdas.faults.set(recordFailure, () => new LambdaFunctionError('ServiceUnavailable', 'the case table is away'));
    const res = await postOnboarding(
      rt,
      loadRequest((r) => (r.externalId = 'fault-undelivered')),
      'fault-undelivered-1',
    );
    const arn = rt.engine.executionArn(res.body.id.replace('_', '-'));
    await waitFor(
      'the execution to stop',
      () => rt.engine.describeExecution(arn),
      (e) => e.status === 'FAILED',
    );
    // Every attempt of the rule's target failed: the case does not know yet.
    const store = rt.engine['store'] as import('../../infra/local/execution-store').ExecutionStore;
    await waitFor(
      'the event to be given up',
      () => store.undeliveredStops(),
      (due) => due.some((e) => e.executionArn === arn),
    );
    expect((await getOnboarding(rt, res.body.id)).status).not.toBe('failed');
    rt.lambdas.faults.delete(recordFailure);
    rt.lambdas.faults.delete('DocumentCheckFunction');
    // What a start does: the undelivered event is delivered and the case records the failure; a second start has nothing to do.
    expect(await rt.redeliverStopEvents()).toBeGreaterThanOrEqual(1);
    const o = await getOnboarding(rt, res.body.id);
    expect(o.status).toBe('failed');
    expect(o.failure.error).toBe('TypeError');
    expect((await store.undeliveredStops()).some((e) => e.executionArn === arn)).toBe(false);
    expect(await rt.redeliverStopEvents()).toBe(0);
  });

  it('the mail service refuses the interview invitation: the claim on the mail is given back, the step is retried, and the contractor gets exactly one invitation', async () => {
    const email = 'mail-refused@example.pl';
    let refusals = 0;
    rt.mailbox.refuse = (to) => to.includes(email) && refusals++ < 5;
    try {
      const res = await postOnboarding(
        rt,
        loadRequest((r) => ((r.externalId = 'fault-mail'), (r.contractor.email = email))),
        'fault-mail-1',
      );
      await waitForStatus(rt, res.body.id, 'awaiting-interview');
      const { link } = await waitForMail(rt, email, /choose a time/i);
      expect(refusals).toBeGreaterThanOrEqual(5);
      expect((await rt.mailbox.list()).filter((m) => m.to.includes(email) && /choose a time/i.test(m.subject))).toHaveLength(1);
      expect((await openLink(link)).status).toBe(200);
    } finally {
      rt.mailbox.refuse = undefined;
    }
  });

  it('a stage that times out (Lambda Sandbox.Timedout) twice is retried, and the onboarding reaches the interview', async () => {
    let timeouts = 0;
    rt.lambdas.faults.set('RiskDecisionFunction', () => (timeouts++ < 2 ? new LambdaFunctionError('Sandbox.Timedout', 'Task timed out after 30.00 seconds') : undefined));
    const res = await postOnboarding(
      rt,
      loadRequest((r) => (r.externalId = 'fault-timeout')),
      'fault-timeout-1',
    );
    const o = await waitForStatus(rt, res.body.id, 'awaiting-interview');
    expect(timeouts).toBe(3);
    expect(o.stages.risk.state).toBe('done');
    const history = await rt.engine.history(rt.engine.executionArn(res.body.id.replace('_', '-')));
    expect(history.filter((e) => e.type === 'StateRetried' && e.stateName === 'RiskDecision')).toHaveLength(2);
    rt.lambdas.faults.delete('RiskDecisionFunction');
  });

  it('a stage that keeps timing out fails the case after its retries, with no stage left running', async () => {
    let timeouts = 0;
    rt.lambdas.faults.set('DocumentCheckFunction', () => (timeouts++, new LambdaFunctionError('Sandbox.Timedout', 'Task timed out after 30.00 seconds')));
    const res = await postOnboarding(
      rt,
      loadRequest((r) => (r.externalId = 'fault-timeout-always')),
      'fault-timeout-2',
    );
    const o = await waitForStatus(rt, res.body.id, 'failed');
    expect(o.failure.error).toBe('Sandbox.Timedout');
    expect(timeouts).toBeGreaterThan(1);
    const stages = Object.entries(o.stages as Record<string, { state: string }>);
    expect(stages.filter(([, s]) => s.state === 'running' || s.state === 'waiting')).toEqual([]);
    expect(o.stages.document.state).toBe('failed');
    rt.lambdas.faults.delete('DocumentCheckFunction');
  });
});
