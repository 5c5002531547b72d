import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, METRICS_SERVICE, metricNames } from '../../shared/adapters/observability/metrics';

export interface OperationsProps {
  key: kms.IKey;
  stateMachine: sfn.StateMachine;
  api: apigw.RestApi;
  /** Dead-letter queues of the schedules, by a name for the alarm. */
  deadLetterQueues: Record<string, sqs.IQueue>;
  /** The policy's sanctions.listMaxAgeDays: lists older than this raise the stale-list alarm. */
  listMaxAgeDays: number;
  /** Subscribed to the alarm topic (context alarmEmail). */
  alarmEmail?: string;
}

/**
 * What an operator watches: CloudWatch alarms on failed executions, the schedules' dead-letter queues,
 * webhook dead letters, a stale sanctions list and API 5xx, all sent to one SNS topic (encrypted with the
 * stack's key; `-c alarmEmail=...` subscribes an address), and one dashboard with the business figures
 * the functions emit (shared/adapters/observability/metrics.ts) beside the service metrics.
 */
export class Operations extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Alarms', { displayName: 'vetflow alarms', masterKey: props.key, enforceSSL: true });
    // CloudWatch publishes alarm notifications to the encrypted topic (AWS docs: the key policy must allow it).
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    const business = (name: string, statistic = 'Sum', period = Duration.minutes(5)) =>
      new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: { service: METRICS_SERVICE }, statistic, period });
    const alarm = (alarmId: string, description: string, metric: cloudwatch.IMetric, threshold: number, missing = cloudwatch.TreatMissingData.NOT_BREACHING) => {
      const a = new cloudwatch.Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: missing,
      });
      a.addAlarmAction(new actions.SnsAction(this.topic));
      this.alarms.push(a);
      return a;
    };

    alarm(
      'ExecutionsFailed',
      'An onboarding execution failed, timed out or was aborted: the case is in status failed (see its failure).',
      new cloudwatch.MathExpression({
        expression: 'failed + timedOut + aborted',
        usingMetrics: {
          failed: props.stateMachine.metricFailed({ statistic: 'Sum', period: Duration.minutes(5) }),
          timedOut: props.stateMachine.metricTimedOut({ statistic: 'Sum', period: Duration.minutes(5) }),
          aborted: props.stateMachine.metricAborted({ statistic: 'Sum', period: Duration.minutes(5) }),
        },
        period: Duration.minutes(5),
      }),
      1,
    );
    for (const [name, queue] of Object.entries(props.deadLetterQueues))
      alarm(
        `${name}DeadLetters`,
        `A scheduled run of ${name} was dead-lettered after its retries (messages in ${name}'s dead-letter queue).`,
        queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
        1,
      );
    alarm('WebhookDeadLetters', 'A status-change webhook was dead-lettered: the HRIS did not accept it; replay with npm run case -- webhooks-replay.', business(metricNames.webhookDeadLetters), 1);
    alarm(
      'SanctionsListStale',
      `A screening used sanctions lists older than the policy allows (${props.listMaxAgeDays} days): the daily refresh is not reaching the screening function.`,
      business(metricNames.listAge, 'Maximum', Duration.hours(1)),
      props.listMaxAgeDays + 1,
    );
    alarm('Api5xx', 'The HRIS API answered with a server error.', props.api.metricServerError({ statistic: 'Sum', period: Duration.minutes(5) }), 1);

    const figures = [metricNames.started, metricNames.held, metricNames.approved, metricNames.rejected, metricNames.failed].map((n) => business(n, 'Sum', Duration.hours(1)));
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${scope.node.id}-operations`,
      defaultInterval: Duration.days(7),
      widgets: [
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 })],
        [
          new cloudwatch.GraphWidget({ title: 'Onboardings per hour', left: figures, width: 12 }),
          new cloudwatch.GraphWidget({
            title: 'Time to decision (s)',
            left: [business(metricNames.timeToDecision, 'p50', Duration.hours(1)), business(metricNames.timeToDecision, 'p90', Duration.hours(1))],
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'Webhook dead letters', left: [business(metricNames.webhookDeadLetters, 'Sum', Duration.hours(1))], width: 8 }),
          new cloudwatch.GraphWidget({ title: 'Sanctions list age (days)', left: [business(metricNames.listAge, 'Maximum', Duration.hours(1))], width: 8 }),
          new cloudwatch.GraphWidget({
            title: 'Executions',
            left: [
              props.stateMachine.metricStarted({ period: Duration.hours(1) }),
              props.stateMachine.metricSucceeded({ period: Duration.hours(1) }),
              props.stateMachine.metricFailed({ period: Duration.hours(1) }),
            ],
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'API errors',
            left: [props.api.metricClientError({ period: Duration.minutes(5) }), props.api.metricServerError({ period: Duration.minutes(5) })],
            width: 12,
          }),
          new cloudwatch.GraphWidget({ title: 'API latency (ms)', left: [props.api.metricLatency({ statistic: 'p90', period: Duration.minutes(5) })], width: 12 }),
        ],
      ],
    });
  }
}
