import * as z from '../../domain/schemas/zod';
import { fingerprintKinds } from '../../domain/cases/fingerprints';

const onboardingId = z.string().check(z.regex(/^ob_[0-9a-f]{32}$/));

/** Input of the automated stage tasks: ids only. */
export const stageInput = z.object({ onboardingId, runId: z.string().check(z.minLength(1), z.maxLength(80)) });

/** At most this many other applicants are carried from the API to the checks (the execution's input) (a larger set: each check looks them up). */
export const MAX_CARRIED_LINKS = 200;

/**
 * Input of the checks that link applicants (public records, bank): the other onboardings sharing one of
 * the applicant's fingerprints, as the API found them right after writing them with the case (ids, statuses and the
 * kind of fingerprint shared; no personal data). Absent or null: the check looks them up itself.
 */
export const checkInput = z.extend(stageInput, {
  linked: z.optional(
    z.nullable(
      z
        .array(
          z.object({
            caseId: z.string().check(z.minLength(1), z.maxLength(128)),
            status: z.string().check(z.maxLength(64)),
            kind: z.enum(fingerprintKinds),
            // The print that met it (a keyed hash, base64url): which of an account's keys linked.
            via: z.optional(z.string().check(z.maxLength(64))),
          }),
        )
        .check(z.maxLength(MAX_CARRIED_LINKS)),
    ),
  ),
});

/** Input of the callback tasks: the task token stays server-side once the handler stores it. */
export const callbackInput = z.object({
  onboardingId,
  task: z.enum(['interview', 'approval', 'escalation', 'information', 'compliance']),
  taskToken: z.string().check(z.minLength(1), z.maxLength(2048)),
  /** The task's TimeoutSeconds, passed by the workflow so links expire before the task does. */
  timeoutSeconds: z.number().check(z.int(), z.positive()),
});

/**
 * Input of the interview's callback tasks: the same, plus which of its person steps starts (the contractor's
 * booking, or the interviewer's outcome once a slot is booked).
 */
export const interviewTaskInput = z.extend(callbackInput, { task: z.literal('interview'), step: z.enum(['schedule', 'outcome']) });

/** What a reviewer's decision sends back through SendTaskSuccess. */
export const decisionOutput = z.object({
  decision: z.enum(['approved', 'rejected', 'info-requested']),
  by: z.string().check(z.minLength(1), z.maxLength(254)),
  at: z.string().check(z.minLength(1)),
  reason: z.string().check(z.maxLength(4000)),
  via: z.optional(z.string().check(z.maxLength(200))),
  approvals: z.optional(z.array(z.object({ by: z.string(), at: z.string(), reason: z.string() }))),
});

/** What the compliance review sends back: confirmed by one, or cleared as a false positive by two different people. */
export const complianceOutput = z.object({
  outcome: z.enum(['confirmed', 'cleared']),
  votes: z.array(z.object({ by: z.string().check(z.minLength(1), z.maxLength(254)), at: z.string(), reason: z.string().check(z.maxLength(4000)) })).check(z.minLength(1)),
});
export type ComplianceOutput = z.infer<typeof complianceOutput>;

export const finalizeInput = z.union([
  z.object({ onboardingId, decision: decisionOutput }),
  z.object({ onboardingId, compliance: complianceOutput }),
  z.object({ onboardingId, timedOut: z.enum(['interview', 'approval', 'information', 'compliance']) }),
]);
