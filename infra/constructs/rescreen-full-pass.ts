import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { MONITOR_PARTITIONS } from '../../shared/adapters/dynamodb/monitor-index';
import { workflowErrors } from '../../shared/adapters/lambda/task-errors';

export interface RescreenFullPassProps {
  /** functions/rescreen-page: `page` screens one partition of the monitor index, `finish` records the pass. */
  readonly pageFunction: lambda.IFunction;
  readonly logKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  /** Partitions screened at once (Lambda concurrency and DynamoDB reads of the pass). */
  readonly maxConcurrency?: number;
}

/**
 * The re-screening's full pass (when the matcher changed, or on an operator's `--full`): a state machine of
 * its own with a Distributed Map over the partitions of the monitor index, one Lambda invocation per
 * partition, then one that records the pass. Started by the sanctions-refresh function with `{ run }`.
 *
 * The items are the partition numbers, made by the States.ArrayRange intrinsic from the input (no
 * ItemReader, no S3 listing): the monitor index spreads cases over a fixed number of partitions by a hash
 * of their id, so the partitions are known without reading anything. Each child is an Express execution of
 * one Lambda call. No function ever loops over every monitored case.
 */
export class RescreenFullPass extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: RescreenFullPassProps) {
    super(scope, id);
    const partitions = sfn.Pass.jsonPath(this, 'Partitions', {
      comment: `The ${MONITOR_PARTITIONS} partitions of the monitor index`,
      parameters: { 'partitions.$': `States.ArrayRange(0, ${MONITOR_PARTITIONS - 1}, 1)`, 'run.$': '$.run' },
    });
    const page = tasks.LambdaInvoke.jsonPath(this, 'ScreenPartition', {
      lambdaFunction: props.pageFunction,
      payload: sfn.TaskInput.fromObject({ action: 'page', partition: sfn.JsonPath.numberAt('$.partition'), run: sfn.JsonPath.objectAt('$.run') }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
    });
    page.addRetry({
      errors: [workflowErrors.transient, 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 5,
      maxDelay: Duration.seconds(60),
      jitterStrategy: sfn.JitterType.FULL,
    });
    const map = sfn.DistributedMap.jsonPath(this, 'EachPartition', {
      comment: 'Screens each partition of the monitor index against the whole lists',
      itemsPath: '$.partitions',
      itemSelector: { 'partition.$': '$$.Map.Item.Value', 'run.$': '$.run' },
      maxConcurrency: props.maxConcurrency ?? 16,
      mapExecutionType: sfn.StateMachineType.EXPRESS,
      // A pass is complete or it is not recorded: one failed partition fails the pass, and the next refresh starts it again.
      toleratedFailurePercentage: 0,
      resultPath: sfn.JsonPath.DISCARD,
    });
    map.itemProcessor(page);
    const finish = tasks.LambdaInvoke.jsonPath(this, 'RecordPass', {
      lambdaFunction: props.pageFunction,
      payload: sfn.TaskInput.fromObject({ action: 'finish', run: sfn.JsonPath.objectAt('$.run') }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: true,
    });
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention, encryptionKey: props.logKey, removalPolicy: RemovalPolicy.RETAIN });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      comment: 'vetflow re-screening full pass: every monitored applicant against the whole lists, one Lambda per partition',
      definitionBody: sfn.DefinitionBody.fromChainable(partitions.next(map).next(finish)),
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(props.logKey, Duration.minutes(5)),
      timeout: Duration.hours(6),
    });
  }
}
