import * as z from '../schemas/zod';
import { freeTextCheck, isoDate, singleLineCheck } from '../schemas/common';
import { parseForm, type FormResult } from './form-errors';

const answer = z.enum(['yes', 'no', 'unsure'], { error: 'choose yes, no or unsure' });
const optional = <T extends z.ZodSchema>(s: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.optional(s));

/**
 * A former employer's answer. Only facts an employer can confirm from records (did they work here, in this
 * role, on these dates); no opinion questions, which references are often not allowed to answer.
 */
export const referenceResponseSchema = z
  .object({
    knowsPerson: answer,
    roleConfirmed: answer,
    datesConfirmed: answer,
    actualRole: optional(z.string().check(z.trim(), z.maxLength(200), singleLineCheck())),
    actualStartDate: optional(isoDate),
    actualEndDate: optional(isoDate),
    refereeJobTitle: z.string({ error: 'tell us your own role' }).check(z.trim(), z.minLength(2, 'tell us your own role'), z.maxLength(200), singleLineCheck()),
    remarks: optional(z.string().check(z.trim(), z.maxLength(4000), freeTextCheck())),
  })
  .check(
    z.superRefine((r, ctx) => {
      if (r.actualStartDate && r.actualEndDate && r.actualEndDate < r.actualStartDate) ctx.addIssue({ code: 'custom', path: ['actualEndDate'], message: 'the end date is before the start date' });
    }),
  );
export type ReferenceResponse = z.infer<typeof referenceResponseSchema>;

export function parseReferenceForm(form: Readonly<Record<string, string>>): FormResult<ReferenceResponse> {
  return parseForm(referenceResponseSchema, form);
}
