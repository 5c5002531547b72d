import * as z from '../schemas/zod';
import { freeTextCheck } from '../schemas/common';
import { parseForm, type FormResult } from './form-errors';

/** The contractor's answer to a reviewer's request for more information: text, required. */
export const infoResponseSchema = z.object({
  answer: z.string({ error: 'write your answer' }).check(z.trim(), z.minLength(2, 'write your answer'), z.maxLength(4000, 'the answer is limited to 4000 characters'), freeTextCheck()),
});
export type InfoResponse = z.infer<typeof infoResponseSchema>;

export function parseInfoResponseForm(form: Readonly<Record<string, string>>): FormResult<InfoResponse> {
  return parseForm(infoResponseSchema, form);
}
