import { Duration, type Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventsTargets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { type DataStores, recordRetention, grantCaseTable } from './data-stores';
import { countryData, type FunctionFactory, hanjaReadings } from './function-factory';
import { RescreenFullPass } from './rescreen-full-pass';
import type { VetflowFunction } from './vetflow-function';

/**
 * Ongoing monitoring, part one: the daily list refresh, which re-screens the monitored contractors the
 * changed entries touch, on a schedule with retries and a dead-letter queue.
 */
export function dailyListRefresh(stack: Stack, factory: FunctionFactory, data: DataStores): { refresh: VetflowFunction; deadLetters: sqs.Queue } {
  const { table, secret, lists, mailIdentity } = data;
  const refresh = factory.fn(
    'sanctions-refresh',
    'Downloads the OFAC and UN lists daily, re-screens the entries that changed, starts the full pass when the matcher changed',
    { SANCTIONS_BUCKET: lists.bucketName },
    1536,
    // hanjaReadings: a monitored name in Han characters is read as Korean (shared/domain/screening/hanja-korean.ts).
    { ...countryData, ...hanjaReadings },
    // The delta reads the whole monitor index (about 6 s per 100,000 monitored applicants; README).
    Duration.minutes(5),
  );
  grantCaseTable(table, refresh);
  secret.grantRead(refresh);
  lists.grantReadWrite(refresh);
  mailIdentity.grantSendEmail(refresh);
  const deadLetters = new sqs.Queue(stack, 'ListRefreshDeadLetters', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
  for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'])
    Validations.of(deadLetters).acknowledge({ id, reason: 'This queue is itself the dead-letter queue of the daily list-refresh schedule target.' });
  new events.Rule(stack, 'DailyListRefresh', {
    description: 'Refresh the sanctions lists and re-screen active contractors',
    schedule: events.Schedule.cron({ minute: '15', hour: '5' }),
    // Undeliverable schedule events are kept for the operator instead of vanishing.
    targets: [
      new eventsTargets.LambdaFunction(refresh, {
        retryAttempts: 2,
        deadLetterQueue: deadLetters,
      }),
    ],
  });
  return { refresh, deadLetters };
}

/**
 * Ongoing monitoring, part two: the re-screening's full pass, fanned out by partition of the monitor index
 * (infra/constructs/rescreen-full-pass.ts), started by the refresh when the matcher changed.
 */
export function rescreenFullPass(
  stack: Stack,
  factory: FunctionFactory,
  data: DataStores,
  stateMachine: sfn.StateMachine,
  refresh: VetflowFunction,
): { rescreenPage: VetflowFunction; fullPass: RescreenFullPass } {
  const { table, secret, lists, key } = data;
  const rescreenPage = factory.fn(
    'rescreen-page',
    'Re-screening full pass: screens one partition of the monitor index against the whole lists',
    { SANCTIONS_BUCKET: lists.bucketName, STATE_MACHINE_ARN: stateMachine.stateMachineArn },
    1536,
    // hanjaReadings: a monitored name in Han characters is read as Korean (shared/domain/screening/hanja-korean.ts).
    { ...countryData, ...hanjaReadings },
    Duration.minutes(10),
  );
  const fullPass = new RescreenFullPass(stack, 'RescreenFullPass', { pageFunction: rescreenPage, logKey: key, logRetention: recordRetention });
  // Holds go through the hold use case: it ends waiting person steps (task failure) and starts an approved
  // contractor's compliance review (an onboarding execution).
  for (const f of [refresh, rescreenPage]) {
    stateMachine.grantStartExecution(f);
    stateMachine.grantTaskResponse(f);
  }
  grantCaseTable(table, rescreenPage);
  secret.grantRead(rescreenPage);
  lists.grantRead(rescreenPage);
  refresh.addEnvironment('STATE_MACHINE_ARN', stateMachine.stateMachineArn);
  refresh.addEnvironment('RESCREEN_STATE_MACHINE_ARN', fullPass.stateMachine.stateMachineArn);
  fullPass.stateMachine.grantStartExecution(refresh);
  return { rescreenPage, fullPass };
}
