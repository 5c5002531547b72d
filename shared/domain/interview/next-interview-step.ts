/**
 * What happened to a case's interview so far, oldest first. `cancelled` is a contractor's request to move an
 * interview that was already booked: it uses up the one reschedule just as a no-show does, otherwise
 * "cancel at the last minute" would be an unlimited way around the no-show policy.
 */
export type InterviewEvent =
  /** "None of these work": the contractor asked for other times before booking (a further proposal follows). */
  { type: 'other-times'; at: string } | { type: 'scheduled'; at: string; slotStart: string } | { type: 'no-show'; at: string } | { type: 'cancelled'; at: string } | { type: 'held'; at: string };

export type InterviewStep =
  /** Nothing booked yet: propose slots. */
  | 'schedule'
  /** Booked and not yet reported on: wait for the interviewer's outcome form. */
  | 'await-outcome'
  /** First no-show or cancellation: propose slots once more. */
  | 'reschedule'
  /** Out of reschedules: the stage fails to a human reviewer (never to an automatic approval). */
  | 'review'
  /** Held and recorded: the outcome's findings go to risk and approval. */
  | 'done';

/** Bookings allowed per case: the first one and one reschedule. */
export const MAX_BOOKINGS = 2;

export function nextInterviewStep(history: readonly InterviewEvent[]): InterviewStep {
  const last = history[history.length - 1];
  if (!last) return 'schedule';
  const bookings = history.filter((e) => e.type === 'scheduled').length;
  switch (last.type) {
    case 'other-times':
      return 'schedule';
    case 'held':
      return 'done';
    case 'scheduled':
      return 'await-outcome';
    case 'no-show':
    case 'cancelled':
      return bookings < MAX_BOOKINGS ? 'reschedule' : 'review';
    default:
      return last satisfies never;
  }
}
