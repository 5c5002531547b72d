import { appendAuditEvent, type AuditEvent } from '../../domain/audit/chain';
import type { OnboardingRequest } from '../../domain/schemas/onboarding';
import type { CaseRecord } from '../../domain/cases/case-model';
import type { Fingerprint } from '../../domain/cases/fingerprints';
import type { CaseRepository } from '../../adapters/dynamodb/case-repository';
import { executionNameFor, onboardingIdFor, requestHash } from '../../domain/cases/ids';
import { BORN_VERSION, initialStatus, transition } from '../../domain/cases/lifecycle';
import type { LinkedCase } from './linked-applicants';

/** What the workflow starts with: ids, and the other applicants found (ids, statuses, kinds: no personal data). */
export interface OnboardingInput {
  onboardingId: string;
  /** The other applicants sharing a fingerprint, found right after the case was written; null: too many to carry. */
  linked: LinkedCase[] | null;
}

export interface StartOnboardingDeps {
  repo: CaseRepository;
  /** Starts (or finds, when it already runs) the execution for the onboarding. Must be idempotent by name. */
  startExecution: (name: string, input: OnboardingInput) => Promise<void>;
  /** The applicant's fingerprints (keyed hashes of the identifiers other applicants may share). */
  fingerprints: (request: OnboardingRequest) => Promise<Fingerprint[]>;
  /** The other applicants sharing any of them (see linked-applicants.ts). */
  findLinked: (self: CaseRecord, prints: readonly Fingerprint[]) => Promise<LinkedCase[]>;
  /** At most this many links are carried into the workflow; more and each check looks them up itself. */
  maxCarriedLinks: number;
  now?: () => Date;
}

export type StartOnboardingResult = { kind: 'created'; onboarding: CaseRecord } | { kind: 'replayed'; onboarding: CaseRecord } | { kind: 'key-reused-with-other-body'; onboardingId: string };

/**
 * Starts an onboarding exactly once per (client, Idempotency-Key). The case is written first and the
 * execution started second; a crash in between is repaired by the client's retry with the same key,
 * because starting an execution with the same name is itself idempotent.
 *
 * The case is written as the checks start (`checks-started` applied to the initial status), in one
 * transaction with its first two audit events (received, started), the applicant's fingerprints, the
 * outbox item of that status and its monitor entry. The other applicants sharing a fingerprint are looked
 * up after that write, so of two applicants at the same moment the second sees the first, and handed to the
 * checks in the execution's input: one DynamoDB transaction and one index read for what used to be a
 * workflow step of its own (read, transaction, outbox claim, index read). The status event written with the
 * case is attempted by the workflow's first task (functions/document-check), so the answer never waits for
 * the HRIS's webhook endpoint (and the sweep delivers it if that task never runs).
 *
 * A look-up that fails starts the workflow with `linked: null` (each check looks them up itself) rather than
 * leave the case written without an execution. A replayed request finds a case an earlier version of the API
 * left in `received` and moves it as the workflow's intake step did.
 */
export async function startOnboarding(deps: StartOnboardingDeps, cmd: { clientId: string; idempotencyKey: string; rawBody: unknown; request: OnboardingRequest }): Promise<StartOnboardingResult> {
  const now = (deps.now ?? (() => new Date()))().toISOString();
  const id = onboardingIdFor(cmd.clientId, cmd.idempotencyKey);
  const hash = requestHash(cmd.rawBody);
  const executionName = executionNameFor(id);
  const record: CaseRecord = {
    id,
    clientId: cmd.clientId,
    externalId: cmd.request.externalId,
    status: transition(initialStatus, 'checks-started'),
    version: BORN_VERSION,
    createdAt: now,
    updatedAt: now,
    executionName,
    application: cmd.request,
    stages: { document: { state: 'running', findings: 0, updatedAt: now } },
  };
  // The chain's first events go into the creating transaction (they exist exactly when the case does).
  const received = appendAuditEvent(undefined, { at: now, actor: `client:${cmd.clientId}`, action: 'onboarding.received', caseId: id, data: { externalId: cmd.request.externalId } });
  const startedOn = (prev: AuditEvent | undefined) => appendAuditEvent(prev, { at: now, actor: 'system', action: 'onboarding.started', caseId: id, data: { executionName } });
  const started = startedOn(received);
  const prints = await deps.fingerprints(cmd.request);
  const outcome = await deps.repo.createCase(record, { clientId: cmd.clientId, key: cmd.idempotencyKey, requestHash: hash, onboardingId: id, createdAt: now }, [received, started], {
    movedFrom: initialStatus,
    fingerprints: prints,
  });
  if (!outcome.created && outcome.existing.requestHash !== hash) return { kind: 'key-reused-with-other-body', onboardingId: outcome.existing.onboardingId };
  // A replay looks the links up again: its execution exists already (then this start changes nothing), or
  // the first request died before starting it.
  let stored = outcome.created ? record : await deps.repo.mustGetCase(id);
  if (stored.status === initialStatus)
    stored =
      (await deps.repo.setStage(id, 'document', { state: 'running', findings: 0 }, 'checks-started', {
        read: stored,
        audit: (prev) => startedOn(prev as AuditEvent | undefined),
        fingerprints: prints,
      })) ?? (await deps.repo.mustGetCase(id));
  const linked = await deps.findLinked(stored, prints).catch(() => null);
  await deps.startExecution(executionName, { onboardingId: id, linked: linked && linked.length <= deps.maxCarriedLinks ? linked : null });
  // A new case is answered as written (no read back: it was written by this request a moment ago); a
  // replay with what is stored now.
  return outcome.created ? { kind: 'created', onboarding: record } : { kind: 'replayed', onboarding: stored };
}
