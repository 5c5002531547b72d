import * as z from '../schemas/zod';
import { email, shortText, timeZone } from '../schemas/common';
import { minutesOfDay, timeOfDaySchema, WORK_DAYS, weekdaySchema } from './time-of-day';

/** A daily window on given weekdays, read in some time zone (the interviewer's or the contractor's). */
const dailyWindow = (defaults?: { days: number[]; start: string; end: string }) => {
  const base = z.strictObject({
    days: z.array(weekdaySchema).check(
      z.minLength(1),
      z.maxLength(7),
      z.refine((d) => new Set(d).size === d.length, 'days must not repeat'),
    ),
    start: timeOfDaySchema,
    end: timeOfDaySchema,
  });
  // Windows that wrap past midnight are refused: a daytime window never needs one, and refusing keeps
  // "is this instant inside the window" a simple comparison.
  const checked = base.check(
    z.refine((w) => minutesOfDay(w.start) < minutesOfDay(w.end), {
      message: 'start must be before end (windows do not wrap past midnight)',
      path: ['end'],
    }),
  );
  return defaults ? z._default(checked, defaults) : checked;
};

export const workingHoursSchema = dailyWindow();
export type WorkingHours = z.infer<typeof workingHoursSchema>;

export const interviewerSchema = z.strictObject({
  /** Stable id, safe in URLs and HTML attribute values (it ends up in slot ids and form values). */
  id: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'expected 1 to 64 letters, digits, "-" or "_"')),
  name: shortText(200),
  email,
  timeZone,
  workingHours: workingHoursSchema,
});
export type Interviewer = z.infer<typeof interviewerSchema>;

/**
 * Where the video call happens. Jitsi is the default because a room is just a hard-to-guess URL: no
 * account, no API call, nothing to provision. The others need an adapter with credentials (see meeting.ts).
 */
export const meetingProviderConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('jitsi'),
    baseUrl: z._default(z.url({ protocol: /^https$/, message: 'expected an https URL such as "https://meet.jit.si"' }), 'https://meet.jit.si'),
    roomPrefix: z._default(z.string().check(z.regex(/^[a-z][a-z0-9-]{0,30}$/)), 'vetflow'),
  }),
  z.strictObject({ kind: z.literal('zoom') }),
  z.strictObject({ kind: z.literal('teams') }),
  z.strictObject({ kind: z.literal('google-meet') }),
]);
export type MeetingProviderConfig = z.infer<typeof meetingProviderConfigSchema>;

export const interviewConfigSchema = z.strictObject({
  interviewers: z.array(interviewerSchema).check(
    z.minLength(1),
    z.maxLength(200),
    z.refine((list) => new Set(list.map((i) => i.id)).size === list.length, 'interviewer ids must be unique'),
  ),
  slotMinutes: z._default(z.number().check(z.int(), z.gte(15), z.lte(180)), 45),
  /** Candidate starts are this far apart inside a working window (09:00, 09:30, ...). */
  slotStepMinutes: z._default(z.union([5, 10, 15, 20, 30, 60].map((n) => z.literal(n))), 30),
  horizonDays: z._default(z.number().check(z.int(), z.gte(1), z.lte(60)), 10),
  /** No slot starts sooner than this after the proposal, so the contractor has time to read the email. */
  minNoticeHours: z._default(z.number().check(z.int(), z.gte(0), z.lte(336)), 24),
  /** How many slots one proposal offers. */
  proposalCount: z._default(z.number().check(z.int(), z.gte(1), z.lte(20)), 6),
  /**
   * The hours we are willing to ask of the contractor, in their claimed time zone. Proposing only daytime
   * is what makes the night-time rule fair: anyone really living there can take one of these slots.
   */
  contractorHours: dailyWindow({ days: [...WORK_DAYS], start: '08:00', end: '21:00' }),
  /** Local hours that count as night for the night-time rule (wraps past midnight by design). */
  nightHours: z._default(z.strictObject({ start: timeOfDaySchema, end: timeOfDaySchema }), { start: '22:00', end: '06:00' }),
  meetingProvider: z._default(meetingProviderConfigSchema, {
    kind: 'jitsi',
    baseUrl: 'https://meet.jit.si',
    roomPrefix: 'vetflow',
  }),
});
export type InterviewConfig = z.infer<typeof interviewConfigSchema>;
export type InterviewConfigInput = z.input<typeof interviewConfigSchema>;

/** Parse once at cold start; a bad configuration fails with the offending path named. */
export function parseInterviewConfig(input: unknown): InterviewConfig {
  return z.parse(interviewConfigSchema, input);
}
