import * as z from '../schemas/zod';
import { freeTextCheck } from '../schemas/common';
import type { FormResult } from './form-errors';
import { formErrors } from './form-errors';

export type SlotPick =
  | { kind: 'slot'; slotId: string }
  /** Local `datetime-local` values in the contractor's claimed zone; see parseContractorTimes(). */
  | { kind: 'other-times'; proposedLocalTimes: string[]; note?: string };

export const PROPOSED_TIME_FIELDS = ['proposed1', 'proposed2', 'proposed3'] as const;

const optionalText = (max: number) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.optional(z.string().check(z.trim(), z.maxLength(max), freeTextCheck())));

const schema = z.object({
  choice: z.string({ error: 'choose a time, or "none of these work"' }).check(z.minLength(1, 'choose a time, or "none of these work"')),
  proposed1: optionalText(20),
  proposed2: optionalText(20),
  proposed3: optionalText(20),
  note: optionalText(1000),
});

/**
 * Reads the slot picker's POST. A slot id must be one this link offered (a crafted value is refused, not
 * booked); "none" needs at least one proposed time, and is only accepted while asking again is allowed.
 */
export function parseSlotPickForm(form: Readonly<Record<string, string>>, offeredSlotIds: readonly string[], canAskForOthers: boolean): FormResult<SlotPick> {
  const r = schema.safeParse(form);
  if (!r.success) return { ok: false, errors: formErrors(r.error) };
  const { choice, note } = r.data;
  if (choice !== 'none') {
    return offeredSlotIds.includes(choice)
      ? { ok: true, value: { kind: 'slot', slotId: choice } }
      : { ok: false, errors: { choice: 'that time is no longer offered; choose one of the times listed' } };
  }
  if (!canAskForOthers) return { ok: false, errors: { choice: 'please choose one of the times listed' } };
  const proposedLocalTimes = PROPOSED_TIME_FIELDS.map((f) => r.data[f]).filter((v): v is string => v !== undefined);
  if (proposedLocalTimes.length === 0) return { ok: false, errors: { proposed1: 'suggest at least one time that works for you' } };
  return { ok: true, value: { kind: 'other-times', proposedLocalTimes, ...(note ? { note } : {}) } };
}
