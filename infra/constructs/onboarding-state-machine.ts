import { ArnFormat, Duration, RemovalPolicy, type Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventsTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { onboardingWorkflow, type OnboardingWorkflowTimeouts } from '../../workflows/onboarding-workflow';
import { recordRetention } from './data-stores';
import type { StageFunctions } from './stage-functions';

/**
 * The onboarding state machine (the graph itself reads top to bottom in workflows/onboarding-workflow.ts):
 * logged, traced, encrypted with the data key, and the rule that records a failed execution on its case.
 */
export function onboardingStateMachine(stack: Stack, key: kms.IKey, fns: StageFunctions, timeouts: OnboardingWorkflowTimeouts): { stateMachine: sfn.StateMachine; failureDeadLetters: sqs.Queue } {
  const logGroup = new logs.LogGroup(stack, 'WorkflowLogs', { retention: recordRetention, encryptionKey: key, removalPolicy: RemovalPolicy.RETAIN });
  // Named, so that the stages that may hold another case can be granted what a hold does on its ARN without
  // a reference to the state machine, which references them (a cycle): end that case's waiting step
  // (SendTaskFailure), or, for a contractor already approved, start the compliance review as an execution
  // of its own (StartExecution, STATE_MACHINE_ARN). Without the latter a linked approved case was moved to
  // compliance-hold with no review started: a hold with no owner (adversarial pass, December 2026).
  const stateMachineName = `${stack.stackName}-onboarding`;
  const stateMachineArn = stack.formatArn({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  const holders = [fns.riskDecision, fns.publicRecordCheck, fns.bankCheck, fns.documentCheck, fns.finalize];
  for (const f of holders) {
    f.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess', 'states:StartExecution'], resources: [stateMachineArn] }));
    f.addEnvironment('STATE_MACHINE_ARN', stateMachineArn);
  }
  const stateMachine = new sfn.StateMachine(stack, 'Onboarding', {
    stateMachineName,
    stateMachineType: sfn.StateMachineType.STANDARD,
    definitionBody: sfn.DefinitionBody.fromChainable(onboardingWorkflow(new Construct(stack, 'Workflow'), fns, timeouts)),
    tracingEnabled: true,
    // Every transition is logged (an audit trail of the case's path, cdk-nag AwsSolutions-SF1), but execution
    // data stays out of the logs: states carry ids, but errors can echo inputs.
    logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(key, Duration.minutes(5)),
  });

  // No catch-all in the workflow: a stage that fails for good stops the execution at that step (so that
  // RedriveExecution runs it again), and its FAILED status event records the failure on the case. Delivered
  // with retries; what cannot be delivered waits in a dead-letter queue (alarmed like the sweeps').
  const failureDeadLetters = new sqs.Queue(stack, 'RecordFailureDeadLetters', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
  for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'])
    Validations.of(failureDeadLetters).acknowledge({ id, reason: 'This queue is itself the dead-letter queue of the failed-execution rule target.' });
  new events.Rule(stack, 'OnboardingFailed', {
    description: 'An onboarding execution stopped without succeeding: record the failure on the case',
    eventPattern: {
      source: ['aws.states'],
      detailType: ['Step Functions Execution Status Change'],
      detail: { status: ['FAILED', 'TIMED_OUT', 'ABORTED'], stateMachineArn: [stateMachine.stateMachineArn] },
    },
    targets: [new eventsTargets.LambdaFunction(fns.recordFailure, { retryAttempts: 8, maxEventAge: Duration.hours(24), deadLetterQueue: failureDeadLetters })],
  });
  return { stateMachine, failureDeadLetters };
}
