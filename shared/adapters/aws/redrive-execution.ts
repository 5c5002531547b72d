import { RedriveExecutionCommand, type SFNClient } from './sfn';

/**
 * The ARN of an execution of a state machine: `...:stateMachine:<machine>` becomes
 * `...:execution:<machine>:<name>` (Step Functions' own layout, and the local engine's).
 */
export function executionArnOf(stateMachineArn: string, executionName: string): string {
  const parts = stateMachineArn.split(':');
  if (parts.length !== 7 || parts[5] !== 'stateMachine') throw new Error(`not a state machine ARN: ${stateMachineArn}`);
  return [...parts.slice(0, 5), 'execution', parts[6], executionName].join(':');
}

/** Step Functions' RedriveExecution on one execution of the state machine (ExecutionNotRedrivable when it cannot). */
export async function redriveExecution(client: SFNClient, stateMachineArn: string, executionName: string): Promise<void> {
  await client.send(new RedriveExecutionCommand({ executionArn: executionArnOf(stateMachineArn, executionName) }));
}
