import * as z from '../schemas/zod';
import { freeTextCheck } from '../schemas/common';
import { parseForm, type FormResult } from './form-errors';

export const decisionActionSchema = z.enum(['approve', 'reject', 'request-info'], { error: 'choose approve, reject or ask for more information' });
export type DecisionAction = z.infer<typeof decisionActionSchema>;

/**
 * A reviewer's decision from the case page. The reason is required for every action, approvals included:
 * the record must say why a flagged contractor was cleared, not only that they were.
 */
export const decisionFormSchema = z.object({
  action: decisionActionSchema,
  reason: z
    .string({ error: 'give a reason' })
    .check(z.trim(), z.minLength(5, 'give a reason of at least a few words'), z.maxLength(2000, 'the reason is limited to 2000 characters'), freeTextCheck()),
});
export type DecisionForm = z.infer<typeof decisionFormSchema>;

export function parseDecisionForm(form: Readonly<Record<string, string>>): FormResult<DecisionForm> {
  return parseForm(decisionFormSchema, form);
}
