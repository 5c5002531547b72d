import { DateTime } from 'luxon';
import type { IndicatedTime } from './night-time';

export type ParsedContractorTimes = { ok: true; times: IndicatedTime[] } | { ok: false; invalid: string[] };

/**
 * The slot picker's "propose other times" inputs are `datetime-local` fields ("2025-03-11T14:30"), which
 * carry no zone: the page tells the contractor to answer in their claimed zone, so we read them there.
 * That is exactly what the night-time rule needs to judge. A time that does not exist locally (a DST gap)
 * is refused rather than silently moved.
 */
export function parseContractorTimes(values: readonly string[], timeZone: string, slotMinutes: number): ParsedContractorTimes {
  const times: IndicatedTime[] = [];
  const invalid: string[] = [];
  for (const raw of values.map((v) => v.trim()).filter((v) => v !== '')) {
    const local = DateTime.fromFormat(raw.replace(' ', 'T').slice(0, 16), "yyyy-MM-dd'T'HH:mm", { zone: timeZone });
    if (!local.isValid || local.toFormat("yyyy-MM-dd'T'HH:mm") !== raw.replace(' ', 'T').slice(0, 16)) {
      invalid.push(raw);
      continue;
    }
    times.push({
      start: local.toUTC().toISO({ suppressMilliseconds: true }) ?? '',
      end: local.plus({ minutes: slotMinutes }).toUTC().toISO({ suppressMilliseconds: true }) ?? '',
    });
  }
  return invalid.length ? { ok: false, invalid } : { ok: true, times };
}
