import { CfnOutput, type Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { DataStores } from './constructs/data-stores';
import { hrisApiFunction, linkPagesFunction, signalsFunction } from './constructs/entry-functions';
import { FunctionFactory } from './constructs/function-factory';
import { addApiRoutes, vetflowRestApi } from './constructs/http-api';
import { acknowledgeNagFindings } from './constructs/nag-acknowledgements';
import { onboardingStateMachine } from './constructs/onboarding-state-machine';
import { Operations } from './constructs/operations';
import { dailyListRefresh, rescreenFullPass } from './constructs/sanctions-monitoring';
import { stageFunctions } from './constructs/stage-functions';
import { sweeps } from './constructs/sweeps';

export interface VetflowStackProps extends StackProps {
  /** The address emails come from; verified as an SES identity. */
  readonly mailFrom: string;
  /** Public base URL of the API, used to build the links in emails (never the request's Host header). */
  readonly publicBaseUrl?: string;
  /** Days uploaded document images are kept (decision and screening records are kept 10 years). */
  readonly documentRetentionDays: number;
  /** API stage throttling, requests per second and burst (context apiRateLimit, apiBurstLimit). */
  readonly apiThrottle?: { rateLimit: number; burstLimit: number };
  /** The HRIS endpoint told about each status change with a signed webhook (optional). */
  readonly webhookUrl?: string;
  /** Subscribed to the alarm topic (context alarmEmail). */
  readonly alarmEmail?: string;
  /** The policy's sanctions.listMaxAgeDays, for the stale-list alarm (default 7). */
  readonly listMaxAgeDays?: number;
  readonly timeouts: { interviewPick: Duration; interviewOutcome: Duration; approval: Duration; escalation: Duration; information: Duration; compliance: Duration };
  /** Validated policy and interviewer pool, baked into every bundle. */
  readonly define: Record<string, string>;
}

/**
 * The whole of vetflow on AWS. Each concern is built by a module of infra/constructs/, in the stack's own
 * scope (so that every logical ID is that of the deployed stacks), in this order: the order is part of the
 * template (resources and policy statements appear in it as they were created).
 */
export class VetflowStack extends Stack {
  readonly api: apigw.RestApi;
  readonly table: dynamodb.Table;
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: VetflowStackProps) {
    super(scope, id, props);

    const data = new DataStores(this, props);
    const { key, documents, lists, secret, mailIdentity } = data;
    this.table = data.table;
    this.api = vetflowRestApi(this, key, props.apiThrottle);
    // Links in emails are built from this base URL, never from a request's Host header.
    const baseUrl = props.publicBaseUrl ?? `https://${this.api.restApiId}.execute-api.${this.region}.${this.urlSuffix}/v1`;
    // Status changes go to the account's default event bus (for those who prefer events) and, when
    // configured, to the HRIS webhook.
    const bus = events.EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    const factory = new FunctionFactory(this, {
      common: {
        TABLE_NAME: this.table.tableName,
        SECRET_ARN: secret.secretArn,
        MAIL_FROM: props.mailFrom,
        EVENT_BUS_NAME: bus.eventBusName,
        ...(props.webhookUrl ? { WEBHOOK_URL: props.webhookUrl } : {}),
      },
      key,
      define: props.define,
    });
    const baseUrlEnv: Record<string, string> = { PUBLIC_BASE_URL: baseUrl };

    const fns = stageFunctions(factory, data, baseUrlEnv);
    // Daily list refresh and re-screening of every monitored contractor (ongoing monitoring).
    const listRefresh = dailyListRefresh(this, factory, data);
    const refresh = listRefresh.refresh;
    const { reminders, webhookSweep, deadLetterQueues: sweepDeadLetters } = sweeps(this, factory, data, baseUrlEnv);
    const workflow = onboardingStateMachine(this, key, fns, props.timeouts);
    this.stateMachine = workflow.stateMachine;

    const api = hrisApiFunction(factory, data, this.stateMachine);
    const links = linkPagesFunction(factory, data, this.stateMachine, baseUrlEnv);
    const { rescreenPage, fullPass } = rescreenFullPass(this, factory, data, this.stateMachine, refresh);
    const signals = signalsFunction(factory, data, this.stateMachine, baseUrlEnv);

    // Holds tell linked applicants: an approved one's compliance pool is mailed (the stage functions without
    // the state machine's ARN mail rather than start a review).
    for (const f of [signals, fns.riskDecision, rescreenPage]) mailIdentity.grantSendEmail(f);
    // A potential match the re-screening records may void a reviewer's first approval, whose giver is sent a fresh
    // link (shared/app/links/voided-approvals.ts).
    for (const f of [refresh, rescreenPage]) f.addEnvironment('PUBLIC_BASE_URL', baseUrl);
    // The EventBridge event goes out with an outbox item's first attempt: from the function that made the
    // change (prompt attempt; the document check for the status a case is created in) or from the webhook sweep.
    for (const f of [fns.documentCheck, fns.riskDecision, fns.approval, fns.finalize, fns.recordFailure, signals, links, refresh, rescreenPage, webhookSweep]) bus.grantPutEventsTo(f);

    // The re-screening holds cases: it ends their waiting steps and starts the compliance review of an
    // approved contractor as an execution of its own.
    refresh.addEnvironment('STATE_MACHINE_ARN', this.stateMachine.stateMachineArn);
    this.stateMachine.grantStartExecution(refresh);
    this.stateMachine.grantTaskResponse(refresh);

    const linkMethods = addApiRoutes(this, this.api, { hris: api, signals, links });

    acknowledgeNagFindings(this, {
      restApi: this.api,
      table: this.table,
      stateMachine: this.stateMachine,
      // The functions the state machine invokes (RecordFailure is the failed-execution rule's target).
      workflowFns: Object.values(fns).filter((f) => f !== fns.recordFailure),
      fns: [...Object.values(fns), api, links, signals],
      documentCheck: fns.documentCheck,
      documents,
      lists,
      listReaders: [fns.publicRecordCheck, fns.bankCheck, refresh, rescreenPage, signals],
      refresh,
      rescreenPage,
      fullPass,
      reminders,
      webhookSweep,
      api,
      links,
      secret,
      linkMethods,
    });

    const operations = new Operations(this, 'Operations', {
      key,
      stateMachine: this.stateMachine,
      api: this.api,
      // Dead-letter queues of the schedules and the failed-execution rule, by a name for the alarm.
      deadLetterQueues: {
        DailyListRefresh: listRefresh.deadLetters,
        ...sweepDeadLetters,
        OnboardingFailed: workflow.failureDeadLetters,
      },
      listMaxAgeDays: props.listMaxAgeDays ?? 7,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: operations.topic.topicArn, description: 'Alarms go here; subscribe with -c alarmEmail=... or your own tooling' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the vetflow API' });
    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });
    new CfnOutput(this, 'SanctionsRefreshFunctionName', { value: refresh.functionName, description: 'npm run case -- rescreen --function <this>' });
    new CfnOutput(this, 'RescreenFullPassArn', { value: fullPass.stateMachine.stateMachineArn });
  }
}
