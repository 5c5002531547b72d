import { ExecutionAlreadyExists, sfnClient, StartExecutionCommand } from '../adapters/aws/sfn';
import { requireSetting } from './env';
import { env } from './services';

/** Starts the onboarding workflow (the API's POST /onboardings), once per execution name. */
export async function startExecution(name: string, input: { onboardingId: string; resumeAt?: string }): Promise<void> {
  try {
    await sfnClient().send(new StartExecutionCommand({ stateMachineArn: requireSetting(env, 'STATE_MACHINE_ARN'), name, input: JSON.stringify(input) }));
  } catch (err) {
    // Same name and same input: Step Functions answers with the running execution; a different input
    // under the same name cannot happen because the name derives from the idempotency key.
    if (err instanceof ExecutionAlreadyExists) return;
    throw err;
  }
}
