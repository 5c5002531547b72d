import { DateTime } from 'luxon';
import { finding, type Finding } from '../finding';
import { parseInstant } from './propose-slots';
import { minutesOfDay, type TimeOfDay } from './time-of-day';

/** A time the contractor indicated: proposed in the "none of these work" form, or accepted. */
export interface IndicatedTime {
  /** ISO 8601 instant (any offset). */
  start: string;
  end?: string;
}

export interface NightTimeInput {
  /** The claimed IANA time zone from the intake request. */
  contractorTimeZone: string;
  indicated: readonly IndicatedTime[];
  /** What the times are, for the reviewer: offered by the contractor, or the slot they took. */
  source: 'proposed-other-times' | 'accepted-slot';
  /** Defaults to 22:00-06:00 local; wraps past midnight. */
  nightHours?: { start: TimeOfDay; end: TimeOfDay };
}

const DEFAULT_NIGHT = { start: '22:00', end: '06:00' } as const;
/** Hours we call "daytime" when suggesting where the offered times would be normal working hours. */
const DAY_START = 8 * 60;
const DAY_END = 21 * 60;

/** True when the instant's local wall-clock time in `zone` is inside the (possibly wrapping) night window. */
export function isNightTime(instant: string, zone: string, nightHours: { start: TimeOfDay; end: TimeOfDay } = DEFAULT_NIGHT): boolean {
  const local = parseInstant(instant, 'instant').setZone(zone);
  return inWindow(local.hour * 60 + local.minute, minutesOfDay(nightHours.start), minutesOfDay(nightHours.end));
}

/**
 * INT_NIGHT_HOURS_ONLY when every time the contractor indicated is night-time where they claim to live.
 * Someone really in Asia/Kolkata rarely insists on 02:00; someone whose day is in UTC+9 does. One daytime
 * time among them clears the rule: we look for a pattern, not an odd late call. Judged on the start time,
 * since that is what the person chose.
 */
export function nightTimeFinding(input: NightTimeInput): Finding | undefined {
  if (input.indicated.length === 0) return undefined;
  const night = input.nightHours ?? DEFAULT_NIGHT;
  const starts = input.indicated.map((t) => parseInstant(t.start, 'indicated start'));
  if (!starts.every((s) => isNightTime(s.toISO() ?? '', input.contractorTimeZone, night))) return undefined;

  const localTimes = starts.map((s) => s.setZone(input.contractorTimeZone).setLocale('en-GB').toFormat('ccc d LLL HH:mm'));
  const daytimeOffsets = offsetsWhereDaytime(starts);
  const where = daytimeOffsets.length ? ` The same times are daytime (08:00–21:00) at UTC offsets ${describeOffsets(daytimeOffsets)}.` : '';
  const what = input.source === 'accepted-slot' ? 'The interview time the contractor accepted falls' : `All ${starts.length} time(s) the contractor offered fall`;
  return finding({
    code: 'INT_NIGHT_HOURS_ONLY',
    stage: 'interview',
    severity: 'medium',
    message:
      `${what} at night (${night.start}–${night.end}) in their claimed time zone ${input.contractorTimeZone}: ` +
      `${localTimes.join(', ')}.${where} This can mean the contractor is not where they say they are.`,
    evidence: [
      {
        kind: 'interview-times',
        field: 'contractor.timeZone',
        detail: {
          source: input.source,
          claimedTimeZone: input.contractorTimeZone,
          indicatedStarts: starts.map((s) => s.toISO({ suppressMilliseconds: true })),
          localTimes,
          daytimeUtcOffsets: daytimeOffsets.map(formatOffset),
        },
      },
    ],
    guidance: 'FBI and industry reports on DPRK IT workers: claimed location inconsistent with time zone',
  });
}

/** Whole-hour UTC offsets (-12..+14) at which every start would be local daytime. */
function offsetsWhereDaytime(starts: DateTime[]): number[] {
  const out: number[] = [];
  for (let h = -12; h <= 14; h++) {
    const ok = starts.every((s) => {
      const m = (((s.hour * 60 + s.minute + h * 60) % 1440) + 1440) % 1440;
      return m >= DAY_START && m < DAY_END;
    });
    if (ok) out.push(h);
  }
  return out;
}

function describeOffsets(hours: number[]): string {
  const first = hours[0] as number;
  const last = hours[hours.length - 1] as number;
  const contiguous = last - first === hours.length - 1;
  return contiguous && hours.length > 1 ? `${formatOffset(first)} to ${formatOffset(last)}` : hours.map(formatOffset).join(', ');
}

function formatOffset(h: number): string {
  return `${h < 0 ? '-' : '+'}${String(Math.abs(h)).padStart(2, '0')}:00`;
}

function inWindow(minute: number, start: number, end: number): boolean {
  return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
}
