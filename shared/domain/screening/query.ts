import * as z from '../schemas/zod';

/** A screening query as the stage or the CLI sends it. Validated at the boundary (CLI, handler). */
export const screeningQuerySchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)),
  otherNames: z.optional(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(300))).check(z.maxLength(20))),
  /** YYYY-MM-DD, YYYY-MM or YYYY. */
  dob: z.optional(z.string().check(z.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'dob must be YYYY-MM-DD, YYYY-MM or YYYY'))),
  /** ISO alpha-2 code or a country name. */
  nationality: z.optional(z.string().check(z.trim(), z.minLength(2), z.maxLength(80))),
  /** The identity document's issuing country (ISO alpha-2 or a name): how its Latin name line was written. */
  documentCountry: z.optional(z.string().check(z.trim(), z.minLength(2), z.maxLength(80))),
  documentNumbers: z.optional(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))).check(z.maxLength(20))),
  emails: z.optional(z.array(z.string().check(z.trim(), z.minLength(3), z.maxLength(254))).check(z.maxLength(20))),
  phones: z.optional(z.array(z.string().check(z.trim(), z.minLength(3), z.maxLength(40))).check(z.maxLength(20))),
  wallets: z.optional(z.array(z.string().check(z.trim(), z.minLength(10), z.maxLength(128))).check(z.maxLength(20))),
  bics: z.optional(z.array(z.string().check(z.trim(), z.minLength(8), z.maxLength(11))).check(z.maxLength(20))),
  type: z.optional(z.enum(['person', 'company'])),
});
export type ScreeningQuery = z.infer<typeof screeningQuerySchema>;

export const identifierQuerySchema = z.object({
  kind: z.enum(['document', 'email', 'phone', 'wallet', 'bic']),
  value: z.string().check(z.trim(), z.minLength(1), z.maxLength(128)),
});
export type IdentifierQuery = z.infer<typeof identifierQuerySchema>;

export const screeningThresholdsSchema = z
  .object({
    potential: z.number().check(z.gte(0), z.lte(1)),
    strong: z.number().check(z.gte(0), z.lte(1)),
  })
  .check(z.refine((t) => t.potential <= t.strong, 'potential threshold must not exceed strong threshold'));
export type ScreeningThresholds = z.infer<typeof screeningThresholdsSchema>;

/**
 * Defaults, chosen with the labelled set in test/screening: an exact name alone scores 0.90 (potential:
 * review), a name plus a matching birth date or any exact identifier scores at or above 0.92 (strong:
 * compliance hold). See scoring in screen-person.ts.
 */
export const defaultScreeningThresholds: ScreeningThresholds = Object.freeze({ potential: 0.8, strong: 0.92 });
