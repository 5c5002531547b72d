import * as z from '../schemas/zod';
import type { InterviewProgress } from './interview-progress';

/**
 * What a pending callback keeps between clicks, per step, parsed with zod when read (the item comes from the
 * table, not from this code): the interview's proposals, bookings and history, or the information round's
 * request. A malformed item is an error naming the field, never a cast.
 */
const slotSchema = z.object({
  id: z.string(),
  start: z.string(),
  end: z.string(),
  interviewerId: z.string(),
  contractorTimeZone: z.string(),
  interviewerTimeZone: z.string(),
  contractorLabel: z.string(),
  interviewerLabel: z.string(),
});

const interviewEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('other-times'), at: z.string() }),
  z.object({ type: z.literal('scheduled'), at: z.string(), slotStart: z.string() }),
  z.object({ type: z.literal('no-show'), at: z.string() }),
  z.object({ type: z.literal('cancelled'), at: z.string() }),
  z.object({ type: z.literal('held'), at: z.string() }),
]);

export const interviewProgressSchema = z.object({
  kind: z._default(z.literal('interview'), 'interview'),
  rounds: z.array(z.array(slotSchema)),
  history: z.array(interviewEventSchema),
  booked: z.optional(z.object({ slot: slotSchema, meetingUrl: z.string(), meetingId: z.string(), sequence: z.number() })),
  indicated: z.array(z.object({ start: z.string(), end: z.optional(z.string()) })),
});

export const informationProgressSchema = z.object({
  kind: z._default(z.literal('information'), 'information'),
  request: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
});
export type InformationProgress = { request: string; requestedBy: string; requestedAt: string };

/** The progress of any step, told apart by `kind`. */
export const callbackProgressSchema = z.discriminatedUnion('kind', [interviewProgressSchema, informationProgressSchema]);

export class MalformedProgress extends Error {
  override readonly name = 'MalformedProgress';
}

function malformed(what: string, issues: readonly { path: readonly PropertyKey[] }[]): MalformedProgress {
  return new MalformedProgress(`${what} progress is malformed at ${issues.map((i) => i.path.map(String).join('.') || '(root)').join(', ')}`);
}

export function interviewProgressOf(progress: unknown): InterviewProgress {
  const out = interviewProgressSchema.safeParse(progress);
  if (!out.success) throw malformed('interview', out.error.issues);
  const { kind: _k, booked, ...p } = out.data;
  return { ...p, ...(booked ? { booked } : {}) };
}

export function informationProgressOf(progress: unknown): InformationProgress {
  const out = informationProgressSchema.safeParse(progress);
  if (!out.success) throw malformed('information', out.error.issues);
  const { kind: _k, ...p } = out.data;
  return p;
}

/** What goes on the item: the progress with its kind. */
export function storedProgress(kind: 'interview', p: InterviewProgress): Record<string, unknown>;
export function storedProgress(kind: 'information', p: InformationProgress): Record<string, unknown>;
export function storedProgress(kind: 'interview' | 'information', p: InterviewProgress | InformationProgress): Record<string, unknown> {
  return { kind, ...p };
}
