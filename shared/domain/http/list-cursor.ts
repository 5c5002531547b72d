import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The queue's paging cursor, sealed (AES-256-GCM) for the client and status it was given for: opaque to its holder
 * (the index key inside may be another client's case) and refused under another client or status.
 */
export function sealCursor(key: Buffer, binding: string, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(binding, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The value sealed in a cursor given for this binding; undefined for anything else (forged, altered, another client's). */
export function openCursor(key: Buffer, binding: string, raw: string): unknown {
  try {
    const bytes = Buffer.from(raw, 'base64url');
    if (bytes.length < 29) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(binding, 'utf8'));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8'));
  } catch {
    return undefined;
  }
}
