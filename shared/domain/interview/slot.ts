/**
 * One interview time offered to the contractor. Times are UTC instants (what we store and compare);
 * the labels are for people and are rendered in each party's own zone so nobody converts in their head.
 */
export interface Slot {
  /** Stable and HTML-attribute safe: `<interviewerId>.<yyyyMMddTHHmmZ>`; the slot picker's radio value. */
  id: string;
  /** ISO 8601 instant in UTC, e.g. "2025-03-11T09:30:00Z". */
  start: string;
  end: string;
  interviewerId: string;
  contractorTimeZone: string;
  interviewerTimeZone: string;
  /** e.g. "Tuesday 11 March 2025, 15:00–15:45 (Asia/Kolkata, UTC+05:30)". */
  contractorLabel: string;
  interviewerLabel: string;
}
