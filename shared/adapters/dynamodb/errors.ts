/** The errors of the case persistence, by name (the workflow and the handlers match on these names). */

export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}
/** The audit chain does not end at the head recorded on the case: events were removed. Nothing is appended. */
export class AuditTrailBroken extends Error {
  override readonly name = 'AuditTrailBroken';
}

/**
 * A stage tried to move a case that compliance holds (the hold was raised by another path meanwhile). Its
 * name is the workflow's ComplianceHold error: the step ends and the workflow takes the compliance review.
 */
export class CaseOnHoldError extends Error {
  override readonly name = 'ComplianceHold';
}

/** An updateCase whose change altered the status: status changes go through moveCase (lifecycle.ts). */
export class StatusChangeOutsideLifecycle extends Error {
  override readonly name = 'StatusChangeOutsideLifecycle';
}

/** appendAudit was asked to write a run's evidence that already exists: nothing was written. */
export class EvidenceExistsError extends Error {
  override readonly name = 'EvidenceExistsError';
}

/** An item read from the table does not have the shape its type promises: the field and the problem, never a silent cast. */
export class MalformedItemError extends Error {
  override readonly name = 'MalformedItemError';
}
