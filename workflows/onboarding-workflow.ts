import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { workflowErrors } from '../shared/runtime/task-errors';

export interface OnboardingWorkflowFunctions {
  intake: lambda.IFunction;
  documentCheck: lambda.IFunction;
  publicRecordCheck: lambda.IFunction;
  bankCheck: lambda.IFunction;
  riskDecision: lambda.IFunction;
  interview: lambda.IFunction;
  approval: lambda.IFunction;
  finalize: lambda.IFunction;
  recordFailure: lambda.IFunction;
}

export interface OnboardingWorkflowTimeouts {
  /** From the slot-picking email to the interviewer's outcome. */
  interview: Duration;
  /** The reviewers' time to decide, before escalation to the backup reviewer. */
  approval: Duration;
  /** The backup reviewer's time; after it the case expires, never approves. */
  escalation: Duration;
  /** The contractor's time to answer a reviewer's request for more information; after it, never approved. */
  information: Duration;
}

/**
 * Errors worth retrying, as AWS documents them transient: the handlers' TransientError (a dependency
 * throttled or briefly down), the Lambda service's own errors and throttle (TooManyRequests: the account or
 * function is at its concurrency), and Lambda.Unknown (how older runtimes report a crash or timeout).
 */
const transientErrors = [
  workflowErrors.transient,
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.TooManyRequestsException',
  'Lambda.Unknown',
];

/**
 * A function that ran out of time (`Sandbox.Timedout`, Lambda's errorType for a timeout) is retried too:
 * on a busy machine or a cold dependency the next run usually fits, and every handler is idempotent per
 * run. `States.Timeout` on a plain Lambda task is a timeout of that task, so the same; never on a callback
 * task, where it means a person did not answer in time and leads to escalation or expiry instead.
 */
const functionTimeout = 'Sandbox.Timedout';
const taskTimeout = 'States.Timeout';

/**
 * The onboarding, top to bottom:
 *
 *   Intake -> Checks (document | public records | bank, in parallel) -> RiskDecision
 *     -> hold? -> ComplianceHold (end)
 *     -> Interview (callback: contractor picks a slot, interviewer records the outcome)
 *     -> Reassessment (the risk decision again, with the interview's findings) -> hold? -> ComplianceHold
 *     -> Approval (callback: reviewers decide; on timeout, Escalation to the backup reviewer)
 *     -> more information requested? -> AwaitInformation (callback: the contractor answers) -> Approval again
 *     -> Finalize
 *
 * Every task retries transient errors and function timeouts with backoff, a maximum delay and full jitter,
 * and catches the rest into RecordFailure, which records the error on the case and marks the stages that
 * were still running as failed. The execution input and every state output
 * carry ids and summaries only: personal data stays in DynamoDB.
 */
export function onboardingWorkflow(scope: Construct, fns: OnboardingWorkflowFunctions, timeouts: OnboardingWorkflowTimeouts): sfn.IChainable {
  const recordFailure = retried(lambdaStep(scope, 'RecordFailure', fns.recordFailure, {
    payload: sfn.TaskInput.fromObject({
      onboardingId: sfn.JsonPath.stringAt('$.onboardingId'),
      error: sfn.JsonPath.objectAt('$.failure'),
    }),
    resultPath: sfn.JsonPath.DISCARD,
  })).next(new sfn.Fail(scope, 'Failed', { error: 'OnboardingFailed', cause: 'A stage failed permanently; the error is recorded on the case' }));

  const stagePayload = sfn.TaskInput.fromObject({
    onboardingId: sfn.JsonPath.stringAt('$.onboardingId'),
    runId: sfn.JsonPath.stringAt('$$.Execution.Name'),
  });
  const step = (id: string, fn: lambda.IFunction, resultPath: string, payload?: sfn.TaskInput) =>
    guarded(lambdaStep(scope, id, fn, { payload: payload ?? stagePayload, resultPath }), recordFailure);
  // Inside a Parallel branch a task cannot jump out of the branch: it retries, and the Parallel catches.
  const branchStep = (id: string, fn: lambda.IFunction) => retried(lambdaStep(scope, id, fn, { payload: stagePayload, resultPath: '$' }));

  const intake = step('Intake', fns.intake, sfn.JsonPath.DISCARD);

  const checks = new sfn.Parallel(scope, 'Checks', { resultPath: '$.checks' })
    .branch(branchStep('DocumentCheck', fns.documentCheck))
    .branch(branchStep('PublicRecordCheck', fns.publicRecordCheck))
    .branch(branchStep('BankCheck', fns.bankCheck));
  checks.addCatch(recordFailure, { errors: ['States.ALL'], resultPath: '$.failure' });

  const risk = step('RiskDecision', fns.riskDecision, '$.risk');
  const reassessment = step('Reassessment', fns.riskDecision, '$.risk');
  const complianceHold = new sfn.Succeed(scope, 'ComplianceHold', { comment: 'Hard stop: case held for compliance' });
  const held = sfn.Condition.stringEquals('$.risk.outcome', 'hold');

  const finalize = (id: string, outcome: string | undefined) =>
    step(
      id,
      fns.finalize,
      '$.final',
      sfn.TaskInput.fromObject({
        onboardingId: sfn.JsonPath.stringAt('$.onboardingId'),
        ...(outcome ? { timedOut: outcome } : { decision: sfn.JsonPath.objectAt('$.approval') }),
      }),
    );

  const interviewTimedOut = finalize('InterviewTimedOut', 'interview');
  const approvalTimedOut = finalize('ApprovalTimedOut', 'approval');
  const informationNotProvided = finalize('InformationNotProvided', 'information');

  const interview = callbackStep(scope, 'Interview', fns.interview, timeouts.interview, '$.interview', 'interview');
  interview.addCatch(interviewTimedOut, { errors: ['States.Timeout'], resultPath: '$.timeout' });
  // A platform signal can put the case on hold while a person step waits: that step then ends here.
  interview.addCatch(complianceHold, { errors: [workflowErrors.complianceHold], resultPath: '$.hold' });
  guarded(interview, recordFailure);

  const escalation = callbackStep(scope, 'Escalation', fns.approval, timeouts.escalation, '$.approval', 'escalation');
  escalation.addCatch(approvalTimedOut, { errors: ['States.Timeout'], resultPath: '$.timeout' });
  escalation.addCatch(complianceHold, { errors: [workflowErrors.complianceHold], resultPath: '$.hold' });
  guarded(escalation, recordFailure);

  const approval = callbackStep(scope, 'Approval', fns.approval, timeouts.approval, '$.approval', 'approval');
  approval.addCatch(escalation, { errors: ['States.Timeout'], resultPath: '$.timeout' });
  approval.addCatch(complianceHold, { errors: [workflowErrors.complianceHold], resultPath: '$.hold' });
  guarded(approval, recordFailure);

  // A reviewer asked the contractor for more information: the contractor answers through a link of their
  // own, then the reviewers decide again with fresh links. No answer by the deadline: never approved.
  const awaitInformation = callbackStep(scope, 'AwaitInformation', fns.approval, timeouts.information, '$.information', 'information');
  awaitInformation.addCatch(informationNotProvided, { errors: ['States.Timeout'], resultPath: '$.timeout' });
  awaitInformation.addCatch(complianceHold, { errors: [workflowErrors.complianceHold], resultPath: '$.hold' });
  guarded(awaitInformation, recordFailure);
  awaitInformation.next(approval);

  const decided = new sfn.Choice(scope, 'InformationRequested')
    .when(sfn.Condition.stringEquals('$.approval.decision', 'info-requested'), awaitInformation)
    .otherwise(finalize('Finalize', undefined));
  escalation.next(decided);

  const afterInterview = reassessment.next(
    new sfn.Choice(scope, 'HoldAfterInterview').when(held, complianceHold).otherwise(approval.next(decided)),
  );
  return intake
    .next(checks)
    .next(risk)
    .next(new sfn.Choice(scope, 'HoldOrProceed').when(held, complianceHold).otherwise(interview.next(afterInterview)));
}

function lambdaStep(scope: Construct, id: string, fn: lambda.IFunction, props: { payload: sfn.TaskInput; resultPath: string }) {
  return tasks.LambdaInvoke.jsonPath(scope, id, {
    lambdaFunction: fn,
    payload: props.payload,
    payloadResponseOnly: true,
    resultPath: props.resultPath,
    retryOnServiceExceptions: false,
  });
}

/** The callback tasks: their States.Timeout is a person's deadline, never retried. */
const callbackTasks = new WeakSet<tasks.LambdaInvoke>();

function callbackStep(scope: Construct, id: string, fn: lambda.IFunction, timeout: Duration, resultPath: string, task: string) {
  const step = tasks.LambdaInvoke.jsonPath(scope, id, {
    lambdaFunction: fn,
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    payload: sfn.TaskInput.fromObject({
      onboardingId: sfn.JsonPath.stringAt('$.onboardingId'),
      task,
      taskToken: sfn.JsonPath.taskToken,
      timeoutSeconds: timeout.toSeconds(),
    }),
    taskTimeout: sfn.Timeout.duration(timeout),
    resultPath,
    retryOnServiceExceptions: false,
  });
  callbackTasks.add(step);
  return step;
}

function guarded<T extends tasks.LambdaInvoke>(task: T, onFailure: sfn.IChainable): T {
  retried(task);
  task.addCatch(onFailure, { errors: ['States.ALL'], resultPath: '$.failure' });
  return task;
}

function retried<T extends tasks.LambdaInvoke>(task: T): T {
  task.addRetry({
    errors: transientErrors,
    interval: Duration.seconds(1),
    backoffRate: 2,
    maxAttempts: 6,
    maxDelay: Duration.seconds(20),
    jitterStrategy: sfn.JitterType.FULL,
  });
  // A callback task's own timeout is a person's deadline (caught, never retried); its hand-off to the
  // function that mails the links can still time out like any invocation.
  task.addRetry({
    errors: callbackTasks.has(task) ? [functionTimeout] : [functionTimeout, taskTimeout],
    interval: Duration.seconds(2),
    backoffRate: 2,
    maxAttempts: 4,
    maxDelay: Duration.seconds(30),
    jitterStrategy: sfn.JitterType.FULL,
  });
  return task;
}
