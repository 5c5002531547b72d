import { appendAuditEvent } from '../../domain/audit/chain';
import type { OnboardingRequest } from '../../domain/schemas/onboarding';
import type { CaseRecord } from '../../domain/cases/case-model';
import type { CaseRepository } from '../../adapters/dynamodb/case-repository';
import { executionNameFor, onboardingIdFor, requestHash } from '../../domain/cases/ids';
import { initialStatus } from '../../domain/cases/lifecycle';

export interface StartOnboardingDeps {
  repo: CaseRepository;
  /** Starts (or finds, when it already runs) the execution for the onboarding. Must be idempotent by name. */
  startExecution: (name: string, input: { onboardingId: string }) => Promise<void>;
  now?: () => Date;
}

export type StartOnboardingResult = { kind: 'created'; onboarding: CaseRecord } | { kind: 'replayed'; onboarding: CaseRecord } | { kind: 'key-reused-with-other-body'; onboardingId: string };

/**
 * Starts an onboarding exactly once per (client, Idempotency-Key). The case is written first and the
 * execution started second; a crash in between is repaired by the client's retry with the same key,
 * because starting an execution with the same name and input is itself idempotent.
 */
export async function startOnboarding(deps: StartOnboardingDeps, cmd: { clientId: string; idempotencyKey: string; rawBody: unknown; request: OnboardingRequest }): Promise<StartOnboardingResult> {
  const now = (deps.now ?? (() => new Date()))().toISOString();
  const id = onboardingIdFor(cmd.clientId, cmd.idempotencyKey);
  const hash = requestHash(cmd.rawBody);
  const record: CaseRecord = {
    id,
    clientId: cmd.clientId,
    externalId: cmd.request.externalId,
    status: initialStatus,
    version: 1,
    createdAt: now,
    updatedAt: now,
    executionName: executionNameFor(id),
    application: cmd.request,
    stages: {},
  };
  // The chain's first event goes into the creating transaction (it exists exactly when the case does).
  const received = appendAuditEvent(undefined, { at: now, actor: `client:${cmd.clientId}`, action: 'onboarding.received', caseId: id, data: { externalId: cmd.request.externalId } });
  const outcome = await deps.repo.createCase(
    record,
    {
      clientId: cmd.clientId,
      key: cmd.idempotencyKey,
      requestHash: hash,
      onboardingId: id,
      createdAt: now,
    },
    received,
  );
  if (!outcome.created && outcome.existing.requestHash !== hash) return { kind: 'key-reused-with-other-body', onboardingId: outcome.existing.onboardingId };
  await deps.startExecution(record.executionName, { onboardingId: id });
  // A new case is answered as written (no read back: it was written by this request a moment ago); a
  // replay with what is stored now.
  if (outcome.created) return { kind: 'created', onboarding: record };
  return { kind: 'replayed', onboarding: await deps.repo.mustGetCase(id) };
}
