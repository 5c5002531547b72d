import * as z from '../schemas/zod';

/**
 * The interview stage's evidence data as stored over time: outcomes recorded before the face-swap protocol
 * (no version: 1) have fewer rows and no phrase. Read with defaults, so every stored outcome still shows.
 */
export const storedInterviewDataSchema = z.object({
  answers: z._default(z.array(z.object({ question: z.string(), answer: z.string() })), []),
  step: z.optional(z.string()),
  protocolVersion: z._default(z.number(), 1),
  phrase: z.optional(z.string()),
});
export type StoredInterviewData = z.infer<typeof storedInterviewDataSchema>;

export function readStoredInterviewData(data: unknown): StoredInterviewData {
  const r = storedInterviewDataSchema.safeParse(data ?? {});
  return r.success ? r.data : { answers: [], protocolVersion: 1 };
}
