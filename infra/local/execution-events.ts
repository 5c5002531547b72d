import { randomUUID } from 'node:crypto';
import type { ExecutionRecord } from './execution-store';
import { localAccount, localRegion, resolve, type Template } from './intrinsics';
import type { LambdaHost } from './lambda-host';

const detailType = 'Step Functions Execution Status Change';

interface ExecutionRule {
  id: string;
  statuses: string[];
  stateMachineArns: string[];
  targets: { functionArn: string; retries: number }[];
}

/**
 * The template's EventBridge rules on Step Functions execution status changes, run locally: when the local
 * engine stops an execution (FAILED, TIMED_OUT, ABORTED), every rule whose pattern matches (source
 * `aws.states`, that detail-type, the status, the state machine) invokes its Lambda targets with the event
 * EventBridge would deliver, retrying a failed invocation as the target's RetryPolicy says and then logging
 * it as dead-lettered. The same rule the CDK app deploys (the failed-onboarding record), so that the two
 * engines record a failure the same way.
 */
export class LocalExecutionEvents {
  readonly rules: ExecutionRule[];

  constructor(
    template: Template,
    private readonly lambdas: LambdaHost,
    private readonly log: (line: string) => void = () => undefined,
    private readonly retryDelayMs = 1000,
  ) {
    this.rules = executionRulesOf(template);
  }

  /**
   * The status-change event of a stopped execution, delivered to the matching rules' targets. True when every
   * target took it; false when one gave up after its retries (on AWS, the rule's dead-letter queue).
   */
  async emit(record: ExecutionRecord): Promise<boolean> {
    const event = {
      version: '0',
      id: randomUUID(),
      'detail-type': detailType,
      source: 'aws.states',
      account: localAccount,
      time: (record.stopDate ?? new Date().toISOString()).replace(/\.\d{3}Z$/, 'Z'),
      region: localRegion,
      resources: [record.executionArn],
      detail: {
        executionArn: record.executionArn,
        stateMachineArn: record.stateMachineArn,
        name: record.name,
        status: record.status,
        startDate: Date.parse(record.startDate),
        stopDate: record.stopDate ? Date.parse(record.stopDate) : null,
        input: record.input,
        output: record.output ?? null,
        error: record.error ?? null,
        cause: record.cause ?? null,
      },
    };
    const matching = this.rules.filter((r) => r.statuses.includes(record.status) && (r.stateMachineArns.length === 0 || r.stateMachineArns.includes(record.stateMachineArn)));
    const delivered = await Promise.all(matching.flatMap((rule) => rule.targets.map((t) => this.deliver(rule, t, event))));
    return delivered.every(Boolean);
  }

  private async deliver(rule: ExecutionRule, target: ExecutionRule['targets'][number], event: unknown): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.lambdas.get(target.functionArn).invoke(event);
        return true;
      } catch (err) {
        if (attempt >= target.retries) {
          this.log(`event rule ${rule.id}: target failed after ${attempt + 1} attempts, dead-lettered (delivered again at the next start): ${(err as Error).name}`);
          return false;
        }
        await new Promise((r) => setTimeout(r, this.retryDelayMs * (attempt + 1)));
      }
    }
  }
}

function executionRulesOf(template: Template): ExecutionRule[] {
  const rules: ExecutionRule[] = [];
  for (const [id, res] of Object.entries(template.Resources)) {
    if (res.Type !== 'AWS::Events::Rule' || res.Properties?.State === 'DISABLED') continue;
    const pattern = res.Properties?.EventPattern as { source?: string[]; 'detail-type'?: string[]; detail?: { status?: string[]; stateMachineArn?: unknown[] } } | undefined;
    if (!pattern?.source?.includes('aws.states') || !pattern['detail-type']?.includes(detailType)) continue;
    const targets = ((res.Properties?.Targets ?? []) as Record<string, unknown>[]).map((t) => {
      const functionArn = String(resolve(t.Arn, template));
      if (!functionArn.startsWith('arn:aws:lambda:')) throw new Error(`event rule ${id}: target ${functionArn} is not a Lambda function; the local runtime runs Lambda targets only`);
      return { functionArn, retries: Number((t.RetryPolicy as { MaximumRetryAttempts?: number } | undefined)?.MaximumRetryAttempts ?? 185) };
    });
    rules.push({
      id,
      statuses: pattern.detail?.status ?? ['FAILED', 'TIMED_OUT', 'ABORTED', 'SUCCEEDED', 'RUNNING'],
      stateMachineArns: (pattern.detail?.stateMachineArn ?? []).map((a) => String(resolve(a, template))),
      targets,
    });
  }
  return rules;
}
