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
  /** The compliance pool's time to confirm or clear a hold; after it the case ends expired, never approved. */
  compliance: Duration;
}

/** Errors worth retrying: the Lambda service's own and the handlers' TransientError. */
const transientErrors = [
  workflowErrors.transient,
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.Unknown',
];

/**
 * The onboarding, top to bottom:
 *
 *   Intake -> Checks (document | public records | bank, in parallel) -> RiskDecision
 *     -> hold? -> ComplianceReview
 *     -> Interview (callback: contractor picks a slot, interviewer records the outcome)
 *     -> Reassessment (the risk decision again, with the interview's findings) -> hold? -> ComplianceReview
 *     -> Approval (callback: reviewers decide; on timeout, Escalation to the backup reviewer)
 *     -> more information requested? -> AwaitInformation (callback: the contractor answers) -> Approval again
 *     -> Finalize
 *
 * A hold raised while a person step waits (platform signals, a re-screening, a linked applicant) ends that
 * step with the ComplianceHold error, which leads to the ComplianceReview too. The compliance pool confirms
 * (the case ends rejected) or, two different people, clears the hold: ComplianceDecision returns the case to
 * where it stopped and the workflow continues there (`$.resumeAt`). An approved contractor held by a later
 * re-screening gets an execution of its own that starts at the review (`resumeAt: approved`).
 *
 * Every task retries transient errors with backoff, a maximum delay and full jitter, and catches the rest
 * into RecordFailure, which records the error on the case. The execution input and every state output
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

  const finalize = (id: string, outcome: string) =>
    step(
      id,
      fns.finalize,
      '$.final',
      sfn.TaskInput.fromObject({
        onboardingId: sfn.JsonPath.stringAt('$.onboardingId'),
        timedOut: outcome,
      }),
    );

  // The person steps, each a callback task whose links carry no task token.
  const interview = callbackStep(scope, 'Interview', fns.interview, timeouts.interview, '$.interview', 'interview');
  const approval = callbackStep(scope, 'Approval', fns.approval, timeouts.approval, '$.approval', 'approval');
  const escalation = callbackStep(scope, 'Escalation', fns.approval, timeouts.escalation, '$.approval', 'escalation');
  // A reviewer asked the contractor for more information: the contractor answers through a link of their
  // own, then the reviewers decide again with fresh links. No answer by the deadline: never approved.
  const awaitInformation = callbackStep(scope, 'AwaitInformation', fns.approval, timeouts.information, '$.information', 'information');

  // The compliance review of a hold, and where a cleared case continues.
  const complianceReview = callbackStep(scope, 'ComplianceReview', fns.approval, timeouts.compliance, '$.compliance', 'compliance');
  complianceReview.addCatch(finalize('ComplianceTimedOut', 'compliance'), { errors: ['States.Timeout'], resultPath: '$.timeout' });
  guarded(complianceReview, recordFailure);
  const complianceDecision = step(
    'ComplianceDecision',
    fns.finalize,
    '$.final',
    sfn.TaskInput.fromObject({ onboardingId: sfn.JsonPath.stringAt('$.onboardingId'), compliance: sfn.JsonPath.objectAt('$.compliance') }),
  );
  const resumeAt = (where: string) => sfn.Condition.stringEquals('$.resumeAt', where);
  complianceReview.next(complianceDecision).next(
    new sfn.Choice(scope, 'AfterComplianceReview')
      .when(sfn.Condition.stringEquals('$.compliance.outcome', 'confirmed'), new sfn.Succeed(scope, 'HoldConfirmed', { comment: 'Compliance confirmed the hold: rejected' }))
      .when(resumeAt('interview'), interview)
      .when(resumeAt('approval'), approval)
      .when(resumeAt('information'), awaitInformation)
      .otherwise(new sfn.Succeed(scope, 'HoldCleared', { comment: 'An approved contractor cleared by compliance' })),
  );
  /** Where a hold found the onboarding, so that clearing it continues there. */
  const heldAt = (id: string, where: string) => new sfn.Pass(scope, id, { result: sfn.Result.fromString(where), resultPath: '$.resumeAt' }).next(complianceReview);
  const onHold = (task: tasks.LambdaInvoke, held: sfn.IChainable) => task.addCatch(held, { errors: [workflowErrors.complianceHold], resultPath: '$.hold' });

  const intake = step('Intake', fns.intake, sfn.JsonPath.DISCARD);
  const checks = new sfn.Parallel(scope, 'Checks', { resultPath: '$.checks' })
    .branch(branchStep('DocumentCheck', fns.documentCheck))
    .branch(branchStep('PublicRecordCheck', fns.publicRecordCheck))
    .branch(branchStep('BankCheck', fns.bankCheck));
  checks.addCatch(recordFailure, { errors: ['States.ALL'], resultPath: '$.failure' });

  const risk = step('RiskDecision', fns.riskDecision, '$.risk');
  const reassessment = step('Reassessment', fns.riskDecision, '$.risk');
  const held = sfn.Condition.stringEquals('$.risk.outcome', 'hold');

  interview.addCatch(finalize('InterviewTimedOut', 'interview'), { errors: ['States.Timeout'], resultPath: '$.timeout' });
  onHold(interview, heldAt('HeldDuringInterview', 'interview'));
  guarded(interview, recordFailure);

  const heldDuringApproval = heldAt('HeldDuringApproval', 'approval');
  escalation.addCatch(finalize('ApprovalTimedOut', 'approval'), { errors: ['States.Timeout'], resultPath: '$.timeout' });
  onHold(escalation, heldDuringApproval);
  guarded(escalation, recordFailure);

  approval.addCatch(escalation, { errors: ['States.Timeout'], resultPath: '$.timeout' });
  onHold(approval, heldDuringApproval);
  guarded(approval, recordFailure);

  awaitInformation.addCatch(finalize('InformationNotProvided', 'information'), { errors: ['States.Timeout'], resultPath: '$.timeout' });
  onHold(awaitInformation, heldAt('HeldDuringInformation', 'information'));
  guarded(awaitInformation, recordFailure);
  awaitInformation.next(approval);

  // A hold raised after the reviewers' vote completed the task and before Finalize wrote it: the review decides.
  const finalizeDecision = lambdaStep(scope, 'Finalize', fns.finalize, {
    payload: sfn.TaskInput.fromObject({ onboardingId: sfn.JsonPath.stringAt('$.onboardingId'), decision: sfn.JsonPath.objectAt('$.approval') }),
    resultPath: '$.final',
  });
  onHold(finalizeDecision, heldDuringApproval);
  guarded(finalizeDecision, recordFailure);
  const decided = new sfn.Choice(scope, 'InformationRequested')
    .when(sfn.Condition.stringEquals('$.approval.decision', 'info-requested'), awaitInformation)
    .otherwise(finalizeDecision);
  escalation.next(decided);

  const afterInterview = reassessment.next(
    new sfn.Choice(scope, 'HoldAfterInterview').when(held, heldAt('HeldAtReassessment', 'approval')).otherwise(approval.next(decided)),
  );
  const onboarding = intake
    .next(checks)
    .next(risk)
    .next(new sfn.Choice(scope, 'HoldOrProceed').when(held, heldAt('HeldAtRiskDecision', 'interview')).otherwise(interview.next(afterInterview)));
  // An approved contractor held by a later re-screening: an execution of its own, the review alone.
  return new sfn.Choice(scope, 'Start')
    .when(sfn.Condition.and(sfn.Condition.isPresent('$.resumeAt'), resumeAt('approved')), complianceReview)
    .otherwise(onboarding);
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

function callbackStep(scope: Construct, id: string, fn: lambda.IFunction, timeout: Duration, resultPath: string, task: string): tasks.LambdaInvoke {
  return tasks.LambdaInvoke.jsonPath(scope, id, {
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
    maxAttempts: 5,
    maxDelay: Duration.seconds(20),
    jitterStrategy: sfn.JitterType.FULL,
  });
  return task;
}
