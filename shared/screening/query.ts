import * as z from 'zod';

/** A screening query as the stage or the CLI sends it. Validated at the boundary (CLI, handler). */
export const screeningQuerySchema = z.object({
  name: z.string().trim().min(1).max(300),
  otherNames: z.array(z.string().trim().min(1).max(300)).max(20).optional(),
  /** YYYY-MM-DD, YYYY-MM or YYYY. */
  dob: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'dob must be YYYY-MM-DD, YYYY-MM or YYYY')
    .optional(),
  /** ISO alpha-2 code or a country name. */
  nationality: z.string().trim().min(2).max(80).optional(),
  documentNumbers: z.array(z.string().trim().min(1).max(64)).max(20).optional(),
  emails: z.array(z.string().trim().min(3).max(254)).max(20).optional(),
  phones: z.array(z.string().trim().min(3).max(40)).max(20).optional(),
  wallets: z.array(z.string().trim().min(10).max(128)).max(20).optional(),
  bics: z.array(z.string().trim().min(8).max(11)).max(20).optional(),
  type: z.enum(['person', 'company']).optional(),
});
export type ScreeningQuery = z.infer<typeof screeningQuerySchema>;

export const identifierQuerySchema = z.object({
  kind: z.enum(['document', 'email', 'phone', 'wallet', 'bic']),
  value: z.string().trim().min(1).max(128),
});
export type IdentifierQuery = z.infer<typeof identifierQuerySchema>;

export const screeningThresholdsSchema = z
  .object({
    potential: z.number().min(0).max(1),
    strong: z.number().min(0).max(1),
  })
  .refine((t) => t.potential <= t.strong, 'potential threshold must not exceed strong threshold');
export type ScreeningThresholds = z.infer<typeof screeningThresholdsSchema>;

/**
 * Defaults, chosen with the labelled set in test/screening: an exact name alone scores 0.90 (potential:
 * review), a name plus a matching birth date or any exact identifier scores at or above 0.92 (strong:
 * compliance hold). See scoring in screen-person.ts.
 */
export const defaultScreeningThresholds: ScreeningThresholds = Object.freeze({ potential: 0.8, strong: 0.92 });
