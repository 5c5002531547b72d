import * as path from 'node:path';
import { gatewayProblemBody, gatewayProblemHeaders, gatewayProblems, type GatewayProblem } from '../shared/http/gateway-problems';
import { ArnFormat, CfnOutput, type CfnResource, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventsTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, type IConstruct } from 'constructs';
import { onboardingWorkflow } from '../workflows/onboarding-workflow';
import { RescreenFullPass } from './constructs/rescreen-full-pass';
import { LAMBDA_TASK_ROOT, VetflowFunction } from './constructs/vetflow-function';
import { Operations } from './constructs/operations';
import { IP_DATA_BUNDLE_DIR, ipDataBundleFiles } from './ip-data-files';
import { SNAPSHOT_BUNDLE_DIR, SNAPSHOT_ENTRIES, SNAPSHOT_SOURCE_DIR } from '../shared/screening/sanctions-snapshot';
import { IFSC_DIRECTORY_FILE } from '../shared/bank/ifsc-directory';
import { UK_MODULUS_PACKAGE } from '../shared/bank/uk-modulus';
import { PHONE_METADATA_DIR, phoneMetadataFile, type PhoneMetadataSet } from '../shared/phone/metadata-file';
import { COUNTRY_DATA_DIR, COUNTRY_DATA_FILES } from '../shared/domain/countries';

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

/** Ten years: OFAC recordkeeping (31 CFR 501.601). */
const recordRetention = logs.RetentionDays.TEN_YEARS;

export class VetflowStack extends Stack {
  readonly api: apigw.RestApi;
  readonly table: dynamodb.Table;
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: VetflowStackProps) {
    super(scope, id, props);

    const key = new kms.Key(this, 'DataKey', {
      description: 'vetflow: cases, documents, secrets, logs and workflow state',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`));

    this.table = new dynamodb.Table(this, 'Cases', {
      partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'SK', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      timeToLiveAttribute: 'expiresAtEpoch',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: 'GSI1',
      partitionKey: { name: 'GSI1PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'GSI1SK', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });
    // The status index: reviewer queue by status, reminder queue, webhook delivery queue. Keys only: every
    // case update would otherwise write the whole case into it a second time (about 40% of an onboarding's
    // write units); its readers take the items from the table by key, so they work with either projection.
    // CloudFormation cannot change an existing index's projection, nor add and drop an index in one update:
    // a stack deployed with the former ALL projection takes two deployments, one without GSI2 (the queues
    // and the reviewer list fail meanwhile), then this one.
    this.table.addGlobalSecondaryIndex({
      indexName: 'GSI2',
      partitionKey: { name: 'GSI2PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'GSI2SK', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Data buckets: the customer-managed key, TLS only, no public access, versioned, access-logged, retained.
    const dataBucket = (id: string, logPrefix: string, lifecycleRules: s3.LifecycleRule[]) =>
      new s3.Bucket(this, id, {
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: key,
        bucketKeyEnabled: true,
        enforceSSL: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        versioned: true,
        serverAccessLogsBucket: accessLogs,
        serverAccessLogsPrefix: logPrefix,
        lifecycleRules,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    const documents = dataBucket('Documents', 'documents/', [
      { id: 'document-images', prefix: 'uploads/', expiration: Duration.days(props.documentRetentionDays), noncurrentVersionExpiration: Duration.days(1) },
      { id: 'abandoned-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
    ]);

    // The official OFAC and UN files, refreshed daily by the sanctions-refresh function; every screening
    // records which version it used.
    const lists = dataBucket('SanctionsLists', 'sanctions/', [{ id: 'old-list-versions', noncurrentVersionExpiration: Duration.days(3650) }]);

    const secret = new secretsmanager.Secret(this, 'SigningKeys', {
      description: 'vetflow master key for link tokens, CSRF tokens, fingerprints and webhook signatures',
      encryptionKey: key,
      generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'masterKey', passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const mailIdentity = new ses.EmailIdentity(this, 'MailFrom', { identity: ses.Identity.email(props.mailFrom) });

    const accessLogGroup = new logs.LogGroup(this, 'ApiAccessLogs', { retention: recordRetention, encryptionKey: key, removalPolicy: RemovalPolicy.RETAIN });
    this.api = new apigw.RestApi(this, 'Api', {
      description: 'vetflow HRIS API and reviewer link pages',
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: 'v1',
        throttlingRateLimit: props.apiThrottle?.rateLimit ?? 100,
        throttlingBurstLimit: props.apiThrottle?.burstLimit ?? 200,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogGroup),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        tracingEnabled: true,
      },
      defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM },
    });
    // What API Gateway answers before a function runs, in the functions' problem-document wording (one table
    // with the local API: shared/http/gateway-problems.ts).
    const gatewayAnswers: [string, apigw.ResponseType, GatewayProblem][] = [
      ['NoRoute', apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN, gatewayProblems.noRoute],
      ['AccessDenied', apigw.ResponseType.ACCESS_DENIED, gatewayProblems.accessDenied],
      ['InvalidSignature', apigw.ResponseType.INVALID_SIGNATURE, gatewayProblems.accessDenied],
      ['ExpiredToken', apigw.ResponseType.EXPIRED_TOKEN, gatewayProblems.accessDenied],
      ['Throttled', apigw.ResponseType.THROTTLED, gatewayProblems.throttled],
      ['TooLarge', apigw.ResponseType.REQUEST_TOO_LARGE, gatewayProblems.tooLarge],
      ['UnsupportedMediaType', apigw.ResponseType.UNSUPPORTED_MEDIA_TYPE, gatewayProblems.unsupportedMediaType],
      ['IntegrationFailure', apigw.ResponseType.INTEGRATION_FAILURE, gatewayProblems.integrationFailed],
      ['IntegrationTimeout', apigw.ResponseType.INTEGRATION_TIMEOUT, gatewayProblems.integrationTimeout],
    ];
    for (const [id, type, p] of gatewayAnswers)
      this.api.addGatewayResponse(`Problem${id}`, {
        type,
        statusCode: String(p.status),
        responseHeaders: Object.fromEntries(Object.entries(gatewayProblemHeaders(p)).map(([k, v]) => [k, `'${v}'`])),
        templates: { 'application/json': gatewayProblemBody(p) },
      });
    // Links in emails are built from this base URL, never from a request's Host header.
    const baseUrl = props.publicBaseUrl ?? `https://${this.api.restApiId}.execute-api.${this.region}.${this.urlSuffix}/v1`;
    // Status changes go to the account's default event bus (for those who prefer events) and, when
    // configured, to the HRIS webhook.
    const bus = events.EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    const common = {
      TABLE_NAME: this.table.tableName,
      SECRET_ARN: secret.secretArn,
      MAIL_FROM: props.mailFrom,
      EVENT_BUS_NAME: bus.eventBusName,
      ...(props.webhookUrl ? { WEBHOOK_URL: props.webhookUrl } : {}),
    };
    const fn = (name: string, description: string, environment: Record<string, string> = {}, memorySize?: number, bundleFiles?: Record<string, readonly string[]>) =>
      new VetflowFunction(this, `${pascal(name)}Function`, {
        name,
        description,
        environment: { ...common, ...environment },
        logKey: key,
        logRetention: recordRetention,
        define: props.define,
        ...(memorySize ? { memorySize } : {}),
        ...(bundleFiles ? { bundleFiles } : {}),
      });

    const baseUrlEnv: Record<string, string> = { PUBLIC_BASE_URL: baseUrl };
    // libphonenumber's numbering plans ship beside the bundles that parse phone numbers, not in them
    // (shared/phone/metadata-file.ts): 80 KB (min) or 153 KB (max) of a bundle otherwise.
    const phoneMetadata = (set: PhoneMetadataSet) => ({ [PHONE_METADATA_DIR]: [`node_modules/libphonenumber-js/${phoneMetadataFile(set)}`] });
    // Likewise the ISO country tables of the functions that match country codes and names (shared/domain/countries.ts).
    const countryData = Object.fromEntries(
      COUNTRY_DATA_FILES.map((f) => [path.posix.join(COUNTRY_DATA_DIR, path.posix.dirname(f)), [`node_modules/i18n-iso-countries/${f}`]]),
    );
    const fns = {
      intake: fn('intake', 'Records the start of the checks and the applicant fingerprints'),
      documentCheck: fn('document-check', 'Identity-document check', { DOCUMENTS_BUCKET: documents.bucketName }, undefined, { ...phoneMetadata('max'), ...countryData }),
      // The lists come from the bucket the daily refresh fills; until it has (or if it cannot), from the snapshot
      // committed in the repository, shipped in the bundle (1.2 MB), and every screening against it says so.
      publicRecordCheck: fn(
        'public-record-check',
        'Sanctions screening, links between applicants, employment references',
        { SANCTIONS_BUCKET: lists.bucketName, SANCTIONS_SNAPSHOT_DIR: `${LAMBDA_TASK_ROOT}/${SNAPSHOT_BUNDLE_DIR}`, ...baseUrlEnv },
        1024,
        { ...countryData, [SNAPSHOT_BUNDLE_DIR]: SNAPSHOT_ENTRIES.map((e) => path.posix.join(SNAPSHOT_SOURCE_DIR, e)) },
      ),
      bankCheck: fn('bank-check', 'Bank-account verification (payee BIC and wallet screened against the lists); sends micro-deposits and emails the contractor a link to confirm them', { SANCTIONS_BUCKET: lists.bucketName, ...baseUrlEnv }, 1024, countryData),
      riskDecision: fn('risk-decision', 'Explainable risk decision over all findings'),
      interview: fn('interview', 'Proposes interview slots and emails the contractor a link', baseUrlEnv),
      approval: fn('approval', 'Emails reviewers their approval links', baseUrlEnv),
      finalize: fn('finalize', 'Records the outcome and tells the HRIS'),
      recordFailure: fn('record-failure', 'Records a permanent stage failure on the case'),
    };
    for (const f of Object.values(fns)) {
      this.table.grantReadWriteData(f);
      secret.grantRead(f);
    }
    documents.grantRead(fns.documentCheck);
    lists.grantRead(fns.publicRecordCheck);
    lists.grantRead(fns.bankCheck);

    // Daily list refresh and re-screening of every monitored contractor (ongoing monitoring).
    const refresh = new VetflowFunction(this, 'SanctionsRefreshFunction', {
      name: 'sanctions-refresh',
      description: 'Downloads the OFAC and UN lists daily, re-screens the entries that changed, starts the full pass when the matcher changed',
      environment: { ...common, SANCTIONS_BUCKET: lists.bucketName },
      logKey: key,
      logRetention: recordRetention,
      define: props.define,
      memorySize: 1536,
      bundleFiles: countryData,
      // The delta reads the whole monitor index (about 6 s per 100,000 monitored applicants; README).
      timeout: Duration.minutes(5),
    });
    this.table.grantReadWriteData(refresh);
    secret.grantRead(refresh);
    lists.grantReadWrite(refresh);
    mailIdentity.grantSendEmail(refresh);
    const listRefreshDlq = new sqs.Queue(this, 'ListRefreshDeadLetters', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'])
      Validations.of(listRefreshDlq).acknowledge({ id, reason: 'This queue is itself the dead-letter queue of the daily list-refresh schedule target.' });
    new events.Rule(this, 'DailyListRefresh', {
      description: 'Refresh the sanctions lists and re-screen active contractors',
      schedule: events.Schedule.cron({ minute: '15', hour: '5' }),
      // Undeliverable schedule events are kept for the operator instead of vanishing.
      targets: [
        new eventsTargets.LambdaFunction(refresh, {
          retryAttempts: 2,
          deadLetterQueue: listRefreshDlq,
        }),
      ],
    });
    for (const f of [fns.interview, fns.approval, fns.finalize, fns.publicRecordCheck, fns.bankCheck]) mailIdentity.grantSendEmail(f);

    /**
     * A sweep of one queue on the status index (an index query, not a table scan) every `every`, with retries
     * and its own dead-letter queue. A sweep older than the next one is worthless: the next reads the same queue.
     */
    const deadLetterQueues: Record<string, sqs.IQueue> = { DailyListRefresh: listRefreshDlq };
    const sweep = (ruleId: string, dlqId: string, description: string, every: Duration, target: lambda.IFunction, what: string) => {
      const dlq = new sqs.Queue(this, dlqId, { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
      deadLetterQueues[ruleId] = dlq;
      for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'])
        Validations.of(dlq).acknowledge({ id, reason: `This queue is itself the dead-letter queue of the ${what} schedule target.` });
      new events.Rule(this, ruleId, {
        description,
        schedule: events.Schedule.rate(every),
        targets: [new eventsTargets.LambdaFunction(target, { retryAttempts: 2, maxEventAge: every, deadLetterQueue: dlq })],
      });
    };

    // Reminders before link deadlines: each unanswered link gets one reminder (shared/links/send-reminders.ts).
    const reminders = fn('reminders', 'Sends one reminder per unanswered link before its deadline', baseUrlEnv);
    this.table.grantReadWriteData(reminders);
    secret.grantRead(reminders);
    mailIdentity.grantSendEmail(reminders);
    sweep('ReminderSweep', 'ReminderDeadLetters', 'Remind people of links about to expire', Duration.minutes(15), reminders, 'reminder');

    // Status-change webhooks: each change writes an outbox item with it (one transaction); the function that
    // made the change tries once, and this sweep of the delivery queue makes the retries with backoff, then
    // dead-letters (shared/notify/outbox-delivery.ts).
    const webhookSweep = fn('webhook-sweep', 'Delivers due status-change webhooks from the outbox, with backoff, then dead-letters', {}, undefined);
    this.table.grantReadWriteData(webhookSweep);
    secret.grantRead(webhookSweep);
    sweep('WebhookSweep', 'WebhookSweepDeadLetters', 'Deliver due status-change webhooks from the outbox', Duration.minutes(1), webhookSweep, 'webhook-sweep');

    const logGroup = new logs.LogGroup(this, 'WorkflowLogs', { retention: recordRetention, encryptionKey: key, removalPolicy: RemovalPolicy.RETAIN });
    // Named, so that the stages that may hold another case (its waiting step ends with SendTaskFailure) can be
    // granted that on its ARN without a reference to the state machine, which references them (a cycle).
    const stateMachineName = `${this.stackName}-onboarding`;
    const holders = [fns.riskDecision, fns.publicRecordCheck, fns.bankCheck, fns.documentCheck];
    for (const f of holders)
      f.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'],
          resources: [this.formatArn({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
        }),
      );
    this.stateMachine = new sfn.StateMachine(this, 'Onboarding', {
      stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(onboardingWorkflow(new Construct(this, 'Workflow'), fns, props.timeouts)),
      tracingEnabled: true,
      // Every transition is logged (an audit trail of the case's path, cdk-nag AwsSolutions-SF1), but execution
      // data stays out of the logs: states carry ids, but errors can echo inputs.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(key, Duration.minutes(5)),
    });

    // No catch-all in the workflow: a stage that fails for good stops the execution at that step (so that
    // RedriveExecution runs it again), and its FAILED status event records the failure on the case. Delivered
    // with retries; what cannot be delivered waits in a dead-letter queue (alarmed like the sweeps').
    const failureDlq = new sqs.Queue(this, 'RecordFailureDeadLetters', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'])
      Validations.of(failureDlq).acknowledge({ id, reason: 'This queue is itself the dead-letter queue of the failed-execution rule target.' });
    deadLetterQueues.OnboardingFailed = failureDlq;
    new events.Rule(this, 'OnboardingFailed', {
      description: 'An onboarding execution stopped without succeeding: record the failure on the case',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: { status: ['FAILED', 'TIMED_OUT', 'ABORTED'], stateMachineArn: [this.stateMachine.stateMachineArn] },
      },
      targets: [new eventsTargets.LambdaFunction(fns.recordFailure, { retryAttempts: 8, maxEventAge: Duration.hours(24), deadLetterQueue: failureDlq })],
    });

    // The tables intake validation checks bank details against ship beside its bundle, not in it: the RBI IFSC
    // directory (about 1 MB) and the UK modulus-check package with its weight table (shared/bank/).
    const api = fn(
      'api',
      'HRIS API: start and read onboardings, presigned document uploads',
      { STATE_MACHINE_ARN: this.stateMachine.stateMachineArn, DOCUMENTS_BUCKET: documents.bucketName },
      undefined,
      {
        '.': [`node_modules/ifsc/src/${IFSC_DIRECTORY_FILE}`],
        [`node_modules/${UK_MODULUS_PACKAGE}`]: [`node_modules/${UK_MODULUS_PACKAGE}/package.json`, `node_modules/${UK_MODULUS_PACKAGE}/dist`],
      },
    );
    // Presigned uploads are signed with the API function's own permissions: PUT into uploads/ only.
    documents.grantPut(api, 'uploads/*');
    this.table.grantReadWriteData(api);
    secret.grantRead(api);
    this.stateMachine.grantStartExecution(api);
    // POST /onboardings/{id}/redrive: a failed onboarding's own execution resumes from the failed stage.
    this.stateMachine.grantExecution(api, 'states:RedriveExecution');

    // The contractor's footprint from their links (shared/signals/footprint-rules.ts) is judged where it is
    // seen, by the signals rules: the links bundle carries the same IP data and numbering plans as the
    // signals function (loaded on the first contractor visit only; staff pages never touch them).
    const links = fn(
      'links',
      'Pages people open from their email: slot picking, interview outcome, approval',
      { STATE_MACHINE_ARN: this.stateMachine.stateMachineArn, DOCUMENTS_BUCKET: documents.bucketName, IP_DATA_DIR: `${LAMBDA_TASK_ROOT}/${IP_DATA_BUNDLE_DIR}`, ...baseUrlEnv },
      512,
      { ...ipDataBundleFiles(), ...phoneMetadata('max') },
    );
    this.table.grantReadWriteData(links);
    // The interviewer's form shows the document photo and the selfie through presigned GETs of a few minutes
    // (shared/document/photo-urls.ts); a presigned URL carries the signer's rights, so read of uploads/ only.
    documents.grantRead(links, 'uploads/*');
    secret.grantRead(links);
    this.stateMachine.grantTaskResponse(links);
    // A contractor's link visit may hold the case (DPRK address space...): the hold tells the HRIS (the
    // event below) and starts an approved contractor's compliance review.
    this.stateMachine.grantStartExecution(links);
    mailIdentity.grantSendEmail(links);

    // The re-screening's full pass, fanned out by partition of the monitor index (infra/constructs/rescreen-full-pass.ts).
    const rescreenPage = new VetflowFunction(this, 'RescreenPageFunction', {
      name: 'rescreen-page',
      description: 'Re-screening full pass: screens one partition of the monitor index against the whole lists',
      environment: { ...common, SANCTIONS_BUCKET: lists.bucketName, STATE_MACHINE_ARN: this.stateMachine.stateMachineArn },
      logKey: key,
      logRetention: recordRetention,
      define: props.define,
      memorySize: 1536,
      bundleFiles: countryData,
      timeout: Duration.minutes(10),
    });
    const fullPass = new RescreenFullPass(this, 'RescreenFullPass', { pageFunction: rescreenPage, logKey: key, logRetention: recordRetention });
    // Holds go through the hold use case: it ends waiting person steps (task failure) and starts an approved
    // contractor's compliance review (an onboarding execution).
    for (const f of [refresh, rescreenPage]) {
      this.stateMachine.grantStartExecution(f);
      this.stateMachine.grantTaskResponse(f);
    }
    this.table.grantReadWriteData(rescreenPage);
    secret.grantRead(rescreenPage);
    lists.grantRead(rescreenPage);
    refresh.addEnvironment('STATE_MACHINE_ARN', this.stateMachine.stateMachineArn);
    refresh.addEnvironment('RESCREEN_STATE_MACHINE_ARN', fullPass.stateMachine.stateMachineArn);
    fullPass.stateMachine.grantStartExecution(refresh);

    // Platform signals: their own function, since IP intelligence data is large and only needed here. The
    // ip-location-db data ships inside its bundle as one compact file built at synth (about 16 MB unpacked,
    // read in tens of milliseconds; see ipDataBundleFiles), so the country and network rules (DPRK address
    // space, hosting, VPN) work on AWS as they do locally.
    const signals = fn(
      'signals',
      'Platform signals: logins, contact and payment changes; re-runs the risk decision',
      // SANCTIONS_BUCKET: a new payout account is screened as the bank stage screens (issue 18).
      { STATE_MACHINE_ARN: this.stateMachine.stateMachineArn, IP_DATA_DIR: `${LAMBDA_TASK_ROOT}/${IP_DATA_BUNDLE_DIR}`, SANCTIONS_BUCKET: lists.bucketName },
      // The compact IP file adds about 16 MB once loaded; 1,536 MB was for the CSVs it replaced.
      512,
      { ...ipDataBundleFiles(), ...phoneMetadata('max'), ...countryData },
    );
    this.table.grantReadWriteData(signals);
    secret.grantRead(signals);
    lists.grantRead(signals);
    this.stateMachine.grantTaskResponse(signals);
    // A hold raised by signals tells the applicants linked to the case (shared/cases/hold-links.ts): an approved
    // one may be held (its compliance review is an execution of its own) or its compliance pool mailed.
    this.stateMachine.grantStartExecution(signals);
    // Holds tell linked applicants: an approved one's compliance pool is mailed (the stage functions without
    // the state machine's ARN mail rather than start a review).
    for (const f of [signals, fns.riskDecision, rescreenPage]) mailIdentity.grantSendEmail(f);
    // The EventBridge event goes out with an outbox item's first attempt: from the function that made the
    // change (prompt attempt) or from the webhook sweep.
    for (const f of [fns.intake, fns.riskDecision, fns.approval, fns.finalize, fns.recordFailure, signals, links, refresh, rescreenPage, webhookSweep]) bus.grantPutEventsTo(f);

    // The re-screening holds cases: it ends their waiting steps and starts the compliance review of an
    // approved contractor as an execution of its own.
    refresh.addEnvironment('STATE_MACHINE_ARN', this.stateMachine.stateMachineArn);
    this.stateMachine.grantStartExecution(refresh);
    this.stateMachine.grantTaskResponse(refresh);

    const validator = new apigw.RequestValidator(this, 'Validator', { restApi: this.api, validateRequestBody: false, validateRequestParameters: true });
    const hris = new apigw.LambdaIntegration(api);
    const onboardings = this.api.root.addResource('onboardings');
    onboardings.addMethod('POST', hris, { requestValidator: validator, requestParameters: { 'method.request.header.Idempotency-Key': true } });
    onboardings.addMethod('GET', hris, { requestValidator: validator, requestParameters: { 'method.request.querystring.status': true } });
    const onboarding = onboardings.addResource('{id}');
    onboarding.addMethod('GET', hris);
    onboarding.addResource('signals').addMethod('POST', new apigw.LambdaIntegration(signals));
    onboarding.addResource('redrive').addMethod('POST', hris);
    this.api.root.addResource('openapi.json').addMethod('GET', hris);
    this.api.root.addResource('uploads').addMethod('POST', hris);

    // The link pages are public: the link token in the path is their credential, checked by the handler.
    const pages = new apigw.LambdaIntegration(links);
    const link = this.api.root.addResource('links').addResource('{token}');
    const linkMethods = ['GET', 'POST'].map((method) => link.addMethod(method, pages, { authorizationType: apigw.AuthorizationType.NONE }));

    this.acknowledgeNagFindings({
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
      deadLetterQueues,
      listMaxAgeDays: props.listMaxAgeDays ?? 7,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: operations.topic.topicArn, description: 'Alarms go here; subscribe with -c alarmEmail=... or your own tooling' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the vetflow API' });
    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });
    new CfnOutput(this, 'SanctionsRefreshFunctionName', { value: refresh.functionName, description: 'npm run case -- rescreen --function <this>' });
    new CfnOutput(this, 'RescreenFullPassArn', { value: fullPass.stateMachine.stateMachineArn });
  }

  /**
   * cdk-nag findings this design accepts, each on the exact resource (and IAM5 finding) with its reason.
   * test/infra/cdk-nag.test.ts fails on any finding not acknowledged here.
   */
  private acknowledgeNagFindings(r: {
    workflowFns: VetflowFunction[];
    fns: VetflowFunction[];
    documentCheck: VetflowFunction;
    documents: s3.Bucket;
    lists: s3.Bucket;
    listReaders: VetflowFunction[];
    refresh: VetflowFunction;
    rescreenPage: VetflowFunction;
    fullPass: RescreenFullPass;
    reminders: VetflowFunction;
    webhookSweep: VetflowFunction;
    api: VetflowFunction;
    links: VetflowFunction;
    secret: secretsmanager.Secret;
    linkMethods: apigw.Method[];
  }): void {
    const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });
    const ref = (c: IConstruct) => `<${this.getLogicalId(c.node.defaultChild as CfnResource)}.Arn>`;

    ack(r.secret, 'AwsSolutions-SMG4',
      'The master key derives link-token hashes and the HMAC fingerprints that link applicants across cases; automatic ' +
      'rotation would orphan every stored fingerprint and outstanding link. Rotation is a planned, re-keying procedure.');
    ack(this.api, 'AwsSolutions-APIG2',
      'The Validator checks required parameters (Idempotency-Key header, status query) at the gateway; bodies are validated ' +
      'by the handlers\' zod schemas so a 400 names the offending field, which a gateway model rejection cannot.');
    ack(this.api.node.findChild('CloudWatchRole'),
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      'The account-level role API Gateway uses to write execution and access logs; this managed policy is the one AWS documents for it.');
    ack(this.api.deploymentStage, 'AwsSolutions-APIG3',
      'No WAF web ACL by default: HRIS routes need SigV4, link routes need an unguessable 256-bit token, and the stage is throttled. ' +
      'A web ACL is an account-level cost and policy decision left to the operator.');
    for (const method of this.api.methods) {
      if ((method.node.defaultChild as apigw.CfnMethod).authorizationType === apigw.AuthorizationType.IAM) {
        ack(method, 'AwsSolutions-COG4', 'HRIS route: the caller is a system, authenticated and authorized with IAM SigV4, not a Cognito user.');
      }
    }
    for (const method of r.linkMethods) {
      const reason = 'Link page opened from an email by a contractor or reviewer who has no account: the link token in the path is the ' +
        'credential (256-bit, stored as a keyed hash, expiring, single decision), checked by the handler.';
      ack(method, 'AwsSolutions-COG4', reason);
      ack(method, 'AwsSolutions-APIG4', reason);
    }

    const tableIndexes = `AwsSolutions-IAM5[Resource::${ref(this.table)}/index/*]`;
    ack(r.refresh, 'Serverless-LambdaDLQ',
      'Invoked by the daily schedule (EventBridge, two retries). A failed refresh keeps the previous lists in use, the screening ' +
      'stage reports their age as a finding, and the next day\'s run tries again: a dead-letter queue would hold nothing to replay.');
    ack(r.refresh.rolePolicy, tableIndexes, 'grantReadWriteData covers this table\'s own indexes (GSI1, GSI2) and nothing else.');
    for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*'])
      ack(r.refresh.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`, 'CDK\'s grant on the data key (table, lists and secret encryption), scoped to that one customer-managed key.');
    ack(r.reminders, 'Serverless-LambdaDLQ',
      'Invoked by the 15-minute schedule (EventBridge, two retries, then the ReminderDeadLetters queue). A failed sweep leaves every due ' +
      'link in the reminder queue, and the next sweep picks it up: a dead-letter queue of invocations would hold nothing to replay.');
    ack(r.reminders.rolePolicy, tableIndexes, 'grantReadWriteData covers this table\'s own indexes (GSI1, GSI2) and nothing else.');
    for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*'])
      ack(r.reminders.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`, 'CDK\'s grant on the data key (table and secret encryption), scoped to that one customer-managed key.');
    ack(r.webhookSweep, 'Serverless-LambdaDLQ',
      'Invoked by the 1-minute schedule (EventBridge, two retries, then the WebhookSweepDeadLetters queue). A failed sweep leaves every due ' +
      'webhook in the outbox\'s delivery queue, and the next sweep picks it up: a dead-letter queue of invocations would hold nothing to replay.');
    ack(r.webhookSweep.rolePolicy, tableIndexes, 'grantReadWriteData covers this table\'s own indexes (GSI1, GSI2) and nothing else.');
    for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*'])
      ack(r.webhookSweep.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`, 'CDK\'s grant on the data key (table and secret encryption), scoped to that one customer-managed key.');
    ack(r.rescreenPage, 'Serverless-LambdaDLQ',
      'Invoked synchronously only, by the RescreenFullPass state machine (lambda:invoke RequestResponse): a DLQ receives asynchronous ' +
      'invocations only. A failed partition fails the pass, which is then not recorded, so the next refresh starts it again.');
    ack(r.rescreenPage.rolePolicy, tableIndexes, 'grantReadWriteData covers this table\'s own indexes (GSI1, GSI2) and nothing else.');
    for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*'])
      ack(r.rescreenPage.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`, 'CDK\'s grant on the data key (table, lists and secret encryption), scoped to that one customer-managed key.');
    const fullPassRole = r.fullPass.stateMachine.role.node.findChild('DefaultPolicy');
    ack(fullPassRole, 'AwsSolutions-IAM5[Resource::*]',
      'Log delivery (logs:*LogDelivery, PutResourcePolicy, Describe*) and X-Ray actions, which support no resource-level permissions.');
    ack(fullPassRole, `AwsSolutions-IAM5[Resource::${ref(r.rescreenPage)}:*]`, 'lambda:InvokeFunction on RescreenPageFunction\'s versions and aliases, granted by the task that invokes it.');
    const fullPassName = `{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${this.getLogicalId(r.fullPass.stateMachine.node.defaultChild as CfnResource)}"}]}]}`;
    const mapPolicy = r.fullPass.stateMachine.node.findChild('DistributedMapPolicy');
    for (const suffix of [':*', '/*:*'])
      ack(mapPolicy, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${fullPassName}${suffix}]`,
        'The Distributed Map\'s own map runs and child executions of this one state machine (StartExecution, DescribeExecution, StopExecution ' +
        'on them): their names are made by Step Functions per run, so only the state machine part of the ARN can be fixed.');
    for (const f of r.listReaders) {
      for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', ...(f === r.refresh ? ['s3:DeleteObject*', 's3:Abort*'] : [])])
        ack(f.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`, 'Access to the sanctions-lists bucket only, which holds nothing but the official OFAC and UN files.');
      ack(f.rolePolicy, `AwsSolutions-IAM5[Resource::${ref(r.lists)}/*]`, 'The official list files (ofac/*, un/*, sources.json) in the lists bucket.');
    }
    ack(r.api.rolePolicy, `AwsSolutions-IAM5[Resource::${ref(r.documents)}/uploads/*]`,
      'Presigned uploads are signed with the API function\'s permissions: PUT under uploads/ only, one random key per upload.');
    for (const action of ['s3:Abort*'])
      ack(r.api.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`, 'Part of CDK\'s grantPut on uploads/*: aborting an upload of the API\'s own presigned keys.');
    for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*'])
      ack(r.api.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`, 'CDK\'s grant on the data key (documents bucket encryption for uploads), scoped to that one customer-managed key.');
    const machine = this.getLogicalId(this.stateMachine.node.defaultChild as CfnResource);
    ack(r.api.rolePolicy, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machine}"}]}]}:*]`,
      'states:RedriveExecution only, on the executions of the onboarding state machine: an onboarding\'s execution is named at its start, so the API redrives the failed one it owns by name.');
    for (const f of r.fns) {
      ack(f, 'Serverless-LambdaDLQ',
        'Invoked synchronously only (Step Functions lambda:invoke RequestResponse, API Gateway proxy): a DLQ receives asynchronous ' +
        'invocations only. Failures surface to the caller: the workflow retries, and a failed execution is recorded on the case by RecordFailure (its status event).');
      ack(f.rolePolicy, tableIndexes, 'grantReadWriteData covers this table\'s own indexes (GSI1, GSI2) and nothing else.');
      for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*']) {
        ack(f.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`,
          'CDK\'s grant on the data key (table and secret encryption), scoped to that one customer-managed key.');
      }
    }
    for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*'])
      ack(r.links.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`,
        'Part of CDK\'s grantRead on uploads/*: the interviewer\'s form presigns GETs of the intake photos for a few minutes.');
    ack(r.links.rolePolicy, `AwsSolutions-IAM5[Resource::${ref(r.documents)}/uploads/*]`,
      'Presigned photo GETs carry the links function\'s rights: read under uploads/ only, the intake images, shown to the interviewer of that case.');
    const documentCheck = r.documentCheck.rolePolicy;
    for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*']) {
      ack(documentCheck, `AwsSolutions-IAM5[Action::${action}]`,
        'Read-only access to the documents bucket; listing lets a missing upload read as 404 (not 403), which the document check reports.');
    }
    ack(documentCheck, `AwsSolutions-IAM5[Resource::${ref(r.documents)}/*]`,
      'The document check reads any uploaded file of the case it checks; the bucket holds only case documents.');

    const workflowPolicy = this.stateMachine.role.node.findChild('DefaultPolicy');
    ack(workflowPolicy, 'AwsSolutions-IAM5[Resource::*]',
      'Log delivery (logs:*LogDelivery, PutResourcePolicy, Describe*) and X-Ray actions, which support no resource-level permissions.');
    for (const f of r.workflowFns) {
      ack(workflowPolicy, `AwsSolutions-IAM5[Resource::${ref(f)}:*]`, `lambda:InvokeFunction on ${f.node.id}'s versions and aliases, granted by the task that invokes it.`);
    }
  }
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
}
