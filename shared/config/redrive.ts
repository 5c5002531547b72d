import { redriveExecution } from '../adapters/aws/redrive-execution';
import { sfnClient } from '../adapters/aws/sfn';
import { redriveOnboarding, type RedriveDeps, type RedriveInput, type RedriveResult } from '../app/cases/redrive-onboarding';
import { requireSetting } from './env';
import { auditEvent, env, repo } from './services';

/**
 * The redrive use case wired to the API's repository and Step Functions (shared/app/cases/redrive-onboarding.ts).
 * No prompt webhook attempt: the outbox item written with the status change is delivered by the webhook
 * sweep (a redrive is rare, and its answer need not wait for the HRIS).
 */
export const redriveDeps: RedriveDeps = {
  repo,
  redriveExecution: (name) => redriveExecution(sfnClient(), requireSetting(env, 'STATE_MACHINE_ARN'), name),
  auditEvent,
};

export function redrive(input: RedriveInput): Promise<RedriveResult> {
  return redriveOnboarding(redriveDeps, input);
}
