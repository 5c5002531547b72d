import * as z from '../domain/schemas/zod';

/**
 * Configuration every function reads once at cold start. A missing or malformed variable fails the cold
 * start with a message naming it, instead of failing later in the middle of an onboarding.
 */
const envSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  STATE_MACHINE_ARN: z.optional(z.string().check(z.minLength(1))),
  /** The re-screening's full-pass state machine (AWS). */
  RESCREEN_STATE_MACHINE_ARN: z.optional(z.string().check(z.minLength(1))),
  /**
   * Where a full pass runs: `step-functions` (default with the ARN above) or `in-process` (the local runtime,
   * whose engine runs no Distributed Map: the refresh function runs the same page function over every partition).
   */
  RESCREEN_FULL_PASS: z.optional(z.enum(['step-functions', 'in-process'])),
  DOCUMENTS_BUCKET: z.optional(z.string().check(z.minLength(1))),
  SECRET_ARN: z.string().check(z.minLength(1)),
  PUBLIC_BASE_URL: z.optional(z.url()),
  MAIL_FROM: z.optional(z.email()),
  SANCTIONS_DATA_DIR: z.optional(z.string().check(z.minLength(1))),
  SANCTIONS_BUCKET: z.optional(z.string().check(z.minLength(1))),
  /** The local runtime's downloaded copy of the lists (.vetflow/sanctions), kept fresh by its daily refresh. */
  SANCTIONS_CACHE_DIR: z.optional(z.string().check(z.minLength(1))),
  /** The snapshot committed in the repository, shipped in the bundle: the last resort (shared/adapters/sanctions-lists/snapshot). */
  SANCTIONS_SNAPSHOT_DIR: z.optional(z.string().check(z.minLength(1))),
  /** The HRIS endpoint told about every status change (signed webhook). */
  WEBHOOK_URL: z.optional(z.url()),
  /** Webhook attempts (the prompt one included) before a status change goes to the dead letters. */
  WEBHOOK_MAX_ATTEMPTS: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(50))),
  /** First retry delay of a failed webhook (doubling, with jitter, up to the cap). */
  WEBHOOK_RETRY_BASE_SECONDS: z.optional(z.coerce.number().check(z.int(), z.gte(1))),
  WEBHOOK_RETRY_CAP_SECONDS: z.optional(z.coerce.number().check(z.int(), z.gte(1))),
  /** Timeout of the prompt webhook attempt, made by the function that changed the status (default 3 s). */
  WEBHOOK_PROMPT_TIMEOUT_MS: z.optional(z.coerce.number().check(z.int(), z.gte(100), z.lte(60_000))),
  /** The EventBridge bus status changes are published to (AWS). */
  EVENT_BUS_NAME: z.optional(z.string().check(z.minLength(1))),
  /** Folder with the ip-location-db CSVs (country and ASN) for the platform-signal rules. */
  IP_DATA_DIR: z.optional(z.string().check(z.minLength(1))),
  POWERTOOLS_SERVICE_NAME: z._default(z.string(), 'vetflow'),
});
export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (cached && source === process.env) return cached;
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`vetflow configuration is invalid: ${problems}`);
  }
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}

export function requireSetting<K extends keyof Env>(env: Env, key: K): NonNullable<Env[K]> {
  const value = env[key];
  if (value === undefined || value === null) throw new Error(`vetflow configuration is missing ${String(key)}`);
  return value as NonNullable<Env[K]>;
}
