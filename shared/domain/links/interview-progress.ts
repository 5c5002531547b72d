import { nextInterviewStep, type InterviewEvent } from '../interview/next-interview-step';
import type { IndicatedTime } from '../interview/night-time';
import type { Interval } from '../interview/propose-slots';
import type { Slot } from '../interview/slot';

/** The interview callback's progress, kept on its pending-callback item. */
export interface InterviewProgress {
  /** Every proposal made, oldest first (the second is the "none of these work" round or a reschedule). */
  rounds: Slot[][];
  history: InterviewEvent[];
  booked?: { slot: Slot; meetingUrl: string; meetingId: string; sequence: number };
  /** Times the contractor proposed themselves (for the night-time rule). */
  indicated: IndicatedTime[];
}

export function emptyInterviewProgress(firstRound: Slot[]): InterviewProgress {
  return { rounds: [firstRound], history: [], indicated: [] };
}

/** Why a booking task runs: the first proposal, the contractor's "none of these work", or a no-show. */
export type SchedulingRound = 'first' | 'other-times' | 'reschedule';

/**
 * What a booking task (the workflow's ScheduleInterview) starts from, given the interview callback an
 * earlier task left:
 * - after a no-show or a cancelled booking with a booking left: the interview so far (its history counts the
 *   bookings and no-shows), with one more proposal that leaves out every time already offered;
 * - after "none of these work": the interview so far, whose last round the slot-pick page already proposed
 *   from the contractor's answer;
 * - otherwise (the first booking, or booking again after a cleared hold): a fresh interview.
 */
export function schedulingProgress(previous: InterviewProgress | undefined, propose: (exclude: readonly Interval[]) => Slot[]): { progress: InterviewProgress; round: SchedulingRound } {
  if (previous && nextInterviewStep(previous.history) === 'reschedule') {
    const offered = previous.rounds.flat().map((s) => ({ start: s.start, end: s.end }));
    return { progress: { ...previous, rounds: [...previous.rounds, propose(offered)] }, round: 'reschedule' };
  }
  if (previous && previous.history.at(-1)?.type === 'other-times') return { progress: previous, round: 'other-times' };
  return { progress: emptyInterviewProgress(propose([])), round: 'first' };
}

/** How many bookings the interview has had (the workflow's reschedule loop counts them against MAX_BOOKINGS). */
export function bookingsOf(history: readonly InterviewEvent[]): number {
  return history.filter((h) => h.type === 'scheduled').length;
}
