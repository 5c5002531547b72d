import { describe, expect, it } from 'vitest';
import { failurePathStates } from '../../infra/local/asl-definition';
import { executionArnOf } from '../../shared/adapters/aws/redrive-execution';

/**
 * What a local redrive forgets besides the step that failed: the states only a catch-all leads to (the
 * failure path), never a state the normal flow or a specific catch (a callback's timeout) reaches.
 */
describe('the failure path of a definition', () => {
  const task = (extra: Record<string, unknown>) => ({ Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f', ...extra });
  const catchAll = { ErrorEquals: ['States.ALL'], Next: 'RecordFailure' };

  it('is what only States.ALL catchers reach, inside Parallel branches too', () => {
    const def = {
      StartAt: 'Intake',
      States: {
        Intake: task({ Next: 'Checks', Catch: [catchAll] }),
        Checks: {
          Type: 'Parallel',
          Next: 'Approval',
          Catch: [catchAll],
          Branches: [{ StartAt: 'Bank', States: { Bank: task({ End: true, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'BankFallback' }] }), BankFallback: task({ End: true }) } }],
        },
        // A timeout is an outcome of the flow (escalation), not a failure, even though it is a Catch.
        Approval: task({ Next: 'Done', Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Escalation' }, catchAll] }),
        Escalation: task({ Next: 'Done', Catch: [catchAll] }),
        Done: { Type: 'Succeed' },
        RecordFailure: task({ Next: 'Failed' }),
        Failed: { Type: 'Fail' },
      },
    };
    expect([...failurePathStates(def as never)].sort()).toEqual(['BankFallback', 'Failed', 'RecordFailure']);
  });

  it('a state the normal flow also reaches is not forgotten', () => {
    const def = {
      StartAt: 'A',
      States: { A: task({ Next: 'Notify', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Notify' }] }), Notify: task({ End: true }) },
    };
    expect([...failurePathStates(def as never)]).toEqual([]);
  });
});

describe('the ARN of an execution', () => {
  it('is the state machine ARN with execution and the name', () => {
    expect(executionArnOf('arn:aws:states:eu-central-1:123456789012:stateMachine:Onboarding', 'ob-1')).toBe('arn:aws:states:eu-central-1:123456789012:execution:Onboarding:ob-1');
    expect(() => executionArnOf('arn:aws:states:eu-central-1:123456789012:activity:x', 'ob-1')).toThrow(/not a state machine ARN/);
  });
});
