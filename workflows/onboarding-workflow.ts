import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { MAX_BOOKINGS } from '../shared/domain/interview/next-interview-step';
import { workflowErrors } from '../shared/adapters/lambda/task-errors';

export interface OnboardingWorkflowFunctions {
  documentCheck: lambda.IFunction;
  publicRecordCheck: lambda.IFunction;
  bankCheck: lambda.IFunction;
  riskDecision: lambda.IFunction;
  interview: lambda.IFunction;
  approval: lambda.IFunction;
  finalize: lambda.IFunction;
}

export interface OnboardingWorkflowTimeouts {
  /** The contractor's time to pick an interview slot (or ask for other times, once) from the slot-picking email. */
  interviewPick: Duration;
  /** From the booking to the interviewer's outcome: the slot itself (up to the proposal horizon) and the write-up. */
  interviewOutcome: Duration;
  /** The reviewers' time to decide, before escalation to the backup reviewer. */
  approval: Duration;
  /** The backup reviewer's time; after it the case expires, never approves. */
  escalation: Duration;
  /** The contractor's time to answer a reviewer's request for more information; after it, never approved. */
  information: Duration;
  /** The compliance pool's time to confirm or clear a hold; after it the case ends expired, never approved. */
  compliance: Duration;
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
 *   Checks (document | public records | bank, in parallel) -> RiskDecision
 *     -> hold? -> ComplianceReview
 *     -> ScheduleInterview (callback: the contractor picks a slot)
 *     -> SlotBooked? "none of these work" -> OtherTimesRequested -> ScheduleInterview again (once)
 *     -> AwaitInterviewOutcome (callback: the interviewer records the outcome)
 *     -> InterviewHeld? no-show with a booking left -> RescheduleInterview -> ScheduleInterview again;
 *                       out of reschedules -> OutOfReschedules (the no-show goes to the reviewers)
 *     -> Reassessment (the risk decision again, with the interview's findings) -> hold? -> ComplianceReview
 *     -> Approval (callback: reviewers decide; on timeout, Escalation to the backup reviewer)
 *     -> more information requested? -> AwaitInformation (callback: the contractor answers) -> Approval again
 *     -> Finalize
 *
 * A hold raised while a person step waits (platform signals, a re-screening, a linked applicant) ends that
 * step with the ComplianceHold error, which leads to the ComplianceReview too. The compliance pool confirms
 * (the case ends rejected) or, two different people, clears the hold: ComplianceDecision returns the case to
 * where it stopped and the workflow continues there (`$.resumeAt`). A finding added to the hold while it is
 * reviewed (NewHoldFindings) starts the review again: clearances given before it do not count. An approved contractor held by a later
 * re-screening gets an execution of its own that starts at the review (`resumeAt: approved`).
 *
 * Every task retries transient errors and function timeouts with backoff, a maximum delay and full jitter.
 * Any other error fails the execution at that very step, with no catch-all: the execution's FAILED status
 * event records the failure on the case (functions/record-failure, through an EventBridge rule; locally the
 * engine raises the same event), and a redrive (Step Functions RedriveExecution) runs that step again, the
 * steps that completed are not run again. The execution input and every state output carry ids and
 * summaries only: personal data stays in DynamoDB.
 */
export function onboardingWorkflow(scope: Construct, fns: OnboardingWorkflowFunctions, timeouts: OnboardingWorkflowTimeouts): sfn.IChainable {
  const stagePayload = sfn.TaskInput.fromObject({
    onboardingId: sfn.JsonPath.stringAt('$.onboardingId'),
    runId: sfn.JsonPath.stringAt('$$.Execution.Name'),
  });
  const step = (id: string, fn: lambda.IFunction, resultPath: string, payload?: sfn.TaskInput) => retried(lambdaStep(scope, id, fn, { payload: payload ?? stagePayload, resultPath }));
  // Inside a Parallel branch a task cannot jump out of the branch: it retries, and the Parallel catches.
  const branchStep = (id: string, fn: lambda.IFunction, payload = stagePayload) => retried(lambdaStep(scope, id, fn, { payload, resultPath: '$' }));
  // The checks that link applicants get the other applicants the API found as it created the case (in the
  // execution's input: ids, statuses and the kind of identifier shared).
  const linkingPayload = sfn.TaskInput.fromObject({
    onboardingId: sfn.JsonPath.stringAt('$.onboardingId'),
    runId: sfn.JsonPath.stringAt('$$.Execution.Name'),
    linked: sfn.JsonPath.objectAt('$.linked'),
  });

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

  // The person steps, each a callback task whose links carry no task token. The interview's two (the
  // contractor's booking, the interviewer's outcome) share the case's interview callback item, whose
  // progress (proposals, bookings, no-shows) each new task takes over from the one before.
  const scheduleInterview = callbackStep(scope, 'ScheduleInterview', fns.interview, timeouts.interviewPick, '$.booking', 'interview', { step: 'schedule' });
  const awaitInterviewOutcome = callbackStep(scope, 'AwaitInterviewOutcome', fns.interview, timeouts.interviewOutcome, '$.interview', 'interview', { step: 'outcome' });
  const approval = callbackStep(scope, 'Approval', fns.approval, timeouts.approval, '$.approval', 'approval');
  const escalation = callbackStep(scope, 'Escalation', fns.approval, timeouts.escalation, '$.approval', 'escalation');
  // A reviewer asked the contractor for more information: the contractor answers through a link of their
  // own, then the reviewers decide again with fresh links. No answer by the deadline: never approved.
  const awaitInformation = callbackStep(scope, 'AwaitInformation', fns.approval, timeouts.information, '$.information', 'information');

  // The compliance review of a hold, and where a cleared case continues.
  const complianceReview = callbackStep(scope, 'ComplianceReview', fns.approval, timeouts.compliance, '$.compliance', 'compliance');
  complianceReview.addCatch(finalize('ComplianceTimedOut', 'compliance'), { errors: ['States.Timeout'], resultPath: '$.timeout' });
  // A finding added to the hold while it is reviewed ends this review (ComplianceHold): a new one mails the team
  // every reason, and the clearances given before the finding no longer count. `$.resumeAt` is kept.
  const newHoldFindings = new sfn.Pass(scope, 'NewHoldFindings', { comment: 'A finding was added to the hold under review' });
  complianceReview.addCatch(newHoldFindings, { errors: [workflowErrors.complianceHold], resultPath: '$.hold' });
  newHoldFindings.next(complianceReview);
  retried(complianceReview);
  const complianceDecision = step(
    'ComplianceDecision',
    fns.finalize,
    '$.final',
    sfn.TaskInput.fromObject({ onboardingId: sfn.JsonPath.stringAt('$.onboardingId'), compliance: sfn.JsonPath.objectAt('$.compliance') }),
  );
  const resumeAt = (where: string) => sfn.Condition.stringEquals('$.resumeAt', where);
  complianceReview.next(complianceDecision).next(
    new sfn.Choice(scope, 'AfterComplianceReview')
      // The clearance went stale before it was applied (a finding was added after the deciding vote): review again.
      .when(sfn.Condition.and(sfn.Condition.isPresent('$.final.reviewAgain'), sfn.Condition.booleanEquals('$.final.reviewAgain', true)), newHoldFindings)
      .when(sfn.Condition.stringEquals('$.compliance.outcome', 'confirmed'), new sfn.Succeed(scope, 'HoldConfirmed', { comment: 'Compliance confirmed the hold: rejected' }))
      // A hold cleared during the interview books it again: a slot booked before the hold may have passed.
      .when(resumeAt('interview'), scheduleInterview)
      .when(resumeAt('approval'), approval)
      .when(resumeAt('information'), awaitInformation)
      .otherwise(new sfn.Succeed(scope, 'HoldCleared', { comment: 'An approved contractor cleared by compliance' })),
  );
  /** Where a hold found the onboarding, so that clearing it continues there. */
  const heldAt = (id: string, where: string) => new sfn.Pass(scope, id, { result: sfn.Result.fromString(where), resultPath: '$.resumeAt' }).next(complianceReview);
  const onHold = (task: tasks.LambdaInvoke, held: sfn.IChainable) => task.addCatch(held, { errors: [workflowErrors.complianceHold], resultPath: '$.hold' });

  const checks = new sfn.Parallel(scope, 'Checks', { resultPath: '$.checks' })
    .branch(branchStep('DocumentCheck', fns.documentCheck))
    .branch(branchStep('PublicRecordCheck', fns.publicRecordCheck, linkingPayload))
    .branch(branchStep('BankCheck', fns.bankCheck, linkingPayload));

  const risk = step('RiskDecision', fns.riskDecision, '$.risk');
  const reassessment = step('Reassessment', fns.riskDecision, '$.risk');
  const held = sfn.Condition.stringEquals('$.risk.outcome', 'hold');

  // The interview's two person steps end alike: a missed deadline expires the case, a hold goes to review.
  const interviewTimedOut = finalize('InterviewTimedOut', 'interview');
  const heldDuringInterview = heldAt('HeldDuringInterview', 'interview');
  for (const task of [scheduleInterview, awaitInterviewOutcome]) {
    task.addCatch(interviewTimedOut, { errors: ['States.Timeout'], resultPath: '$.timeout' });
    onHold(task, heldDuringInterview);
    retried(task);
  }

  const heldDuringApproval = heldAt('HeldDuringApproval', 'approval');
  escalation.addCatch(finalize('ApprovalTimedOut', 'approval'), { errors: ['States.Timeout'], resultPath: '$.timeout' });
  onHold(escalation, heldDuringApproval);
  retried(escalation);

  approval.addCatch(escalation, { errors: ['States.Timeout'], resultPath: '$.timeout' });
  onHold(approval, heldDuringApproval);
  retried(approval);

  awaitInformation.addCatch(finalize('InformationNotProvided', 'information'), { errors: ['States.Timeout'], resultPath: '$.timeout' });
  onHold(awaitInformation, heldAt('HeldDuringInformation', 'information'));
  retried(awaitInformation);
  awaitInformation.next(approval);

  // A hold raised after the reviewers' vote completed the task and before Finalize wrote it: the review decides.
  const finalizeDecision = lambdaStep(scope, 'Finalize', fns.finalize, {
    payload: sfn.TaskInput.fromObject({ onboardingId: sfn.JsonPath.stringAt('$.onboardingId'), decision: sfn.JsonPath.objectAt('$.approval') }),
    resultPath: '$.final',
  });
  onHold(finalizeDecision, heldDuringApproval);
  retried(finalizeDecision);
  const decided = new sfn.Choice(scope, 'InformationRequested').when(sfn.Condition.stringEquals('$.approval.decision', 'info-requested'), awaitInformation).otherwise(finalizeDecision);
  escalation.next(decided);

  const afterInterview = reassessment.next(new sfn.Choice(scope, 'HoldAfterInterview').when(held, heldAt('HeldAtReassessment', 'approval')).otherwise(approval.next(decided)));
  // The interview's loop. The interviewer's outcome says whether the contractor attended and how many
  // bookings the case has had; a no-show (or a cancelled booking) with a booking left proposes new times,
  // once (MAX_BOOKINGS, the rule of shared/domain/interview/next-interview-step.ts, which the outcome page applies
  // too). Out of reschedules the missed interview is evidence like any other: the reassessment and the
  // reviewers decide, never an automatic approval.
  const rescheduleInterview = new sfn.Pass(scope, 'RescheduleInterview', {
    comment: 'The contractor missed the booked interview: propose new times, counting the booking',
    parameters: { 'bookings.$': '$.interview.bookings', maxBookings: MAX_BOOKINGS },
    resultPath: '$.reschedule',
  }).next(scheduleInterview);
  const outOfReschedules = new sfn.Pass(scope, 'OutOfReschedules', {
    comment: 'No booking left: the no-show is on the case for the reassessment and the reviewers',
    resultPath: sfn.JsonPath.DISCARD,
  }).next(afterInterview);
  // "None of these work" (once, before any booking): the slot-pick page proposes other times and completes
  // the booking task unbooked; the next ScheduleInterview mails them.
  const otherTimesRequested = new sfn.Pass(scope, 'OtherTimesRequested', {
    comment: 'The contractor asked for other times: mail the further proposal',
    resultPath: sfn.JsonPath.DISCARD,
  }).next(scheduleInterview);
  awaitInterviewOutcome.next(
    new sfn.Choice(scope, 'InterviewHeld')
      .when(sfn.Condition.stringEquals('$.interview.attended', 'yes'), afterInterview)
      .when(sfn.Condition.numberLessThan('$.interview.bookings', MAX_BOOKINGS), rescheduleInterview)
      .otherwise(outOfReschedules),
  );
  const interview = scheduleInterview.next(new sfn.Choice(scope, 'SlotBooked').when(sfn.Condition.booleanEquals('$.booking.booked', false), otherTimesRequested).otherwise(awaitInterviewOutcome));
  const onboarding = checks.next(risk).next(new sfn.Choice(scope, 'HoldOrProceed').when(held, heldAt('HeldAtRiskDecision', 'interview')).otherwise(interview));
  // Started without the other applicants (by an operator, with the onboarding id alone): the checks look them
  // up themselves, instead of the execution failing on a missing $.linked.
  const noLinksCarried = new sfn.Pass(scope, 'NoLinksCarried', {
    comment: 'No linked applicants in the input: each check looks them up',
    parameters: { 'onboardingId.$': '$.onboardingId', 'linked.$': "States.StringToJson('null')" },
  }).next(onboarding);
  // An approved contractor held by a later re-screening: an execution of its own, the review alone.
  return (
    new sfn.Choice(scope, 'Start')
      .when(sfn.Condition.and(sfn.Condition.isPresent('$.resumeAt'), resumeAt('approved')), complianceReview)
      // Not(IsPresent) rather than IsPresent: false, which aws-local-stepfunctions 3.0.0 never matches.
      .when(sfn.Condition.not(sfn.Condition.isPresent('$.linked')), noLinksCarried)
      .otherwise(onboarding)
  );
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

function callbackStep(scope: Construct, id: string, fn: lambda.IFunction, timeout: Duration, resultPath: string, task: string, extra: Record<string, string> = {}): tasks.LambdaInvoke {
  const step = tasks.LambdaInvoke.jsonPath(scope, id, {
    lambdaFunction: fn,
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    payload: sfn.TaskInput.fromObject({
      onboardingId: sfn.JsonPath.stringAt('$.onboardingId'),
      task,
      ...extra,
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
