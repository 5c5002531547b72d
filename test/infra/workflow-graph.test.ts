import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BOOKINGS } from '../../shared/domain/interview/next-interview-step';
import { renderOnboardingWorkflow } from './render-workflow';

interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
}
interface State {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: Array<{ Variable?: string; Next: string; And?: Array<{ Variable?: string }>; Not?: { Variable?: string }; StringEquals?: string; NumericLessThan?: number; BooleanEquals?: boolean }>;
  Result?: unknown;
  Branches?: Graph[];
  Resource?: string;
  Parameters?: Record<string, unknown>;
  Retry?: Array<{ ErrorEquals: string[]; IntervalSeconds?: number; BackoffRate?: number; MaxDelaySeconds?: number; JitterStrategy?: string; MaxAttempts?: number }>;
  Catch?: Catcher[];
  TimeoutSeconds?: number;
  ResultPath?: string | null;
  InputPath?: string | null;
  QueryLanguage?: string;
}
interface Graph {
  StartAt: string;
  States: Record<string, State>;
  QueryLanguage?: string;
}
interface Visited {
  name: string;
  state: State;
  inBranch: boolean;
}

/** Errors a stage may fail with transiently: the handlers' TransientError and the Lambda service's own (throttles included). */
const transientErrors = [
  'TransientError',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.TooManyRequestsException',
];

function walk(graph: Graph, inBranch = false): Visited[] {
  return Object.entries(graph.States).flatMap(([name, state]) => [{ name, state, inBranch }, ...(state.Branches ?? []).flatMap((b) => walk(b, true))]);
}

const isCallback = (s: State) => s.Type === 'Task' && (s.Resource ?? '').endsWith('.waitForTaskToken');
/** The Lambda payload of a task: Parameters.Payload for the lambda:invoke integration, Parameters for a direct function ARN. */
const payloadOf = (s: State) => ((s.Parameters?.Payload as Record<string, unknown> | undefined) ?? s.Parameters ?? {}) as Record<string, unknown>;
const isApprovingFinalize = (s: State) => s.Type === 'Task' && 'decision.$' in payloadOf(s);

function pathsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => pathsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.endsWith('.$') && typeof v === 'string') out.push(v);
      else pathsIn(v, out);
    }
  }
  return out;
}

describe('workflow graph (checklist items 5-6, rendered in a bare stack)', () => {
  let definition: Graph;
  let states: Visited[];

  beforeAll(() => {
    definition = renderOnboardingWorkflow() as Graph;
    states = walk(definition);
  });

  const tasks = () => states.filter((v) => v.state.Type === 'Task');
  const top = (name: string) => definition.States[name]!;

  it('uses JSONPath, never JSONata', () => {
    expect(definition.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    expect(states.filter((v) => v.state.QueryLanguage !== undefined && v.state.QueryLanguage !== 'JSONPath').map((v) => v.name)).toEqual([]);
  });

  it('follows the documented order: Start -> Checks{DocumentCheck, PublicRecordCheck, BankCheck} -> RiskDecision -> HoldOrProceed -> ScheduleInterview -> SlotBooked -> AwaitInterviewOutcome -> InterviewHeld -> Reassessment -> HoldAfterInterview -> Approval -> InformationRequested -> Finalize', () => {
    const happy: string[] = [];
    for (let name: string | undefined = definition.StartAt; name;) {
      happy.push(name);
      const s = top(name);
      // The interview's choice: its first branch is the held interview (the default is out of reschedules).
      name = s.Type === 'Choice' ? (name === 'InterviewHeld' ? s.Choices![0]!.Next : s.Default) : s.Next;
    }
    expect(happy).toEqual([
      'Start',
      'Checks',
      'RiskDecision',
      'HoldOrProceed',
      'ScheduleInterview',
      'SlotBooked',
      'AwaitInterviewOutcome',
      'InterviewHeld',
      'Reassessment',
      'HoldAfterInterview',
      'Approval',
      'InformationRequested',
      'Finalize',
    ]);
    expect(top('Checks').Type).toBe('Parallel');
    expect(top('Checks').Branches!.map((b) => Object.keys(b.States))).toEqual([['DocumentCheck'], ['PublicRecordCheck'], ['BankCheck']]);
    expect(top('Finalize').End).toBe(true);
    for (const [choice, held, resume] of [
      ['HoldOrProceed', 'HeldAtRiskDecision', 'interview'],
      ['HoldAfterInterview', 'HeldAtReassessment', 'approval'],
    ] as const) {
      expect(top(choice).Choices, choice).toEqual([expect.objectContaining({ Variable: '$.risk.outcome', Next: held })]);
      expect(top(held)).toMatchObject({ Type: 'Pass', Result: resume, ResultPath: '$.resumeAt', Next: 'ComplianceReview' });
    }
  });

  it('a hold from any person step goes to the compliance review; confirmed ends there, cleared continues where the case stopped', () => {
    const heldBy: Record<string, string> = {
      ScheduleInterview: 'interview',
      AwaitInterviewOutcome: 'interview',
      Approval: 'approval',
      Escalation: 'approval',
      AwaitInformation: 'information',
      Finalize: 'approval',
    };
    for (const [task, resume] of Object.entries(heldBy)) {
      const c = top(task).Catch!.find((x) => x.ErrorEquals.includes('ComplianceHold'));
      expect(c, `${task} catches ComplianceHold`).toBeDefined();
      expect(top(c!.Next)).toMatchObject({ Type: 'Pass', Result: resume, ResultPath: '$.resumeAt', Next: 'ComplianceReview' });
    }
    const review = top('ComplianceReview');
    expect(payloadOf(review).task).toBe('compliance');
    expect(top(review.Next!)).toMatchObject({ Type: 'Task', Next: 'AfterComplianceReview' });
    expect(payloadOf(top(review.Next!))).toMatchObject({ 'compliance.$': '$.compliance' });
    // A finding added to the hold while it is reviewed ends the review (ComplianceHold) and starts it again, keeping
    // where the case stopped; so does a clearance that went stale before ComplianceDecision applied it.
    const again = review.Catch!.find((x) => x.ErrorEquals.includes('ComplianceHold'));
    expect(again, 'ComplianceReview catches ComplianceHold').toMatchObject({ ResultPath: '$.hold', Next: 'NewHoldFindings' });
    expect(top('NewHoldFindings')).toMatchObject({ Type: 'Pass', Next: 'ComplianceReview' });
    expect(top('NewHoldFindings').ResultPath).toBeUndefined();
    const after = top('AfterComplianceReview');
    expect(after.Choices![0]).toMatchObject({ Next: 'NewHoldFindings' });
    expect(JSON.stringify(after.Choices![0])).toContain('$.final.reviewAgain');
    expect(after.Choices!.slice(1).map((c) => [c.Variable, c.StringEquals, c.Next])).toEqual([
      ['$.compliance.outcome', 'confirmed', 'HoldConfirmed'],
      ['$.resumeAt', 'interview', 'ScheduleInterview'],
      ['$.resumeAt', 'approval', 'Approval'],
      ['$.resumeAt', 'information', 'AwaitInformation'],
    ]);
    expect(top('HoldConfirmed').Type).toBe('Succeed');
    expect(top(after.Default!).Type).toBe('Succeed');
    // An approved contractor held later: an execution of its own that starts at the review.
    expect(top('Start').Choices![0]!.Next).toBe('ComplianceReview');
  });

  it('every Task retries the transient errors with an interval, backoff > 1, a maximum delay and full jitter', () => {
    const missing = tasks()
      .filter(({ state }) => {
        const retry = state.Retry?.find((r) => transientErrors.every((e) => r.ErrorEquals.includes(e)));
        return !(retry && (retry.IntervalSeconds ?? 0) > 0 && (retry.BackoffRate ?? 0) > 1 && (retry.MaxDelaySeconds ?? 0) > 0 && retry.JitterStrategy === 'FULL' && (retry.MaxAttempts ?? 3) > 0);
      })
      .map((v) => `${v.name}: ${JSON.stringify(v.state.Retry)}`);
    expect(
      missing.map((m) => m.split(':')[0]),
      `tasks without a transient-error Retry with backoff, max delay and jitter:\n${missing.join('\n')}`,
    ).toEqual([]);
  });

  it('every Task retries a function timeout (Sandbox.Timedout) with backoff, a maximum delay and full jitter; States.Timeout only on non-callback tasks', () => {
    const offending = tasks()
      .filter(({ state }) => {
        const retry = state.Retry?.find((r) => r.ErrorEquals.includes('Sandbox.Timedout'));
        const ok = retry && (retry.IntervalSeconds ?? 0) > 0 && (retry.BackoffRate ?? 0) > 1 && (retry.MaxDelaySeconds ?? 0) > 0 && retry.JitterStrategy === 'FULL' && (retry.MaxAttempts ?? 3) >= 2;
        const retriesTaskTimeout = (state.Retry ?? []).some((r) => r.ErrorEquals.includes('States.Timeout'));
        // A callback's States.Timeout is a person's deadline: caught (escalation, expiry), never retried.
        return !ok || retriesTaskTimeout === isCallback(state);
      })
      .map((v) => `${v.name}: ${JSON.stringify(v.state.Retry)}`);
    expect(offending, offending.join('\n')).toEqual([]);
  });

  it('no catch-all and no Fail state: a stage that fails for good stops the execution at that step, which a redrive runs again (its FAILED status event records the failure on the case)', () => {
    const catchAll = states.filter((v) => (v.state.Catch ?? []).some((c) => c.ErrorEquals.includes('States.ALL') || c.ErrorEquals.includes('States.TaskFailed')));
    expect(catchAll.map((v) => v.name)).toEqual([]);
    expect(states.filter((v) => v.state.Type === 'Fail').map((v) => v.name)).toEqual([]);
    expect(
      states.filter((v) => v.inBranch && v.state.Catch).map((v) => v.name),
      'a branch task cannot leave its branch',
    ).toEqual([]);
    expect(top('Checks').Catch).toBeUndefined();
  });

  it('every callback (.waitForTaskToken) task has TimeoutSeconds and catches States.Timeout', () => {
    const callbacks = tasks().filter((v) => isCallback(v.state));
    expect(callbacks.map((v) => v.name).sort()).toEqual(['Approval', 'AwaitInformation', 'AwaitInterviewOutcome', 'ComplianceReview', 'Escalation', 'ScheduleInterview']);
    for (const { name, state } of callbacks) {
      expect(state.TimeoutSeconds, name).toBeGreaterThan(0);
      const timeout = state.Catch!.findIndex((c) => c.ErrorEquals.includes('States.Timeout'));
      expect(timeout, `${name} has no States.Timeout catch`).toBeGreaterThanOrEqual(0);
      expect(payloadOf(state), name).toMatchObject({ 'taskToken.$': '$$.Task.Token', timeoutSeconds: state.TimeoutSeconds });
    }
  });

  it('the interview\'s loops are states: a booking ("other times" books again), the outcome, and a no-show with a booking left books again (MAX_BOOKINGS); out of bookings the reviewers decide', () => {
    const schedule = top('ScheduleInterview');
    const outcome = top('AwaitInterviewOutcome');
    expect(payloadOf(schedule)).toMatchObject({ task: 'interview', step: 'schedule' });
    expect(payloadOf(outcome)).toMatchObject({ task: 'interview', step: 'outcome' });
    expect(schedule.Next).toBe('SlotBooked');
    expect(schedule.ResultPath).toBe('$.booking');
    const booked = top('SlotBooked');
    expect(booked.Choices).toEqual([expect.objectContaining({ Variable: '$.booking.booked', BooleanEquals: false, Next: 'OtherTimesRequested' })]);
    expect(booked.Default).toBe('AwaitInterviewOutcome');
    expect(top('OtherTimesRequested')).toMatchObject({ Type: 'Pass', Next: 'ScheduleInterview' });
    expect(outcome.Next).toBe('InterviewHeld');
    expect(outcome.ResultPath).toBe('$.interview');
    // Each has its own deadline: the pick window, then the slot and the write-up.
    expect(schedule.TimeoutSeconds).toBe(3 * 86400);
    expect(outcome.TimeoutSeconds).toBe(15 * 86400);
    const choice = top('InterviewHeld');
    expect(choice.Choices!.map((c) => [c.Variable, c.StringEquals ?? c.NumericLessThan, c.Next])).toEqual([
      ['$.interview.attended', 'yes', 'Reassessment'],
      ['$.interview.bookings', MAX_BOOKINGS, 'RescheduleInterview'],
    ]);
    expect(top('RescheduleInterview')).toMatchObject({ Type: 'Pass', Next: 'ScheduleInterview' });
    expect(choice.Default).toBe('OutOfReschedules');
    // Out of reschedules: the reassessment and the reviewers, never a decision of the workflow's own.
    expect(top('OutOfReschedules')).toMatchObject({ Type: 'Pass', Next: 'Reassessment' });
    // Both steps time out into the same expiry and are held into the same review.
    for (const task of [schedule, outcome]) {
      expect(task.Catch!.find((c) => c.ErrorEquals.includes('States.Timeout'))!.Next).toBe('InterviewTimedOut');
      expect(task.Catch!.find((c) => c.ErrorEquals.includes('ComplianceHold'))!.Next).toBe('HeldDuringInterview');
    }
    expect(payloadOf(top('InterviewTimedOut'))).toMatchObject({ timedOut: 'interview' });
  });

  it('a request for more information waits for the contractor, then goes back to the reviewers; a decision of the backup reviewer takes the same turn', () => {
    const choice = top('InformationRequested');
    expect(choice.Type).toBe('Choice');
    expect(choice.Choices).toEqual([expect.objectContaining({ Variable: '$.approval.decision', StringEquals: 'info-requested', Next: 'AwaitInformation' })]);
    expect(choice.Default).toBe('Finalize');
    expect(top('Approval').Next).toBe('InformationRequested');
    expect(top('Escalation').Next).toBe('InformationRequested');
    const wait = top('AwaitInformation');
    expect(payloadOf(wait).task).toBe('information');
    expect(wait.Next).toBe('Approval');
    expect(wait.ResultPath).toBe('$.information');
    const timedOut = top(wait.Catch!.find((c) => c.ErrorEquals.includes('States.Timeout'))!.Next);
    expect(payloadOf(timedOut)).toMatchObject({ timedOut: 'information' });
    expect(timedOut.End).toBe(true);
  });

  it('a callback timeout never leads to approval: it goes to a timed-out Finalize or to the escalation, and nothing after reaches a decision Finalize', () => {
    for (const { name, state } of tasks().filter((v) => isCallback(v.state))) {
      const target = state.Catch!.find((c) => c.ErrorEquals.includes('States.Timeout'))!.Next;
      const t = top(target);
      const isEscalation = isCallback(t) && payloadOf(t).task === 'escalation';
      const isTimedOutFinalize = t.Type === 'Task' && typeof payloadOf(t).timedOut === 'string' && !isApprovingFinalize(t);
      expect(isEscalation || isTimedOutFinalize, `${name} times out into ${target}: ${JSON.stringify(payloadOf(t))}`).toBe(true);

      // Everything reachable from a timed-out Finalize: never a Finalize carrying a decision.
      if (isTimedOutFinalize) {
        const seen = new Set<string>();
        const queue = [target];
        while (queue.length) {
          const n = queue.shift()!;
          if (seen.has(n)) continue;
          seen.add(n);
          const s = top(n);
          expect(isApprovingFinalize(s), `${name} timeout reaches ${n}, which finalizes with a decision`).toBe(false);
          queue.push(...[s.Next, s.Default, ...(s.Choices ?? []).map((c) => c.Next), ...(s.Catch ?? []).map((c) => c.Next)].filter((x): x is string => !!x));
        }
      }
    }
  });

  it('payloads carry only ids: $.onboardingId, $.linked (the ids and statuses of the other applicants the API found), $$.Execution.Name, the task token, or results the workflow itself wrote; nothing else of the execution input', () => {
    const written = new Set(states.flatMap((v) => [v.state.ResultPath, ...(v.state.Catch ?? []).map((c) => c.ResultPath)]).filter((p): p is string => typeof p === 'string' && p !== '$'));
    // An intrinsic that reads no path (States.StringToJson('null')) carries nothing of the input either.
    const allowed = (p: string) =>
      ['$.onboardingId', '$.linked', '$$.Execution.Name', '$$.Task.Token'].includes(p) || (p.startsWith('States.') && !p.includes('$')) || [...written].some((w) => p === w || p.startsWith(`${w}.`));
    const tasksWithout = tasks()
      .filter((v) => v.state.Parameters === undefined)
      .map((v) => v.name);
    expect(tasksWithout, 'a Task without Parameters passes its whole input on').toEqual([]);
    const offending = states.flatMap((v) =>
      [
        ...pathsIn(v.state.Parameters),
        ...(v.state.Choices ?? []).flatMap((c) => (c.And ? c.And.map((a) => a.Variable ?? '') : c.Not ? [c.Not.Variable ?? ''] : [c.Variable ?? ''])),
        ...(v.state.InputPath ? [v.state.InputPath] : []),
      ]
        .filter((p) => !allowed(p))
        .map((p) => `${v.name}: ${p}`),
    );
    expect(offending).toEqual([]);
    // The ids: every task is told which onboarding it works on.
    for (const { name, state } of tasks()) expect(payloadOf(state)['onboardingId.$'], name).toBe('$.onboardingId');
  });
});
