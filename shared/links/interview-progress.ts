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

/**
 * What a booking task (the workflow's ScheduleInterview) starts from. After a no-show or a cancelled booking
 * with a booking left, the interview so far: its history counts the bookings and no-shows, the times already
 * offered are not offered again, and the new proposal is one more round. Otherwise (the first booking, or
 * booking again after a cleared hold) a fresh interview.
 */
export function schedulingProgress(
  previous: InterviewProgress | undefined,
  propose: (exclude: readonly Interval[]) => Slot[],
): { progress: InterviewProgress; rescheduled: boolean } {
  if (previous && nextInterviewStep(previous.history) === 'reschedule') {
    const offered = previous.rounds.flat().map((s) => ({ start: s.start, end: s.end }));
    return { progress: { ...previous, rounds: [...previous.rounds, propose(offered)] }, rescheduled: true };
  }
  return { progress: emptyInterviewProgress(propose([])), rescheduled: false };
}

/** How many bookings the interview has had (the workflow's reschedule loop counts them against MAX_BOOKINGS). */
export function bookingsOf(history: readonly InterviewEvent[]): number {
  return history.filter((h) => h.type === 'scheduled').length;
}
