import type * as z from '../schemas/zod';

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** First message per top-level field, keyed by the form field name, for FormState.errors. */
export function formErrors(error: z.core.$ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}

export function parseForm<S extends z.ZodSchema>(schema: S, form: Readonly<Record<string, string>>): FormResult<z.infer<S>> {
  const r = schema.safeParse(form);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: formErrors(r.error) };
}
