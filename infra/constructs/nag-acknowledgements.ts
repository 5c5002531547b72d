import { type CfnResource, type Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { IConstruct } from 'constructs';
import type { RescreenFullPass } from './rescreen-full-pass';
import type { VetflowFunction } from './vetflow-function';

/** What the acknowledgements name: the resources each accepted finding sits on. */
export interface NagSubjects {
  restApi: apigw.RestApi;
  table: dynamodb.Table;
  stateMachine: sfn.StateMachine;
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
}

/**
 * cdk-nag findings this design accepts, each on the exact resource (and IAM5 finding) with its reason.
 * test/infra/cdk-nag.test.ts fails on any finding not acknowledged here.
 */
export function acknowledgeNagFindings(stack: Stack, r: NagSubjects): void {
  const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });
  const ref = (c: IConstruct) => `<${stack.getLogicalId(c.node.defaultChild as CfnResource)}.Arn>`;

  ack(
    r.secret,
    'AwsSolutions-SMG4',
    'The master key derives link-token hashes and the HMAC fingerprints that link applicants across cases; automatic ' +
      'rotation would orphan every stored fingerprint and outstanding link. Rotation is a planned, re-keying procedure.',
  );
  ack(
    r.restApi,
    'AwsSolutions-APIG2',
    'The Validator checks required parameters (Idempotency-Key header, status query) at the gateway; bodies are validated ' +
      "by the handlers' zod schemas so a 400 names the offending field, which a gateway model rejection cannot.",
  );
  ack(
    r.restApi.node.findChild('CloudWatchRole'),
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
    'The account-level role API Gateway uses to write execution and access logs; this managed policy is the one AWS documents for it.',
  );
  ack(
    r.restApi.deploymentStage,
    'AwsSolutions-APIG3',
    'No WAF web ACL by default: HRIS routes need SigV4, link routes need an unguessable 256-bit token, and the stage is throttled. ' +
      'A web ACL is an account-level cost and policy decision left to the operator.',
  );
  for (const method of r.restApi.methods) {
    if ((method.node.defaultChild as apigw.CfnMethod).authorizationType === apigw.AuthorizationType.IAM) {
      ack(method, 'AwsSolutions-COG4', 'HRIS route: the caller is a system, authenticated and authorized with IAM SigV4, not a Cognito user.');
    }
  }
  for (const method of r.linkMethods) {
    const reason =
      'Link page opened from an email by a contractor or reviewer who has no account: the link token in the path is the ' +
      'credential (256-bit, stored as a keyed hash, expiring, single decision), checked by the handler.';
    ack(method, 'AwsSolutions-COG4', reason);
    ack(method, 'AwsSolutions-APIG4', reason);
  }

  const tableIndexes = `AwsSolutions-IAM5[Resource::${ref(r.table)}/index/*]`;
  ack(
    r.refresh,
    'Serverless-LambdaDLQ',
    'Invoked by the daily schedule (EventBridge, two retries). A failed refresh keeps the previous lists in use, the screening ' +
      "stage reports their age as a finding, and the next day's run tries again: a dead-letter queue would hold nothing to replay.",
  );
  ack(r.refresh.rolePolicy, tableIndexes, "grantReadWriteData covers this table's own indexes (GSI1, GSI2) and nothing else.");
  for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*'])
    ack(r.refresh.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`, "CDK's grant on the data key (table, lists and secret encryption), scoped to that one customer-managed key.");
  ack(
    r.reminders,
    'Serverless-LambdaDLQ',
    'Invoked by the 15-minute schedule (EventBridge, two retries, then the ReminderDeadLetters queue). A failed sweep leaves every due ' +
      'link in the reminder queue, and the next sweep picks it up: a dead-letter queue of invocations would hold nothing to replay.',
  );
  ack(r.reminders.rolePolicy, tableIndexes, "grantReadWriteData covers this table's own indexes (GSI1, GSI2) and nothing else.");
  for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*'])
    ack(r.reminders.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`, "CDK's grant on the data key (table and secret encryption), scoped to that one customer-managed key.");
  ack(
    r.webhookSweep,
    'Serverless-LambdaDLQ',
    'Invoked by the 1-minute schedule (EventBridge, two retries, then the WebhookSweepDeadLetters queue). A failed sweep leaves every due ' +
      "webhook in the outbox's delivery queue, and the next sweep picks it up: a dead-letter queue of invocations would hold nothing to replay.",
  );
  ack(r.webhookSweep.rolePolicy, tableIndexes, "grantReadWriteData covers this table's own indexes (GSI1, GSI2) and nothing else.");
  for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*'])
    ack(r.webhookSweep.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`, "CDK's grant on the data key (table and secret encryption), scoped to that one customer-managed key.");
  ack(
    r.rescreenPage,
    'Serverless-LambdaDLQ',
    'Invoked synchronously only, by the RescreenFullPass state machine (lambda:invoke RequestResponse): a DLQ receives asynchronous ' +
      'invocations only. A failed partition fails the pass, which is then not recorded, so the next refresh starts it again.',
  );
  ack(r.rescreenPage.rolePolicy, tableIndexes, "grantReadWriteData covers this table's own indexes (GSI1, GSI2) and nothing else.");
  for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*'])
    ack(r.rescreenPage.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`, "CDK's grant on the data key (table, lists and secret encryption), scoped to that one customer-managed key.");
  const fullPassRole = r.fullPass.stateMachine.role.node.findChild('DefaultPolicy');
  ack(fullPassRole, 'AwsSolutions-IAM5[Resource::*]', 'Log delivery (logs:*LogDelivery, PutResourcePolicy, Describe*) and X-Ray actions, which support no resource-level permissions.');
  ack(fullPassRole, `AwsSolutions-IAM5[Resource::${ref(r.rescreenPage)}:*]`, "lambda:InvokeFunction on RescreenPageFunction's versions and aliases, granted by the task that invokes it.");
  const fullPassName = `{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${stack.getLogicalId(r.fullPass.stateMachine.node.defaultChild as CfnResource)}"}]}]}`;
  const mapPolicy = r.fullPass.stateMachine.node.findChild('DistributedMapPolicy');
  for (const suffix of [':*', '/*:*'])
    ack(
      mapPolicy,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${fullPassName}${suffix}]`,
      "The Distributed Map's own map runs and child executions of this one state machine (StartExecution, DescribeExecution, StopExecution " +
        'on them): their names are made by Step Functions per run, so only the state machine part of the ARN can be fixed.',
    );
  for (const f of r.listReaders) {
    for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', ...(f === r.refresh ? ['s3:DeleteObject*', 's3:Abort*'] : [])])
      ack(f.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`, 'Access to the sanctions-lists bucket only, which holds nothing but the official OFAC and UN files.');
    ack(f.rolePolicy, `AwsSolutions-IAM5[Resource::${ref(r.lists)}/*]`, 'The official list files (ofac/*, un/*, sources.json) in the lists bucket.');
  }
  ack(
    r.api.rolePolicy,
    `AwsSolutions-IAM5[Resource::${ref(r.documents)}/uploads/*]`,
    "Presigned uploads are signed with the API function's permissions: PUT under uploads/ only, one random key per upload.",
  );
  for (const action of ['s3:Abort*']) ack(r.api.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`, "Part of CDK's grantPut on uploads/*: aborting an upload of the API's own presigned keys.");
  for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*'])
    ack(r.api.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`, "CDK's grant on the data key (documents bucket encryption for uploads), scoped to that one customer-managed key.");
  const machine = stack.getLogicalId(r.stateMachine.node.defaultChild as CfnResource);
  ack(
    r.api.rolePolicy,
    `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machine}"}]}]}:*]`,
    "states:RedriveExecution only, on the executions of the onboarding state machine: an onboarding's execution is named at its start, so the API redrives the failed one it owns by name.",
  );
  for (const f of r.fns) {
    ack(
      f,
      'Serverless-LambdaDLQ',
      'Invoked synchronously only (Step Functions lambda:invoke RequestResponse, API Gateway proxy): a DLQ receives asynchronous ' +
        'invocations only. Failures surface to the caller: the workflow retries, and a failed execution is recorded on the case by RecordFailure (its status event).',
    );
    ack(f.rolePolicy, tableIndexes, "grantReadWriteData covers this table's own indexes (GSI1, GSI2) and nothing else.");
    for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*']) {
      ack(f.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`, "CDK's grant on the data key (table and secret encryption), scoped to that one customer-managed key.");
    }
  }
  for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*'])
    ack(r.links.rolePolicy, `AwsSolutions-IAM5[Action::${action}]`, "Part of CDK's grantRead on uploads/*: the interviewer's form presigns GETs of the intake photos for a few minutes.");
  ack(
    r.links.rolePolicy,
    `AwsSolutions-IAM5[Resource::${ref(r.documents)}/uploads/*]`,
    "Presigned photo GETs carry the links function's rights: read under uploads/ only, the intake images, shown to the interviewer of that case.",
  );
  const documentCheck = r.documentCheck.rolePolicy;
  for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*']) {
    ack(documentCheck, `AwsSolutions-IAM5[Action::${action}]`, 'Read-only access to the documents bucket; listing lets a missing upload read as 404 (not 403), which the document check reports.');
  }
  ack(documentCheck, `AwsSolutions-IAM5[Resource::${ref(r.documents)}/*]`, 'The document check reads any uploaded file of the case it checks; the bucket holds only case documents.');

  const workflowPolicy = r.stateMachine.role.node.findChild('DefaultPolicy');
  ack(workflowPolicy, 'AwsSolutions-IAM5[Resource::*]', 'Log delivery (logs:*LogDelivery, PutResourcePolicy, Describe*) and X-Ray actions, which support no resource-level permissions.');
  for (const f of r.workflowFns) {
    ack(workflowPolicy, `AwsSolutions-IAM5[Resource::${ref(f)}:*]`, `lambda:InvokeFunction on ${f.node.id}'s versions and aliases, granted by the task that invokes it.`);
  }
}
