import { createHmac } from 'node:crypto';
import { GetSecretValueCommand, secretsClient } from '../adapters/aws/secrets-manager';
import * as z from '../domain/schemas/zod';

/**
 * The keys behind every keyed hash: link tokens, CSRF tokens, applicant fingerprints and webhook
 * signatures. One generated master key is stored in Secrets Manager; purpose keys are derived from it so a
 * key used for one purpose never serves another. Fetched once per execution environment; no key appears in
 * the environment, a log or the template.
 */
const secretSchema = z.object({ masterKey: z.string().check(z.minLength(32)) });

export interface VetflowKeys {
  linkKey: Buffer;
  fingerprintKey: Buffer;
  webhookKey: Buffer;
  /** Seals the queue's paging cursors (shared/domain/http/list-cursor.ts). */
  cursorKey: Buffer;
}

export function deriveKeys(masterKey: string): VetflowKeys {
  const derive = (purpose: string) => createHmac('sha256', masterKey).update(`vetflow:${purpose}:v1`).digest();
  return { linkKey: derive('link'), fingerprintKey: derive('fingerprint'), webhookKey: derive('webhook'), cursorKey: derive('cursor') };
}

let pending: Promise<VetflowKeys> | undefined;

export function loadKeys(secretArn: string): Promise<VetflowKeys> {
  pending ??= secretsClient()
    .send(new GetSecretValueCommand({ SecretId: secretArn }))
    .then((out) => {
      const parsed = secretSchema.safeParse(JSON.parse(out.SecretString ?? '{}'));
      if (!parsed.success) throw new Error(`secret ${secretArn} does not hold a masterKey of 32+ characters`);
      return deriveKeys(parsed.data.masterKey);
    })
    .catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
  return pending;
}
