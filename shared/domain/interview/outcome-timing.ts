/**
 * When the outcome of a booked interview may be recorded: from the slot's start, less the policy's grace
 * (an "attended, camera on, face matches" before the call took place is refused). Pure.
 */
export function outcomeTooEarly(slotStart: string | undefined, now: Date, graceMinutes: number): boolean {
  if (!slotStart) return false;
  return now.getTime() < Date.parse(slotStart) - graceMinutes * 60_000;
}
