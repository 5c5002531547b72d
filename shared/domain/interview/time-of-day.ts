import * as z from '../schemas/zod';

/**
 * A wall-clock time "HH:mm". "24:00" is accepted so a window can end at midnight without the
 * ambiguity of "00:00" meaning both the start and the end of a day.
 */
export const timeOfDaySchema = z.string().check(z.regex(/^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/, 'expected a time as HH:mm, such as "09:00" or "17:30"'));
export type TimeOfDay = z.infer<typeof timeOfDaySchema>;

/** Minutes since local midnight: "09:30" -> 570, "24:00" -> 1440. */
export function minutesOfDay(time: TimeOfDay): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** Weekday numbers as Luxon and ISO 8601 count them: 1 = Monday ... 7 = Sunday. */
export const weekdaySchema = z.number().check(z.int(), z.gte(1), z.lte(7));
export const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const WORK_DAYS = [1, 2, 3, 4, 5] as const;
