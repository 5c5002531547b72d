import type { InterviewEvent } from '../interview/next-interview-step';
import type { IndicatedTime } from '../interview/night-time';
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
