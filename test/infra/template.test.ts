import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, type CfnResource, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Operations } from '../../infra/constructs/operations';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { loadSynthesized } from '../../infra/local/synthesized-app';
import { resolve, type Template as CfnTemplate, type Template as LocalTemplate } from '../../infra/local/intrinsics';
import { renderOnboardingWorkflow } from './render-workflow';
import { type SynthesizedVetflow, synthesizeVetflow } from './synth';
import { IP_DATA_FILE, loadCompactIpIntelligence } from '../../shared/adapters/ip-data/ip-data-compact';
import { MONITOR_PARTITIONS } from '../../shared/adapters/dynamodb/monitor-index';

type Resource = { Type: string; Properties?: Record<string, any> };

/** What cdk-nag does not check, asserted on the synthesized template (checklist items 2-4). */
describe('template (checklist items 2-4)', () => {
  let synth: SynthesizedVetflow;
  let template: Template;
  let keyArn: unknown;
  const logicalId = (c: IConstruct) => synth.stack.getLogicalId(c.node.defaultChild as CfnResource);
  const resources = (type: string) => Object.entries(template.findResources(type)) as Array<[string, Resource]>;

  beforeAll(() => {
    synth = synthesizeVetflow();
    template = Template.fromStack(synth.stack);
    keyArn = { 'Fn::GetAtt': [logicalId(synth.stack.node.findChild('DataKey')), 'Arn'] };
  });

  it('the data key is customer managed, rotated and retained', () => {
    template.hasResource('AWS::KMS::Key', { Properties: Match.objectLike({ EnableKeyRotation: true }), DeletionPolicy: 'Retain' });
  });

  it('DynamoDB: deletion protection, point-in-time recovery, encrypted with the customer-managed key', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: keyArn },
      BillingMode: 'PAY_PER_REQUEST',
    });
    for (const [id, table] of resources('AWS::DynamoDB::Table')) {
      expect(table.Properties?.DeletionProtectionEnabled, id).toBe(true);
      expect(table.Properties?.SSESpecification?.KMSMasterKeyId, id).toEqual(keyArn);
    }
  });

  it('every function that may put a case on hold can start its compliance review: no hold without an owner', () => {
    // The handlers whose imports reach the hold use case's wiring (shared/config/hold.ts): a contractor
    // already approved that one of them holds (a later applicant shares the account) gets a review execution
    // of its own. Before, these functions had no STATE_MACHINE_ARN: the case was held and nobody reviewed it.
    const root = path.resolve(import.meta.dirname, '..', '..');
    const reaches = (file: string, target: string, seen = new Set<string>()): boolean => {
      if (file === target) return true;
      if (seen.has(file) || !fs.existsSync(file)) return false;
      seen.add(file);
      const src = fs.readFileSync(file, 'utf8');
      return [...src.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)].some((m) => reaches(`${path.resolve(path.dirname(file), m[1]!)}.ts`, target, seen));
    };
    const target = path.join(root, 'shared/config/hold.ts');
    const holders = fs.readdirSync(path.join(root, 'functions')).filter((d) => reaches(path.join(root, 'functions', d, 'handler.ts'), target));
    expect(holders).toEqual(expect.arrayContaining(['risk-decision', 'public-record-check', 'bank-check', 'finalize']));
    const cfn = template.toJSON() as CfnTemplate;
    const [machineId, machine] = resources('AWS::StepFunctions::StateMachine').find(([id]) => id.startsWith('Onboarding'))!;
    const machineArn = resolve({ Ref: machineId }, cfn);
    expect(machineArn).toContain(`:stateMachine:${machine.Properties!.StateMachineName}`);
    const functions = resources('AWS::Lambda::Function');
    const policies = resources('AWS::IAM::Policy');
    for (const dir of holders) {
      const prefix = dir.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()) + 'Function';
      const [fnId, fn] = functions.find(([id]) => id.startsWith(prefix))!;
      expect(resolve(fn.Properties!.Environment.Variables.STATE_MACHINE_ARN, cfn), dir).toBe(machineArn);
      const role = JSON.stringify(fn.Properties!.Role);
      const statements = policies
        .filter(([, pol]) => JSON.stringify(pol.Properties!.Roles).includes(role.match(/"([A-Za-z0-9]+Role[A-Za-z0-9]*)"/)![1]!))
        .flatMap(([, pol]) => pol.Properties!.PolicyDocument.Statement as Array<Record<string, any>>);
      const starts = statements.filter((st) => [st.Action].flat().includes('states:StartExecution'));
      expect(
        starts.some((st) => [st.Resource].flat().some((r: unknown) => resolve(r, cfn) === machineArn)),
        `${fnId} may start an execution of the onboarding state machine`,
      ).toBe(true);
    }
  });

  it('table indexes project keys only: a case update does not write the case into an index again', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'GSI1', Projection: { ProjectionType: 'KEYS_ONLY' } }),
        Match.objectLike({ IndexName: 'GSI2', Projection: { ProjectionType: 'KEYS_ONLY' } }),
      ],
    });
  });

  it('the state machine runs the workflow graph that workflow-graph.test.ts renders in a bare stack', () => {
    const [machine] = resources('AWS::StepFunctions::StateMachine');
    const deployed = JSON.parse(resolve(machine![1].Properties!.DefinitionString, template.toJSON() as CfnTemplate) as string) as { States: Record<string, unknown> };
    const shape = (g: { States: Record<string, unknown> }): unknown =>
      Object.fromEntries(
        Object.entries(g.States).map(([name, s]) => {
          const state = s as { Type: string; Next?: string; Branches?: Array<{ States: Record<string, unknown> }> };
          return [name, [state.Type, state.Next, state.Branches?.map(shape)]];
        }),
      );
    expect(shape(deployed)).toEqual(shape(renderOnboardingWorkflow()));
  });

  it('state machine: encrypted with the customer-managed key; logs without execution data', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      EncryptionConfiguration: Match.objectLike({ Type: 'CUSTOMER_MANAGED_KMS_KEY', KmsKeyId: keyArn }),
      LoggingConfiguration: Match.objectLike({ IncludeExecutionData: false, Level: Match.anyValue(), Destinations: [Match.objectLike({})] }),
      TracingConfiguration: { Enabled: true },
    });
    for (const [id, sm] of resources('AWS::StepFunctions::StateMachine')) {
      expect(sm.Properties?.LoggingConfiguration?.IncludeExecutionData, id).toBe(false);
    }
  });

  it('every log group has a retention and is encrypted with the customer-managed key', () => {
    const groups = resources('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThan(0);
    for (const [id, group] of groups) {
      expect(group.Properties?.RetentionInDays, id).toBeGreaterThan(0);
      expect(group.Properties?.KmsKeyId, id).toEqual(keyArn);
    }
  });

  it('every Lambda writes to a log group of this template (none created implicitly, without retention)', () => {
    const groups = new Set(resources('AWS::Logs::LogGroup').map(([id]) => id));
    for (const [id, fn] of resources('AWS::Lambda::Function')) {
      const ref = fn.Properties?.LoggingConfig?.LogGroup?.Ref as string | undefined;
      expect(ref && groups.has(ref), `${id} logs to ${JSON.stringify(fn.Properties?.LoggingConfig)}`).toBe(true);
    }
  });

  it('documents bucket: SSE-KMS with the data key, versioned, public access blocked, lifecycle on uploads', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn } })],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Prefix: 'uploads/', Status: 'Enabled', ExpirationInDays: Match.anyValue(), NoncurrentVersionExpiration: Match.anyValue() })]),
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'documents/' }),
    });
  });

  it('every bucket: versioned, public access blocked, and a policy denying any request without TLS', () => {
    const buckets = resources('AWS::S3::Bucket');
    expect(buckets.length).toBeGreaterThan(0);
    const policies = resources('AWS::S3::BucketPolicy');
    for (const [id, bucket] of buckets) {
      expect(bucket.Properties?.VersioningConfiguration, id).toEqual({ Status: 'Enabled' });
      expect(bucket.Properties?.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const policy = policies.find(([, p]) => p.Properties?.Bucket?.Ref === id);
      expect(policy, `${id} has no bucket policy`).toBeDefined();
      expect(policy![1].Properties?.PolicyDocument?.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Resource: [{ 'Fn::GetAtt': [id, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'Arn'] }, '/*']] }],
          }),
        ]),
      );
    }
  });

  it('API stage: data tracing off, access logs to a log group, throttling, execution logs at ERROR', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': [logicalId(synth.stack.node.findChild('ApiAccessLogs')), 'Arn'] }, Format: Match.anyValue() },
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          DataTraceEnabled: false,
          LoggingLevel: 'ERROR',
          // The design load of 100 onboardings/s gets through by default (context apiRateLimit, apiBurstLimit).
          ThrottlingRateLimit: 100,
          ThrottlingBurstLimit: 200,
        }),
      ]),
    });
    for (const [id, stage] of resources('AWS::ApiGateway::Stage')) {
      for (const setting of stage.Properties?.MethodSettings ?? []) expect(setting.DataTraceEnabled, id).toBe(false);
    }
  });

  it('HRIS methods require AWS_IAM; only the link routes are open (NONE), and POST /onboardings requires Idempotency-Key', () => {
    const apiResources = template.findResources('AWS::ApiGateway::Resource') as Record<string, Resource>;
    const pathOf = (ref: unknown): string => {
      const id = (ref as { Ref?: string }).Ref;
      if (!id) return ''; // Fn::GetAtt RootResourceId
      const r = apiResources[id]!;
      return `${pathOf(r.Properties!.ParentId)}/${r.Properties!.PathPart as string}`;
    };
    const methods = resources('AWS::ApiGateway::Method').map(([, m]) => ({
      route: `${m.Properties!.HttpMethod as string} ${pathOf(m.Properties!.ResourceId)}`,
      auth: m.Properties!.AuthorizationType as string,
      props: m.Properties!,
    }));
    expect(Object.fromEntries(methods.map((m) => [m.route, m.auth]))).toEqual({
      'POST /onboardings': 'AWS_IAM',
      'POST /onboardings/{id}/redrive': 'AWS_IAM',
      'GET /onboardings': 'AWS_IAM',
      'GET /onboardings/{id}': 'AWS_IAM',
      'GET /openapi.json': 'AWS_IAM',
      'POST /uploads': 'AWS_IAM',
      'POST /onboardings/{id}/signals': 'AWS_IAM',
      'GET /links/{token}': 'NONE',
      'POST /links/{token}': 'NONE',
    });
    const start = methods.find((m) => m.route === 'POST /onboardings')!.props;
    expect(start.RequestParameters).toEqual({ 'method.request.header.Idempotency-Key': true });
    expect(start.RequestValidatorId).toEqual({ Ref: logicalId(synth.stack.node.findChild('Validator')) });
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestParameters: true });
  });

  it('every Lambda: explicit Timeout and MemorySize, nodejs22.x on arm64, active tracing', () => {
    const fns = resources('AWS::Lambda::Function');
    expect(fns.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(
      [
        'Api',
        'Approval',
        'BankCheck',
        'DocumentCheck',
        'Finalize',
        'Interview',
        'Links',
        'PublicRecordCheck',
        'RecordFailure',
        'Reminders',
        'RescreenPage',
        'RiskDecision',
        'SanctionsRefresh',
        'Signals',
        'WebhookSweep',
      ]
        .map((n) => `${n}Function`)
        .sort(),
    );
    for (const [id, fn] of fns) {
      expect(fn.Properties, id).toMatchObject({
        Timeout: expect.any(Number),
        MemorySize: expect.any(Number),
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
    }
  });

  it('only the scheduled functions (daily list refresh, reminder sweep, webhook sweep) and the failed-execution record are invoked asynchronously, and each rule target has retries and a dead-letter queue; every other function is called synchronously by API Gateway or the workflow', () => {
    expect(resources('AWS::Lambda::EventSourceMapping')).toEqual([]);
    expect(resources('AWS::Lambda::EventInvokeConfig')).toEqual([]);
    for (const [id, permission] of resources('AWS::Lambda::Permission')) {
      if (permission.Properties?.Principal === 'events.amazonaws.com') {
        expect(JSON.stringify(permission.Properties?.FunctionName), id).toMatch(/SanctionsRefreshFunction|RemindersFunction|WebhookSweepFunction|RecordFailureFunction/);
        continue;
      }
      expect(permission.Properties?.Principal, id).toBe('apigateway.amazonaws.com');
    }
    const rules = resources('AWS::Events::Rule');
    expect(rules.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['DailyListRefresh', 'OnboardingFailed', 'ReminderSweep', 'WebhookSweep']);
    for (const [id, rule] of rules) {
      expect(rule.Properties?.Targets, id).toEqual([
        expect.objectContaining({ DeadLetterConfig: expect.anything(), RetryPolicy: expect.objectContaining({ MaximumRetryAttempts: id.startsWith('OnboardingFailed') ? 8 : 2 }) }),
      ]);
    }
    // A stage that fails for good stops the execution (no catch-all, so a redrive runs it again): its FAILED
    // status event records the failure on the case.
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['aws.states'], 'detail-type': ['Step Functions Execution Status Change'], detail: Match.objectLike({ status: ['FAILED', 'TIMED_OUT', 'ABORTED'] }) },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RecordFailureFunction'), 'Arn'] } })],
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RemindersFunction'), 'Arn'] } })],
    });
    // Webhook retries are spread over these sweeps, not slept inside the function that changed the status.
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebhookSweepFunction'), 'Arn'] } })],
    });
    const [, sm] = resources('AWS::StepFunctions::StateMachine')[0]!;
    const definition = JSON.stringify(sm.Properties?.DefinitionString);
    expect(definition).not.toMatch(/InvocationType[^,]*Event/);
  });

  it('no Lambda role carries an AWS managed policy; each may write only to its own log group', () => {
    for (const [id, fn] of resources('AWS::Lambda::Function')) {
      const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const role = template.toJSON().Resources[roleId] as Resource;
      expect(role.Properties?.ManagedPolicyArns, id).toBeUndefined();
      const logGroupId = fn.Properties?.LoggingConfig?.LogGroup?.Ref as string;
      const policy = resources('AWS::IAM::Policy').find(([, p]) => (p.Properties?.Roles as unknown[]).some((r) => (r as { Ref: string }).Ref === roleId));
      const statements = (policy?.[1].Properties?.PolicyDocument?.Statement ?? []) as Array<{ Action: string | string[]; Resource: unknown }>;
      const logs = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('logs:')));
      expect(logs, id).toEqual([{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } }]);
    }
  });

  it('every role that may query the cases table may also PartiQL SELECT on it and its indexes (the fingerprint lookup of linked applicants is one SELECT ... IN)', () => {
    const statements = resources('AWS::IAM::Policy').flatMap(([, p]) =>
      ((p.Properties?.PolicyDocument?.Statement ?? []) as Array<{ Action: string | string[]; Resource: unknown }>).map((st) => ({
        roles: (p.Properties?.Roles as { Ref: string }[]).map((r) => r.Ref),
        st,
      })),
    );
    const tableId = logicalId(synth.stack.table);
    const on = (action: string) => new Set(statements.filter(({ st }) => [st.Action].flat().includes(action) && JSON.stringify(st.Resource).includes(tableId)).flatMap((x) => x.roles));
    const query = on('dynamodb:Query');
    const select = on('dynamodb:PartiQLSelect');
    expect(query.size).toBeGreaterThan(5);
    expect([...query].filter((r) => !select.has(r))).toEqual([]);
    const selects = statements.filter(({ st }) => [st.Action].flat().includes('dynamodb:PartiQLSelect'));
    for (const { st } of selects) expect(JSON.stringify(st.Resource)).toContain('/index/*');
  });

  it('only the API function may redrive, and only executions of the onboarding state machine', () => {
    const redrivers = resources('AWS::IAM::Policy').flatMap(([id, p]) =>
      ((p.Properties?.PolicyDocument?.Statement ?? []) as Array<{ Action: string | string[]; Resource: unknown }>)
        .filter((st) => [st.Action].flat().includes('states:RedriveExecution'))
        .map((st) => ({ id, roles: p.Properties?.Roles as { Ref: string }[], statement: st })),
    );
    // The re-screening's Distributed Map may redrive its own map runs (CDK grants that to its state machine role).
    const functions = redrivers.filter((r) => !r.roles.some((role) => /^RescreenFullPass/.test(role.Ref)));
    expect(functions).toHaveLength(1);
    redrivers.splice(0, redrivers.length, ...functions);
    expect(redrivers[0]!.roles.map((r) => r.Ref)).toEqual([expect.stringMatching(/^ApiFunctionServiceRole/)]);
    expect(redrivers[0]!.statement.Action).toBe('states:RedriveExecution');
    const resource = JSON.stringify(redrivers[0]!.statement.Resource);
    expect(resource).toContain(':execution:');
    expect(resource).toContain(logicalId(synth.stack.stateMachine));
  });

  it('alarms on failed executions, every dead-letter queue, webhook dead letters, a stale list and API 5xx go to one encrypted SNS topic; one dashboard', () => {
    const alarms = resources('AWS::CloudWatch::Alarm');
    const topics = resources('AWS::SNS::Topic');
    expect(topics).toHaveLength(1);
    const [topicId, topic] = topics[0]!;
    expect(topic.Properties!.KmsMasterKeyId).toEqual(keyArn);
    for (const [id, a] of alarms) expect(a.Properties!.AlarmActions, id).toEqual([{ Ref: topicId }]);
    const byId = (prefix: string) => alarms.filter(([id]) => id.startsWith(`Operations${prefix}`)).map(([, a]) => a.Properties!);
    expect(JSON.stringify(byId('ExecutionsFailed'))).toContain('ExecutionsFailed');
    // Each schedule's dead-letter queue has its alarm.
    const queues = resources('AWS::SQS::Queue').map(([id]) => id);
    const watched = alarms.flatMap(([, a]) =>
      (a.Properties!.Dimensions ?? []).filter((d: { Name: string }) => d.Name === 'QueueName').map((d: { Value: { 'Fn::GetAtt': string[] } }) => d.Value['Fn::GetAtt'][0]),
    );
    expect(watched.sort()).toEqual(queues.sort());
    expect(byId('WebhookDeadLetters')[0]).toMatchObject({ Namespace: 'vetflow', MetricName: 'WebhookDeadLetters', Threshold: 1 });
    expect(byId('SanctionsListStale')[0]).toMatchObject({ Namespace: 'vetflow', MetricName: 'SanctionsListAgeDays', Statistic: 'Maximum', Threshold: 8 });
    expect(byId('Api5xx')[0]).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5XXError' });
    expect(resources('AWS::CloudWatch::Dashboard')).toHaveLength(1);
    // No address unless asked for; -c alarmEmail=... subscribes one.
    expect(resources('AWS::SNS::Subscription')).toHaveLength(0);
  });

  it("the signals function ships the compact IP data and the data's licences in its bundle and reads them from /var/task (DPRK address space included)", () => {
    // The bundles of the one assembly the global setup synthesized (this file's construct tree has none).
    const meta = inject('assembly');
    const bundled = loadSynthesized(meta.dir, meta.templateFile, meta.stackName);
    const functions = Object.entries(bundled.template.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function') as Array<[string, Resource]>;
    const [id, fn] = functions.find(([k]) => k.startsWith('SignalsFunction'))!;
    expect(fn.Properties?.Environment?.Variables?.IP_DATA_DIR, id).toBe('/var/task/ip-data');
    const s3Key = (fn.Properties?.Code as { S3Key?: string }).S3Key;
    expect(s3Key, id).toMatch(/^[0-9a-f]{64}\.zip$/);
    const bundle = bundled.assetDirOf(id);
    const data = path.join(bundle, 'ip-data');
    // The compact file only: the CSVs it is built from stay out of the bundle.
    expect(fs.statSync(path.join(data, IP_DATA_FILE)).size).toBeGreaterThan(1_000_000);
    const shipped = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? shipped(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    expect(shipped(data).filter((f) => f.endsWith('.csv'))).toEqual([]);
    // The data's licences travel with it (CC BY 4.0 attribution for the DB-IP part of the ASN data).
    for (const f of ['asn/DBIP-LICENSE', 'asn/NRO_LICENSE', 'asn/ROUTEVIEWS-LICENSE', 'asn/MODIFICATIONS', 'asn/README.md', 'geo-whois-asn-country/NRO_LICENSE', 'geo-whois-asn-country/README.md'])
      expect(fs.existsSync(path.join(data, f)), f).toBe(true);
    // The IP data: a fraction of the 56 MB of CSVs. The whole bundle (with the lists snapshot and its
    // prebuilt index, for the payout-change screening) far under Lambda's 250 MB unzipped.
    const size = (files: string[]) => files.reduce((n, f) => n + fs.statSync(f).size, 0);
    expect(size(shipped(data))).toBeLessThan(30 * 1024 * 1024);
    expect(size(shipped(bundle))).toBeLessThan(64 * 1024 * 1024);
    // North Korea's own range resolves through the shipped file, as country and as AS 131279 (Star Joint
    // Venture), and so does IPv6 space the data places in KP.
    const intel = loadCompactIpIntelligence(path.join(data, IP_DATA_FILE));
    for (const ip of ['175.45.176.0', '175.45.177.10', '175.45.179.255']) expect(intel.lookup(ip), ip).toMatchObject({ country: 'KP', asn: 131279 });
    expect(intel.lookup('2401:b60:12d0::1').country).toBe('KP');
    expect(intel.header.sources).toEqual({ '@ip-location-db/geo-whois-asn-country': expect.any(String), '@ip-location-db/asn': expect.any(String) });
    // Other functions do not carry it, but the links function: it judges the contractor's footprint (issue 18).
    const links = functions.find(([k]) => k.startsWith('LinksFunction'))![0];
    expect(fs.existsSync(path.join(bundled.assetDirOf(links), 'ip-data', IP_DATA_FILE))).toBe(true);
    for (const [other] of functions) if (other !== id && other !== links) expect(fs.existsSync(path.join(bundled.assetDirOf(other), 'ip-data')), other).toBe(false);
  });

  it('the re-screening full pass is a state machine of its own: a Distributed Map over the monitor index partitions, one Lambda per partition', () => {
    const id = logicalId(synth.stack.node.findChild('RescreenFullPass').node.findChild('StateMachine'));
    const sm = template.toJSON().Resources[id] as Resource;
    const definition = JSON.parse(String(resolve(sm.Properties?.DefinitionString, template.toJSON() as LocalTemplate))) as {
      StartAt: string;
      States: Record<string, Record<string, any>>;
    };
    expect(definition.States[definition.StartAt]?.Parameters).toEqual({ 'partitions.$': `States.ArrayRange(0, ${MONITOR_PARTITIONS - 1}, 1)`, 'run.$': '$.run' });
    const map = Object.values(definition.States).find((st) => st.Type === 'Map')!;
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' });
    expect(map.ItemsPath).toBe('$.partitions');
    expect(map.MaxConcurrency).toBeGreaterThan(1);
    // No failed partition tolerated (0 is the default, which CloudFormation receives as an absent key).
    expect(map.ToleratedFailurePercentage ?? 0).toBe(0);
    expect(map.ToleratedFailureCount ?? 0).toBe(0);
    const page = Object.values(map.ItemProcessor.States as Record<string, Record<string, any>>)[0]!;
    // payloadResponseOnly: the function is the task's resource and the parameters are its event.
    expect(page.Parameters).toMatchObject({ action: 'page', 'partition.$': '$.partition', 'run.$': '$.run' });
    expect(JSON.stringify(sm.Properties?.DefinitionString)).toMatch(/RescreenPageFunction/);
    // The pass is recorded after the map only.
    expect(definition.States[map.Next]?.Parameters).toMatchObject({ action: 'finish', 'run.$': '$.run' });
    // The refresh function starts it; the onboarding workflow is untouched by it.
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ RESCREEN_STATE_MACHINE_ARN: { Ref: id } }) },
      FunctionName: Match.absent(),
    });
  });
});

describe('app context', () => {
  it('a numeric setting that is not a positive integer fails the synth and names the setting', () => {
    expect(() => buildApp(new App({ context: { apiRateLimit: 'lots' } }))).toThrow(/context apiRateLimit must be a positive integer, got "lots"/);
    expect(() => buildApp(new App({ context: { documentRetentionDays: '-3' } }))).toThrow(/context documentRetentionDays must be a positive integer/);
  });
});

describe('operations construct', () => {
  it('alarmEmail subscribes that address to the alarm topic (the app passes -c alarmEmail=... through)', () => {
    const stack = new Stack(new App(), 'Ops');
    const api = new apigw.RestApi(stack, 'Api');
    api.root.addMethod('GET', new apigw.MockIntegration());
    new Operations(stack, 'Operations', {
      key: new kms.Key(stack, 'Key'),
      stateMachine: new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')) }),
      api,
      deadLetterQueues: { Sweep: new sqs.Queue(stack, 'Dlq') },
      listMaxAgeDays: 3,
      alarmEmail: 'ops@example.com',
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'SanctionsListAgeDays', Threshold: 4 });
    t.resourceCountIs('AWS::CloudWatch::Alarm', 5);
  });
});
