import { ExecutionAlreadyExists, sfnClient, StartExecutionCommand } from '../adapters/aws/sfn';
import { requireSetting } from './env';
import { env } from './services';

/** Starts the onboarding workflow (the API's POST /onboardings), once per execution name. */
export async function startExecution(name: string, input: { onboardingId: string; resumeAt?: string; linked?: unknown }): Promise<void> {
  try {
    await sfnClient().send(new StartExecutionCommand({ stateMachineArn: requireSetting(env, 'STATE_MACHINE_ARN'), name, input: JSON.stringify(input) }));
  } catch (err) {
    // The name derives from the idempotency key: an execution of that name is this onboarding's, started by an
    // earlier attempt of the same request (whose look-up of linked applicants may have found fewer).
    if (err instanceof ExecutionAlreadyExists) return;
    throw err;
  }
}
