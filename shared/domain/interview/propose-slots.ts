import { DateTime, type Zone } from 'luxon';
import type { InterviewConfig, Interviewer } from './config';
import type { Slot } from './slot';
import { minutesOfDay } from './time-of-day';
import { cachedZone } from './zone-cache';

export interface Interval {
  start: string;
  end: string;
}

export interface ProposeSlotsInput {
  config: InterviewConfig;
  /** The contractor's claimed IANA time zone from the intake request. */
  contractorTimeZone: string;
  /** ISO instant; passed in (never read from the clock) so proposals are reproducible. */
  now: string;
  /** Starts (ISO instants) not to offer again, whichever interviewer. */
  excludeStarts?: readonly string[];
  /** Intervals not to offer anything overlapping, e.g. every slot of a refused earlier proposal. */
  excludeIntervals?: readonly Interval[];
  /** Interviewers' existing bookings, so nobody is offered at a time already taken. */
  busy?: readonly (Interval & { interviewerId: string })[];
  /** Defaults to `config.proposalCount`. */
  count?: number;
}

interface Candidate {
  interviewer: Interviewer;
  /** Epoch milliseconds: a proposal walks hundreds of candidates and keeps a handful, so they stay numbers. */
  start: number;
  end: number;
  /** Contractor-local date and minute of day, used to spread the proposal. */
  contractorDate: string;
  contractorMinute: number;
}

const LABEL_LOCALE = 'en-GB';

/**
 * Slots inside both an interviewer's working hours and the contractor's acceptable daytime, spread over
 * days, times of day and interviewers. Deterministic: the same input always gives the same slots.
 */
export function proposeSlots(input: ProposeSlotsInput): Slot[] {
  const { config, contractorTimeZone } = input;
  const count = input.count ?? config.proposalCount;
  const now = parseInstant(input.now, 'now');
  const earliest = now.plus({ hours: config.minNoticeHours });
  const latest = now.plus({ days: config.horizonDays });

  const excludedStarts = new Set((input.excludeStarts ?? []).map((s) => parseInstant(s, 'excludeStarts').toMillis()));
  const excludedIntervals = (input.excludeIntervals ?? []).map(toMillisInterval);
  const busy = (input.busy ?? []).map((b) => ({ interviewerId: b.interviewerId, ...toMillisInterval(b) }));

  const candidates: Candidate[] = [];
  const interviewers = [...config.interviewers].sort((a, b) => compareText(a.id, b.id));
  for (const interviewer of interviewers) {
    for (const c of interviewerCandidates(interviewer, config, contractorTimeZone, earliest, latest)) {
      const { start: s, end: e } = c;
      if (excludedStarts.has(s)) continue;
      if (excludedIntervals.some((x) => overlaps(s, e, x.start, x.end))) continue;
      if (busy.some((b) => b.interviewerId === interviewer.id && overlaps(s, e, b.start, b.end))) continue;
      candidates.push(c);
    }
  }
  return spread(candidates, count).map((c) => toSlot(c, contractorTimeZone));
}

export type OtherSlotsResult = { ok: true; slots: Slot[]; round: number } | { ok: false; reason: 'already-asked-once' | 'no-earlier-proposal' };

/** The first proposal plus one "none of these work" round: a second request goes to a person instead. */
export const MAX_PROPOSAL_ROUNDS = 2;

/**
 * The contractor's "none of these work" path. Everything overlapping an earlier proposal is left out
 * (they said those times do not work). Asking a second time is refused: endless re-proposals are a way to
 * stall the check, and someone who cannot take any daytime slot is itself worth a reviewer's look.
 */
export function proposeOtherSlots(input: ProposeSlotsInput & { previousRounds: readonly (readonly Slot[])[] }): OtherSlotsResult {
  const rounds = input.previousRounds.length;
  if (rounds === 0) return { ok: false, reason: 'no-earlier-proposal' };
  if (rounds >= MAX_PROPOSAL_ROUNDS) return { ok: false, reason: 'already-asked-once' };
  const previous = input.previousRounds.flat().map((s) => ({ start: s.start, end: s.end }));
  const slots = proposeSlots({ ...input, excludeIntervals: [...(input.excludeIntervals ?? []), ...previous] });
  return { ok: true, slots, round: rounds + 1 };
}

function* interviewerCandidates(interviewer: Interviewer, config: InterviewConfig, contractorTimeZone: string, earliest: DateTime, latest: DateTime): Generator<Candidate> {
  const wh = interviewer.workingHours;
  const cw = config.contractorHours;
  const contractorStart = minutesOfDay(cw.start);
  const contractorEnd = minutesOfDay(cw.end);
  const interviewerZone = cachedZone(interviewer.timeZone);
  const contractorZone = cachedZone(contractorTimeZone);
  // A zone name the tz data does not know: Luxon's DateTimes in it are invalid, and no slot can be placed.
  if (typeof interviewerZone === 'string' || typeof contractorZone === 'string') return;
  const earliestMs = earliest.toMillis();
  const latestMs = latest.toMillis();
  const stepMs = config.slotStepMinutes * 60_000;
  const slotMs = config.slotMinutes * 60_000;
  const lastDay = latest.setZone(interviewerZone).startOf('day');
  // Walk calendar days in the interviewer's zone: working hours are a local promise, and Luxon's calendar
  // arithmetic keeps 09:00 at 09:00 across a DST change. Within a day, slot steps and lengths are elapsed
  // time (Luxon adds minutes as milliseconds too), so the candidates are plain numbers from there on.
  for (let day = earliest.setZone(interviewerZone).startOf('day'); day <= lastDay; day = day.plus({ days: 1 })) {
    if (!wh.days.includes(day.weekday)) continue;
    const windowStart = atMinute(day, minutesOfDay(wh.start)).toMillis();
    const windowEnd = atMinute(day, minutesOfDay(wh.end)).toMillis();
    for (let start = windowStart; ; start += stepMs) {
      const end = start + slotMs;
      if (end > windowEnd) break;
      if (start < earliestMs || end > latestMs) continue;
      const cs = wallClock(contractorZone, start);
      const ce = wallClock(contractorZone, end);
      if (!cw.days.includes(cs.weekday)) continue;
      const csMin = cs.minute;
      // An end at exactly local midnight belongs to the day that is ending.
      const sameDay = ce.date === cs.date;
      const ceMin = sameDay ? ce.minute : ce.minute === 0 ? 1440 : Infinity;
      if (csMin < contractorStart || ceMin > contractorEnd) continue;
      yield { interviewer, start, end, contractorDate: cs.date, contractorMinute: csMin };
    }
  }
}

/**
 * The wall clock of an instant in a zone: ISO date, ISO weekday (1 Monday to 7 Sunday) and minute of the day.
 * The instant shifted by the zone's offset, read in UTC: exactly how Luxon derives a DateTime's fields, at a
 * fraction of the cost of building one (the offset comes from the zone's cache).
 */
function wallClock(zone: Zone, ts: number): { date: string; weekday: number; minute: number } {
  const local = new Date(ts + zone.offset(ts) * 60_000);
  const y = local.getUTCFullYear();
  const date = `${y < 0 ? '-' : ''}${String(Math.abs(y)).padStart(4, '0')}-${String(local.getUTCMonth() + 1).padStart(2, '0')}-${String(local.getUTCDate()).padStart(2, '0')}`;
  return { date, weekday: local.getUTCDay() || 7, minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** A local day plus wall-clock minutes; "24:00" is the next midnight. Luxon moves a time in a DST gap forward. */
function atMinute(day: DateTime, minute: number): DateTime {
  if (minute >= 1440) return day.plus({ days: 1 }).startOf('day');
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 });
}

/**
 * Greedy, round-robin over contractor-local days so the offer covers as many days as possible; on each day
 * prefer the least-used interviewer, then the time of day furthest from what is already offered (mornings
 * and evenings both appear), then the earliest. Never two overlapping slots: a contractor chooses a time,
 * not an interviewer, so the same time twice is no choice at all.
 */
function spread(candidates: Candidate[], count: number): Candidate[] {
  const byDay = new Map<string, Candidate[]>();
  for (const c of [...candidates].sort(compareCandidates)) {
    const list = byDay.get(c.contractorDate) ?? [];
    list.push(c);
    byDay.set(c.contractorDate, list);
  }
  const days = [...byDay.keys()].sort();
  const picked: Candidate[] = [];
  const uses = new Map<string, number>();
  while (picked.length < count) {
    let progressed = false;
    for (const day of days) {
      if (picked.length >= count) break;
      let best: { c: Candidate; key: [number, number] } | undefined;
      for (const c of byDay.get(day) ?? []) {
        if (picked.some((p) => overlaps(c.start, c.end, p.start, p.end))) continue;
        const distance = picked.length ? Math.min(...picked.map((p) => Math.abs(p.contractorMinute - c.contractorMinute))) : Number.MAX_SAFE_INTEGER;
        const key: [number, number] = [uses.get(c.interviewer.id) ?? 0, -distance];
        // Candidates are visited in start order, so strict "<" keeps the earliest on a tie.
        if (!best || key[0] < best.key[0] || (key[0] === best.key[0] && key[1] < best.key[1])) best = { c, key };
      }
      if (!best) continue;
      picked.push(best.c);
      uses.set(best.c.interviewer.id, (uses.get(best.c.interviewer.id) ?? 0) + 1);
      progressed = true;
    }
    if (!progressed) break;
  }
  return picked.sort(compareCandidates);
}

function toSlot(c: Candidate, contractorTimeZone: string): Slot {
  const start = DateTime.fromMillis(c.start, { zone: 'utc' });
  const end = DateTime.fromMillis(c.end, { zone: 'utc' });
  return {
    id: `${c.interviewer.id}.${start.toFormat("yyyyMMdd'T'HHmm'Z'")}`,
    start: iso(start),
    end: iso(end),
    interviewerId: c.interviewer.id,
    contractorTimeZone,
    interviewerTimeZone: c.interviewer.timeZone,
    contractorLabel: slotLabel(start, end, contractorTimeZone),
    interviewerLabel: slotLabel(start, end, c.interviewer.timeZone),
  };
}

/**
 * "Tuesday 11 March 2025, 15:00–15:45 (Asia/Kolkata, UTC+05:30)": the zone is spelled out on purpose. In the
 * zone's cached form: slots fall on the same instants for every onboarding of a day, and by name each label
 * asked Intl for the offset twice (the time, then "UTC+05:30").
 */
export function slotLabel(start: DateTime | string, end: DateTime | string, zone: string): string {
  const z = cachedZone(zone);
  const s = (typeof start === 'string' ? parseInstant(start, 'start') : start).setZone(z).setLocale(LABEL_LOCALE);
  const e = (typeof end === 'string' ? parseInstant(end, 'end') : end).setZone(z).setLocale(LABEL_LOCALE);
  const endText = e.toISODate() === s.toISODate() ? e.toFormat('HH:mm') : e.toFormat('cccc d LLLL, HH:mm');
  return `${s.toFormat('cccc d LLLL yyyy, HH:mm')}–${endText} (${zone}, UTC${s.toFormat('ZZ')})`;
}

export function parseInstant(value: string, what: string): DateTime {
  const dt = DateTime.fromISO(value, { setZone: true });
  if (!dt.isValid) throw new RangeError(`${what}: expected an ISO 8601 instant, got "${value}"`);
  return dt.toUTC();
}

function iso(dt: DateTime): string {
  return dt.toUTC().toISO({ suppressMilliseconds: true }) ?? '';
}

function toMillisInterval(i: Interval): { start: number; end: number } {
  return { start: parseInstant(i.start, 'interval start').toMillis(), end: parseInstant(i.end, 'interval end').toMillis() };
}

function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart < bEnd && bStart < aEnd;
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return a.start - b.start || compareText(a.interviewer.id, b.interviewer.id);
}

// Locale-independent ordering, so determinism does not depend on the machine's ICU data.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
