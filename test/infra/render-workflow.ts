import { Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { resolve } from '../../infra/local/intrinsics';
import { onboardingWorkflow, type OnboardingWorkflowFunctions } from '../../workflows/onboarding-workflow';

export interface RenderedGraph {
  StartAt: string;
  States: Record<string, unknown>;
}

/**
 * Renders the workflow's state graph in a bare stack with stand-in functions, as aws-cdk's own
 * aws-stepfunctions tests do: no app, no bundling, milliseconds. template.test.ts checks that the stack
 * deploys this same graph.
 */
export function renderOnboardingWorkflow(): RenderedGraph {
  const stack = new Stack();
  const fn = (name: string) => lambda.Function.fromFunctionArn(stack, name, `arn:aws:lambda:us-east-1:000000000000:function:${name}`);
  const fns: OnboardingWorkflowFunctions = {
    documentCheck: fn('DocumentCheck'),
    publicRecordCheck: fn('PublicRecordCheck'),
    bankCheck: fn('BankCheck'),
    riskDecision: fn('RiskDecision'),
    interview: fn('Interview'),
    approval: fn('Approval'),
    finalize: fn('Finalize'),
  };
  const chain = onboardingWorkflow(new Construct(stack, 'Workflow'), fns, {
    interviewPick: Duration.days(3),
    interviewOutcome: Duration.days(15),
    approval: Duration.days(5),
    escalation: Duration.days(3),
    information: Duration.days(10),
    compliance: Duration.days(10),
  });
  const graph = new sfn.StateGraph(chain.startState, 'Onboarding');
  return resolve(stack.resolve(graph.toGraphJson()), { Resources: {} }) as RenderedGraph;
}
