import * as z from '../schemas/zod';
import { freeTextCheck } from '../schemas/common';
import { parseForm, type FormResult } from './form-errors';

export const decisionActionSchema = z.enum(['approve', 'reject', 'request-info'], { error: 'choose approve, reject or ask for more information' });
/** A compliance reviewer's decision on a hold: confirm it (the case ends rejected) or clear it as a false positive. */
export const holdActionSchema = z.enum(['confirm-hold', 'clear-hold'], { error: 'choose to confirm the hold or to clear it as a false positive' });
export type DecisionAction = z.infer<typeof decisionActionSchema> | z.infer<typeof holdActionSchema>;

/**
 * A reviewer's decision from the case page. The reason is required for every action, approvals included:
 * the record must say why a flagged contractor was cleared, not only that they were.
 */
export const decisionFormSchema = z.object({
  action: decisionActionSchema,
  reason: z.string({ error: 'give a reason' }).check(z.trim(), z.minLength(5, 'give a reason of at least a few words'), z.maxLength(2000, 'the reason is limited to 2000 characters'), freeTextCheck()),
  /**
   * What the page the form came from showed (a hidden field, sealed: shared/domain/links/page-view.ts). Opened and
   * judged by the review step, not here: a missing, oversized or forged one is answered with the page as it is now
   * (the form as a whole is capped at 16 KB).
   */
  view: z.optional(z.string()),
});
export type DecisionForm = z.infer<typeof decisionFormSchema>;

export function parseDecisionForm(form: Readonly<Record<string, string>>): FormResult<DecisionForm> {
  return parseForm(decisionFormSchema, form);
}

export const holdFormSchema = z.object({
  action: holdActionSchema,
  reason: z.string({ error: 'give a reason' }).check(z.trim(), z.minLength(10, 'give a written reason of at least a sentence'), z.maxLength(2000, 'the reason is limited to 2000 characters')),
  /** How many of the hold's reasons the page showed (a hidden field): a clearance covers those only. */
  reasonsSeen: z.optional(z.string().check(z.regex(/^\d{1,3}$/, 'reload the page: it did not say how many reasons of the hold it showed'))),
});
export type HoldForm = z.infer<typeof holdFormSchema>;

export function parseHoldForm(form: Readonly<Record<string, string>>): FormResult<HoldForm> {
  return parseForm(holdFormSchema, form);
}
