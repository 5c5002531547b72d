import { createHash } from 'node:crypto';
import { ExecutionAlreadyExists, sfnClient, StartExecutionCommand } from '../adapters/aws/sfn';
import { dynamoClient } from '../adapters/aws/dynamodb';
import { MonitorRepository } from '../adapters/dynamodb/monitor-repository';
import type { RescreenDeps, RescreenRun } from '../app/monitoring/rescreen-cases';
import { activePolicy } from './policy';
import { hold } from './hold';
import { audit, env, repo } from './services';

/** The re-screening wired to this function's table, hold use case and (on AWS) the full-pass state machine. */
export const monitors = new MonitorRepository(dynamoClient(), env.TABLE_NAME);

/**
 * Starts the fanned-out full pass. The execution is named after the run (matcher and list version), so a
 * second start of the same run while it is going returns the same execution instead of a second pass.
 */
async function startFullPass(arn: string, run: RescreenRun): Promise<string> {
  const name = `full-${run.listVersion}-${createHash('sha256').update(run.matcherKey).digest('hex').slice(0, 12)}`;
  try {
    const out = await sfnClient().send(new StartExecutionCommand({ stateMachineArn: arn, name, input: JSON.stringify({ run }) }));
    return out.executionArn ?? name;
  } catch (err) {
    // The same run already ran to its end (its finish step recorded it, or it failed and waits for its redrive).
    if (err instanceof ExecutionAlreadyExists) return `${arn.replace(':stateMachine:', ':execution:')}:${name}`;
    throw err;
  }
}

export const rescreenDeps: RescreenDeps = {
  monitors,
  repo,
  get policy() {
    return activePolicy();
  },
  hold,
  audit: (caseId, actor, action, data) => audit(caseId, actor, action, data),
  now: () => new Date(),
  ...(env.RESCREEN_STATE_MACHINE_ARN && env.RESCREEN_FULL_PASS !== 'in-process' ? { startFullPass: (run: RescreenRun) => startFullPass(env.RESCREEN_STATE_MACHINE_ARN!, run) } : {}),
};
