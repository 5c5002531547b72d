import { config, memoizer, pipe, transform, type ZodMiniType } from 'zod/mini';
import * as core from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';

/**
 * The zod every vetflow module uses: zod/mini, with the two defaults the full `zod` package would have set.
 *
 * Why mini: the full package puts about 95 KB into every bundle whatever a function uses (each schema
 * carries every method, `.toJSONSchema()` included, so nothing can be tree-shaken), and its schemas are
 * slower to build at cold start. zod/mini is the same parser (zod/v4/core: same checks, same issues, same
 * messages) behind functions instead of methods: `z.string().min(1).optional()` is written
 * `z.optional(z.string().check(z.minLength(1)))`, and a bundle carries only what it calls.
 *
 * The defaults, set here before any schema is built (every module imports zod from this file):
 * - English messages ("Too small: expected string to have >=1 characters"); mini has none by default.
 * - The memoizer that lets objects and arrays parse inputs with cycles, which the full package installs.
 */
config(en());
config({ memoizer: memoizer() });

export * from 'zod/mini';

/**
 * Errors thrown by {@link parse} are named "ZodError", as the full package names them (and `instanceof` its
 * `ZodError`); mini's would be "$ZodError". A thrown parse error reaches logs and the workflow by name.
 */
const ZodRealError: core.$ZodErrorClass = core.$constructor(
  'ZodError',
  (inst: core.$ZodError, issues: core.$ZodIssue[]) => {
    const base: { init(inst: unknown, issues: unknown): void } = core.$ZodError;
    base.init(inst, issues);
    inst.name = 'ZodError';
  },
  undefined,
  { Parent: Error },
) as unknown as core.$ZodErrorClass;

/** Parses or throws, like the full package's `schema.parse(value)`: write `z.parse(schema, value)`. */
export const parse: core.$Parse = core._parse(ZodRealError);

/** What `preprocess` returns: typed as the full package types its `ZodPreprocess` (optional if `U` is). */
export interface ZodMiniPreprocess<U extends core.SomeType> extends ZodMiniType<core.output<U>, unknown, core.$ZodPreprocessInternals<U, unknown>> {}

/** `z.preprocess` of the full package: the same pipe of a transform into the schema (mini has no shorthand). */
export function preprocess<U extends core.SomeType>(fn: (value: unknown, ctx: core.ParsePayload) => unknown, schema: U): ZodMiniPreprocess<U> {
  return pipe(transform(fn), schema as unknown as core.$ZodType) as unknown as ZodMiniPreprocess<U>;
}

/** Any schema (the full package's `z.ZodType`). */
export type ZodSchema = ZodMiniType;
