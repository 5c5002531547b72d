import { MAX_CARRIED_LINKS } from '../adapters/lambda/task-input';
import { findLinkedCases } from '../app/cases/linked-applicants';
import { startOnboarding, type StartOnboardingDeps, type StartOnboardingResult } from '../app/cases/start-onboarding';
import { applicationFingerprints } from '../domain/cases/fingerprints';
import type { OnboardingRequest } from '../domain/schemas/onboarding';
import { loadKeys } from './secrets';
import { env, repo } from './services';
import { startExecution } from './start-execution';

/**
 * POST /onboardings wired to the API function's services (shared/app/cases/start-onboarding.ts): the keyed
 * fingerprints from the secret, the fingerprint index and Step Functions.
 */
export const startOnboardingDeps: StartOnboardingDeps = {
  repo,
  startExecution,
  fingerprints: async (request) => applicationFingerprints((await loadKeys(env.SECRET_ARN)).fingerprintKey, request),
  findLinked: (self, prints) => findLinkedCases(repo, self, prints),
  maxCarriedLinks: MAX_CARRIED_LINKS,
};

export function start(cmd: { clientId: string; idempotencyKey: string; rawBody: unknown; request: OnboardingRequest }): Promise<StartOnboardingResult> {
  return startOnboarding(startOnboardingDeps, cmd);
}
