import { Duration, type Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventsTargets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { DataStores } from './data-stores';
import type { FunctionFactory } from './function-factory';
import type { VetflowFunction } from './vetflow-function';
import { grantCaseTable } from './data-stores';

/**
 * A sweep of one queue on the status index (an index query, not a table scan) every `every`, with retries
 * and its own dead-letter queue. A sweep older than the next one is worthless: the next reads the same queue.
 */
function sweep(stack: Stack, ruleId: string, dlqId: string, description: string, every: Duration, target: lambda.IFunction, what: string): sqs.Queue {
  const dlq = new sqs.Queue(stack, dlqId, { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
  for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']) Validations.of(dlq).acknowledge({ id, reason: `This queue is itself the dead-letter queue of the ${what} schedule target.` });
  new events.Rule(stack, ruleId, {
    description,
    schedule: events.Schedule.rate(every),
    targets: [new eventsTargets.LambdaFunction(target, { retryAttempts: 2, maxEventAge: every, deadLetterQueue: dlq })],
  });
  return dlq;
}

export interface Sweeps {
  reminders: VetflowFunction;
  webhookSweep: VetflowFunction;
  /** The sweeps' dead-letter queues, by rule id (alarmed by Operations). */
  deadLetterQueues: { ReminderSweep: sqs.Queue; WebhookSweep: sqs.Queue };
}

/** The queue sweeps on the status index: link reminders and webhook retries. */
export function sweeps(stack: Stack, factory: FunctionFactory, data: DataStores, baseUrlEnv: Record<string, string>): Sweeps {
  const { table, secret, mailIdentity } = data;
  // Reminders before link deadlines: each unanswered link gets one reminder (shared/app/links/send-reminders.ts).
  const reminders = factory.fn('reminders', 'Sends one reminder per unanswered link before its deadline', baseUrlEnv);
  grantCaseTable(table, reminders);
  secret.grantRead(reminders);
  mailIdentity.grantSendEmail(reminders);
  const reminderDlq = sweep(stack, 'ReminderSweep', 'ReminderDeadLetters', 'Remind people of links about to expire', Duration.minutes(15), reminders, 'reminder');

  // Status-change webhooks: each change writes an outbox item with it (one transaction); the function that
  // made the change tries once, and this sweep of the delivery queue makes the retries with backoff, then
  // dead-letters (shared/adapters/notify/outbox-delivery.ts).
  const webhookSweep = factory.fn('webhook-sweep', 'Delivers due status-change webhooks from the outbox, with backoff, then dead-letters', {}, undefined);
  grantCaseTable(table, webhookSweep);
  secret.grantRead(webhookSweep);
  const webhookDlq = sweep(stack, 'WebhookSweep', 'WebhookSweepDeadLetters', 'Deliver due status-change webhooks from the outbox', Duration.minutes(1), webhookSweep, 'webhook-sweep');
  return { reminders, webhookSweep, deadLetterQueues: { ReminderSweep: reminderDlq, WebhookSweep: webhookDlq } };
}
